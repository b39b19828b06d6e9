import { Col, Form, Row, Select } from 'antd';
import { fieldsOf } from '../../document/formDocument';
import type { Matter, Supersedes } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useDictionaries } from '../DictionariesContext';
import { fieldLabel, partyOptions } from '../parties/partyOptions';

interface Props {
  matter: Matter;
  supersedes: Supersedes;
  onChange: (supersedes: Supersedes) => void;
}

/** The licence the output cancels: whose, of which type, and the form field giving its number. */
export function SupersedesFields({ matter, supersedes, onChange }: Props) {
  const { t, pick } = useI18n();
  const { licenseTypes } = useDictionaries();
  const set = (changes: Partial<Supersedes>) => onChange({ ...supersedes, ...changes });
  const fields = fieldsOf(matter.form).map((f) => ({
    value: f.name,
    label: fieldLabel(f.name, f.schema, pick),
  }));

  return (
    <Row gutter={24} className="supersedes">
      <Col xs={24} md={8}>
        <Form.Item label={t('supersedesParty')}>
          <Select
            aria-label={t('supersedesParty')}
            className="supersedes-party"
            value={supersedes.party || undefined}
            onChange={(party: string) => set({ party })}
            options={partyOptions(matter.parties ?? [], pick)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t('supersedesLicenseType')}>
          <Select
            showSearch
            aria-label={t('supersedesLicenseType')}
            className="supersedes-license-type"
            optionFilterProp="label"
            value={supersedes.license_type || undefined}
            onChange={(license_type: string) => set({ license_type })}
            options={licenseTypes.map((l) => ({ value: l.type, label: `${pick(l.name)}（${l.type}）` }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t('supersedesNumberField')} extra={t('supersedesNumberFieldHelp')}>
          <Select
            aria-label={t('supersedesNumberField')}
            className="supersedes-number-field"
            value={supersedes.number_field || undefined}
            onChange={(number_field: string) => set({ number_field })}
            options={fields}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
