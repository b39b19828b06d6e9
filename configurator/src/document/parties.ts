import { edited } from './edited';
import type { Matter, Party, PartyRole } from './matter';
import { nextId } from './nextId';

/** The parties editor's edits (多方申请): who fills which fields, provides which materials and
 * receives the output. Each returns a new matter or party. */

const empty = () => ({ zh: '', en: '' });

/** A new applicant party: required, owning no field yet, with a confirmation to write. */
export function newParty(parties: readonly Party[] | undefined): Party {
  return {
    id: nextId('party', parties),
    name: empty(),
    role: 'applicant',
    required: true,
    fields: [],
    confirm: empty(),
  };
}

/** The party with another role: a subject (a newborn) neither confirms nor is waited for; an
 * applicant confirms, so it gets a confirmation text to write. */
export function withRole(party: Party, role: PartyRole): Party {
  const { confirm, required, ...rest } = party;
  if (role === 'subject') return { ...rest, role, required: false };
  return { ...rest, role, required: required ?? true, confirm: confirm ?? empty() };
}

/** The party with its identity or name field set: the field is one of its own fields too. */
export function withOwnField(party: Party, key: 'identity_field' | 'name_field', field: string | undefined): Party {
  const { [key]: _old, ...rest } = party;
  if (field === undefined) return rest;
  const fields = party.fields ?? [];
  return { ...rest, [key]: field, fields: fields.includes(field) ? fields : [...fields, field] };
}

/** For each form field, the ids of the parties that name it as their own. */
export function fieldOwners(parties: readonly Party[] | undefined): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const party of parties ?? [])
    for (const field of party.fields ?? []) owners.set(field, [...(owners.get(field) ?? []), party.id]);
  return owners;
}

/** The fields that more than one party names (a field belongs to at most one). */
export function fieldsOwnedTwice(parties: readonly Party[] | undefined): string[] {
  return [...fieldOwners(parties)].filter(([, owners]) => owners.length > 1).map(([field]) => field);
}

/** The matter with the id of the party at `index` changed, and every material, holder and
 * superseded licence that named the old id naming the new one (unless another party still has
 * the old id, as it may for a moment while an id is typed). */
export function renameParty(matter: Matter, index: number, to: string): Matter {
  const from = matter.parties?.[index]?.id;
  const shared = (matter.parties ?? []).some((party, i) => i !== index && party.id === from);
  return edited(matter, (copy) => {
    const party = copy.parties?.[index];
    if (!party) return;
    party.id = to;
    if (shared) return;
    for (const material of copy.materials ?? []) if (material.party === from) material.party = to;
    const output = copy.output ?? {};
    if (output.holder === from) output.holder = to;
    if (output.supersedes && output.supersedes.party === from) output.supersedes.party = to;
  });
}

/** The matter without the party at `index`. What named it falls back to what absence means:
 * its materials and the output go to the party who starts the application; a licence of
 * theirs is no longer cancelled (nobody would know whose). */
export function removeParty(matter: Matter, index: number): Matter {
  const gone = matter.parties?.[index]?.id;
  const still = (matter.parties ?? []).some((party, i) => i !== index && party.id === gone);
  return edited(matter, (copy) => {
    copy.parties = (copy.parties ?? []).filter((_, i) => i !== index);
    if (copy.parties.length === 0) delete copy.parties;
    if (still) return;
    for (const material of copy.materials ?? []) if (material.party === gone) delete material.party;
    const output = copy.output ?? {};
    if (output.holder === gone) delete output.holder;
    if (output.supersedes?.party === gone) delete output.supersedes;
  });
}
