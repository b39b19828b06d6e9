import { Col, Form, Input, Radio, Row, Switch } from 'antd';
import type { Matter, Party, PartyRole } from '../../document/matter';
import { withRole } from '../../document/parties';
import { useI18n } from '../../i18n/I18nProvider';
import { TextField } from '../common/TextField';
import { useItemProblems } from '../common/useItemProblems';
import { PartyFieldSelects } from './PartyFieldSelects';

interface Props {
  matter: Matter;
  index: number;
  onChange: (party: Party) => void;
}

/** One party's id, role, name, fields and confirmation. */
export function PartyFields({ matter, index, onChange }: Props) {
  const { t } = useI18n();
  const party = matter.parties?.[index] as Party;
  const path = `/parties/${index}`;
  const applicant = party.role !== 'subject';

  return (
    <>
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Form.Item label={t('partyId')} extra={t('partyIdHelp')} {...useItemProblems(`${path}/id`)}>
            <Input
              aria-label={t('partyId')}
              value={party.id}
              onChange={(e) => onChange({ ...party, id: e.target.value })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item label={t('partyRole')} extra={t('partyRoleHelp')} {...useItemProblems(`${path}/role`)}>
            <Radio.Group
              aria-label={t('partyRole')}
              value={party.role}
              onChange={(e) => onChange(withRole(party, e.target.value as PartyRole))}
              options={(['applicant', 'subject'] as const).map((role) => ({ value: role, label: t(`role_${role}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={5}>
          <Form.Item label={t('partyRequired')} extra={t('partyRequiredHelp')} {...useItemProblems(`${path}/required`)}>
            <Switch
              aria-label={t('partyRequired')}
              checked={party.required ?? true}
              disabled={!applicant}
              onChange={(required) => onChange({ ...party, required })}
            />
          </Form.Item>
        </Col>
      </Row>
      <TextField
        label={t('partyName')}
        help={t('partyNameHelp')}
        required
        value={party.name}
        onChange={(name) => onChange({ ...party, name })}
        path={`${path}/name`}
      />
      <PartyFieldSelects matter={matter} index={index} onChange={onChange} />
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
