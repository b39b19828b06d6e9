import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { deadlineColour } from './deadlineColour';

const LEVEL_TEXT = { ok: 'reviewLevel_ok', near: 'reviewLevel_near', over: 'reviewLevel_over' } as const;

/** The promised deadline with its working days left, green / amber / red (the word says it too). */
export function DeadlineTag({
  dueOn,
  daysLeft,
  provisional,
}: {
  dueOn: string | null;
  daysLeft: number | null;
  provisional: boolean;
}) {
  const { t } = useI18n();
  if (!dueOn) return <Typography.Text>—</Typography.Text>;
  const colour = deadlineColour(daysLeft);
  const left =
    daysLeft === null
      ? ''
      : daysLeft < 0
        ? t('reviewOverdueBy', { n: -daysLeft })
        : daysLeft === 0
          ? t('reviewDueToday')
          : t('reviewDays', { n: daysLeft });
  return (
    <span>
      <Typography.Text>{dueOn} </Typography.Text>
      {colour !== 'none' && (
        <Tag className={`review-due review-due-${colour}`}>
          {t(LEVEL_TEXT[colour])} · {left}
        </Tag>
      )}
      {provisional && <Tag>{t('reviewProvisional')}</Tag>}
    </span>
  );
}
