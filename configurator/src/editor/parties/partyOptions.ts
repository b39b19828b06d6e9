import type { FieldSchema, Party, Text } from '../../document/matter';

/** The declared parties as the options of a select: "卖方（seller）". */
export const partyOptions = (parties: readonly Party[], pick: (text: Text | undefined) => string) =>
  parties.map((p) => ({ value: p.id, label: `${pick(p.name) || p.id}（${p.id}）` }));

/** A form field as a select shows it, in the language shown: "卖方姓名（seller_name）". */
export function fieldLabel(
  name: string,
  schema: FieldSchema | undefined,
  pick: (text: Text | undefined) => string,
): string {
  const zh = schema?.title ?? '';
  const title = pick({ zh, en: schema?.['x-title-en'] || zh });
  return title ? `${title}（${name}）` : name;
}
