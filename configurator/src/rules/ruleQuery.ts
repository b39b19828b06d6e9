import { formatQuery, toFullOption, type Field, type RuleGroupType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import { deepEqual } from '../document/deepEqual';

/** Between a JsonLogic rule and react-querybuilder's query. No rule (or `true`) is an empty
 * query; a rule the builder would write back differently has no query at all: it is kept as
 * typed and edited as raw JSON. */

const emptyQuery = (): RuleGroupType => ({ combinator: 'and', rules: [] });

/** The rule the builder writes; undefined for an empty query (no condition). */
export function queryToRule(query: RuleGroupType, fields: Field[]): unknown {
  if (!query.rules.length && !query.not) return undefined;
  const rule = formatQuery(query, { format: 'jsonlogic', parseNumbers: 'strict-limited', fields });
  // A lone condition needs no "and" around it.
  if (query.rules.length === 1 && !query.not && typeof rule === 'object' && rule !== null) {
    const [only] = Object.values(rule) as unknown[][];
    if (only?.length === 1) return only[0];
  }
  return rule;
}

/** The query showing this rule, or null when the builder cannot show it exactly. */
export function ruleToQuery(rule: unknown, fields: Field[]): RuleGroupType | null {
  if (rule === undefined || rule === true) return emptyQuery();
  const query = parseJsonLogic(rule as Parameters<typeof parseJsonLogic>[0], {
    fields: fields.map((f) => toFullOption(f)),
  });
  return deepEqual(queryToRule(query, fields), rule) ? query : null;
}
