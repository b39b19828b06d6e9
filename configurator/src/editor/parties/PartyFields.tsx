import { Form, Input, Radio, Select, Space, Switch } from 'antd';
import { fieldsOf } from '../../document/formDocument';
import type { Matter, Party, PartyRole } from '../../document/matter';
import { fieldOwners, withOwnField, withRole } from '../../document/parties';
import { useI18n } from '../../i18n/I18nProvider';
import { TextField } from '../common/TextField';
import { useProblemsAt } from '../problems/ProblemsContext';

interface Props {
  matter: Matter;
  index: number;
  onChange: (party: Party) => void;
}

const RESIDENT_ID = 'cn-resident-id';

/** The problems about a value, as a form item shows them. */
function useItemProblems(path: string): { validateStatus?: 'error' | 'warning'; help?: string } {
  const { status, help } = useProblemsAt(path);
  return status ? { validateStatus: status, help } : {};
}

/** One party's id, name, role, fields and confirmation. Fields are picked from the form; one
 * another party owns already says so. */
export function PartyFields({ matter, index, onChange }: Props) {
  const { t, pick } = useI18n();
  const parties = matter.parties ?? [];
  const party = parties[index] as Party;
  const path = `/parties/${index}`;
  const fields = fieldsOf(matter.form);
  const owners = fieldOwners(parties);
  const partyName = (id: string) => pick(parties.find((p) => p.id === id)?.name) || id;
  const label = (name: string, title?: string) => (title ? `${title}（${name}）` : name);
  const othersOf = (name: string) => (owners.get(name) ?? []).filter((id) => id !== party.id);
  const ownOptions = fields.map((f) => {
    const others = othersOf(f.name);
    const owned = others.length ? ` · ${t('fieldOwnedBy', { party: others.map(partyName).join('、') })}` : '';
    return { value: f.name, label: `${label(f.name, f.schema.title)}${owned}` };
  });
  const identityOptions = fields
    .filter((f) => f.schema.format === RESIDENT_ID || f.name === party.identity_field)
    .map((f) => ({ value: f.name, label: label(f.name, f.schema.title) }));
  const nameOptions = fields
    .filter((f) => (f.schema.type ?? 'string') === 'string' && f.schema.format !== RESIDENT_ID)
    .map((f) => ({ value: f.name, label: label(f.name, f.schema.title) }));
  const applicant = party.role !== 'subject';

  return (
    <>
      <Space size="large" wrap className="full-width">
        <Form.Item label={t('partyId')} extra={t('partyIdHelp')} {...useItemProblems(`${path}/id`)}>
          <Input
            aria-label={t('partyId')}
            value={party.id}
            onChange={(e) => onChange({ ...party, id: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('partyRole')} {...useItemProblems(`${path}/role`)}>
          <Radio.Group
            aria-label={t('partyRole')}
            value={party.role}
            onChange={(e) => onChange(withRole(party, e.target.value as PartyRole))}
            options={(['applicant', 'subject'] as const).map((role) => ({ value: role, label: t(`role_${role}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('partyRequired')} {...useItemProblems(`${path}/required`)}>
          <Switch
            aria-label={t('partyRequired')}
            checked={party.required ?? true}
            disabled={!applicant}
            onChange={(required) => onChange({ ...party, required })}
          />
        </Form.Item>
      </Space>
      <p className="help">{t('partyRoleHelp')}</p>
      <TextField
        label={t('partyName')}
        help={t('partyNameHelp')}
        required
        value={party.name}
        onChange={(name) => onChange({ ...party, name })}
        path={`${path}/name`}
      />
      <Space size="large" wrap className="full-width party-selects">
        <Form.Item
          label={t('partyIdentityField')}
          extra={t('partyIdentityFieldHelp')}
          {...useItemProblems(`${path}/identity_field`)}
        >
          <Select
            allowClear
            aria-label={t('partyIdentityField')}
            className="party-identity-field"
            value={party.identity_field}
            onChange={(field?: string) => onChange(withOwnField(party, 'identity_field', field))}
            options={identityOptions}
          />
        </Form.Item>
        <Form.Item
          label={t('partyNameField')}
          extra={t('partyNameFieldHelp')}
          {...useItemProblems(`${path}/name_field`)}
        >
          <Select
            allowClear
            aria-label={t('partyNameField')}
            className="party-name-field"
            value={party.name_field}
            onChange={(field?: string) => onChange(withOwnField(party, 'name_field', field))}
            options={nameOptions}
          />
        </Form.Item>
      </Space>
      <Form.Item label={t('partyFields')} extra={t('partyFieldsHelp')} {...useItemProblems(`${path}/fields`)}>
        <Select
          mode="multiple"
          aria-label={t('partyFields')}
          className="party-fields"
          value={party.fields ?? []}
          onChange={(own: string[]) => onChange({ ...party, fields: own })}
          options={ownOptions}
          optionFilterProp="label"
        />
      </Form.Item>
      {applicant && (
        <TextField
          label={t('partyConfirm')}
          help={t('partyConfirmHelp')}
          required
          multiline
          value={party.confirm}
          onChange={(confirm) => onChange({ ...party, confirm })}
          path={`${path}/confirm`}
        />
      )}
    </>
  );
}
