import { formatQuery, toFullOption, type Field, type RuleGroupType, type RuleType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import { deepEqual } from '../document/deepEqual';
import { builderOperators } from './builderOperators';
import { collapseDerived, expandDerived } from './derived';

/** Between a JsonLogic rule and react-querybuilder's query. No rule (or `true`) is an empty
 * query; a rule the builder would write back differently, or show with an operator its field
 * does not offer, has no query at all: it is kept as typed and edited as raw JSON. Lists ("is
 * one of") are arrays on both sides; the domain operators are derived fields (derived.ts). */

const emptyQuery = (): RuleGroupType => ({ combinator: 'and', rules: [] });
const BUILDER_OPERATORS = new Set(builderOperators.map((op) => op.name));

/** The rule the builder writes; undefined for an empty query (no condition). */
export function queryToRule(query: RuleGroupType, fields: Field[]): unknown {
  if (!query.rules.length && !query.not) return undefined;
  const rule = formatQuery(query, { format: 'jsonlogic', parseNumbers: 'strict-limited', fields });
  // A lone condition needs no "and" around it.
  if (query.rules.length === 1 && !query.not && typeof rule === 'object' && rule !== null) {
    const [only] = Object.values(rule) as unknown[][];
    if (only?.length === 1) return expandDerived(only[0]);
  }
  return expandDerived(rule);
}

/** The operators a field offers: its own list where it has one, else all the builder's. */
export function offers(field: Field | undefined, operator: string): boolean {
  const own = field?.operatorNames as string[] | undefined;
  return BUILDER_OPERATORS.has(operator) && (!own || own.includes(operator));
}

function everyRule(group: RuleGroupType, test: (rule: RuleType) => boolean): boolean {
  return group.rules.every((item) =>
    typeof item === 'string' ? true : 'rules' in item ? everyRule(item, test) : test(item),
  );
}

/** The query showing this rule, or null when the builder cannot show it exactly. */
export function ruleToQuery(rule: unknown, fields: Field[]): RuleGroupType | null {
  if (rule === undefined || rule === true) return emptyQuery();
  const query = parseJsonLogic(collapseDerived(rule) as Parameters<typeof parseJsonLogic>[0], {
    fields: fields.map((f) => toFullOption(f)),
    listsAsArrays: true,
  });
  const byName = new Map(fields.map((f) => [f.name, f]));
  const shown = everyRule(query, (r) => offers(byName.get(r.field), r.operator));
  return shown && deepEqual(queryToRule(query, fields), rule) ? query : null;
}
