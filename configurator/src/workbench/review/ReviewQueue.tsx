import { App, Radio, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { ReviewQueueQuery, ReviewQueueQueryVariables } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { useQueueKeys } from '../useQueueKeys';
import { DeadlineTag } from './DeadlineTag';
import { REVIEW_QUEUE } from './queries';
import './review.css';
import { TaskStatus } from './TaskStatus';

type Row = ReviewQueueQuery['reviewQueue'][number];

const STATUSES = ['pending', 'approved', 'denied'] as const;
const STATUS_TEXT = {
  pending: 'reviewStatus_pending',
  approved: 'reviewStatus_approved',
  denied: 'reviewStatus_denied',
} as const;

/** My department's review tasks (并联审批): the nearest promised deadline first; ↑↓ (j/k) and Enter work. */
export function ReviewQueue({ onOpen }: { onOpen: (taskId: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('pending');
  const [rows, setRows] = useState<Row[] | null>(null);
  const { table, rowProps } = useQueueKeys(onOpen);

  useEffect(() => {
    let current = true;
    setRows(null);
    request<ReviewQueueQuery, ReviewQueueQueryVariables>(REVIEW_QUEUE, { status })
      .then((data) => current && setRows(data.reviewQueue))
      .catch((e: Error) => {
        message.error(e.message);
        if (current) setRows([]);
      });
    return () => {
      current = false;
    };
  }, [status, message]);

  return (
    <div className="page">
      <Typography.Title level={2}>{t('reviewQueueTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reviewQueueIntro')}</Typography.Paragraph>
      <div className="review-filters" role="group" aria-label={t('reviewStatusFilter')}>
        <Radio.Group
          value={status}
          onChange={(e) => setStatus(String(e.target.value))}
          optionType="button"
          buttonStyle="solid"
          options={STATUSES.map((s) => ({ value: s, label: t(STATUS_TEXT[s]) }))}
        />
      </div>
      <div ref={table}>
        <Table<Row>
          aria-label={t('reviewTable')}
          rowKey="id"
          loading={rows === null}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: t('reviewEmpty') }}
          onRow={(row) => ({
            ...rowProps(row.id),
            className: 'review-row clickable',
            'aria-label': t('reviewOpenRow', { id: row.id }),
            onClick: () => onOpen(row.id),
          })}
          columns={[
            {
              title: t('reviewNumber'),
              width: 100,
              render: (_, row) => <Typography.Text code>{row.id}</Typography.Text>,
            },
            { title: t('reviewMatter'), dataIndex: 'matterCode' },
            { title: t('reviewDepartment'), dataIndex: 'departmentName' },
            {
              title: t('reviewDue'),
              render: (_, row) => (
                <DeadlineTag dueOn={row.dueOn} daysLeft={row.daysLeft} provisional={row.dueProvisional} />
              ),
            },
            {
              title: t('reviewStatus'),
              width: 120,
              render: (_, row) => <TaskStatus status={row.status} />,
            },
          ]}
        />
      </div>
    </div>
  );
}
