import type { GuardianshipOverviewQuery } from '../generated/graphql';
import type { TextKey } from '../i18n/dictionary';
import { pick, type LocalizedText, type Settings } from '../i18n/settings';
import { t } from '../i18n/t';

export interface WardView {
  id: string;
  name: string;
  until: string;
}

export interface ClaimView {
  id: string;
  child: string;
  file: string;
  status: string;
  statusText: string;
  reason: string;
}

/** The children I am the guardian of, in force: I may act for them. */
export function wardViews(all: GuardianshipOverviewQuery['authorisations'], s: Settings): WardView[] {
  return all
    .filter((a) => a.basis === 'guardian' && !a.mine && a.inForce)
    .map((a) => ({ id: a.id, name: a.principalName, until: a.validUntil ? t('until', s, { date: a.validUntil.slice(0, 10) }) : '' }));
}

/** My claims shown by a material, with their status in words and the window's reason. */
export function claimViews(all: GuardianshipOverviewQuery['guardianshipClaims'], s: Settings): ClaimView[] {
  return all.map((c) => {
    const known = ['pending', 'granted', 'refused'].includes(c.status);
    return {
      id: c.id,
      child: `${c.childName} · ${c.childResidentId}`,
      file: `${t('guardianshipClaimFile', s)}${c.filename}`,
      status: c.status,
      statusText: known ? t(`guardianship_${c.status}` as TextKey, s) : c.status,
      reason: c.status === 'refused' && c.reason ? `${t('guardianshipRefusedBecause', s)}${c.reason}` : '',
    };
  });
}

export type FieldErrors = Partial<Record<'residentId' | 'name' | 'file', string>>;

/** The server's problems by field (/residentId, /name, /file); the others joined as one message. */
export function fieldErrors(
  message: LocalizedText,
  errors: { path: string; message: LocalizedText }[],
  s: Settings,
): { fields: FieldErrors; other: string } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const e of errors) {
    const name = e.path.replace(/^\//, '');
    if (name === 'residentId' || name === 'name' || name === 'file') fields[name] = [fields[name], pick(e.message, s)].filter(Boolean).join(' ');
    else rest.push(pick(e.message, s));
  }
  const other = Object.keys(fields).length && !rest.length ? '' : [pick(message, s), ...rest].join(' ');
  return { fields, other };
}
