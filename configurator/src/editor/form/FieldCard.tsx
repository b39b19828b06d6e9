import { Button, Card, Col, Form, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import {
  fieldKind,
  optionsOf,
  withKind,
  type FieldKind,
  type FieldOption,
  type FieldView,
} from '../../document/formDocument';
import type { FieldSchema, FieldUi, Text } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { OptionRows } from '../common/OptionRows';
import { TextField } from '../common/TextField';
import { useDictionaries } from '../DictionariesContext';
import { ProblemsAt } from '../problems/ProblemsContext';

const KINDS: FieldKind[] = ['string', 'number', 'integer', 'boolean', 'date'];
const FORMATS = ['cn-resident-id', 'cn-mobile', 'cn-uscc', 'cn-region-code'] as const;

interface Props {
  field: FieldView;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onSchema: (schema: FieldSchema) => void;
  onUi: (ui: FieldUi) => void;
  onRequired: (required: boolean) => void;
  onOptions: (options: FieldOption[]) => void;
  onEditCondition: () => void;
}

export function FieldCard(props: Props) {
  const { field, index, count, onMove, onRemove, onSchema, onUi, onRequired, onEditCondition } = props;
  const { t } = useI18n();
  const { dataElements } = useDictionaries();
  const { schema, ui } = field;
  const kind = fieldKind(schema);
  const isElement = dataElements.some((e) => e.key === field.name);
  const anchor = `field-${field.name}`;
  const text = (value: Text | undefined) => (value && (value.zh || value.en) ? value : undefined);

  return (
    <Card
      id={anchor}
      data-field={field.name}
      className="section field-card"
      title={
        <Space wrap>
          <span>{schema.title || field.name}</span>
          <Typography.Text type="secondary" code>
            {field.name}
          </Typography.Text>
          <Tag color={isElement ? 'blue' : 'default'}>{isElement ? t('elementField') : t('customField')}</Tag>
          {field.required && <Tag color="red">{t('required')}</Tag>}
        </Space>
      }
      extra={<ItemActions index={index} count={count} onMove={onMove} onRemove={onRemove} />}
    >
      <ProblemsAt anchor={anchor} />
      <TextField
        label={t('fieldTitle')}
        help={t('fieldTitleHelp')}
        required
        value={{ zh: schema.title ?? '', en: schema['x-title-en'] ?? '' }}
        onChange={(v) => onSchema({ ...schema, title: v.zh, 'x-title-en': v.en })}
        path={`/form/schema/properties/${field.name}/title`}
      />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('fieldType')} extra={t('fieldTypeHelp')}>
            <Select<FieldKind>
              aria-label={t('fieldType')}
              value={kind}
              onChange={(next) => onSchema(withKind(schema, next))}
              options={KINDS.map((k) => ({ value: k, label: t(`type_${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('fieldFormat')} extra={t('fieldFormatHelp')}>
            <Select
              aria-label={t('fieldFormat')}
              disabled={kind !== 'string'}
              value={kind === 'string' ? (schema.format ?? '') : ''}
              onChange={(format: string) => {
                const { format: _old, ...rest } = schema;
                onSchema(format ? { ...rest, format } : rest);
              }}
              options={[
                { value: '', label: t('format_none') },
                ...FORMATS.map((f) => ({ value: f, label: t(`format_${f}`) })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('fieldRequired')} extra={t('fieldRequiredHelp')}>
            <Switch
              checked={field.required}
              onChange={onRequired}
              checkedChildren={t('required')}
              unCheckedChildren={t('optional')}
            />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'string' && <OptionsEditor field={field} onOptions={props.onOptions} />}
      <TextField
        label={t('fieldHelp')}
        help={t('fieldHelpHelp')}
        multiline
        value={ui['ui:help']}
        onChange={(v) => onUi({ 'ui:help': text(v) })}
        path={`/form/ui/${field.name}/ui:help`}
      />
      <TextField
        label={t('fieldPlaceholder')}
        help={t('fieldPlaceholderHelp')}
        value={ui['ui:placeholder']}
        onChange={(v) => onUi({ 'ui:placeholder': text(v) })}
      />
      <Form.Item label={t('visibleWhen')}>
        <Space>
          <Typography.Text>
            {ui['ui:visibleWhen'] === undefined ? t('alwaysVisible') : t('visibleOnCondition')}
          </Typography.Text>
          <Button onClick={onEditCondition}>{t('editCondition')}</Button>
        </Space>
      </Form.Item>
    </Card>
  );
}

function OptionsEditor({ field, onOptions }: { field: FieldView; onOptions: (options: FieldOption[]) => void }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('fieldOptions')} extra={t('fieldOptionsHelp')}>
      <OptionRows options={optionsOf(field)} onChange={onOptions} />
    </Form.Item>
  );
}
