import type { Matter } from '../../document/matter';
import { pointerParts } from '../../document/pointerParts';

/** Where in the editor a problem's JSON pointer points: the tab and the card (anchor) that
 * edits that part of the document. */

export type TabKey = 'basics' | 'parties' | 'form' | 'rules' | 'materials' | 'tests' | 'preview' | 'publish';

export interface Location {
  tab: TabKey;
  anchor: string;
}

const BASICS = new Set([
  'code', 'region', 'extends', 'name', 'summary', 'kind', 'audience', 'department', 'keywords',
  'legal_basis', 'time_limits', 'delivery', 'channels', 'output', 'automatic', 'contact',
]); // prettier-ignore

const LISTS: Record<string, [TabKey, string]> = {
  situations: ['basics', 'situation'],
  parties: ['parties', 'party'],
  on_site_steps: ['basics', 'step'],
  fees: ['basics', 'fee'],
  eligibility: ['rules', 'eligibility'],
  materials: ['materials', 'material'],
};

type Lists = Record<string, { id?: unknown }[] | undefined>;

/** The index in the edited list of the entry the authored document's entry `index` names: a
 * county version's lists hold only its changes, the editor shows the merged list. */
function editedIndex(authored: unknown, edited: Matter, list: string, index: number): number {
  const id = (authored as Lists | null)?.[list]?.[index]?.id;
  const found = (edited as unknown as Lists)[list]?.findIndex((entry) => entry.id === id) ?? -1;
  return id !== undefined && found >= 0 ? found : index;
}

/** The pointer rewritten for the edited document: a top-level list's index found by id. */
export function editedPointer(pointer: string, authored: unknown, edited: Matter): string {
  const parts = pointer.split('/');
  const [, list, index] = parts;
  if (list === undefined || !LISTS[list] || index === undefined || !/^\d+$/.test(index)) return pointer;
  parts[2] = String(editedIndex(authored, edited, list, Number(index)));
  return parts.join('/');
}

export function locate(pointer: string, authored: unknown, edited: Matter): Location {
  const [head, second, third, fourth] = pointerParts(pointer);
  if (head === undefined) return { tab: 'publish', anchor: 'document' };
  if (head === 'form') return locateInForm(authored, second, third, fourth);
  const list = LISTS[head];
  if (list) {
    const [tab, prefix] = list;
    if (second === undefined || !/^\d+$/.test(second)) return { tab, anchor: head };
    const index = editedIndex(authored, edited, head, Number(second));
    if (head === 'materials' && third === 'required_when') return { tab: 'rules', anchor: `required-${index}` };
    return { tab, anchor: `${prefix}-${index}` };
  }
  if (BASICS.has(head)) return { tab: 'basics', anchor: head };
  return { tab: 'publish', anchor: 'document' };
}

function locateInForm(authored: unknown, part?: string, name?: string, option?: string): Location {
  const form: Location = { tab: 'form', anchor: 'form' };
  if (part === 'schema' && name === 'properties' && option !== undefined)
    return { tab: 'form', anchor: `field-${option}` };
  if (part === 'schema' && name === 'required' && option !== undefined) {
    const required = (authored as Matter | null)?.form?.schema?.required?.[Number(option)];
    return required ? { tab: 'form', anchor: `field-${required}` } : form;
  }
  if (part === 'ui' && name !== undefined && name !== 'ui:order') {
    return option === 'ui:visibleWhen'
      ? { tab: 'rules', anchor: `visible-${name}` }
      : { tab: 'form', anchor: `field-${name}` };
  }
  return form;
}
