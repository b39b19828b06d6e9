import { Form, Select, Space, Switch } from 'antd';
import type { Material, Matter } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useProblemsAt } from '../problems/ProblemsContext';

interface Props {
  matter: Matter;
  material: Material;
  index: number;
  onChange: (material: Material) => void;
}

/** Who provides a material (提交方), shown when the matter declares parties, and whether the
 * window may accept without it for now (可容缺). */
export function MaterialPartyFields({ matter, material, index, onChange }: Props) {
  const { t, pick } = useI18n();
  const parties = matter.parties ?? [];
  const partyProblems = useProblemsAt(`/materials/${index}/party`);
  const deferrableProblems = useProblemsAt(`/materials/${index}/deferrable`);
  const { party: _old, ...starters } = material;

  return (
    <Space size="large" wrap className="full-width">
      {(parties.length > 0 || material.party !== undefined) && (
        <Form.Item
          label={t('materialParty')}
          extra={t('materialPartyHelp')}
          validateStatus={partyProblems.status}
          help={partyProblems.help}
        >
          <Select
            allowClear
            aria-label={t('materialParty')}
            className="material-party"
            placeholder={t('starterParty')}
            value={material.party}
            onChange={(party?: string) => onChange(party ? { ...material, party } : starters)}
            options={parties.map((p) => ({ value: p.id, label: `${pick(p.name) || p.id}（${p.id}）` }))}
          />
        </Form.Item>
      )}
      <Form.Item
        label={t('materialDeferrable')}
        extra={t('materialDeferrableHelp')}
        validateStatus={deferrableProblems.status}
        help={deferrableProblems.help}
      >
        <Switch
          aria-label={t('materialDeferrable')}
          className="material-deferrable"
          checked={material.deferrable ?? false}
          onChange={(deferrable) => onChange({ ...material, deferrable })}
        />
      </Form.Item>
    </Space>
  );
}
