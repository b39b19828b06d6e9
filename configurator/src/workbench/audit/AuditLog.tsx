import { Alert, App, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { AuditLogQuery, AuditLogQueryVariables } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { auditFilter, type AuditForm } from './auditFilter';
import { AUDIT_LOG } from './queries';

type Page = Extract<AuditLogQuery['auditLog'], { __typename: 'AuditLogPage' }>;
type Entry = Page['entries'][number];
const PAGE = 50;

interface Fields extends Omit<AuditForm, 'since' | 'until'> {
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** The audit log of my region (审计日志): filters, then the entries newest first, 50 at a time. */
export function AuditLog() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [filter, setFilter] = useState<AuditForm>({});
  const [entries, setEntries] = useState<Entry[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    (after: string | null) => {
      setProblem(null);
      if (!after) setEntries(undefined);
      request<AuditLogQuery, AuditLogQueryVariables>(AUDIT_LOG, { filter: auditFilter(filter), first: PAGE, after })
        .then(({ auditLog: answer }) => {
          if (answer.__typename === 'AuditLogPage') {
            setEntries((shown) => (after ? [...(shown ?? []), ...answer.entries] : answer.entries));
            setCursor(answer.endCursor);
            setMore(answer.hasNextPage);
          } else {
            setProblem(pick(answer.message));
            setEntries([]);
          }
        })
        .catch((e: Error) => {
          message.error(e.message);
          setEntries([]);
        });
    },
    [filter, message, pick],
  );
  useEffect(() => load(null), [load]);

  const search = (fields: Fields) => {
    const [from, to] = fields.period ?? [null, null];
    setFilter({
      actor: fields.actor,
      action: fields.action,
      subject: fields.subject,
      applicationId: fields.applicationId,
      since: from?.startOf('day').format(),
      until: to?.add(1, 'day').startOf('day').format(),
    });
  };

  return (
    <div className="page">
      <Typography.Title level={2}>{t('auditTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('auditIntro')}</Typography.Paragraph>
      <Form form={form} layout="inline" className="gap-below" onFinish={search}>
        <Form.Item name="actor" label={t('auditActor')} tooltip={t('auditActorHelp')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="action" label={t('auditAction')} tooltip={t('auditActionHelp')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="subject" label={t('auditSubject')} tooltip={t('auditSubjectHelp')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="applicationId" label={t('auditApplication')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="period" label={t('auditPeriod')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('auditSearch')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilter({});
            }}
          >
            {t('auditReset')}
          </Button>
        </Space>
      </Form>
      {problem && <Alert className="gap-below" type="warning" showIcon role="alert" message={problem} />}
      <Table<Entry>
        aria-label={t('auditTable')}
        rowKey="id"
        size="small"
        loading={entries === undefined}
        dataSource={entries ?? []}
        pagination={false}
        locale={{ emptyText: t('auditEmpty') }}
        columns={[
          { title: t('auditAt'), width: 170, render: (_, e) => new Date(e.at).toLocaleString() },
          { title: t('auditActor'), render: (_, e) => <Typography.Text code>{e.actor}</Typography.Text> },
          { title: t('auditAction'), render: (_, e) => e.action },
          { title: t('auditSubject'), render: (_, e) => e.subject ?? e.applicationId ?? '—' },
          {
            title: t('auditDetails'),
            render: (_, e) => (
              <Typography.Text>
                {e.before != null && `${t('auditBefore')}: ${JSON.stringify(e.before)} `}
                {e.after != null && `${t('auditAfter')}: ${JSON.stringify(e.after)}`}
              </Typography.Text>
            ),
          },
          { title: t('auditRequest'), width: 150, render: (_, e) => e.requestId ?? '—' },
        ]}
      />
      {more && <Button onClick={() => load(cursor)}>{t('auditMore')}</Button>}
    </div>
  );
}
