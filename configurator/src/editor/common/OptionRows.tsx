import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row } from 'antd';
import type { Text } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';

interface Option {
  value: string | number | boolean;
  label: Text;
}

/** The options of a choice, each a value and its label in both languages, with add and delete;
 * an edited value becomes text. */
export function OptionRows<O extends Option>({
  options,
  onChange,
}: {
  options: O[];
  onChange: (options: (O | { value: string; label: Text })[]) => void;
}) {
  const { t } = useI18n();
  const setOne = (index: number, option: O | { value: string; label: Text }) =>
    onChange(options.map((old, i) => (i === index ? option : old)));
  return (
    <>
      {options.map((option, index) => (
        <Row key={index} gutter={8} className="option-row">
          <Col span={6}>
            <Input
              addonBefore={t('optionValue')}
              value={String(option.value)}
              onChange={(e) => setOne(index, { ...option, value: e.target.value })}
            />
          </Col>
          <Col span={8}>
            <Input
              addonBefore={t('zhShort')}
              value={option.label.zh}
              onChange={(e) => setOne(index, { ...option, label: { ...option.label, zh: e.target.value } })}
            />
          </Col>
          <Col span={8}>
            <Input
              addonBefore={t('enShort')}
              value={option.label.en}
              onChange={(e) => setOne(index, { ...option, label: { ...option.label, en: e.target.value } })}
            />
          </Col>
          <Col span={2}>
            <Button
              aria-label={t('delete')}
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange(options.filter((_, i) => i !== index))}
            />
          </Col>
        </Row>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange([...options, { value: `option_${options.length + 1}`, label: { zh: '', en: '' } }])}
      >
        {t('addOption')}
      </Button>
    </>
  );
}
