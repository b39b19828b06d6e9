import type { guardianshipPage } from '../../pages/guardianship';
import { changed, h, picked, tap, type Child } from '../dom';
import { button, section } from '../widgets';

/** The status colours the mini-program already has, by a claim's status. */
const TONE: Record<string, string> = { pending: 'INVITED', granted: 'current', refused: 'DECLINED' };

function input(page: typeof guardianshipPage, name: 'residentId' | 'name', label: string, inputmode?: string): HTMLElement {
  const error = page.data.errors[name];
  const id = `guardianship-${name}`;
  return h(
    'div',
    { class: `field${error ? ' invalid' : ''}` },
    h('label', { for: id }, label),
    h('input', {
      id,
      name,
      type: 'text',
      inputmode,
      value: page.data.draft[name],
      autocomplete: 'off',
      maxlength: name === 'residentId' ? 18 : 30,
      'aria-invalid': error ? 'true' : null,
      'aria-describedby': error ? `${id}-error` : null,
      onchange: changed((e) => page.onField(e), { name }),
    }),
    error ? h('p', { class: 'error', id: `${id}-error`, role: 'alert' }, error) : null,
  );
}

function materialPanel(page: typeof guardianshipPage): HTMLElement {
  const d = page.data;
  const { t } = d;
  return section(
    t.guardianshipNeedsMaterialTitle,
    d.because ? h('p', { class: 'note warn', 'data-testid': 'because' }, d.because) : null,
    h('p', {}, t.guardianshipNeedsMaterial),
    h('p', { class: 'muted', id: 'guardianship-file-rule' }, t.guardianshipFileRule),
    h(
      'label',
      { class: 'btn primary upload' },
      t.guardianshipUpload,
      h('input', {
        type: 'file',
        accept: 'application/pdf,image/jpeg,image/png',
        'aria-describedby': 'guardianship-file-rule',
        disabled: d.busy,
        onchange: picked((e) => page.onUpload(e), {}),
        'data-testid': 'guardianship-file',
      }),
    ),
    d.errors.file ? h('p', { class: 'error', role: 'alert' }, d.errors.file) : null,
  );
}

export function renderGuardianship(page: typeof guardianshipPage): Child {
  const d = page.data;
  const { t, draft } = d;
  return [
    h('h1', {}, t.guardianshipTitle),
    h('p', { class: 'muted' }, t.guardianshipIntro),
    section(
      t.guardianshipMine,
      !d.busy && !d.wards.length ? h('p', { class: 'muted' }, t.guardianshipNone) : null,
      h(
        'ul',
        { class: 'grants', 'data-testid': 'wards' },
        d.wards.map((w) =>
          h(
            'li',
            { class: 'grant', 'data-ward': w.id },
            h('div', { class: 'row' }, h('strong', {}, w.name), h('span', { class: 'tag' }, t.basis_guardian)),
            h('p', { class: 'muted' }, t.allMattersShort, ' · ', w.until),
            button(t.guardianshipActFor, tap((e) => page.onActFor(e), { id: w.id })),
          ),
        ),
      ),
    ),
    section(
      t.guardianshipClaim,
      input(page, 'name', t.guardianshipChildName),
      input(page, 'residentId', t.guardianshipChildId, 'numeric'),
      d.outcome === 'granted' ? h('p', { class: 'note', role: 'status', 'data-testid': 'outcome' }, d.granted) : null,
      d.outcome === 'sent' ? h('p', { class: 'note', role: 'status', 'data-testid': 'outcome' }, t.guardianshipSent) : null,
      button(t.guardianshipClaim, tap(() => page.onClaim()), 'primary', d.busy || !draft.name || !draft.residentId),
    ),
    d.outcome === 'needsMaterial' ? materialPanel(page) : null,
    d.claims.length
      ? section(
          t.guardianshipClaims,
          h(
            'ul',
            { class: 'grants', 'data-testid': 'claims' },
            d.claims.map((c) =>
              h(
                'li',
                { class: 'grant', 'data-claim': c.id, 'data-status': c.status },
                h('div', { class: 'row' }, h('strong', {}, c.child), h('span', { class: `status ${TONE[c.status] ?? ''}` }, c.statusText)),
                h('p', { class: 'muted' }, c.file),
                c.reason ? h('p', { class: 'note error' }, c.reason) : null,
              ),
            ),
          ),
        )
      : null,
  ];
}
