import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** One review task: the application read-only, the other departments' progress, my decision. */
export function TaskView(_: { id: string; onBack: () => void }) {
  const { t } = useI18n();
  return <Empty description={t('reviewPlaceholder')} />;
}
