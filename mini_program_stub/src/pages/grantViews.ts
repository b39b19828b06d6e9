import type { FamilyQuery } from '../generated/graphql';
import { t } from '../i18n/t';
import type { Settings } from '../i18n/settings';
import type { TextKey } from '../i18n/dictionary';

export interface GrantView {
  id: string;
  who: string;
  basis: string;
  scope: string;
  revoked: boolean;
  /** Granted to me, in force: I may act for them. */
  canAct: boolean;
}

/**
 * The authorisations as the family page lists them: what I granted (to whom) and what I was
 * granted (by whom), the matters covered by their names where known.
 */
export function grantViews(
  all: FamilyQuery['authorisations'],
  s: Settings,
  names: Map<string, string> = new Map(),
): { granted: GrantView[]; received: GrantView[] } {
  const view = (a: FamilyQuery['authorisations'][number]): GrantView => {
    const matters = a.matters === null ? t('allMattersShort', s) : a.matters.map((code) => names.get(code) ?? code).join('、');
    const until = a.validUntil ? ` · ${t('until', s, { date: a.validUntil.slice(0, 10) })}` : '';
    return {
      id: a.id,
      who: a.mine ? a.agentName : a.principalName,
      basis: t(`basis_${a.basis}` as TextKey, s),
      scope: a.revokedAt ? t('revoked', s) : `${matters}${until}`,
      revoked: Boolean(a.revokedAt),
      canAct: !a.mine && a.inForce,
    };
  };
  return { granted: all.filter((a) => a.mine).map(view), received: all.filter((a) => !a.mine).map(view) };
}
