import { Tag } from 'antd';
import type { AuthoringStatus } from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';

const COLORS: Record<AuthoringStatus, string> = { DRAFT: 'gold', PUBLISHED: 'green', RETIRED: 'default' };

export function StatusTag({ status }: { status: AuthoringStatus }) {
  const { t } = useI18n();
  const label = { DRAFT: t('statusDraft'), PUBLISHED: t('statusPublished'), RETIRED: t('statusRetired') }[status];
  return <Tag color={COLORS[status]}>{label}</Tag>;
}
