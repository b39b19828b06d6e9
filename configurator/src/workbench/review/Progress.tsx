import { Card, Steps } from 'antd';
import type { ReviewTaskQuery } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';

type Task = NonNullable<ReviewTaskQuery['reviewTask']>;

const TEXT = {
  pending: 'reviewStatus_pending',
  approved: 'reviewStatus_approved',
  denied: 'reviewStatus_denied',
} as const;

/** Every department's part of the application: decided ones with who and when. */
export function Progress({ task }: { task: Task }) {
  const { t, time } = useI18n();
  return (
    <Card
      title={
        <span role="heading" aria-level={3}>
          {t('reviewProgress')}
        </span>
      }
      className="gap-below"
    >
      <Steps
        direction="vertical"
        size="small"
        current={-1}
        items={task.otherTasks.map((other) => {
          const status = TEXT[other.status as keyof typeof TEXT] as (typeof TEXT)[keyof typeof TEXT] | undefined;
          const word = status ? t(status) : other.status;
          return {
            title: `${other.departmentName}${other.id === task.id ? ` (${t('reviewMine')})` : ''} · ${word}`,
            description:
              other.decidedAt && other.decidedBy
                ? t('reviewDecidedAt', { who: other.decidedBy, time: time(other.decidedAt) })
                : t('reviewWaiting'),
            status: other.status === 'pending' ? 'process' : other.status === 'approved' ? 'finish' : 'error',
          };
        })}
      />
    </Card>
  );
}
