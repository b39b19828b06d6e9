import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Matter } from '../document/matter';
import { dictionary } from '../i18n/dictionary';
import { DOMAIN_OPERATORS, expandDerived } from './derived';
import allowed from './operators.json';
import { operatorsIn } from './operatorsIn';
import { ruleFields, type FieldLabels } from './ruleFields';
import { queryToRule, ruleToQuery } from './ruleQuery';
import { ruleSentence, type SayKey } from './sentence';

// The blocks issue 18 asks for, over the fields a real matter gives: "申请人年龄（按身份证号）≥ 18"
// and "犬只品种 不是 藏獒、比特犬 中任何一个".

const matter: Matter = {
  code: '330106-ZR-001',
  form: {
    schema: {
      type: 'object',
      properties: {
        applicant_id_number: { type: 'string', title: '申请人公民身份号码', format: 'cn-resident-id' },
        dog_breed: { type: 'string', title: '犬只品种', enum: ['mastiff', 'pit_bull', 'rural'] },
        dog_name: { type: 'string', title: '犬只名字' },
        vaccinated_on: { type: 'string', title: '免疫日期', format: 'date' },
      },
    },
    ui: {
      dog_breed: {
        'ui:enumNames': [
          { zh: '藏獒', en: 'Tibetan mastiff' },
          { zh: '比特犬', en: 'Pit bull' },
          { zh: '中华田园犬', en: 'Chinese rural dog' },
        ],
      },
    },
  },
};
const elements = [
  {
    name: { zh: '申请人公民身份号码', en: 'Applicant ID number' },
    type: 'string',
    format: 'cn-resident-id',
    profileKey: 'id_number',
  },
  { name: { zh: '申请人年龄（周岁）', en: 'Applicant age' }, type: 'integer', format: null, profileKey: 'age' },
];

function labelsIn(lang: 'zh' | 'en') {
  const index = lang === 'zh' ? 0 : 1;
  const t = (key: keyof typeof dictionary, values: Record<string, string> = {}) =>
    dictionary[key][index].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const labels: FieldLabels = {
    pick: (text) => (text ? (lang === 'en' && text.en ? text.en : text.zh) : ''),
    answers: t('ruleRootAnswers'),
    situation: t('ruleRootSituation'),
    applicant: t('ruleRootApplicant'),
    value: t('valueSourceValue'),
    field: t('valueSourceField'),
    verified: t('ruleVerified'),
    colon: t('ruleColon'),
    derived: (kind, of) =>
      kind === 'age_by_id' || kind === 'birth_by_id'
        ? t(`derived_${kind}_${'who' in of ? 'who' : 'source'}`, of)
        : t(`derived_${kind}`, of),
  };
  return { t, labels, fields: ruleFields(matter, elements, labels) };
}

const { fields } = labelsIn('zh');
const roundTrip = (rule: unknown) => {
  const query = ruleToQuery(rule, fields);
  return query && queryToRule(query, fields);
};

const ADULT = { '>=': [{ age_at: [{ id_birth_date: [{ var: 'applicant.id_number' }] }] }, 18] };
const NOT_BANNED = { '!': { in: [{ var: 'answers.dog_breed' }, ['mastiff', 'pit_bull']] } };

describe('the builder blocks', () => {
  it.each([
    ['the age a resident ID gives', ADULT],
    ['none of several options', NOT_BANNED],
    ['one of several options', { in: [{ var: 'answers.dog_breed' }, ['rural']] }],
    ['one of several typed texts', { in: [{ var: 'answers.dog_name' }, ['旺财', '大黄, 二黄']] }],
    [
      'the birth date a form ID gives',
      { '<': [{ id_birth_date: [{ var: 'answers.applicant_id_number' }] }, '2008-01-01'] },
    ],
    ['the days since a date', { '<=': [{ days_between: [{ var: 'answers.vaccinated_on' }, { today: [] }] }, 365] }],
    ['the age a date gives, in a range', { '<=': [1, { age_at: [{ var: 'answers.vaccinated_on' }] }, 3] }],
    ['both, in one group', { and: [ADULT, NOT_BANNED] }],
  ])('shows %s and writes it back exactly', (_, rule) => {
    expect(roundTrip(rule)).toEqual(rule);
  });

  it.each([
    ['age_at with an at_date', { '>=': [{ age_at: [{ var: 'answers.vaccinated_on' }, '2024-01-01'] }, 18] }],
    [
      'an operator written without its list',
      { '>=': [{ age_at: { id_birth_date: { var: 'applicant.id_number' } } }, 18] },
    ],
    ['id_sex, which has no block', { '==': [{ id_sex: [{ var: 'applicant.id_number' }] }, 'male'] }],
    [
      'a derived value of a field that has none',
      { '>=': [{ age_at: [{ id_birth_date: [{ var: 'answers.dog_name' }] }] }, 18] },
    ],
    ['an order comparison of options', { '<': [{ var: 'answers.dog_breed' }, 'rural'] }],
    ['a list written as one text', { in: [{ var: 'answers.dog_breed' }, 'mastiff,pit_bull'] }],
    ['days the other way round', { '<=': [{ days_between: [{ today: [] }, { var: 'answers.vaccinated_on' }] }, 365] }],
    ['an unknown operator', { '>=': [{ age_in_months: [{ var: 'applicant.id_number' }] }, 18] }],
  ])('leaves %s to raw JSON, never rewritten', (_, rule) => {
    expect(ruleToQuery(rule, fields)).toBeNull();
  });

  it('writes the age rule built by clicks as the engine reads it', () => {
    const rule = queryToRule(
      { combinator: 'and', rules: [{ field: 'age_by_id:applicant.id_number', operator: '>=', value: '18' }] },
      fields,
    );
    expect(rule).toEqual(ADULT);
  });

  it('writes a list of options picked by their names as a list of their values', () => {
    const rule = queryToRule(
      { combinator: 'and', rules: [{ field: 'answers.dog_breed', operator: 'notIn', value: ['mastiff', 'pit_bull'] }] },
      fields,
    );
    expect(rule).toEqual(NOT_BANNED);
  });

  it("write only operators.json and domain operators the server's engine has", () => {
    // backend/rules/domain.py names each domain operator in the dict domain_operators() returns.
    const engine = readFileSync(fileURLToPath(new URL('../../../backend/rules/domain.py', import.meta.url)), 'utf8');
    for (const operator of DOMAIN_OPERATORS) expect(engine).toContain(`"${operator}": `);
    for (const field of fields.filter((f) => f.name.includes(':'))) {
      const rule = expandDerived({ '>=': [{ var: field.name }, 1] });
      const known = new Set<string>([...allowed, ...DOMAIN_OPERATORS]);
      expect([...operatorsIn(rule)].filter((op) => !known.has(op))).toEqual([]);
    }
  });

  it('leaves a var that merely looks like a block alone', () => {
    expect(expandDerived({ var: 'answers.a:b' })).toEqual({ var: 'answers.a:b' });
  });
});

describe('the fields the builder offers', () => {
  const byName = new Map(fields.map((f) => [f.name, f]));

  it('pick options, one or several, and offer no order comparison on them', () => {
    const breed = byName.get('answers.dog_breed')!;
    const editor = breed.valueEditorType as (operator: string) => string;
    expect([editor('='), editor('in'), editor('notIn')]).toEqual(['select', 'multiselect', 'multiselect']);
    expect(breed.operatorNames).toEqual(['=', '!=', 'in', 'notIn', 'null', 'notNull']);
    expect(breed.values?.map((v) => ('label' in v ? v.label : ''))).toEqual(['藏獒', '比特犬', '中华田园犬']);
  });

  it('type several texts as tags', () => {
    const editor = byName.get('answers.dog_name')!.valueEditorType as (operator: string) => string;
    expect([editor('='), editor('in')]).toEqual(['text', 'multiselect']);
  });

  it('add the age and birth date of each resident ID, and the age and days of each date', () => {
    expect(fields.map((f) => [f.name, f.label])).toEqual([
      ['answers.applicant_id_number', '表单：申请人公民身份号码'],
      ['age_by_id:answers.applicant_id_number', '表单：年龄（按申请人公民身份号码）'],
      ['birth_by_id:answers.applicant_id_number', '表单：出生日期（按申请人公民身份号码）'],
      ['answers.dog_breed', '表单：犬只品种'],
      ['answers.dog_name', '表单：犬只名字'],
      ['answers.vaccinated_on', '表单：免疫日期'],
      ['age_by_date:answers.vaccinated_on', '表单：年龄（按免疫日期）'],
      ['days_since:answers.vaccinated_on', '表单：免疫日期距今天数'],
      ['applicant.id_number', '申请人：申请人公民身份号码'],
      ['age_by_id:applicant.id_number', '申请人：申请人年龄（按身份证号）'],
      ['birth_by_id:applicant.id_number', '申请人：申请人出生日期（按身份证号）'],
      ['applicant.age', '申请人：申请人年龄（周岁）'],
    ]);
    expect(byName.get('age_by_id:applicant.id_number')).toMatchObject({ inputType: 'number', unit: 'years' });
  });
});

describe('the sentence under the builder', () => {
  const sentence = (rule: unknown, lang: 'zh' | 'en') => {
    const { t, fields: shown } = labelsIn(lang);
    const query = ruleToQuery(rule, shown);
    return query && ruleSentence(query, shown, (key: SayKey, values) => t(key, values));
  };

  it('reads the blocks in Chinese', () => {
    expect(sentence(ADULT, 'zh')).toBe('申请人年龄（按身份证号） 不小于 18 岁');
    expect(sentence(NOT_BANNED, 'zh')).toBe('犬只品种 不是 藏獒、比特犬 中任何一个');
    expect(sentence({ or: [ADULT, { and: [NOT_BANNED, { '!=': [{ var: 'answers.dog_name' }, null] }] }] }, 'zh')).toBe(
      '申请人年龄（按身份证号） 不小于 18 岁，或者 （犬只品种 不是 藏獒、比特犬 中任何一个，并且 犬只名字 已填写）',
    );
  });

  it('reads them in English', () => {
    expect(sentence(ADULT, 'en')).toBe("Applicant's age (from the resident ID) is at least 18 years");
    const block = labelsIn('en').fields.find((f) => f.name === 'age_by_id:applicant.id_number');
    expect(block?.label).toBe("Applicant: Applicant's age (from the resident ID)");
    // The form's field has no English title: its Chinese one stands in.
    expect(sentence(NOT_BANNED, 'en')).toBe('犬只品种 is none of Tibetan mastiff, Pit bull');
  });

  it('names the other field of a comparison of two fields', () => {
    const rule = { '==': [{ var: 'answers.applicant_id_number' }, { var: 'applicant.id_number' }] };
    expect(sentence(rule, 'zh')).toBe('申请人公民身份号码 是 申请人公民身份号码（实名核验）');
    expect(sentence(rule, 'en')).toBe('申请人公民身份号码 is Applicant ID number (verified)');
  });
});
