import { Empty } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** Bad ratings' follow-ups (差评回访). */
export function FollowUps() {
  const { t } = useI18n();
  return <Empty description={t('adminPlaceholder')} />;
}
