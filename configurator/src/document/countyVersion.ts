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

export function mergeTemplate(base: Json, change: Json): Json {
  if (isObject(base) && isObject(change)) {
    const merged: JsonObject = { ...base };
    for (const [key, value] of Object.entries(change)) {
      merged[key] = key in base ? mergeTemplate(base[key], value) : value;
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

function changes(base: Json, target: Json): Json | undefined {
  if (deepEqual(base, target)) return undefined;
  if (isObject(base) && isObject(target) && !isText(target)) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(target)) {
      const change = key in base ? changes(base[key], value) : value;
      if (change !== undefined) out[key] = change;
    }
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

/** Whether the county version says every edit (reordering or deleting a template's entries
 * and keys, or changing a rule's operator in a merged object, cannot be said). */
export function patchIsFaithful(template: Matter, effective: Matter, patch: Matter): boolean {
  const { extends: _ignored, ...merged } = mergeTemplate(template, patch) as Matter;
  const { extends: _base, ...wanted } = effective;
  return deepEqual(merged, wanted);
}
