import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** The window clerk's queue (一窗受理). */
export function WindowQueue(_: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  return <Empty description={t('clerkPlaceholder')} />;
}
