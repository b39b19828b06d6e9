import { Form, Select, Switch } from 'antd';
import type { Matter, Output, Supersedes } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useItemProblems } from '../common/useItemProblems';
import { partyOptions } from '../parties/partyOptions';
import { SupersedesFields } from './SupersedesFields';

interface Props {
  matter: Matter;
  output: Output;
  onChange: (output: Output) => void;
}

/** Who holds the output (持证方) and which licence it cancels (注销原证), when the matter
 * declares parties. */
export function OutputPartyFields({ matter, output, onChange }: Props) {
  const { t, pick } = useI18n();
  const holderProblems = useItemProblems('/output/holder');
  const supersedesProblems = useItemProblems('/output/supersedes');
  const parties = matter.parties ?? [];
  if (!parties.length && output.holder === undefined && output.supersedes === undefined) return null;

  const without = (key: 'holder' | 'supersedes'): Output => {
    const { [key]: _old, ...rest } = output;
    return rest;
  };
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
          options={partyOptions(parties, pick)}
        />
      </Form.Item>
      <Form.Item label={t('outputSupersedes')} extra={t('outputSupersedesHelp')} {...supersedesProblems}>
        <Switch
          aria-label={t('outputSupersedes')}
          className="output-supersedes"
          checked={output.supersedes !== undefined}
          onChange={(on) => onChange(on ? { ...output, supersedes: fresh } : without('supersedes'))}
        />
      </Form.Item>
      {output.supersedes && (
        <SupersedesFields
          matter={matter}
          supersedes={output.supersedes}
          onChange={(supersedes) => onChange({ ...output, supersedes })}
        />
      )}
    </>
  );
}
