import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** The supervisor's dashboard (督察). */
export function Dashboard() {
  const { t } = useI18n();
  return <Empty description={t('supervisionPlaceholder')} />;
}
