import type { Party, Text } from '../../document/matter';

/** The declared parties as the options of a select: "卖方（seller）". */
export const partyOptions = (parties: readonly Party[], pick: (text: Text | undefined) => string) =>
  parties.map((p) => ({ value: p.id, label: `${pick(p.name) || p.id}（${p.id}）` }));
