import { Col, Form, Row, Select, Switch } from 'antd';
import { fieldsOf } from '../../document/formDocument';
import type { Matter, Output, Supersedes } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useDictionaries } from '../DictionariesContext';
import { useItemProblems } from '../common/useItemProblems';

interface Props {
  matter: Matter;
  output: Output;
  onChange: (output: Output) => void;
}

/** Who holds the output (持证方) and which licence it cancels (注销原证), when the matter
 * declares parties. */
export function OutputPartyFields({ matter, output, onChange }: Props) {
  const { t, pick } = useI18n();
  const { licenseTypes } = useDictionaries();
  const holderProblems = useItemProblems('/output/holder');
  const supersedesProblems = useItemProblems('/output/supersedes');
  const parties = matter.parties ?? [];
  if (!parties.length && output.holder === undefined && output.supersedes === undefined) return null;

  const partyOptions = parties.map((p) => ({ value: p.id, label: `${pick(p.name) || p.id}（${p.id}）` }));
  const supersedes = output.supersedes;
  const without = (key: 'holder' | 'supersedes'): Output => {
    const { [key]: _old, ...rest } = output;
    return rest;
  };
  const setSupersedes = (changes: Partial<Supersedes>) =>
    onChange({ ...output, supersedes: { ...(supersedes as Supersedes), ...changes } });
  const fresh: Supersedes = { party: parties[0]?.id ?? '', license_type: output.license_type ?? '', number_field: '' };

  return (
    <>
      <Form.Item label={t('outputHolder')} extra={t('outputHolderHelp')} {...holderProblems}>
        <Select
          allowClear
          aria-label={t('outputHolder')}
          className="output-holder"
          placeholder={t('starterParty')}
          value={output.holder}
          onChange={(holder?: string) => onChange(holder ? { ...output, holder } : without('holder'))}
          options={partyOptions}
        />
      </Form.Item>
      <Form.Item label={t('outputSupersedes')} extra={t('outputSupersedesHelp')} {...supersedesProblems}>
        <Switch
          aria-label={t('outputSupersedes')}
          className="output-supersedes"
          checked={supersedes !== undefined}
          onChange={(on) => onChange(on ? { ...output, supersedes: fresh } : without('supersedes'))}
        />
      </Form.Item>
      {supersedes && (
        <Row gutter={24} className="supersedes">
          <Col xs={24} md={8}>
            <Form.Item label={t('supersedesParty')}>
              <Select
                aria-label={t('supersedesParty')}
                className="supersedes-party"
                value={supersedes.party || undefined}
                onChange={(party: string) => setSupersedes({ party })}
                options={partyOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('supersedesLicenseType')}>
              <Select
                showSearch
                aria-label={t('supersedesLicenseType')}
                className="supersedes-license-type"
                value={supersedes.license_type || undefined}
                onChange={(license_type: string) => setSupersedes({ license_type })}
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
                onChange={(number_field: string) => setSupersedes({ number_field })}
                options={fieldsOf(matter.form).map((f) => ({
                  value: f.name,
                  label: f.schema.title ? `${f.schema.title}（${f.name}）` : f.name,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
