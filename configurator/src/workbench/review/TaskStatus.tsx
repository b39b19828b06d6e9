import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

const TEXT = {
  pending: 'reviewStatus_pending',
  approved: 'reviewStatus_approved',
  denied: 'reviewStatus_denied',
} as const;

/** A review task's status as a word. */
export function TaskStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const key = TEXT[status as keyof typeof TEXT] as (typeof TEXT)[keyof typeof TEXT] | undefined;
  return <Tag>{key ? t(key) : status}</Tag>;
}
