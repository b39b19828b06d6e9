import { describe, expect, it } from 'vitest';
import { evaluateRule } from './rules';

const married = { answers: {}, situation: { seller_marital_status: 'married' }, applicant: {} };

describe('evaluateRule', () => {
  it('applies JsonLogic to the situation and answers', () => {
    const rule = { '==': [{ var: 'situation.seller_marital_status' }, 'married'] };
    expect(evaluateRule(rule, married)).toBe(true);
    expect(evaluateRule(rule, { ...married, situation: { seller_marital_status: 'not_married' } })).toBe(false);
  });

  it('treats no rule as always', () => {
    expect(evaluateRule(null, married)).toBe(true);
  });

  it('cannot tell when the rule reads an applicant fact the client was not told', () => {
    const under16 = { '<': [{ var: 'applicant.age' }, 16] };
    expect(evaluateRule(under16, married)).toBeNull();
    expect(evaluateRule(under16, { ...married, applicant: { age: 12 } })).toBe(true);
  });

  it('cannot tell when the rule uses an operator only the server has', () => {
    expect(evaluateRule({ age_at: [{ var: 'answers.born' }] }, married)).toBeNull();
  });
});
