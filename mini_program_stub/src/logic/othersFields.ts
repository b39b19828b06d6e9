interface DeclaredParty {
  id: string;
  role: string;
  fields: string[];
}

/**
 * The form fields another applicant party fills in, which my part of the form leaves out: every
 * field of the applicant parties that are not mine. A subject party's fields (a newborn's) stay,
 * for the guardians fill them in; with no party of mine (a one-applicant matter) nothing is left out.
 */
export function othersFields(parties: DeclaredParty[], myParty: string | null): Set<string> {
  if (!myParty) return new Set();
  const mine = new Set(parties.filter((p) => p.id === myParty).flatMap((p) => p.fields));
  return new Set(
    parties.filter((p) => p.role === 'applicant' && p.id !== myParty).flatMap((p) => p.fields.filter((f) => !mine.has(f))),
  );
}
