import { deepEqual } from './deepEqual';
import type { Matter } from './matter';

/** A county version holds only what it changes from its province template
 * (docs/catalog-format.md, "Province templates and county versions"). The editor works on the
 * effective definition; `countyPatch` turns it back into the changes, `mergeTemplate` is the
 * server's merge, used to tell whether the changes say everything that was edited. */

type Json = unknown;
type JsonObject = Record<string, Json>;
type IdList = JsonObject[];

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIdList = (value: Json): value is IdList =>
  Array.isArray(value) && value.every((item) => isObject(item) && 'id' in item);

const isText = (value: JsonObject): boolean => Object.keys(value).length === 2 && 'zh' in value && 'en' in value;

/** `{"$remove": true}` drops a key of the template's object; the meta-schema allows it for a
 * form field (form.schema.properties), the one key the editor deletes. */
const REMOVAL = { $remove: true };
const isRemoval = (value: Json): boolean => deepEqual(value, REMOVAL);
const REMOVABLE = '/form/schema/properties';

export function mergeTemplate(base: Json, change: Json): Json {
  if (isObject(base) && isObject(change)) {
    const merged: JsonObject = { ...base };
    for (const [key, value] of Object.entries(change)) {
      if (isRemoval(value)) delete merged[key];
      else merged[key] = key in base ? mergeTemplate(base[key], value) : value;
    }
    return merged;
  }
  if (isIdList(base) && isIdList(change)) {
    const byId = new Map(base.map((item) => [item.id, item]));
    const order = base.map((item) => item.id);
    for (const item of change) {
      const old = byId.get(item.id);
      if (item.$remove) byId.delete(item.id);
      else if (old) byId.set(item.id, mergeTemplate(old, item) as JsonObject);
      else {
        byId.set(item.id, item);
        order.push(item.id);
      }
    }
    return order.flatMap((id) => byId.get(id) ?? []);
  }
  return change;
}

function changes(base: Json, target: Json, path = ''): Json | undefined {
  if (deepEqual(base, target)) return undefined;
  if (isObject(base) && isObject(target) && !isText(target)) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(target)) {
      const change = key in base ? changes(base[key], value, `${path}/${key}`) : value;
      if (change !== undefined) out[key] = change;
    }
    if (path === REMOVABLE) for (const key of Object.keys(base)) if (!(key in target)) out[key] = REMOVAL;
    return Object.keys(out).length ? out : undefined;
  }
  if (isIdList(base) && isIdList(target)) {
    const kept = new Set(target.map((item) => item.id));
    const removed = base.filter((item) => !kept.has(item.id)).map(({ id }) => ({ id, $remove: true }));
    const changed = target.flatMap((item) => {
      const old = base.find((candidate) => candidate.id === item.id);
      if (!old) return [item];
      // Inside a listed entry a changed value is given whole.
      const keys = Object.keys(item).filter((key) => !deepEqual(old[key], item[key]));
      return keys.length ? [Object.fromEntries([['id', item.id], ...keys.map((k) => [k, item[k]])])] : [];
    });
    const all = [...removed, ...changed];
    return all.length ? all : undefined;
  }
  return target;
}

/** The county version that, merged onto `template`, gives `effective` (as far as it can). */
export function countyPatch(template: Matter, effective: Matter): Matter {
  const { code, region, extends: base, ...rest } = effective;
  const patch = (changes(template, rest) ?? {}) as JsonObject;
  delete patch.code;
  delete patch.region;
  return { code, region, extends: base, ...patch } as Matter;
}

/** Whether the county version says every edit (reordering a template's entries, deleting
 * its keys other than a form field, or changing a rule's operator in a merged object, cannot
 * be said). A deleted field's presentation (form.ui) is left as the template has it: without
 * its field it shows nothing. */
export function patchIsFaithful(template: Matter, effective: Matter, patch: Matter): boolean {
  const { extends: _ignored, ...merged } = mergeTemplate(template, patch) as Matter;
  const { extends: _base, ...wanted } = effective;
  return deepEqual(withoutOrphanUi(merged), withoutOrphanUi(wanted));
}

function withoutOrphanUi<T extends Omit<Matter, 'extends'>>(matter: T): T {
  const fields = matter.form?.schema?.properties;
  const ui = matter.form?.ui;
  if (!fields || !ui) return matter;
  const kept = Object.fromEntries(Object.entries(ui).filter(([key]) => key.startsWith('ui:') || key in fields));
  return { ...matter, form: { ...matter.form, ui: kept } };
}
