import type { RuleGroupType, RuleType } from 'react-querybuilder';
import type { RuleField } from './ruleFields';

/** A builder query read back as a sentence in the UI's language: "犬只品种 不是 藏獒、比特犬 中任何
 * 一个", "申请人年龄（按身份证号）不小于 18 岁". The texts are rulesTexts' `say_*`. */

export type Say = (key: SayKey, values?: Record<string, string>) => string;
export type SayKey =
  | 'say_='
  | 'say_!='
  | 'say_<'
  | 'say_<='
  | 'say_>'
  | 'say_>='
  | 'say_contains'
  | 'say_doesNotContain'
  | 'say_null'
  | 'say_notNull'
  | 'say_in'
  | 'say_notIn'
  | 'say_between'
  | 'say_notBetween'
  | 'say_and'
  | 'say_or'
  | 'say_not'
  | 'say_group'
  | 'say_listSeparator'
  | 'say_true'
  | 'say_false'
  | 'say_years'
  | 'say_days';

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? value.split(',') : [value];

function condition(rule: RuleType, fields: Map<string, RuleField>, say: Say): string {
  const field = fields.get(rule.field);
  const name = field?.phrase ?? rule.field;
  const one = (value: unknown): string => {
    if (rule.valueSource === 'field') return fields.get(String(value))?.phrase ?? String(value);
    if (typeof value === 'boolean') return say(value ? 'say_true' : 'say_false');
    const option = field?.values?.find((v) => 'name' in v && v.name === String(value));
    const text = option && 'label' in option ? String(option.label) : String(value);
    return field?.unit ? say(`say_${field.unit}`, { n: text }) : text;
  };
  const values = asList(rule.value).map(one);
  return say(`say_${rule.operator}` as SayKey, {
    field: name,
    value: one(rule.value),
    list: values.join(say('say_listSeparator')),
    from: values[0] ?? '',
    to: values[1] ?? '',
  });
}

function group(query: RuleGroupType, fields: Map<string, RuleField>, say: Say, nested: boolean): string {
  const parts = query.rules.flatMap((item) =>
    typeof item === 'string' ? [] : 'rules' in item ? [group(item, fields, say, true)] : [condition(item, fields, say)],
  );
  const joined = parts.join(say(query.combinator === 'or' ? 'say_or' : 'say_and'));
  if (query.not) return say('say_not', { condition: joined });
  return nested && parts.length > 1 ? say('say_group', { condition: joined }) : joined;
}

/** The sentence of a query; empty for an empty one. */
export function ruleSentence(query: RuleGroupType, fields: readonly RuleField[], say: Say): string {
  return group(query, new Map(fields.map((f) => [f.name, f])), say, false);
}
