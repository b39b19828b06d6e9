import type { actedPage } from '../../pages/acted';
import type { familyPage } from '../../pages/family';
import type { GrantView } from '../../pages/grantViews';
import type { joinPage } from '../../pages/join';
import type { partiesPage } from '../../pages/parties';
import type { walletPage } from '../../pages/wallet';
import type { Texts } from '../../pages/common';
import { changed, h, tap, type Child } from '../dom';
import { button, section } from '../widgets';

function input(id: string, label: string, value: string, onchange: (event: Event) => void, type = 'text', inputmode?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, type, inputmode, value, onchange, autocomplete: 'off' }),
  );
}

function invitePanel(page: typeof partiesPage): Child {
  const d = page.data;
  const { t } = d;
  const onField = (name: string) => changed((e) => page.onField(e), { name });
  return section(
    t.inviteBy.replace('{party}', d.parties.find((p) => p.party === d.inviting)?.name ?? ''),
    h('p', { class: 'muted' }, t.inviteCodeIntro),
    d.invitation
      ? h(
          'div',
          { class: 'invitation', 'data-testid': 'invitation' },
          h('p', {}, t.shareCode, '：', h('strong', { class: 'code', 'data-testid': 'share-code' }, d.invitation.code)),
          h('p', {}, t.shareLink, '：', h('a', { href: d.invitation.link, 'data-testid': 'share-link' }, d.invitation.link)),
          h('p', { class: 'muted' }, d.invitation.until),
          button(d.copied ? t.copied : t.copy, tap(() => page.onCopy()), 'plain'),
        )
      : button(t.inviteCode, tap(() => page.onInviteCode()), 'primary', d.busy),
    h('h3', {}, t.inviteByPhone),
    input('residentId', t.residentId, d.residentId, onField('residentId'), 'text', 'numeric'),
    input('mobile', t.mobile, d.mobile, onField('mobile'), 'tel', 'tel'),
    d.sent ? h('p', { class: 'note', role: 'status' }, d.sent) : null,
    button(t.send, tap(() => page.onInviteByPhone()), 'plain', d.busy || !d.residentId || !d.mobile),
  );
}

export function renderParties(page: typeof partiesPage): Child {
  const d = page.data;
  const { t } = d;
  if (!d.status) return null;
  return [
    h('h1', {}, t.partiesTitle),
    h('p', { class: 'muted' }, d.title, ' · ', h('span', { 'data-testid': 'status' }, d.statusText)),
    h('p', { class: 'note' }, t.partiesIntro),
    h(
      'ul',
      { class: 'parties', 'data-testid': 'parties' },
      d.parties.map((p) =>
        h(
          'li',
          { class: `party${p.isMe ? ' mine' : ''}`, 'data-party': p.party },
          h('div', { class: 'row' }, h('strong', {}, p.name), h('span', { class: `status ${p.status}` }, p.statusText)),
          p.holder ? h('p', { class: 'muted' }, p.holder) : null,
          p.declined ? h('p', { class: 'note error' }, p.declined) : null,
          d.status === 'DRAFT' && p.canInvite ? button(t.invite, tap((e) => page.onInvite(e), { party: p.party }), 'plain') : null,
        ),
      ),
    ),
    d.inviting ? invitePanel(page) : null,
    d.canDecide
      ? section(
          t.confirmTitle,
          d.confirmText ? h('blockquote', { 'data-testid': 'confirm-text' }, d.confirmText) : null,
          button(t.confirm, tap(() => page.onConfirm()), 'primary', d.busy),
          h('div', { class: 'field' }, h('label', { for: 'reason' }, t.declineReason), h('textarea', { id: 'reason', name: 'reason', rows: 2, maxlength: 200, value: d.reason, onchange: changed((e) => page.onField(e), { name: 'reason' }) })),
          button(t.decline, tap(() => page.onDecline()), 'plain', d.busy || !d.reason),
        )
      : null,
    h('div', { class: 'actions' }, button(t.back, tap(() => page.onOpen()), 'plain')),
  ];
}

export function renderJoin(page: typeof joinPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    h('h1', {}, t.joinTitle),
    h('p', { class: 'muted' }, t.joinIntro),
    h(
      'form',
      { class: 'form', onsubmit: tap(() => page.onJoin()) },
      input('code', t.joinCode, d.code, changed((e) => page.onCode(e))),
    ),
    h('div', { class: 'actions' }, button(t.join, tap(() => page.onJoin()), 'primary', d.busy)),
  ];
}

export function renderWallet(page: typeof walletPage): Child {
  const { t, licenses, busy } = page.data;
  return [
    h('h1', {}, t.walletTitle),
    !busy && !licenses.length ? h('p', { class: 'muted' }, t.walletNone) : null,
    h(
      'ul',
      { class: 'licenses', 'data-testid': 'wallet' },
      licenses.map((l) =>
        h(
          'li',
          { class: `license ${l.status}`, 'data-number': l.number },
          h('div', { class: 'row' }, h('strong', {}, l.name), h('span', { class: `status ${l.status}` }, l.statusText)),
          h('p', {}, l.number),
          h('p', { class: 'muted' }, l.holder),
          l.heldFor ? h('p', { class: 'muted' }, l.heldFor) : null,
          h('p', { class: 'muted' }, l.issuer),
        ),
      ),
    ),
  ];
}

function grants(page: typeof familyPage, t: Texts, title: string, items: GrantView[]): HTMLElement {
  return section(
    title,
    items.length ? null : h('p', { class: 'muted' }, t.noneYet),
    h(
      'ul',
      { class: 'grants' },
      items.map((g) =>
        h(
          'li',
          { class: `grant${g.revoked ? ' revoked' : ''}`, 'data-grant': g.id },
          h('div', { class: 'row' }, h('strong', {}, g.who), h('span', { class: 'tag' }, g.basis)),
          h('p', { class: 'muted' }, g.scope),
          g.canAct ? button(t.actFor, tap((e) => page.onActFor(e), { id: g.id })) : null,
          g.revoked ? null : button(title === t.grantedByMe ? t.revoke : t.giveUp, tap((e) => page.onRevoke(e), { id: g.id }), 'plain'),
        ),
      ),
    ),
  );
}

export function renderFamily(page: typeof familyPage): Child {
  const d = page.data;
  const { t, draft } = d;
  const onField = (name: string) => changed((e) => page.onField(e), { name });
  return [
    h('h1', {}, t.familyTitle),
    h('p', { class: 'muted' }, t.familyIntro),
    h('div', { class: 'actions' }, button(t.guardianshipEntry, tap(() => page.onGuardianship()), 'plain')),
    grants(page, t, t.grantedToMe, d.received),
    grants(page, t, t.grantedByMe, d.granted),
    section(
      t.grantTitle,
      input('name', t.name, draft.name, onField('name')),
      input('residentId', t.residentId, draft.residentId, onField('residentId'), 'text', 'numeric'),
      h(
        'div',
        { class: 'choices', role: 'radiogroup', 'aria-label': t.grantMatters },
        [true, false].map((all) =>
          h('label', { class: `choice${draft.all === all ? ' on' : ''}` }, h('input', { type: 'radio', name: 'scope', value: String(all), checked: draft.all === all, onchange: tap((e) => page.onScope(e), { all: String(all) }) }), all ? t.allMattersChoice : t.chosenMatters),
        ),
      ),
      draft.all
        ? null
        : h('div', { class: 'matters' }, d.matters.map((m) => h('label', { class: 'row' }, h('input', { type: 'checkbox', checked: m.checked, onchange: tap((e) => page.onMatter(e), { code: m.code }) }), m.name))),
      input('until', t.grantUntil, draft.until, onField('until'), 'date'),
      button(t.grant, tap(() => page.onGrant()), 'primary', d.busy || !draft.name || !draft.residentId || !draft.until),
    ),
    h('div', { class: 'actions' }, button(t.actedTitle, tap(() => page.onActed()), 'plain')),
  ];
}

export function renderActed(page: typeof actedPage): Child {
  const { t, steps, busy } = page.data;
  return [
    h('h1', {}, t.actedTitle),
    !busy && !steps.length ? h('p', { class: 'muted' }, t.actedNone) : null,
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'acted' },
      steps.map((s) => h('li', {}, h('time', {}, s.at), h('p', {}, h('strong', {}, s.title), ' ', s.message), h('p', { class: 'muted' }, t.actedBy, s.actor))),
    ),
  ];
}
