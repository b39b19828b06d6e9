import { pick, type LocalizedText, type Settings } from '../i18n/settings';
import { codeText, t } from '../i18n/t';

interface Party {
  party: string;
  name: LocalizedText;
  role: string;
  required: boolean;
  status: string | null;
  isMe: boolean;
  holderName: string | null;
  declineReason: string | null;
}

export interface PartyView {
  party: string;
  name: string;
  status: string;
  statusText: string;
  holder: string;
  declined: string;
  isMe: boolean;
  /** Nobody joined it yet (or they declined): someone may be invited as it. */
  canInvite: boolean;
}

/** The parties of an application as a page shows them: name, who holds it, status in words, why declined. */
export function partyViews(parties: Party[], s: Settings): PartyView[] {
  return parties.map((p) => {
    const status = p.role === 'subject' ? 'SUBJECT' : (p.status ?? 'NOT_INVITED');
    return {
      party: p.party,
      name: `${pick(p.name, s)}${p.isMe ? t('me', s) : ''}${p.required || p.role === 'subject' ? '' : t('optionalParty', s)}`,
      status,
      statusText: status === 'SUBJECT' ? t('subjectParty', s) : codeText(status, s),
      holder: p.holderName ?? '',
      declined: p.status === 'DECLINED' && p.declineReason ? t('declinedBecause', s) + p.declineReason : '',
      isMe: p.isMe,
      canInvite: p.role === 'applicant' && !p.isMe && (p.status === null || p.status === 'INVITED' || p.status === 'DECLINED'),
    };
  });
}
