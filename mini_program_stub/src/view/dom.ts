import type { PageEvent } from '../app/page';
import type { PickedFile } from '../platform/transport';

export type Child = Node | string | null | undefined | false | Child[];
type Prop = string | number | boolean | null | undefined | ((event: Event) => void);

type Props = Record<string, unknown>;
const LIVE = ['value', 'checked', 'disabled', 'selected'] as const;
const EVENTS = ['onclick', 'onchange', 'onsubmit'] as const;

/** Make an element: `on*` props are its handlers, `value`/`checked`/… its live state, the rest attributes. */
export function h(tag: string, props: Record<string, Prop> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function' || (LIVE as readonly string[]).includes(name)) (el as unknown as Props)[name] = value;
    else el.setAttribute(name === 'class' ? 'class' : name, value === true ? '' : String(value));
  }
  const add = (child: Child): void => {
    if (Array.isArray(child)) child.forEach(add);
    else if (child instanceof Node) el.append(child);
    else if (typeof child === 'string' && child) el.append(child);
  };
  children.forEach(add);
  return el;
}

/**
 * Bring `old` in line with `next`, keeping the elements that stay: a tap that began before a
 * re-render still ends on its button, and the field being typed in keeps focus, value and IME.
 */
export function morph(old: Node, next: Node): Node {
  if (old.nodeType !== next.nodeType || old.nodeName !== next.nodeName) {
    old.parentNode?.replaceChild(next, old);
    return next;
  }
  if (!(old instanceof Element) || !(next instanceof Element)) {
    if (old.nodeValue !== next.nodeValue) old.nodeValue = next.nodeValue;
    return old;
  }
  for (const { name } of [...old.attributes]) if (!next.hasAttribute(name)) old.removeAttribute(name);
  for (const { name, value } of [...next.attributes]) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  const from = old as unknown as Props;
  const to = next as unknown as Props;
  for (const name of EVENTS) from[name] = to[name];
  for (const name of LIVE) {
    if (!(name in old) || from[name] === to[name]) continue;
    if (name === 'value' && old === document.activeElement) continue;
    from[name] = to[name];
  }
  const kids = [...next.childNodes];
  kids.forEach((kid, i) => {
    const existing = old.childNodes[i];
    if (existing) morph(existing, kid);
    else old.appendChild(kid);
  });
  while (old.childNodes.length > kids.length) old.lastChild?.remove();
  return old;
}

/** The event a mini-program hands a handler, from the tapped element's data-* and value. */
function pageEvent(dataset: Record<string, string> = {}, value?: string, file?: PickedFile): PageEvent {
  return { currentTarget: { dataset }, detail: { value, file } };
}

/** A tap: the field being typed in is committed first (its change event), then the handler runs. */
export function tap(handler: (e: PageEvent) => void, dataset: Record<string, string> = {}): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    handler(pageEvent(dataset));
  };
}

/** A committed value (change, not input: Chinese IME composes while typing). */
export function changed(handler: (e: PageEvent) => void, dataset: Record<string, string> = {}): (event: Event) => void {
  return (event) => handler(pageEvent(dataset, (event.target as HTMLInputElement).value));
}

/** A file chosen on the phone. */
export function picked(handler: (e: PageEvent) => void, dataset: Record<string, string>): (event: Event) => void {
  return (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) handler(pageEvent(dataset, undefined, { name: file.name, blob: file }));
  };
}
