import { Alert, Descriptions, Space, Tag } from 'antd';
import type { Matter } from '../../document/matter';
import type { ResultFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { resultText } from '../../i18n/problemTexts';
import { RunCount } from '../../matters/RunCount';
import { Advisor, type Trip } from './Advisor';
import { PartyRunCounts } from './PartyRunCounts';

interface Props {
  result: ResultFieldsFragment;
  matter: Matter;
  onApply?: (trip: Trip) => void;
}

/** What the draft makes of one applicant: eligibility, materials, trips and advice. */
export function ResultPanel({ result, matter, onApply }: Props) {
  const { t, pick, lang } = useI18n();
  if (result.error)
    return <Alert type="error" showIcon message={t('resultError')} description={resultText(result.error, lang)} />;
  const ruleMessage = (id: string) => pick(matter.eligibility?.find((r) => r.id === id)?.message) || id;
  const materialName = (id: string) => pick(matter.materials?.find((m) => m.id === id)?.name) || id;

  return (
    <Descriptions column={1} bordered size="small" className="result-panel">
      <Descriptions.Item label={t('resultEligible')}>
        <Space direction="vertical">
          <Tag color={result.eligible ? 'green' : 'red'}>{result.eligible ? t('eligibleYes') : t('eligibleNo')}</Tag>
          {result.failedRules.map((id) => (
            <Alert key={id} type="warning" showIcon message={ruleMessage(id)} />
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('resultMaterials')}>
        {result.materials.length ? (
          <Space wrap>
            {result.materials.map((id) => (
              <Tag key={id}>{materialName(id)}</Tag>
            ))}
          </Space>
        ) : (
          t('noMaterialsNeeded')
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('runCount')}>
        <Space direction="vertical">
          <RunCount count={result.runCount} />
          <PartyRunCounts parties={result.parties} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('advisor')}>
        <Advisor trips={result.trips} matter={matter} onApply={onApply} />
      </Descriptions.Item>
    </Descriptions>
  );
}
