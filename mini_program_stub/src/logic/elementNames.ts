import catalog from '../../../form_schemas/elements.json';
import { pick, type Settings } from '../i18n/settings';

const NAMES = new Map(catalog.elements.map((e) => [e.key, e.name]));

/**
 * A data element's name (数据元: the province's standard fields), from the catalog bundled at
 * build time: the citizen API names a data set's elements by key only.
 */
export function elementName(key: string, s: Settings): string {
  return pick(NAMES.get(key), s) || key;
}
