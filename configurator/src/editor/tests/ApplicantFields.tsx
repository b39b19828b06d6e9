import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { DEMO_RESIDENTS, fromResidentId, type Profile } from './exampleProfile';

interface Props {
  profile: Profile;
  onChange: (fields: Profile) => void;
}

const FIELDS = ['name', 'id_number', 'mobile', 'hukou_region', 'hukou_address'] as const;

/** The test applicant: a demo resident picked, or a small form; the birth date, sex and age
 * follow from the resident ID. */
export function ApplicantFields({ profile, onChange }: Props) {
  const { t } = useI18n();
  const value = (key: string) => String(profile[key] ?? '');
  const derived = fromResidentId(value('id_number'));
  const demo = DEMO_RESIDENTS.find((r) => r.id_number === value('id_number') && r.name === value('name'));
  return (
    <div className="applicant-fields">
      <Form.Item label={t('applicantDemo')} extra={t('applicantDemoHelp')}>
        <Select
          aria-label={t('applicantDemo')}
          allowClear
          value={demo?.id}
          placeholder={t('applicantDemoPlaceholder')}
          onChange={(id?: string) => {
            const resident = DEMO_RESIDENTS.find((r) => r.id === id);
            if (resident) onChange(Object.fromEntries(FIELDS.map((key) => [key, resident[key]])));
          }}
          options={DEMO_RESIDENTS.map((r) => ({ value: r.id, label: `${r.name} · ${r.id_number}` }))}
        />
      </Form.Item>
      <Row gutter={12}>
        {FIELDS.map((key) => (
          <Col key={key} xs={24} md={key === 'hukou_address' ? 24 : 12}>
            <Form.Item
              label={t(`applicant_${key}`)}
              validateStatus={key === 'id_number' && value(key) && !derived ? 'error' : undefined}
              help={key === 'id_number' && value(key) && !derived ? t('applicantIdInvalid') : undefined}
            >
              <Input
                aria-label={t(`applicant_${key}`)}
                value={value(key)}
                onChange={(e) => onChange({ [key]: e.target.value })}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {derived && (
        <Typography.Paragraph className="applicant-derived">
          {t('applicantDerived', {
            sex: t(derived.sex === 'male' ? 'sexMale' : 'sexFemale'),
            birth: derived.birth_date,
            age: String(profile.age ?? ''),
          })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
