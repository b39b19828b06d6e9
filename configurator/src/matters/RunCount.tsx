import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** The trips an applicant makes: 0 is the goal, 1 the promise, more breaks it. */
export function RunCount({ count }: { count: number | null | undefined }) {
  const { t } = useI18n();
  if (count === null || count === undefined) {
    return (
      <Tooltip title={t('runCountUnknownHelp')}>
        <Tag>{t('runCountUnknown')}</Tag>
      </Tooltip>
    );
  }
  const color = count === 0 ? 'green' : count === 1 ? 'blue' : 'red';
  const label = count === 0 ? t('runsZero') : count === 1 ? t('runsOne') : t('runsMany', { n: count });
  return (
    <Tag color={color} className="run-count" data-runs={count}>
      {label}
    </Tag>
  );
}
