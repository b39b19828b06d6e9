import type { guidePage } from '../../pages/guide';
import type { homePage } from '../../pages/home';
import type { signinPage } from '../../pages/signin';
import { changed, h, tap, type Child } from '../dom';
import { badge, button, section, trips } from '../widgets';

export function renderSignin(page: typeof signinPage): Child {
  const { t, residents, platform } = page.data;
  return [
    h('h1', {}, t.signInTitle),
    platform ? button(t.signInPlatform, tap(() => page.onPlatformSignIn())) : null,
    residents.length ? h('p', { class: 'muted' }, t.signInIntro) : null,
    h(
      'ul',
      { class: 'list' },
      residents.map((r) =>
        h(
          'li',
          {},
          h('button', { class: 'entry', type: 'button', onclick: tap((e) => page.onPickResident(e), { id: r.id }) }, h('strong', {}, r.name), h('span', { class: 'muted' }, r.note)),
        ),
      ),
    ),
  ];
}

function entries(page: typeof homePage, items: typeof homePage.data.events): HTMLElement {
  return h(
    'ul',
    { class: 'list' },
    items.map((item) =>
      h(
        'li',
        {},
        h(
          'button',
          { class: `entry ${item.kind}`, type: 'button', onclick: tap((e) => page.onOpen(e), { code: item.code, kind: item.kind }) },
          h('strong', {}, item.name),
          h('span', { class: 'muted' }, item.detail),
        ),
      ),
    ),
  );
}

export function renderHome(page: typeof homePage): Child {
  const { t, name, keyword, events, matters, results } = page.data;
  return [
    h('p', { class: 'hello' }, name ? t.hello + name : ''),
    h(
      'form',
      { class: 'search', role: 'search', onsubmit: tap(() => page.onSearch()) },
      h('input', { type: 'search', name: 'keyword', value: keyword, placeholder: t.searchPlaceholder, 'aria-label': t.search, onchange: changed((e) => page.onKeyword(e)) }),
      h('button', { class: 'btn primary', type: 'submit' }, t.search),
    ),
    results ? section(t.search, results.length ? entries(page, results) : h('p', { class: 'muted' }, t.searchNone)) : null,
    h(
      'div',
      { class: 'actions grid' },
      button(t.myApplications, tap(() => page.onMine()), 'plain'),
      button(t.wallet, tap(() => page.onWallet()), 'plain'),
      button(t.family, tap(() => page.onFamily()), 'plain'),
      button(t.joinEntry, tap(() => page.onJoin()), 'plain'),
    ),
    section(t.lifeEvents, entries(page, events)),
    section(t.allMatters, entries(page, matters)),
    h('p', { class: 'footer' }, h('a', { href: '#', onclick: tap(() => page.onSignOut()) }, t.signOut)),
  ];
}

export function renderGuide(page: typeof guidePage): Child {
  const d = page.data;
  const { t } = d;
  if (!d.title) return null;
  return [
    h('h1', {}, d.title),
    h('div', { class: 'badge-row' }, badge(d.badge)),
    d.estimate ? h('p', { class: 'note' }, t.runsEstimate) : null,
    trips(t, d.trips),
    section(t.summary, h('p', {}, d.summary), d.promise ? h('p', { class: 'promise' }, d.promise) : null),
    d.members.length ? section(t.members, h('ol', { class: 'members' }, d.members.map((m) => h('li', {}, m)))) : null,
    section(
      t.materials,
      h(
        'ul',
        { class: 'materials' },
        d.materials.map((m) =>
          h(
            'li',
            { class: 'material' },
            h('h3', {}, m.name, m.conditional ? h('span', { class: 'tag' }, t.materialConditional) : null),
            h('p', {}, m.description),
            h('p', { class: 'muted' }, h('b', {}, t.materialWhy), m.why),
            m.sample ? h('p', { class: 'muted' }, h('b', {}, t.materialSample), m.sample) : null,
            h('p', { class: 'muted' }, h('b', {}, t.materialWays), m.ways),
          ),
        ),
      ),
    ),
    d.onSite.length
      ? section(t.onSite, d.onSite.map((o) => h('div', {}, h('h3', {}, o.name), h('p', {}, o.description), h('p', { class: 'muted' }, h('b', {}, t.materialWhy), o.why))))
      : null,
    section(t.fees, d.fees.map((f) => h('p', {}, f))),
    section(t.timeLimits, h('p', {}, d.promised), h('p', { class: 'muted' }, d.statutory)),
    section(t.delivery, h('p', {}, d.delivery)),
    d.contact.length ? section(t.contact, d.contact.map((c) => h('p', {}, c))) : null,
    d.elderly ? null : section(t.legalBasis, d.legal.map((l) => h('p', { class: 'muted' }, l))),
    d.roles.length
      ? section(
          t.startAs,
          h(
            'div',
            { class: 'choices', role: 'radiogroup', 'aria-label': t.startAs },
            d.roles.map((r) =>
              h('label', { class: `choice${r.checked ? ' on' : ''}` }, h('input', { type: 'radio', name: 'as_party', value: r.value, checked: r.checked, onchange: tap((e) => page.onRole(e), { value: r.value }) }), r.label),
            ),
          ),
          h('p', { class: 'muted' }, t.startAsNote),
        )
      : null,
    h('div', { class: 'actions sticky' }, button(t.start, tap(() => page.onStart()), 'primary', d.busy)),
  ];
}
