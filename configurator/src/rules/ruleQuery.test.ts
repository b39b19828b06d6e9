import { formatQuery, type Field } from 'react-querybuilder';
import { describe, expect, it } from 'vitest';
import { builderOperators } from './builderOperators';
import allowed from './operators.json';
import { operatorsIn } from './operatorsIn';
import { queryToRule, ruleToQuery } from './ruleQuery';

const fields: Field[] = [
  { name: 'answers.id_no', label: 'ID', valueSources: ['value', 'field'] },
  { name: 'answers.dog_breed', label: 'Breed', valueEditorType: 'select', values: [{ name: 'small', label: 'Small' }] },
  { name: 'situation.applicant_role', label: 'Role' },
  { name: 'applicant.id_number', label: 'My ID', valueSources: ['value', 'field'] },
  { name: 'applicant.age', label: 'Age', inputType: 'number' },
];

const roundTrip = (rule: unknown) => {
  const query = ruleToQuery(rule, fields);
  return query && queryToRule(query, fields);
};

describe('the rule builder', () => {
  it.each([
    ['a comparison', { '>=': [{ var: 'applicant.age' }, 18] }],
    ['a comparison of two fields', { '==': [{ var: 'answers.id_no' }, { var: 'applicant.id_number' }] }],
    [
      'all of several',
      { and: [{ '==': [{ var: 'situation.applicant_role' }, 'seller'] }, { '<': [{ var: 'applicant.age' }, 60] }] },
    ],
    [
      'any of a nested group',
      {
        or: [
          { '==': [{ var: 'answers.dog_breed' }, 'small'] },
          { and: [{ '!=': [{ var: 'answers.id_no' }, null] }, { '>': [{ var: 'applicant.age' }, 70] }] },
        ],
      },
    ],
    ['one of a list', { in: [{ var: 'situation.applicant_role' }, ['seller', 'buyer']] }],
    ['a negated list', { '!': { in: [{ var: 'situation.applicant_role' }, ['seller']] } }],
    ['a range', { '<=': [18, { var: 'applicant.age' }, 60] }],
    ['a negated group', { '!': { and: [{ '==': [{ var: 'situation.applicant_role' }, 'seller'] }] } }],
  ])('shows %s and writes it back exactly', (_, rule) => {
    expect(roundTrip(rule)).toEqual(rule);
  });

  it.each([
    ['an if', { if: [{ var: 'situation.applicant_role' }, { var: 'answers.id_no' }, true] }],
    ['a number typed as text', { '>=': [{ var: 'applicant.age' }, '18'] }],
    ['a lone condition written inside an and', { and: [{ '==': [{ var: 'situation.applicant_role' }, 'seller'] }] }],
    ['a domain operator', { '>=': [{ age_at: [{ var: 'applicant.birth_date' }] }, 18] }],
    ['a var the builder does not offer', { '==': [{ var: 'answers.unknown' }, 1] }],
    ['arithmetic', { '>': [{ '+': [{ var: 'applicant.age' }, 1] }, 18] }],
    ['a bare value', false],
  ])('leaves %s to raw JSON, never rewritten', (_, rule) => {
    expect(ruleToQuery(rule, fields)).toBeNull();
  });

  it('shows no rule, or true, as an empty builder that writes no rule', () => {
    const empty = ruleToQuery(undefined, fields);
    expect(empty?.rules).toEqual([]);
    expect(ruleToQuery(true, fields)?.rules).toEqual([]);
    expect(queryToRule(empty!, fields)).toBeUndefined();
  });

  it('turns a number field typed as text into a number', () => {
    const rule = queryToRule(
      { combinator: 'and', rules: [{ field: 'applicant.age', operator: '>=', value: '18' }] },
      fields,
    );
    expect(rule).toEqual({ '>=': [{ var: 'applicant.age' }, 18] });
  });

  it('offers only operators whose JsonLogic uses operators of operators.json', () => {
    const names = builderOperators.map((op) => op.name);
    expect(names).toEqual(
      expect.arrayContaining(['=', '!=', '<', '>', '<=', '>=', 'in', 'notIn', 'between', 'null', 'notNull']),
    );
    expect(names).not.toContain('beginsWith');
    expect(names).not.toContain('endsWith');
    for (const operator of builderOperators) {
      for (const combinator of ['and', 'or']) {
        const rule = formatQuery(
          { combinator, not: true, rules: [{ field: 'applicant.age', operator: operator.name, value: '1,2' }] },
          'jsonlogic',
        );
        expect([...operatorsIn(rule)].filter((op) => !allowed.includes(op))).toEqual([]);
      }
    }
  });
});
