import { App, Button, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  AutomaticCheckFieldsFragment,
  AutomaticCheckOutcome,
  ReviewAutomaticChecksQuery,
  ReviewAutomaticChecksQueryVariables,
  ReviewRecordCheckMutation,
  ReviewRecordCheckMutationVariables,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { REVIEW_RECORD_CHECK } from './mutations';
import { REVIEW_AUTOMATIC_CHECKS } from './queries';
import './review.css';

type Check = AutomaticCheckFieldsFragment;

/** The sampled automatic decisions (秒批抽查) of my department: each opens its task read-only,
 * and is confirmed, or found wrong with a note saying what the rules missed; once each. */
export function AutomaticChecks({ onOpenTask }: { onOpenTask: (taskId: string) => void }) {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const [checked, setChecked] = useState(false);
  const [rows, setRows] = useState<Check[] | null>(null);
  const [wrong, setWrong] = useState<Check | null>(null);
  const [form] = Form.useForm<{ note: string }>();

  const load = useCallback(() => {
    setRows(null);
    request<ReviewAutomaticChecksQuery, ReviewAutomaticChecksQueryVariables>(REVIEW_AUTOMATIC_CHECKS, { checked })
      .then((data) => setRows(data.automaticChecks))
      .catch((e: Error) => {
        message.error(e.message);
        setRows([]);
      });
  }, [checked, message]);
  useEffect(load, [load]);

  const record = async (check: Check, outcome: AutomaticCheckOutcome, note?: string): Promise<boolean> => {
    try {
      const { recordAutomaticCheck: result } = await request<
        ReviewRecordCheckMutation,
        ReviewRecordCheckMutationVariables
      >(REVIEW_RECORD_CHECK, { id: check.id, outcome, note: note ?? null });
      if (result.__typename === 'BackofficeError') {
        message.error([pick(result.message), ...result.errors.map((e) => pick(e.message))].join(' '));
        return false;
      }
      message.success(t('checksRecorded'));
      load();
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  const submitWrong = async () => {
    const { note } = await form.validateFields();
    if (wrong && (await record(wrong, 'WRONG', note.trim()))) {
      setWrong(null);
      form.resetFields();
    }
  };

  return (
    <div className="page">
      <Typography.Title level={2}>{t('checksTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('checksIntro')}</Typography.Paragraph>
      <div className="review-filters" role="group" aria-label={t('checksFilter')}>
        <Radio.Group
          value={checked}
          onChange={(e) => setChecked(Boolean(e.target.value))}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: false, label: t('checksToDo') },
            { value: true, label: t('checksDone') },
          ]}
        />
      </div>
      <Table<Check>
        aria-label={t('checksTable')}
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: t('checksEmpty') }}
        columns={[
          { title: t('checksDecidedAt'), width: 180, render: (_, c) => time(c.decidedAt) },
          {
            title: t('checksApplication'),
            render: (_, c) => (
              <Space wrap>
                <Typography.Text code>{c.applicationId}</Typography.Text>
                <Button size="small" onClick={() => onOpenTask(c.taskId)}>
                  {t('checksOpenTask', { id: c.taskId })}
                </Button>
              </Space>
            ),
          },
          { title: t('checksDecidedBy'), render: (_, c) => <Typography.Text code>{c.decidedBy}</Typography.Text> },
          {
            title: t('checksOutcome'),
            width: 300,
            render: (_, c) =>
              c.outcome ? (
                <Space direction="vertical" size={0}>
                  <Tag color={c.outcome === 'CONFIRMED' ? 'green' : 'red'}>{t(`checksOutcome_${c.outcome}`)}</Tag>
                  {c.note && <span className="review-value">{c.note}</span>}
                  <Typography.Text type="secondary">
                    {t('checksCheckedBy', { who: c.checkedBy ?? '', time: c.checkedAt ? time(c.checkedAt) : '' })}
                  </Typography.Text>
                </Space>
              ) : (
                <Space wrap>
                  <Button onClick={() => void record(c, 'CONFIRMED')}>{t('checksConfirm')}</Button>
                  <Button danger onClick={() => setWrong(c)}>
                    {t('checksWrong')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={wrong !== null}
        title={t('checksWrongTitle')}
        okText={t('checksWrong')}
        okButtonProps={{ danger: true }}
        cancelText={t('clerkCancel')}
        onOk={() => void submitWrong()}
        onCancel={() => setWrong(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={t('checksNote')}
            rules={[{ required: true, whitespace: true, message: t('checksNoteRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
