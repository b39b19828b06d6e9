import { Alert, Typography } from 'antd';
import type { ReviewTaskQuery } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';

type HandOffState = NonNullable<NonNullable<ReviewTaskQuery['reviewTask']>['handOff']>;

/** A task decided in the department's own system (数据交换): where its delivery stands, in
 *  place of the decision form (the workbench cannot decide it). */
export function HandOff({ handOff }: { handOff: HandOffState }) {
  const { t } = useI18n();
  const state = {
    PENDING: t('handOffPENDING', { attempts: String(handOff.attempts) }),
    DELIVERED: t('handOffDELIVERED', { receipt: handOff.acknowledgedId ?? '—' }),
    DEAD: t('handOffDEAD'),
  }[handOff.status];
  return (
    <Alert
      className="review-gap-above"
      type={handOff.status === 'DEAD' ? 'error' : 'info'}
      showIcon
      message={t('handOffTitle')}
      description={
        <>
          <Typography.Paragraph>{t('handOffText')}</Typography.Paragraph>
          <Typography.Paragraph strong>{state}</Typography.Paragraph>
          {handOff.lastError && handOff.status !== 'DELIVERED' ? (
            <Typography.Paragraph type="secondary">
              {t('handOffLastError', { error: handOff.lastError })}
            </Typography.Paragraph>
          ) : null}
        </>
      }
    />
  );
}
