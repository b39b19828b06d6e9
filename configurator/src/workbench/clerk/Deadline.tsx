import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { deadlineLevel, todayIso } from './deadlineLevel';

/** A statutory deadline, red when passed, orange when within two days; "预计" while an estimate. */
export function Deadline({ dueOn, provisional }: { dueOn: string | null; provisional: boolean }) {
  const { t } = useI18n();
  if (!dueOn) return <Typography.Text>—</Typography.Text>;
  const level = deadlineLevel(dueOn, todayIso());
  return (
    <span>
      <Typography.Text strong={level !== 'ok'} className={`clerk-due clerk-due-${level}`}>
        {dueOn}
      </Typography.Text>
      {level === 'over' && <Tag color="red">{t('clerkOverdue')}</Tag>}
      {level === 'near' && <Tag color="orange">{t('clerkNear')}</Tag>}
      {provisional && <Tag>{t('clerkProvisional')}</Tag>}
    </span>
  );
}
