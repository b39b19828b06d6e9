import { Col, Form, Row, Select, Tag } from 'antd';
import { fieldsOf } from '../../document/formDocument';
import type { Matter, Party } from '../../document/matter';
import { fieldOwners, withOwnField } from '../../document/parties';
import { useI18n } from '../../i18n/I18nProvider';
import { useItemProblems } from '../common/useItemProblems';
import { fieldLabel } from './partyOptions';

interface Props {
  matter: Matter;
  index: number;
  onChange: (party: Party) => void;
}

const RESIDENT_ID = 'cn-resident-id';

/** A party's identity field, name field and own fields, picked from the form's fields; a field
 * another party owns already says so (a field belongs to one party at most). */
export function PartyFieldSelects({ matter, index, onChange }: Props) {
  const { t, pick } = useI18n();
  const parties = matter.parties ?? [];
  const party = parties[index] as Party;
  const path = `/parties/${index}`;
  const fields = fieldsOf(matter.form);
  const owners = fieldOwners(parties);
  const others = (field: string) =>
    (owners.get(field) ?? [])
      .filter((id) => id !== party.id)
      .map((id) => pick(parties.find((p) => p.id === id)?.name) || id);
  const label = (field: string) => fieldLabel(field, fields.find((f) => f.name === field)?.schema, pick);
  const option = (field: string) => ({ value: field, label: label(field) });
  const note = (field: string) => {
    const owned = others(field);
    return owned.length ? t('fieldOwnedBy', { party: owned.join('、') }) : '';
  };
  const ownOptions = fields.map(({ name }) => ({
    value: name,
    label: note(name) ? `${label(name)} · ${note(name)}` : label(name),
  }));
  const identityOptions = fields
    .filter((f) => f.schema.format === RESIDENT_ID || f.name === party.identity_field)
    .map((f) => option(f.name));
  const nameOptions = fields
    .filter((f) => (f.schema.type ?? 'string') === 'string' && f.schema.format !== RESIDENT_ID)
    .map((f) => option(f.name));

  return (
    <>
      <Row gutter={24}>
        <Col xs={24} md={12}>
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
        </Col>
        <Col xs={24} md={12}>
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
        </Col>
      </Row>
      <Form.Item label={t('partyFields')} extra={t('partyFieldsHelp')} {...useItemProblems(`${path}/fields`)}>
        <Select
          mode="multiple"
          aria-label={t('partyFields')}
          className="party-fields"
          value={party.fields ?? []}
          onChange={(own: string[]) => onChange({ ...party, fields: own })}
          options={ownOptions}
          optionFilterProp="label"
          tagRender={({ value, closable, onClose }) => (
            <OwnFieldTag text={label(String(value))} note={note(String(value))} closable={closable} onClose={onClose} />
          )}
        />
      </Form.Item>
    </>
  );
}

/** An own field in the select; one another party owns too is orange and says whose it is. */
function OwnFieldTag({
  text,
  note,
  closable,
  onClose,
}: {
  text: string;
  note: string;
  closable: boolean;
  onClose: () => void;
}) {
  return (
    <Tag
      closable={closable}
      onClose={onClose}
      color={note ? 'orange' : undefined}
      className={note ? 'field-owned-twice' : undefined}
    >
      {note ? `${text} · ${note}` : text}
    </Tag>
  );
}
