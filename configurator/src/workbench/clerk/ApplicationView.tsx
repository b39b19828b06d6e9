import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** One application in full, with the window's actions. */
export function ApplicationView(_: { id: string; onBack: () => void }) {
  const { t } = useI18n();
  return <Empty description={t('clerkPlaceholder')} />;
}
