import jsonLogic from 'json-logic-js';

interface Outcome {
  id: string;
  passed: boolean;
  effect: string;
  message: { zh: string; en: string };
}

/** The answers and situation questions a rule reads (answers.seller_id_number → answers.seller_id_number). */
function answersRead(rule: unknown): string[] {
  if (!jsonLogic.is_logic(rule)) return [];
  return (jsonLogic.uses_data(rule as Record<string, unknown>) as unknown[])
    .filter((v): v is string => typeof v === 'string' && (v.startsWith('answers.') || v.startsWith('situation.')))
    .map((v) => v.split('.').slice(0, 2).join('.'));
}

/** The form fields any of these rules reads: answering one is worth the server's judgement at once. */
export function fieldsRead(rules: { rule: unknown }[]): string[] {
  const read = rules.flatMap((r) => answersRead(r.rule)).filter((p) => p.startsWith('answers.'));
  return [...new Set(read.map((p) => p.slice('answers.'.length)))];
}

/** A rule reads an answer not given yet: if it does not pass, it is pending (待填写), not failed. */
export function waitsForAnswers(rule: unknown, data: { answers: Record<string, unknown>; situation: Record<string, unknown> }): boolean {
  return answersRead(rule).some((path) => {
    const [where, name = ''] = path.split('.');
    const value = (where === 'answers' ? data.answers : data.situation)[name];
    return value === undefined || value === null || value === '';
  });
}

/**
 * The server's tri-state outcome: a rule that does not pass and reads an answer not given yet
 * (the server's `eligibilityPending`) is pending, judged once answered; the others that do not
 * pass stand now. One message per distinct rule: a life event's members (ids `<matter>:<rule>`)
 * often share a rule.
 */
export function pendingOnForm<O extends Outcome>(outcomes: O[], pendingIds: string[]): { now: O[]; later: O[] } {
  const waiting = new Set(pendingIds);
  const now: O[] = [];
  const later: O[] = [];
  const seen = new Set<string>();
  for (const outcome of outcomes.filter((o) => !o.passed)) {
    if (seen.has(outcome.message.zh)) continue;
    seen.add(outcome.message.zh);
    (waiting.has(outcome.id) ? later : now).push(outcome);
  }
  return { now, later };
}
