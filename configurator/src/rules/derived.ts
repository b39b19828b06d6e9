/** Builder blocks over our engine's domain operators (backend/rules/domain.py,
 * docs/catalog-format.md): "申请人年龄（按身份证号）≥ 18" is a comparison of a derived value.
 *
 * The builder sees each as a field named `<kind>:<path>` (e.g. `age_by_id:applicant.id_number`);
 * the rule holds the operators themselves. Only the shapes below are read back into the builder;
 * any other use of the operators stays raw JSON. */

export const DERIVED_KINDS = ['age_by_id', 'birth_by_id', 'age_by_date', 'days_since'] as const;
export type DerivedKind = (typeof DERIVED_KINDS)[number];

/** The domain operators the builder writes; the browser's json-logic-js does not know them (it
 * treats a rule using them as "cannot tell": the server decides). */
export const DOMAIN_OPERATORS = ['age_at', 'id_birth_date', 'days_between', 'today'] as const;

type Var = { var: string };

const BUILD: Record<DerivedKind, (source: Var) => unknown> = {
  age_by_id: (source) => ({ age_at: [{ id_birth_date: [source] }] }),
  birth_by_id: (source) => ({ id_birth_date: [source] }),
  age_by_date: (source) => ({ age_at: [source] }),
  days_since: (source) => ({ days_between: [source, { today: [] }] }),
};

export const derivedName = (kind: DerivedKind, path: string) => `${kind}:${path}`;

function splitName(name: string): [DerivedKind, string] | null {
  const at = name.indexOf(':');
  const kind = name.slice(0, at) as DerivedKind;
  return at > 0 && DERIVED_KINDS.includes(kind) ? [kind, name.slice(at + 1)] : null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rule with each derived field's var replaced by the operators it stands for. */
export function expandDerived(rule: unknown): unknown {
  if (Array.isArray(rule)) return rule.map(expandDerived);
  if (!isObject(rule)) return rule;
  const keys = Object.keys(rule);
  if (keys.length === 1 && keys[0] === 'var' && typeof rule.var === 'string') {
    const split = splitName(rule.var);
    return split ? BUILD[split[0]]({ var: split[1] }) : rule;
  }
  return Object.fromEntries(Object.entries(rule).map(([key, value]) => [key, expandDerived(value)]));
}

/** The derived field a sub-rule is, exactly as BUILD writes it, else null. */
function derivedOf(rule: Record<string, unknown>): string | null {
  for (const kind of DERIVED_KINDS) {
    const source = sourceVar(rule, kind);
    if (source !== null) return derivedName(kind, source);
  }
  return null;
}

function sourceVar(rule: unknown, kind: DerivedKind): string | null {
  // Build the shape around a placeholder and compare its JSON: the exact shape, nothing looser.
  const placeholder = '\u0000source\u0000';
  const shape = JSON.stringify(BUILD[kind]({ var: placeholder }));
  const [before, after] = shape.split(JSON.stringify(placeholder)) as [string, string];
  const text = JSON.stringify(rule);
  if (!text.startsWith(before) || !text.endsWith(after)) return null;
  try {
    const path: unknown = JSON.parse(text.slice(before.length, text.length - after.length));
    return typeof path === 'string' && path !== '' ? path : null;
  } catch {
    return null;
  }
}

/** The rule with each exact derived shape replaced by the var of its derived field. */
export function collapseDerived(rule: unknown): unknown {
  if (Array.isArray(rule)) return rule.map(collapseDerived);
  if (!isObject(rule)) return rule;
  const derived = derivedOf(rule);
  if (derived !== null) return { var: derived };
  return Object.fromEntries(Object.entries(rule).map(([key, value]) => [key, collapseDerived(value)]));
}
