import type { checkPage } from '../../pages/check';
import type { consentPage } from '../../pages/consent';
import type { formPage } from '../../pages/form';
import type { materialsPage } from '../../pages/materials';
import type { situationPage } from '../../pages/situation';
import type { submitPage } from '../../pages/submit';
import { h, tap, type Child } from '../dom';
import { badge, button, checklistItem, field, section, stepBar, trips } from '../widgets';

export function renderSituation(page: typeof situationPage): Child {
  const { t, steps, title, questions, hints, busy } = page.data;
  return [
    stepBar(steps),
    h('h1', {}, t.situationTitle),
    h('p', { class: 'muted' }, title, ' · ', t.situationWhy),
    questions.map((q) =>
      section(
        q.question,
        h(
          'div',
          { class: 'choices', role: 'radiogroup' },
          q.options.map((o) =>
            h(
              'label',
              { class: `choice${o.checked ? ' on' : ''}` },
              h('input', { type: 'radio', name: q.id, value: o.value, checked: o.checked, onchange: tap((e) => page.onChoose(e), { question: q.id, value: o.value }) }),
              o.label,
            ),
          ),
        ),
      ),
    ),
    hints.map((hint) => h('p', { class: 'note warn', role: 'status' }, t.hint, hint)),
    h('div', { class: 'actions' }, button(t.next, tap(() => page.onNext()), 'primary', busy)),
  ];
}

export function renderCheck(page: typeof checkPage): Child {
  const d = page.data;
  const { t } = d;
  if (!d.verdict) return stepBar(d.steps);
  return [
    stepBar(d.steps),
    h('h1', {}, t.checkTitle),
    h('p', { class: `verdict ${d.eligible ? 'ok' : 'no'}`, role: 'status' }, d.eligible ? '✓ ' : '✗ ', d.verdict),
    d.outcomes.map((o) => h('p', { class: `note ${o.block ? 'error' : 'warn'}` }, o.message)),
    d.pending.map((message) => h('p', { class: 'note pending', 'data-testid': 'pending' }, t.pendingRule, message)),
    section(t.trips, h('div', { class: 'badge-row' }, badge(d.badge)), d.estimate ? h('p', { class: 'note' }, d.estimate) : null, trips(t, d.trips)),
    h(
      'div',
      { class: 'actions' },
      d.hasSituation ? button(t.changeSituation, tap(() => page.onBack()), 'plain') : null,
      d.eligible ? button(t.next, tap(() => page.onNext())) : null,
    ),
  ];
}

export function renderConsent(page: typeof consentPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    stepBar(d.steps),
    h('h1', {}, t.consentTitle),
    h('p', { class: 'muted' }, t.consentIntro),
    h(
      'ul',
      { class: 'datasets' },
      d.sets.map((set) =>
        h(
          'li',
          { class: `dataset${set.granted ? ' granted' : ''}`, 'data-source': set.sourceId },
          h(
            'label',
            { class: 'row' },
            h('input', { type: 'checkbox', checked: set.checked, disabled: set.granted, onchange: tap((e) => page.onToggle(e), { source: set.sourceId }) }),
            h('strong', {}, set.name),
            set.granted ? h('span', { class: 'status PROVIDED' }, t.consentGranted) : null,
          ),
          h('p', {}, h('b', {}, t.consentHolder), set.department),
          h('p', {}, h('b', {}, t.consentPurpose), set.purpose),
          set.elements ? h('p', { class: 'muted' }, h('b', {}, t.consentElements), set.elements) : null,
          d.elderly ? null : h('p', { class: 'muted' }, h('b', {}, t.consentBasis), set.basis),
          set.pullText ? h('p', { class: `pull ${set.pull}` }, set.pullText) : null,
        ),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      d.toGrant ? button(t.consentGrant, tap(() => page.onGrant()), 'primary', d.busy) : null,
      d.failed ? button(t.consentRetry, tap(() => page.onRetry()), 'plain', d.busy) : null,
    ),
    d.prefilled.length
      ? section(
          t.prefilledTitle,
          h('dl', { class: 'prefilled' }, d.prefilled.map((p) => [h('dt', {}, p.label), h('dd', {}, p.value, h('small', {}, p.source))])),
        )
      : null,
    h('div', { class: 'actions' }, button(t.next, tap(() => page.onNext()), d.toGrant ? 'plain' : 'primary', d.busy)),
  ];
}

export function renderForm(page: typeof formPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    stepBar(d.steps),
    h('h1', {}, t.formTitle),
    h('p', { class: 'muted' }, d.title),
    d.hidden.length ? h('p', { class: 'note' }, t.myPartOnly) : null,
    d.banner ? h('p', { class: 'note error', role: 'alert' }, d.banner) : null,
    d.other.map((o) => h('p', { class: 'note error' }, o)),
    d.failing.map((message) => h('p', { class: 'note error', role: 'alert', 'data-testid': 'not-eligible' }, message)),
    d.pending.map((message) => h('p', { class: 'note pending', 'data-testid': 'pending' }, t.pendingRule, message)),
    h('form', { class: 'form', onsubmit: tap(() => page.onNext()) }, d.fields.map((f) => field(f, (e) => page.onInput(e), t))),
    h(
      'div',
      { class: 'actions' },
      button(d.saved ? t.saved : t.save, tap(() => page.onSave()), 'plain', d.busy),
      button(t.next, tap(() => page.onNext()), 'primary', d.busy),
    ),
  ];
}

export function renderMaterials(page: typeof materialsPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    stepBar(d.steps),
    h('h1', {}, t.materialsTitle),
    h('div', { class: 'badge-row' }, badge(d.badge)),
    trips(t, d.trips),
    h('ul', { class: 'materials' }, d.items.map((m) => checklistItem(m, t, (e) => page.onSign(e), (e) => page.onUpload(e)))),
    d.busy ? h('p', { class: 'muted' }, t.loading) : null,
    h('div', { class: 'actions' }, button(t.next, tap(() => page.onNext()), 'primary', d.busy)),
  ];
}

export function renderSubmit(page: typeof submitPage): Child {
  const d = page.data;
  const { t } = d;
  return [
    stepBar(d.steps),
    h('h1', {}, t.submitTitle),
    h('p', { class: 'muted' }, d.title),
    h('div', { class: 'badge-row' }, badge(d.badge)),
    d.trips.length ? h('ul', { class: 'trips' }, d.trips.map((trip) => h('li', {}, trip))) : null,
    d.trips.length ? h('p', { class: 'note' }, t.bookAfterSubmit) : null,
    section(
      d.outstanding.length ? t.outstanding : t.allReady,
      h('ul', { class: 'plain' }, d.outstanding.map((o) => h('li', {}, o.name, '：', o.statusText))),
    ),
    d.delivery.length
      ? section(
          t.delivery,
          h(
            'div',
            { class: 'choices', role: 'radiogroup' },
            d.delivery.map((o) =>
              h(
                'label',
                { class: `choice${o.checked ? ' on' : ''}` },
                h('input', { type: 'radio', name: 'delivery', value: o.value, checked: o.checked, onchange: tap((e) => page.onChooseDelivery(e), { value: o.value }) }),
                o.label,
              ),
            ),
          ),
        )
      : null,
    d.problems.length
      ? section(
          '',
          h('ul', { class: 'problems' }, d.problems.map((p) => h('li', { class: 'error' }, p.label ? [h('b', {}, p.label), '：'] : null, p.message))),
          d.formProblems ? button(t.fixForm, tap(() => page.onFix())) : null,
        )
      : null,
    d.multiParty
      ? section(t.confirmTitle, d.confirmText ? h('blockquote', { 'data-testid': 'confirm-text' }, d.confirmText) : null, h('p', { class: 'muted' }, t.partiesIntro))
      : null,
    h(
      'div',
      { class: 'actions' },
      d.multiParty ? button(t.seeParties, tap(() => page.onParties()), 'plain') : null,
      button(d.multiParty ? t.confirmSubmit : t.submit, tap(() => page.onSubmit()), 'primary', d.busy),
    ),
  ];
}
