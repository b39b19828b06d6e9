import jsonLogic, { type RulesLogic, type AdditionalOperation } from 'json-logic-js';

/** What the rules read: the form's answers, the situation answers and the applicant's facts. */
export interface RuleData {
  answers: Record<string, unknown>;
  situation: Record<string, unknown>;
  applicant: Record<string, unknown>;
}

function lookup(data: RuleData, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A rule's verdict for instant feedback, or null when the client cannot tell: the rule reads an
 * applicant fact the client was not told, or uses an operator only the server has. The server
 * decides in the end; null rules are shown (fields) or left unsaid (hints).
 */
export function evaluateRule(rule: unknown, data: RuleData): boolean | null {
  if (rule === null || rule === undefined) return true;
  try {
    const used = jsonLogic.is_logic(rule) ? (jsonLogic.uses_data(rule as Record<string, unknown>) as unknown[]) : [];
    const unknown = used.some(
      (v) => typeof v === 'string' && v.startsWith('applicant.') && lookup(data, v) === undefined,
    );
    if (unknown) return null;
    return jsonLogic.truthy(jsonLogic.apply(rule as RulesLogic<AdditionalOperation>, data));
  } catch {
    return null;
  }
}
