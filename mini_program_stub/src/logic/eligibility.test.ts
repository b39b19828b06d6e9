import { describe, expect, it } from 'vitest';
import { fieldsRead, pendingOnForm, waitsForAnswers } from './eligibility';

const SAME = { zh: '卖方和买方不能是同一个人，请检查两方的身份证号。', en: 'Seller and buyer cannot be the same person.' };
const HUKOU = { zh: '户籍须在浙江', en: 'Registered in Zhejiang' };

describe('pendingOnForm', () => {
  it('keeps a rule the server says waits for answers pending, the others failed now', () => {
    const outcomes = [
      { id: '330106-ZJ-001:seller_is_not_buyer', passed: false, effect: 'block', message: SAME },
      { id: 'hukou_in_zhejiang', passed: false, effect: 'block', message: HUKOU },
    ];
    const { now, later } = pendingOnForm(outcomes, ['330106-ZJ-001:seller_is_not_buyer']);
    expect(now.map((o) => o.id)).toEqual(['hukou_in_zhejiang']);
    expect(later.map((o) => o.id)).toEqual(['330106-ZJ-001:seller_is_not_buyer']);
  });

  it('says a rule shared by a life event’s members once, and ignores passed rules', () => {
    const outcomes = ['001', '002', '003'].map((m) => ({ id: `330106-ZJ-${m}:seller_is_not_buyer`, passed: false, effect: 'block', message: SAME }));
    const { now, later } = pendingOnForm([...outcomes, { id: 'hukou', passed: true, effect: 'block', message: HUKOU }], []);
    expect(now.map((o) => o.id)).toEqual(['330106-ZJ-001:seller_is_not_buyer']);
    expect(later).toEqual([]);
  });
});

describe('waitsForAnswers', () => {
  const rule = { '!=': [{ var: 'answers.seller_id_number' }, { var: 'answers.buyer_id_number' }] };
  it('waits while an answer it reads is missing or empty', () => {
    expect(waitsForAnswers(rule, { answers: {}, situation: {} })).toBe(true);
    expect(waitsForAnswers(rule, { answers: { seller_id_number: '1', buyer_id_number: '' }, situation: {} })).toBe(true);
    expect(waitsForAnswers(rule, { answers: { seller_id_number: '1', buyer_id_number: '2' }, situation: {} })).toBe(false);
  });
  it('never waits on the verified applicant', () => {
    expect(waitsForAnswers({ '>=': [{ var: 'applicant.age' }, 18] }, { answers: {}, situation: {} })).toBe(false);
  });
});

describe('fieldsRead', () => {
  it('lists the form fields the rules read, once, not the applicant or the situation', () => {
    const rules = [
      { rule: { '!=': [{ var: 'answers.seller_id_number' }, { var: 'answers.buyer_id_number' }] } },
      { rule: { '==': [{ var: 'answers.seller_id_number' }, { var: 'applicant.id_number' }] } },
      { rule: { or: [{ '!=': [{ var: 'situation.reason' }, 'talent'] }, { in: [{ var: 'answers.education_level' }, ['master']] }] } },
    ];
    expect(fieldsRead(rules)).toEqual(['seller_id_number', 'buyer_id_number', 'education_level']);
  });
});
