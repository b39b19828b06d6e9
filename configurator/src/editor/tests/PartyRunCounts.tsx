import { Space, Typography } from 'antd';
import type { ResultFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { RunCount } from '../../matters/RunCount';

type Parties = ResultFieldsFragment['parties'];

/** Each applicant party's own run count (the matter's is the worst of them): the promise of
 * running at most once holds for each person. Nothing for a one-applicant matter. */
export function PartyRunCounts({ parties }: { parties: Parties | undefined }) {
  const { t, pick } = useI18n();
  if (!parties?.length) return null;
  return (
    <Space direction="vertical" size={4} className="party-run-counts" aria-label={t('partyRunCounts')}>
      <Typography.Text type="secondary">{t('partyRunCounts')}</Typography.Text>
      {parties.map((p) => (
        <Space key={p.party} data-party={p.party}>
          <span>{pick(p.name) || p.party}</span>
          <RunCount count={p.runCount} />
        </Space>
      ))}
    </Space>
  );
}
