import type { PageEvent } from '../app/page';
import type { FieldView } from '../logic/formModel';
import type { Step, Texts } from '../pages/common';
import type { ChecklistView } from '../pages/materials';
import { changed, h, picked, tap, type Child } from './dom';

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...children);
}

export function button(label: string, onTap: (event: Event) => void, kind: 'primary' | 'plain' = 'primary', disabled = false): HTMLElement {
  return h('button', { class: `btn ${kind}`, type: 'button', onclick: onTap, disabled }, label);
}

export function badge(b: { text: string; tone: string }): HTMLElement {
  return h('span', { class: `badge ${b.tone}`, 'data-testid': 'run-badge' }, b.text);
}

export function stepBar(steps: Step[]): HTMLElement {
  return h(
    'ol',
    { class: 'steps' },
    steps.map((s, i) => h('li', { class: s.state, 'aria-current': s.state === 'current' ? 'step' : null }, h('b', {}, String(i + 1)), s.label)),
  );
}

export function trips(t: Texts, items: { reason: string; remedy: string }[]): HTMLElement | null {
  if (!items.length) return null;
  return h(
    'ul',
    { class: 'trips' },
    items.map((trip) =>
      h('li', {}, h('p', {}, h('b', {}, t.whyTrip), trip.reason), trip.remedy ? h('p', { class: 'muted' }, h('b', {}, t.howToSave), trip.remedy) : null),
    ),
  );
}

/** One form field from its view-model: label, widget, help, errors under it. */
export function field(f: FieldView & { reason?: string }, onInput: (e: PageEvent) => void, t: Texts): HTMLElement {
  const id = `f-${f.name}`;
  const data = { name: f.name };
  const onchange = changed(onInput, data);
  let control: HTMLElement;
  if (f.readOnly) control = h('div', { class: 'readonly', id }, f.value);
  else if (f.widget === 'radio')
    control = h(
      'div',
      { class: 'choices', role: 'radiogroup', id },
      f.options.map((o) =>
        h('label', { class: `choice${o.checked ? ' on' : ''}` }, h('input', { type: 'radio', name: f.name, value: o.value, checked: o.checked, onchange }), o.label),
      ),
    );
  else if (f.widget === 'select')
    control = h(
      'select',
      { id, name: f.name, onchange },
      h('option', { value: '' }, f.placeholder),
      f.options.map((o) => h('option', { value: o.value, selected: o.checked }, o.label)),
    );
  else if (f.widget === 'textarea')
    control = h('textarea', { id, name: f.name, rows: 3, placeholder: f.placeholder, maxlength: f.maxLength || null, onchange, value: f.value });
  else
    control = h('input', {
      id,
      name: f.name,
      type: f.widget === 'number' ? 'number' : f.widget === 'date' ? 'date' : f.inputMode === 'tel' ? 'tel' : 'text',
      inputmode: f.inputMode,
      step: f.widget === 'number' ? 'any' : null,
      placeholder: f.placeholder,
      maxlength: f.maxLength || null,
      value: f.value,
      onchange,
      'aria-invalid': f.errors.length ? 'true' : null,
    });
  return h(
    'div',
    { class: `field${f.errors.length ? ' invalid' : ''}`, 'data-field': f.name },
    h('label', { for: id }, f.label, f.required ? h('span', { class: 'req', title: t.required }, ' *') : null),
    f.reason ? h('p', { class: 'reason' }, t.reason, f.reason) : null,
    control,
    f.readOnly ? h('p', { class: 'source' }, f.source) : null,
    f.help ? h('p', { class: 'help' }, f.help) : null,
    f.errors.map((e) => h('p', { class: 'error', role: 'alert' }, e)),
  );
}

export function checklistItem(
  m: ChecklistView & { reason?: string },
  t: Texts,
  onSign: (e: PageEvent) => void,
  onUpload: (e: PageEvent) => void,
): HTMLElement {
  const data = { id: m.id };
  return h(
    'li',
    { class: `material ${m.done ? 'done' : 'todo'}`, 'data-material': m.id },
    h('div', { class: 'row' }, h('h3', {}, m.name), h('span', { class: `status ${m.status}` }, m.statusText)),
    m.reason ? h('p', { class: 'reason' }, t.reason, m.reason) : null,
    m.evidence ? h('p', { class: 'evidence' }, '✓ ', m.evidence) : null,
    m.done ? null : h('p', {}, m.description),
    m.done ? null : h('p', { class: 'muted' }, h('b', {}, t.materialWhy), m.why),
    m.done || !m.sample ? null : h('p', { class: 'muted' }, h('b', {}, t.materialSample), m.sample),
    m.commitment ? h('blockquote', {}, m.commitment) : null,
    m.commitment ? button(t.signThis, tap(onSign, data)) : null,
    m.canUpload
      ? h(
          'label',
          { class: `btn ${m.done ? 'plain' : 'primary'} upload` },
          m.status === 'UPLOADED' ? t.reupload : t.upload,
          h('input', { type: 'file', accept: m.accept || null, capture: null, onchange: picked(onUpload, data), 'data-upload': m.id }),
        )
      : null,
  );
}
