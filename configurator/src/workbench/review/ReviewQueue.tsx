import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** My department's review tasks (并联审批). */
export function ReviewQueue(_: { onOpen: (taskId: string) => void }) {
  const { t } = useI18n();
  return <Empty description={t('reviewPlaceholder')} />;
}
