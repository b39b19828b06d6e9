import { Alert, App, Badge, Button, Input, Radio, Segmented, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../../api/request';
import type {
  ClerkQueueCountsQuery,
  ClerkQueueCountsQueryVariables,
  ClerkWindowQueueQuery,
  ClerkWindowQueueQueryVariables,
  QueueScope,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { useQueueKeys } from '../useQueueKeys';
import './clerk.css';
import { Deadline } from './Deadline';
import { CLERK_QUEUE_COUNTS, CLERK_WINDOW_QUEUE } from './queries';
import { ApplicationStatusTag, textOf } from './StatusTag';
import { QUEUE_CHANGED } from './subscriptions';
import { useQueueLive } from './useQueueLive';

type Row = ClerkWindowQueueQuery['windowQueue'][number];

/** The statuses a clerk filters by, waiting ones first. */
const STATUSES = ['submitted', 'correction_requested', 'accepted', 'completed', 'rejected'] as const;

/** The window clerk's queue (一窗受理): earliest statutory deadline first; ↑↓ (j/k) and Enter work. */
export function WindowQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('submitted');
  const [scope, setScope] = useState<QueueScope>('HERE');
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [arrived, setArrived] = useState(false);
  const known = useRef<Record<string, number> | null>(null);
  const { table, rowProps, first } = useQueueKeys(onOpen);

  const load = useCallback(
    (searched: string) => {
      setRows(null);
      setArrived(false);
      const variables = { status, scope, search: searched.trim() || null };
      request<ClerkWindowQueueQuery, ClerkWindowQueueQueryVariables>(CLERK_WINDOW_QUEUE, variables)
        .then((data) => setRows(data.windowQueue))
        .catch((e: Error) => {
          message.error(e.message);
          setRows([]);
        });
      request<ClerkQueueCountsQuery, ClerkQueueCountsQueryVariables>(CLERK_QUEUE_COUNTS, { scope })
        .then((data) => {
          const byStatus = Object.fromEntries(data.windowQueueCounts.map((c) => [c.status, c.count]));
          known.current = byStatus;
          setCounts(byStatus);
        })
        .catch(() => undefined);
    },
    [status, scope, message],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the search applies on Enter only
  useEffect(() => load(search), [load]);

  /** A change elsewhere: new work shows as a banner, the list is not moved under the clerk's eyes. */
  const changed = useCallback(
    (live: boolean) => {
      if (live) setArrived(true);
      request<ClerkQueueCountsQuery, ClerkQueueCountsQueryVariables>(CLERK_QUEUE_COUNTS, { scope })
        .then((data) => {
          const byStatus = Object.fromEntries(data.windowQueueCounts.map((c) => [c.status, c.count]));
          if (JSON.stringify(byStatus) !== JSON.stringify(known.current)) setArrived(true);
          setCounts(byStatus);
        })
        .catch(() => undefined);
    },
    [scope],
  );
  const live = useQueueLive(changed, QUEUE_CHANGED);

  return (
    <div className="page">
      <Typography.Title level={2}>{t('clerkQueueTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('clerkQueueIntro')} {live && <Badge className="clerk-live" status="processing" text={t('clerkLive')} />}
      </Typography.Paragraph>
      {arrived && (
        <Alert
          className="gap-below"
          type="info"
          showIcon
          role="status"
          message={t('clerkNewArrivals')}
          action={<Button onClick={() => load(search)}>{t('clerkRefresh')}</Button>}
        />
      )}
      <div className="clerk-filters">
        <Input.Search
          aria-label={t('clerkSearch')}
          placeholder={t('clerkSearch')}
          allowClear
          maxLength={50}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => load(value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              first();
            }
          }}
          enterButton={t('clerkSearchButton')}
        />
        <div role="group" aria-label={t('clerkScopeFilter')}>
          <Segmented<QueueScope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'HERE', label: t('clerkScopeHere') },
              { value: 'FOR_ELSEWHERE', label: t('clerkScopeForElsewhere') },
              { value: 'FROM_ELSEWHERE', label: t('clerkScopeFromElsewhere') },
            ]}
          />
        </div>
      </div>
      <Radio.Group
        className="gap-below"
        aria-label={t('clerkStatusFilter')}
        optionType="button"
        value={status}
        onChange={(e) => setStatus(String(e.target.value))}
        options={STATUSES.map((s) => ({
          value: s,
          label: `${textOf(t, 'clerkStatus_', s)} ${counts[s] ?? 0}`,
        }))}
      />
      <div ref={table}>
        <Table<Row>
          aria-label={t('clerkQueueTable')}
          rowKey="id"
          size="middle"
          loading={rows === null}
          dataSource={rows ?? []}
          locale={{ emptyText: t('clerkEmpty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(row) => ({
            ...rowProps(row.id),
            className: 'clerk-row clickable',
            'aria-label': t('clerkOpenRow', { id: row.id }),
            onClick: () => onOpen(row.id),
          })}
          columns={[
            {
              title: t('clerkNumber'),
              width: 200,
              render: (_, row) => <span className="clerk-number">{row.id}</span>,
            },
            {
              title: t('clerkMatter'),
              render: (_, row) => (
                <>
                  <div>{pick(row.title) || '—'}</div>
                  <Typography.Text type="secondary" className="clerk-code">
                    {row.matterCode ?? row.lifeEventCode}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('clerkApplicant'),
              width: 150,
              render: (_, row) =>
                row.applicantMasked ? (
                  <>
                    <div>{row.applicantMasked.name}</div>
                    <Typography.Text type="secondary" className="clerk-code">
                      {row.applicantMasked.residentId}
                    </Typography.Text>
                  </>
                ) : (
                  '—'
                ),
            },
            {
              title: t('clerkSubmittedAt'),
              width: 150,
              render: (_, row) => (row.submittedAt ? time(row.submittedAt) : '—'),
            },
            {
              title: t('clerkDeadline'),
              width: 170,
              render: (_, row) => <Deadline dueOn={row.dueOn} provisional={row.dueProvisional} />,
            },
            {
              title: t('clerkStatus'),
              width: 100,
              render: (_, row) => (
                <>
                  <ApplicationStatusTag status={row.status} />
                  {row.deemedAcceptedAt && (
                    <Tag color="error" title={t('clerkDeemedAcceptedHelp')}>
                      {t('clerkDeemedAccepted')}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t('clerkChannel'),
              width: 150,
              render: (_, row) =>
                row.receivedAt
                  ? `${textOf(t, 'clerkChannel_', row.channel)} · ${pick(row.receivedAt.name)}`
                  : textOf(t, 'clerkChannel_', row.channel),
            },
          ]}
        />
      </div>
    </div>
  );
}
