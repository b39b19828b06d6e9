import { Col, Form, Row, Select, Switch } from 'antd';
import type { Material, Matter } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useItemProblems } from '../common/useItemProblems';
import { partyOptions } from '../parties/partyOptions';

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
  const partyProblems = useItemProblems(`/materials/${index}/party`);
  const deferrableProblems = useItemProblems(`/materials/${index}/deferrable`);
  const { party: _old, ...starters } = material;

  return (
    <Row gutter={24}>
      {(parties.length > 0 || material.party !== undefined) && (
        <Col xs={24} md={12}>
          <Form.Item label={t('materialParty')} extra={t('materialPartyHelp')} {...partyProblems}>
            <Select
              allowClear
              aria-label={t('materialParty')}
              className="material-party"
              placeholder={t('starterParty')}
              value={material.party}
              onChange={(party?: string) => onChange(party ? { ...material, party } : starters)}
              options={partyOptions(parties, pick)}
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item label={t('materialDeferrable')} extra={t('materialDeferrableHelp')} {...deferrableProblems}>
          <Switch
            aria-label={t('materialDeferrable')}
            className="material-deferrable"
            checked={material.deferrable ?? false}
            onChange={(deferrable) => onChange({ ...material, deferrable })}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
