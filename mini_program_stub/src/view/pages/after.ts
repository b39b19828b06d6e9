import type { applicationPage } from '../../pages/application';
import type { applicationsPage } from '../../pages/applications';
import type { bookingPage } from '../../pages/booking';
import type { correctionPage } from '../../pages/correction';
import type { ratePage } from '../../pages/rate';
import { changed, h, tap, type Child } from '../dom';
import { button, checklistItem, field, section } from '../widgets';

export function renderApplications(page: typeof applicationsPage): Child {
  const { t, items, busy } = page.data;
  return [
    h('h1', {}, t.applicationsTitle),
    !busy && !items.length ? h('p', { class: 'muted' }, t.applicationsNone) : null,
    h(
      'ul',
      { class: 'list' },
      items.map((item) =>
        h(
          'li',
          {},
          h(
            'button',
            { class: 'entry', type: 'button', onclick: tap((e) => page.onOpen(e), { id: item.id }) },
            h('strong', {}, item.title),
            h('span', { class: `status ${item.status}` }, item.statusText),
            h('span', { class: 'muted' }, item.when),
          ),
        ),
      ),
    ),
  ];
}

export function renderApplication(page: typeof applicationPage): Child {
  const d = page.data;
  const { t } = d;
  if (!d.status) return null;
  return [
    h('h1', {}, d.title),
    h('p', { class: `status big ${d.status}`, 'data-testid': 'status' }, d.statusText),
    d.deadline ? h('p', { class: 'muted', 'data-testid': 'deadline' }, d.deadline) : null,
    h(
      'div',
      { class: 'actions' },
      d.canContinue ? button(t.continueDraft, tap(() => page.onContinue())) : null,
      d.canCorrect ? button(t.correct, tap(() => page.onCorrect())) : null,
      d.canBook ? button(d.booking ? t.change : t.book, tap(() => page.onBook()), d.booking ? 'plain' : 'primary') : null,
      d.canRate ? button(t.rate, tap(() => page.onRate())) : null,
    ),
    d.parties.length
      ? section(
          t.parties,
          h('ul', { class: 'departments' }, d.parties.map((p) => h('li', { 'data-party': p.party }, h('span', {}, p.name), h('span', { class: `status ${p.status}` }, p.statusText)))),
          button(t.seeParties, tap(() => page.onParties()), 'plain'),
        )
      : null,
    d.fees.length
      ? section(
          t.feesDue,
          h('ul', { class: 'fees', 'data-testid': 'fees' }, d.fees.map((f) => h('li', { 'data-fee': f.id }, h('p', {}, f.text), f.notes.map((n) => h('p', { class: 'muted' }, n))))),
          h('p', { class: 'fees-total' }, d.feesTotal),
          d.feesPaid ? h('p', { class: 'verdict ok', 'data-testid': 'paid' }, d.feesPaid) : null,
          d.canPay ? h('p', { class: 'muted' }, t.payUnpaid) : null,
          d.payNote ? h('p', { class: 'note' }, d.payNote) : null,
          d.canPay ? button(t.pay, tap(() => page.onPay()), 'primary', d.busy) : null,
        )
      : null,
    d.booking ? section(t.yourBooking, h('p', { 'data-testid': 'booking' }, d.booking)) : null,
    d.rating ? section(d.rating, d.followUp ? h('p', {}, t.followUp, d.followUp) : null) : null,
    d.tracking ? h('p', {}, t.tracking, d.tracking) : null,
    d.departments.length
      ? section(
          t.departments,
          h('ul', { class: 'departments' }, d.departments.map((dep) => h('li', {}, h('span', {}, dep.name), h('span', { class: `status ${dep.status}` }, dep.statusText)))),
        )
      : null,
    section(
      t.progress,
      h('p', { class: `live ${d.live}`, role: 'status' }, d.live === 'live' ? `● ${t.live}` : d.live === 'offline' ? t.offline : ''),
      h(
        'ol',
        { class: 'timeline', 'data-testid': 'timeline' },
        [...d.timeline]
          .reverse()
          .map((e) => h('li', { 'data-kind': e.kind }, h('time', {}, e.at), h('p', {}, e.message), e.actedBy ? h('p', { class: 'muted acted-by' }, t.actedBy, e.actedBy) : null)),
      ),
    ),
  ];
}

export function renderCorrection(page: typeof correctionPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    h('h1', {}, t.correctionTitle),
    h('p', { class: 'muted' }, d.title),
    h('p', { class: 'note warn' }, t.correctionIntro),
    d.other.map((o) => h('p', { class: 'note error' }, o)),
    d.fields.length ? h('form', { class: 'form', onsubmit: tap(() => page.onResubmit()) }, d.fields.map((f) => field(f, (e) => page.onInput(e), t))) : null,
    d.materials.length ? h('ul', { class: 'materials' }, d.materials.map((m) => checklistItem(m, t, (e) => page.onSign(e), (e) => page.onUpload(e)))) : null,
    h('div', { class: 'actions' }, button(t.resubmit, tap(() => page.onResubmit()), 'primary', d.busy)),
  ];
}

export function renderBooking(page: typeof bookingPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    h('h1', {}, t.bookingTitle),
    h('p', { class: 'muted' }, d.title),
    d.reason ? h('p', { class: 'note' }, d.reason) : null,
    d.hall ? h('p', {}, d.hall) : null,
    d.booked
      ? section(t.booked, h('p', { class: 'verdict ok', 'data-testid': 'booked' }, '✓ ', d.booked), button(t.back, tap(() => page.onDone())))
      : null,
    d.booked ? h('h2', {}, t.change) : null,
    !d.busy && !d.days.length ? h('p', { class: 'muted' }, t.noSlots) : null,
    h(
      'div',
      { class: 'days', role: 'tablist' },
      d.days.map((day) => h('button', { type: 'button', role: 'tab', class: `day${day.selected ? ' on' : ''}`, 'aria-selected': String(day.selected), onclick: tap((e) => page.onDay(e), { day: day.day }) }, day.label)),
    ),
    h(
      'div',
      { class: 'times' },
      d.times.map((time) =>
        h(
          'button',
          { type: 'button', class: 'time', disabled: time.free === 0 || d.busy, onclick: tap((e) => page.onPick(e), { slot: time.slotId }) },
          h('strong', {}, time.label),
          h('small', {}, time.freeText),
        ),
      ),
    ),
  ];
}

export function renderRate(page: typeof ratePage): Child {
  const d = page.data;
  const { t } = d;
  if (d.done) return [h('h1', {}, t.thanks), button(t.back, tap(() => page.onDone()))];
  return [
    h('h1', {}, t.rateTitle),
    h(
      'div',
      { class: 'stars', role: 'radiogroup' },
      d.stars.map((star) =>
        h('button', { type: 'button', class: `star${star.on ? ' on' : ''}`, 'aria-label': star.n, onclick: tap((e) => page.onScore(e), { n: star.n }) }, '★'),
      ),
    ),
    d.score && d.score <= 2 ? h('p', { class: 'note' }, t.lowScoreNote) : null,
    h(
      'div',
      { class: 'chips' },
      d.tags.map((tag) => h('button', { type: 'button', class: `chip${tag.on ? ' on' : ''}`, onclick: tap((e) => page.onTag(e), { value: tag.value }) }, tag.label)),
    ),
    h('textarea', { name: 'comment', rows: 3, placeholder: t.comment, onchange: changed((e) => page.onComment(e)), value: d.comment }),
    h('div', { class: 'actions' }, button(t.sendRating, tap(() => page.onSend()), 'primary', d.busy || !d.score)),
  ];
}
