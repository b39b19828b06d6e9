import jsonLogic from 'json-logic-js';

interface Outcome {
  id: string;
  passed: boolean;
  effect: string;
}

interface Rule {
  id: string;
  rule: unknown;
}

/** The answer fields a rule reads (answers.seller_id_number → seller_id_number). */
function answersRead(rule: unknown): string[] {
  if (!jsonLogic.is_logic(rule)) return [];
  return (jsonLogic.uses_data(rule as Record<string, unknown>) as unknown[])
    .filter((v): v is string => typeof v === 'string' && v.startsWith('answers.'))
    .map((v) => v.slice('answers.'.length).split('.')[0] ?? '');
}

/**
 * Split the server's failed outcomes into those that stand now and those that wait for the
 * form: a rule that reads answers not given yet (the parties' ID numbers before the form is
 * filled) is judged again at submit. Outcome ids of a life event are prefixed `<matter>:`.
 */
export function pendingOnForm<O extends Outcome>(
  outcomes: O[],
  rules: Rule[],
  answers: Record<string, unknown>,
): { now: O[]; later: O[] } {
  const byId = new Map(rules.map((r) => [r.id, r.rule]));
  const now: O[] = [];
  const later: O[] = [];
  for (const outcome of outcomes.filter((o) => !o.passed)) {
    const read = answersRead(byId.get(outcome.id.split(':').pop() ?? outcome.id));
    if (read.some((name) => answers[name] === undefined || answers[name] === '')) later.push(outcome);
    else now.push(outcome);
  }
  return { now, later };
}
