import { CODES, DICTIONARY, type TextKey } from './dictionary';
import type { LocalizedText, Settings } from './settings';

type Params = Record<string, string | number>;

function wording(entry: LocalizedText & { plain?: LocalizedText }, settings: Settings, params: Params): string {
  const text = settings.elderly && entry.plain ? entry.plain : entry;
  return text[settings.lang].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** One of the mini-program's own texts, in plain words in 长辈模式. */
export function t(key: TextKey, settings: Settings, params: Params = {}): string {
  return wording(DICTIONARY[key], settings, params);
}

/** A code the API sends (status, way, delivery mode) in words; unknown codes stay as they are. */
export function codeText(code: string, settings: Settings): string {
  const entry = CODES[code];
  return entry ? wording(entry, settings, {}) : code;
}
