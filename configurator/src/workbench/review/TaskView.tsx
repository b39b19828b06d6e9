import { Alert, App, Button, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  ReviewApplicationQuery,
  ReviewApplicationQueryVariables,
  ReviewTaskQuery,
  ReviewTaskQueryVariables,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { ApplicationPanel } from './ApplicationPanel';
import { DeadlineTag } from './DeadlineTag';
import { Decision } from './Decision';
import { HandOff } from './HandOff';
import { Pauses } from './Pauses';
import { Progress } from './Progress';
import { REVIEW_APPLICATION, REVIEW_TASK } from './queries';
import './review.css';
import { TaskStatus } from './TaskStatus';

type Task = NonNullable<ReviewTaskQuery['reviewTask']>;
type Application = ReviewApplicationQuery['staffApplication'];

/** One review task: the application read-only, the other departments' progress, my decision. */
export function TaskView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [task, setTask] = useState<Task | null | undefined>(undefined);
  const [app, setApp] = useState<Application | undefined>(undefined);
  const [conflict, setConflict] = useState(false);

  const load = useCallback(() => {
    request<ReviewTaskQuery, ReviewTaskQueryVariables>(REVIEW_TASK, { id })
      .then((data) => setTask(data.reviewTask))
      .catch((e: Error) => {
        message.error(e.message);
        setTask(null);
      });
  }, [id, message]);
  useEffect(load, [load]);

  const rootId = task?.rootId;
  useEffect(() => {
    if (!rootId) return;
    request<ReviewApplicationQuery, ReviewApplicationQueryVariables>(REVIEW_APPLICATION, { id: rootId })
      .then((data) => setApp(data.staffApplication))
      .catch((e: Error) => message.error(e.message));
  }, [rootId, message]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const back = <Button onClick={onBack}>{t('reviewBack')}</Button>;
  if (task === undefined) return <Spin />;
  if (task === null) {
    return (
      <div className="page">
        {back}
        <Alert className="review-gap-above" type="warning" showIcon message={t('reviewNotFound')} />
      </div>
    );
  }
  return (
    <div className="page">
      <div className="review-header">
        {back}
        <Typography.Title level={2}>
          {t('reviewTaskTitle', { id: task.id, department: task.departmentName })}
        </Typography.Title>
        <TaskStatus status={task.status} />
        <DeadlineTag dueOn={task.dueOn} daysLeft={task.daysLeft} provisional={task.dueProvisional} />
      </div>
      <div className="review-columns">
        <div>{app ? <ApplicationPanel app={app} /> : <Spin />}</div>
        <div>
          <Progress task={task} />
          <Pauses task={task} onChanged={load} />
          {task.handOff ? (
            <HandOff handOff={task.handOff} />
          ) : (
            <Decision
              key={task.status}
              task={task}
              conflict={conflict}
              onChanged={(conflicted) => {
                setConflict(conflicted);
                load();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
