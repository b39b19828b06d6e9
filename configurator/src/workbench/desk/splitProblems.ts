interface Text {
  zh: string;
  en: string;
}

export interface Problem {
  path: string;
  message: Text;
}

/** Typed errors split by their input path: those of a form's own fields ("/residentId" is the
 * field residentId), each field's messages together, and the rest, to show apart. */
export function splitProblems(
  problems: Problem[],
  fields: readonly string[],
): { byField: Record<string, Text[]>; rest: Problem[] } {
  const byField: Record<string, Text[]> = {};
  const rest: Problem[] = [];
  for (const problem of problems) {
    const field = problem.path.replace(/^\//, '');
    if (fields.includes(field)) byField[field] = [...(byField[field] ?? []), problem.message];
    else rest.push(problem);
  }
  return { byField, rest };
}
