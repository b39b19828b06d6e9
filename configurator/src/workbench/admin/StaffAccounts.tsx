import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** The county administrator's staff accounts. */
export function StaffAccounts() {
  const { t } = useI18n();
  return <Empty description={t('adminPlaceholder')} />;
}
