import type { LocalizedText } from '../i18n/settings';

interface DeclaredParty {
  id: string;
  name: LocalizedText;
  role: string;
}

/**
 * The parties a citizen may start as: the applicant parties of a matter, or of a life event's
 * members merged by id (the first member's wording, as the server merges them); a subject party
 * (a newborn) never starts anything.
 */
export function applicantParties(guides: { parties: DeclaredParty[] }[]): { id: string; name: LocalizedText }[] {
  const found = new Map<string, LocalizedText>();
  for (const party of guides.flatMap((g) => g.parties))
    if (party.role === 'applicant' && !found.has(party.id)) found.set(party.id, party.name);
  return [...found].map(([id, name]) => ({ id, name }));
}
