import { List, Tag } from 'antd';
import type { DiffFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { diffSentence } from '../../i18n/problemTexts';

const COLORS: Record<string, string> = { add: 'green', remove: 'red', replace: 'blue' };
const show = (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(value));

interface Props {
  entries: DiffFieldsFragment[];
  /** The two documents compared, where the editor has them: entries are named from them. */
  before?: unknown;
  after?: unknown;
  testId?: string;
}

/** Differences between two documents, one sentence each (「材料「房屋照片」：新增」); the JSON
 * pointer and the values as JSON are a detail for developers, folded away. */
export function DiffTable({ entries, before, after, testId }: Props) {
  const { t, lang } = useI18n();
  return (
    <List<DiffFieldsFragment>
      data-testid={testId}
      className="diff-table"
      size="small"
      dataSource={entries}
      rowKey={(entry) => `${entry.op}${entry.path}`}
      pagination={entries.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: t('noDifferences') }}
      renderItem={(entry) => (
        <List.Item className="diff-entry">
          <div>
            <Tag color={COLORS[entry.op]}>{t(`diff_${entry.op}` as 'diff_add')}</Tag>
            <span className="diff-sentence">{diffSentence(entry, { before, after }, lang)}</span>
            <details className="problem-pointer">
              <summary>{t('problemPointer')}</summary>
              <code>{entry.path || '/'}</code>{' '}
              <code className="diff-value">
                {show(entry.before)} → {show(entry.after)}
              </code>
            </details>
          </div>
        </List.Item>
      )}
    />
  );
}
