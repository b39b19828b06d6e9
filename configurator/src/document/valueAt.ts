import { pointerParts } from './pointerParts';

/** The value a JSON pointer names in a document; undefined when nothing is there. */
export function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const part of pointerParts(pointer)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
