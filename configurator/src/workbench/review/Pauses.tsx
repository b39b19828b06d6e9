import { Alert, App, Button, Card, Form, Input, List, Modal, Select } from 'antd';
import { useState } from 'react';
import { request } from '../../api/request';
import type {
  ReviewResumeTaskMutation,
  ReviewResumeTaskMutationVariables,
  ReviewSuspendTaskMutation,
  ReviewSuspendTaskMutationVariables,
  ReviewTaskQuery,
  SuspensionKind,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { REVIEW_RESUME_TASK, REVIEW_SUSPEND_TASK } from './mutations';

type Task = NonNullable<ReviewTaskQuery['reviewTask']>;

// The special procedures whose time the law does not count (行政许可法 art. 45).
const KINDS: { value: SuspensionKind; zh: string; en: string }[] = [
  { value: 'EXPERT_REVIEW', zh: '专家评审', en: 'Expert review' },
  { value: 'PUBLIC_NOTICE', zh: '公示', en: 'Public notice' },
  { value: 'HEARING', zh: '听证', en: 'Hearing' },
  { value: 'INSPECTION', zh: '检验检测', en: 'Inspection' },
];

interface Values {
  kind: SuspensionKind;
  reason: string;
}

type Answer = { __typename: 'ReviewTask' } | { __typename: 'BackofficeError'; message: { zh: string; en: string } };

/** The task's clock: each pause with its reason (the citizen reads them too), and while the task
 * is pending, pausing it for a special procedure or resuming it. */
export function Pauses({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<Values>();
  const running = task.suspensions.find((s) => s.endedAt === null);
  const pending = task.status === 'pending';

  const done = (result: Answer, text: 'pausesPaused' | 'pausesResumed'): boolean => {
    if (result.__typename === 'BackofficeError') {
      message.error(pick(result.message));
      return false;
    }
    message.success(t(text));
    onChanged();
    return true;
  };

  const pause = async () => {
    const values = await form.validateFields();
    setSending(true);
    try {
      const { suspendTask } = await request<ReviewSuspendTaskMutation, ReviewSuspendTaskMutationVariables>(
        REVIEW_SUSPEND_TASK,
        { taskId: task.id, kind: values.kind, reason: values.reason.trim() },
      );
      if (done(suspendTask, 'pausesPaused')) {
        setAsking(false);
        form.resetFields();
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const resume = () => {
    setSending(true);
    request<ReviewResumeTaskMutation, ReviewResumeTaskMutationVariables>(REVIEW_RESUME_TASK, { taskId: task.id })
      .then(({ resumeTask }) => done(resumeTask, 'pausesResumed'))
      .catch((e: Error) => message.error(e.message))
      .finally(() => setSending(false));
  };

  return (
    <Card
      className="gap-below"
      title={
        <span role="heading" aria-level={3}>
          {t('pausesTitle')}
        </span>
      }
      extra={
        pending &&
        (running ? (
          <Button type="primary" loading={sending} onClick={resume}>
            {t('pausesResume')}
          </Button>
        ) : (
          <Button onClick={() => setAsking(true)}>{t('pausesPause')}</Button>
        ))
      }
    >
      {running && pending && (
        <Alert
          className="gap-below"
          type="warning"
          showIcon
          message={t('pausesRunning', { kind: pick(running.kindName) })}
        />
      )}
      <List
        size="small"
        dataSource={task.suspensions}
        locale={{ emptyText: t('pausesNone') }}
        renderItem={(s) => (
          <List.Item>
            <List.Item.Meta
              title={`${pick(s.kindName)} · ${s.reason}`}
              description={
                s.endedAt
                  ? t('pausesEnded', { from: time(s.startedAt), to: time(s.endedAt), days: s.pausedDays ?? 0 })
                  : t('pausesSince', { time: time(s.startedAt), who: s.startedBy })
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={asking}
        title={t('pausesPause')}
        okText={t('pausesOk')}
        cancelText={t('clerkCancel')}
        confirmLoading={sending}
        onOk={() => void pause()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'EXPERT_REVIEW' }}>
          <Form.Item name="kind" label={t('pausesKind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k.value, label: pick(k) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('pausesReason')}
            rules={[{ required: true, whitespace: true, message: t('pausesReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
