import { Alert, App, Button, Form, Input, Modal, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  AdminFollowUpsQuery,
  AdminFollowUpsQueryVariables,
  AdminRecordCallbackMutation,
  AdminRecordCallbackMutationVariables,
  AdminRecordRectificationMutation,
  AdminRecordRectificationMutationVariables,
  CallbackMethod,
  FollowUpFilter,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import './admin.css';
import { dueLevel, today } from './followUpDue';
import { ADMIN_RECORD_CALLBACK, ADMIN_RECORD_RECTIFICATION } from './mutations';
import { ADMIN_FOLLOW_UPS } from './queries';

type FollowUp = AdminFollowUpsQuery['followUpsInState'][number];
type Step = 'callback' | 'rectification';
type Values = { method?: CallbackMethod; text: string };

const FILTERS: FollowUpFilter[] = [
  'AWAITING_CALLBACK' as FollowUpFilter,
  'AWAITING_RECTIFICATION' as FollowUpFilter,
  'AWAITING_RE_RATING' as FollowUpFilter,
  'CLOSED' as FollowUpFilter,
  'LATE' as FollowUpFilter,
];
const METHODS = ['PHONE', 'SMS', 'VISIT', 'OTHER'] as CallbackMethod[];
const STATE_COLOUR: Record<string, string> = {
  AWAITING_CALLBACK: 'orange',
  AWAITING_RECTIFICATION: 'gold',
  AWAITING_RE_RATING: 'blue',
  CLOSED: 'default',
};

/** One deadline: its date, and a tag while it is still to be met and near or past. */
function Due({
  label,
  dueOn,
  done,
  provisional,
}: {
  label: string;
  dueOn: string | null;
  done: boolean;
  provisional?: boolean;
}) {
  const { t } = useI18n();
  if (!dueOn) return null;
  const level = done ? 'ok' : dueLevel(dueOn, today());
  return (
    <div>
      <Typography.Text strong={level !== 'ok'} className={`admin-due-${level}`} delete={done}>
        {label}
      </Typography.Text>
      {level === 'over' && (
        <Tag color="red" style={{ marginLeft: 6 }}>
          {t('adminOverdue')}
        </Tag>
      )}
      {level === 'near' && (
        <Tag color="orange" style={{ marginLeft: 6 }}>
          {t('adminDueSoon')}
        </Tag>
      )}
      {provisional && <Tag style={{ marginLeft: 6 }}>{t('adminProvisional')}</Tag>}
    </div>
  );
}

/** 回访整改: the region's follow-ups of low ratings by state; a county administrator records the
 * callback (1 working day) and then the rectification (15), after which the citizen may rate
 * once more. Supervisors read the same table without the actions. */
export function FollowUps({ mayAct }: { mayAct: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<FollowUpFilter | null>(null);
  const [rows, setRows] = useState<FollowUp[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<{ row: FollowUp; step: Step } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => {
    setLoadError(null);
    request<AdminFollowUpsQuery, AdminFollowUpsQueryVariables>(ADMIN_FOLLOW_UPS, { state })
      .then((data) => setRows(data.followUpsInState))
      .catch((e: Error) => {
        setLoadError(e.message);
        setRows([]);
      });
  }, [state]);
  useEffect(load, [load]);

  const open = (row: FollowUp, step: Step) => {
    form.resetFields();
    setActing({ row, step });
  };

  const send = async ({ method, text }: Values) => {
    if (!acting) return;
    setBusy(true);
    try {
      const id = acting.row.id;
      const result =
        acting.step === 'callback'
          ? (
              await request<AdminRecordCallbackMutation, AdminRecordCallbackMutationVariables>(ADMIN_RECORD_CALLBACK, {
                id,
                method: method ?? ('OTHER' as CallbackMethod),
                note: text.trim(),
              })
            ).recordFollowUpCallback
          : (
              await request<AdminRecordRectificationMutation, AdminRecordRectificationMutationVariables>(
                ADMIN_RECORD_RECTIFICATION,
                { id, rectification: text.trim() },
              )
            ).recordFollowUpRectification;
      if (result.__typename === 'FollowUp') {
        message.success(t('adminRecorded'));
        setActing(null);
      } else {
        const byPath = new Map(result.errors.map((e) => [e.path, pick(e.message)]));
        const at = byPath.get('/method');
        const textError =
          byPath.get('/note') ?? byPath.get('/rectification') ?? (at ? undefined : pick(result.message));
        form.setFields([
          ...(at ? [{ name: 'method' as const, errors: [at] }] : []),
          ...(textError ? [{ name: 'text' as const, errors: [textError] }] : []),
        ]);
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
      {!mayAct && <Alert type="info" showIcon message={t('adminReadOnly')} style={{ marginBottom: 12 }} />}
      <div className="admin-filters">
        <Select<FollowUpFilter | 'ALL'>
          aria-label={t('adminFilterState')}
          style={{ width: 180 }}
          value={state ?? 'ALL'}
          onChange={(value) => setState(value === 'ALL' ? null : value)}
          options={[
            { value: 'ALL', label: t('adminAllStates') },
            ...FILTERS.map((f) => ({ value: f, label: t(`adminState${f}`) })),
          ]}
        />
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
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('adminScore'),
            key: 'score',
            width: 170,
            render: (_: unknown, f: FollowUp) => (
              <div>
                <Rate disabled value={f.score} aria-hidden style={{ fontSize: 12 }} />{' '}
                <Typography.Text>{t('adminStars', { n: f.score })}</Typography.Text>
                <div>
                  <Tag>{t(`adminChannel${f.channel}`)}</Tag>
                </div>
              </div>
            ),
          },
          {
            title: t('adminComment'),
            key: 'comment',
            render: (_: unknown, f: FollowUp) => (
              <div>
                {f.comment || <Typography.Text type="secondary">{t('adminNoComment')}</Typography.Text>}
                <div>
                  <Typography.Text type="secondary" copyable={{ text: f.applicationId }}>
                    {t('adminApplication')} {f.applicationId.slice(0, 8)} · {f.regionCode}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('adminState'),
            key: 'state',
            width: 130,
            render: (_: unknown, f: FollowUp) => (
              <Space direction="vertical" size={2}>
                <Tag color={STATE_COLOUR[f.state]}>{t(`adminState${f.state}`)}</Tag>
                {f.late && <Tag color="red">{t('adminStateLATE')}</Tag>}
                {f.reScore !== null && f.reScore !== undefined && <span>{t('adminReScore', { n: f.reScore })}</span>}
              </Space>
            ),
          },
          {
            title: t('adminDeadlines'),
            key: 'due',
            width: 210,
            render: (_: unknown, f: FollowUp) => (
              <div>
                <Due
                  label={t('adminCallbackDue', { date: f.callbackDueOn ?? '' })}
                  dueOn={f.callbackDueOn}
                  done={f.calledBackAt !== null || f.closedAt !== null}
                />
                <Due
                  label={t('adminRectificationDue', { date: f.dueOn ?? '' })}
                  dueOn={f.dueOn}
                  done={f.rectifiedAt !== null || f.closedAt !== null}
                  provisional={f.dueProvisional}
                />
                {f.reRatingDueOn && !f.closedAt && (
                  <Typography.Text type="secondary">{t('adminReRatingDue', { date: f.reRatingDueOn })}</Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('adminProgress'),
            key: 'progress',
            render: (_: unknown, f: FollowUp) => (
              <div>
                {f.callbackNote && (
                  <div>
                    {f.callbackMethod && <Tag>{t(`adminMethod${f.callbackMethod}`)}</Tag>}
                    {f.callbackNote}
                  </div>
                )}
                {f.rectification && <div>{f.rectification}</div>}
              </div>
            ),
          },
          ...(mayAct
            ? [
                {
                  title: t('adminActions'),
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, f: FollowUp) =>
                    f.state === 'AWAITING_CALLBACK' ? (
                      <Button size="small" type="primary" onClick={() => open(f, 'callback')}>
                        {t('adminRecordCallback')}
                      </Button>
                    ) : f.state === 'AWAITING_RECTIFICATION' ? (
                      <Button size="small" type="primary" onClick={() => open(f, 'rectification')}>
                        {t('adminRecordRectification')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={acting !== null}
        title={
          acting
            ? t(acting.step === 'callback' ? 'adminCallbackTitle' : 'adminRectificationTitle', { id: acting.row.id })
            : ''
        }
        onCancel={() => setActing(null)}
        okText={t('adminSave')}
        cancelText={t('adminCancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
      >
        {acting && (
          <Typography.Paragraph>
            <Typography.Text strong>{t('adminStars', { n: acting.row.score })}</Typography.Text>{' '}
            {acting.row.comment || t('adminNoComment')}
          </Typography.Paragraph>
        )}
        <Form className="admin-form" form={form} layout="vertical" onFinish={(v) => void send(v)} requiredMark={false}>
          {acting?.step === 'callback' && (
            <Form.Item name="method" label={t('adminMethod')} initialValue={'PHONE' as CallbackMethod}>
              <Select<CallbackMethod> options={METHODS.map((m) => ({ value: m, label: t(`adminMethod${m}`) }))} />
            </Form.Item>
          )}
          <Form.Item
            name="text"
            label={t(acting?.step === 'callback' ? 'adminCallbackNote' : 'adminRectificationText')}
            rules={[{ required: true, whitespace: true, message: t('adminTextMissing') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
