import { describe, expect, it } from 'vitest';
import { pendingOnForm } from './eligibility';

const RULES = [
  { id: 'applicant_is_party', rule: { '==': [{ var: 'answers.seller_id_number' }, { var: 'applicant.id_number' }] } },
  { id: 'hukou_in_zhejiang', rule: { in: [{ substr: [{ var: 'applicant.hukou_region' }, 0, 2] }, ['33']] } },
];

describe('pendingOnForm', () => {
  it('waits for the form before judging a rule on answers not given yet', () => {
    const outcomes = [
      { id: '330106-ZJ-001:applicant_is_party', passed: false, effect: 'block' },
      { id: 'hukou_in_zhejiang', passed: false, effect: 'block' },
    ];
    const { now, later } = pendingOnForm(outcomes, RULES, {});
    expect(now.map((o) => o.id)).toEqual(['hukou_in_zhejiang']);
    expect(later.map((o) => o.id)).toEqual(['330106-ZJ-001:applicant_is_party']);
  });

  it('judges it now once the answer is there, and ignores passed rules', () => {
    const outcomes = [
      { id: 'applicant_is_party', passed: false, effect: 'block' },
      { id: 'hukou_in_zhejiang', passed: true, effect: 'block' },
    ];
    const { now, later } = pendingOnForm(outcomes, RULES, { seller_id_number: '330106196803120311' });
    expect(now.map((o) => o.id)).toEqual(['applicant_is_party']);
    expect(later).toEqual([]);
  });
});
