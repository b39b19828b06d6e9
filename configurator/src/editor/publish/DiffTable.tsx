import { Table, Tag } from 'antd';
import type { DiffFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';

const COLORS: Record<string, string> = { add: 'green', remove: 'red', replace: 'blue' };
const show = (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(value));

/** Differences between two documents, one JSON pointer a row. */
export function DiffTable({ entries, testId }: { entries: DiffFieldsFragment[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table<DiffFieldsFragment>
      data-testid={testId}
      className="diff-table"
      size="small"
      rowKey={(entry) => `${entry.op}${entry.path}`}
      dataSource={entries}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('noDifferences') }}
      columns={[
        { title: t('diffPath'), dataIndex: 'path', render: (path: string) => <code>{path || '/'}</code> },
        {
          title: t('diffOp'),
          dataIndex: 'op',
          width: 90,
          render: (op: string) => <Tag color={COLORS[op]}>{t(`diff_${op}` as 'diff_add')}</Tag>,
        },
        { title: t('diffBefore'), render: (_, entry) => <code className="diff-value">{show(entry.before)}</code> },
        { title: t('diffAfter'), render: (_, entry) => <code className="diff-value">{show(entry.after)}</code> },
      ]}
    />
  );
}
