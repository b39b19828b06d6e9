import { Alert, App, Button, Form, Input, Modal, Rate, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  AdminAnswerFollowUpMutation,
  AdminAnswerFollowUpMutationVariables,
  AdminFollowUpsQuery,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import './admin.css';
import { dueLevel, today } from './followUpDue';
import { ADMIN_ANSWER_FOLLOW_UP } from './mutations';
import { ADMIN_FOLLOW_UPS } from './queries';

type FollowUp = AdminFollowUpsQuery['followUps'][number];

function Due({ dueOn, provisional }: { dueOn: string | null; provisional: boolean }) {
  const { t } = useI18n();
  if (!dueOn) return <Typography.Text>—</Typography.Text>;
  const level = dueLevel(dueOn, today());
  return (
    <span>
      <Typography.Text strong={level !== 'ok'} className={`admin-due-${level}`} style={{ marginRight: 6 }}>
        {dueOn}
      </Typography.Text>
      {level === 'over' && <Tag color="red">{t('adminOverdue')}</Tag>}
      {level === 'near' && <Tag color="orange">{t('adminDueSoon')}</Tag>}
      {provisional && <Tag>{t('adminProvisional')}</Tag>}
    </span>
  );
}

/** Low ratings' follow-ups (差评回访): the open ones, earliest deadline first; answering one
 * closes it and the citizen sees the answer. */
export function FollowUps() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<FollowUp[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answering, setAnswering] = useState<FollowUp | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ answer: string }>();

  const load = useCallback(() => {
    setLoadError(null);
    request<AdminFollowUpsQuery>(ADMIN_FOLLOW_UPS)
      .then((data) => setRows(data.followUps))
      .catch((e: Error) => {
        setLoadError(e.message);
        setRows([]);
      });
  }, []);
  useEffect(load, [load]);

  const send = async ({ answer }: { answer: string }) => {
    if (!answering) return;
    setBusy(true);
    try {
      const { answerFollowUp } = await request<AdminAnswerFollowUpMutation, AdminAnswerFollowUpMutationVariables>(
        ADMIN_ANSWER_FOLLOW_UP,
        { id: answering.id, answer: answer.trim() },
      );
      if (answerFollowUp.__typename === 'FollowUp') {
        message.success(t('adminAnswered'));
        setAnswering(null);
        form.resetFields();
      } else {
        form.setFields([{ name: 'answer', errors: [pick(answerFollowUp.message)] }]);
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('adminFollowUpsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminFollowUpsIntro')}</Typography.Paragraph>
      <div className="admin-filters">
        <span className="admin-grow" />
        <Button onClick={load}>{t('adminReload')}</Button>
      </div>
      {loadError && <Alert type="error" showIcon message={t('adminLoadFailed', { error: loadError })} />}
      <Table<FollowUp>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <span className="admin-empty">{t('adminNoFollowUps')}</span> }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          {
            title: t('adminScore'),
            dataIndex: 'score',
            width: 190,
            render: (score: number) => (
              <span>
                <Rate disabled value={score} aria-hidden style={{ fontSize: 14 }} />{' '}
                <Typography.Text>{t('adminStars', { n: score })}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('adminComment'),
            dataIndex: 'comment',
            render: (comment: string) =>
              comment || <Typography.Text type="secondary">{t('adminNoComment')}</Typography.Text>,
          },
          { title: t('adminRegion'), dataIndex: 'regionCode', width: 100 },
          {
            title: t('adminDueOn'),
            key: 'due',
            width: 220,
            render: (_: unknown, f: FollowUp) => <Due dueOn={f.dueOn} provisional={f.dueProvisional} />,
          },
          {
            title: t('adminActions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, f: FollowUp) => (
              <Button size="small" type="primary" onClick={() => setAnswering(f)}>
                {t('adminAnswer')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={answering !== null}
        title={answering ? t('adminAnswerTitle', { id: answering.id }) : ''}
        onCancel={() => setAnswering(null)}
        okText={t('adminSendAnswer')}
        cancelText={t('adminCancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
      >
        {answering && (
          <Typography.Paragraph>
            <Typography.Text strong>{t('adminStars', { n: answering.score })}</Typography.Text>{' '}
            {answering.comment || t('adminNoComment')}
          </Typography.Paragraph>
        )}
        <Form className="admin-form" form={form} layout="vertical" onFinish={(v) => void send(v)} requiredMark={false}>
          <Form.Item
            name="answer"
            label={t('adminAnswerLabel')}
            rules={[{ required: true, whitespace: true, message: t('adminAnswerMissing') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
