import { Empty, Form } from 'antd';
import {
  changeField,
  changeFieldUi,
  fieldsOf,
  moveField,
  removeField,
  setOptions,
  setRequired,
  type FieldOption,
} from '../../document/formDocument';
import type { FieldSchema, FieldUi, Form as MatterForm } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import type { Location } from '../problems/problemLocation';
import type { TabProps } from '../tabProps';
import { AddFieldBar } from './AddFieldBar';
import { FieldCard } from './FieldCard';

export function FormTab({ matter, onChange, onGoTo }: TabProps & { onGoTo: (location: Location) => void }) {
  const { t } = useI18n();
  const fields = fieldsOf(matter.form);
  const setForm = (form: MatterForm) => onChange({ ...matter, form });

  return (
    <Form layout="vertical" className="tab-body">
      <Section anchor="form" title={t('sectionForm')}>
        <p className="help">{t('formHelp')}</p>
        <AddFieldBar form={matter.form} onChange={setForm} />
      </Section>
      {fields.length === 0 && <Empty description={t('noFields')} />}
      {fields.map((field, index) => (
        <FieldCard
          key={field.name}
          field={field}
          index={index}
          count={fields.length}
          onMove={(delta) => setForm(moveField(matter.form, field.name, delta))}
          onRemove={() => setForm(removeField(matter.form, field.name))}
          onSchema={(schema: FieldSchema) => setForm(changeField(matter.form, field.name, schema))}
          onUi={(ui: FieldUi) => setForm(changeFieldUi(matter.form, field.name, ui))}
          onRequired={(required) => setForm(setRequired(matter.form, field.name, required))}
          onOptions={(options: FieldOption[]) => setForm(setOptions(matter.form, field.name, options))}
          onEditCondition={() => onGoTo({ tab: 'rules', anchor: `visible-${field.name}` })}
        />
      ))}
    </Form>
  );
}
