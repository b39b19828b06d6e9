import { Col, Form, Input, Row } from 'antd';
import type { Text } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useProblemsAt } from '../problems/ProblemsContext';

interface Props {
  label: string;
  help?: string;
  value: Text | undefined;
  onChange: (value: Text) => void;
  multiline?: boolean;
  required?: boolean;
  /** Where the text is in the document: its problems are shown under it. */
  path?: string;
}

/** A text in Chinese (what citizens read) and English, side by side. */
export function TextField({ label, help, value, onChange, multiline, required, path }: Props) {
  const { t } = useI18n();
  const problems = useProblemsAt(path);
  const text = value ?? { zh: '', en: '' };
  const Control = multiline ? Input.TextArea : Input;
  const rows = multiline ? { autoSize: { minRows: 2, maxRows: 8 } } : {};
  return (
    <Form.Item
      label={label}
      extra={help}
      required={required}
      className="text-field"
      validateStatus={problems.status}
      help={problems.help}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Control
            {...rows}
            aria-label={`${label} ${t('chinese')}`}
            addonBefore={multiline ? undefined : t('zhShort')}
            placeholder={t('chinese')}
            value={text.zh}
            onChange={(e) => onChange({ ...text, zh: e.target.value })}
            data-lang="zh"
          />
        </Col>
        <Col xs={24} md={12}>
          <Control
            {...rows}
            aria-label={`${label} ${t('english')}`}
            addonBefore={multiline ? undefined : t('enShort')}
            placeholder={t('english')}
            value={text.en}
            onChange={(e) => onChange({ ...text, en: e.target.value })}
            data-lang="en"
          />
        </Col>
      </Row>
    </Form.Item>
  );
}
