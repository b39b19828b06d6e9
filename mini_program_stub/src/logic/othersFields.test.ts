import { describe, expect, it } from 'vitest';
import { othersFields } from './othersFields';

const HOUSE = [
  { id: 'seller', role: 'applicant', fields: ['seller_name', 'seller_id_number'] },
  { id: 'buyer', role: 'applicant', fields: ['buyer_name', 'buyer_id_number'] },
];

describe('othersFields', () => {
  it('leaves out the other applicant parties’ fields', () => {
    expect([...othersFields(HOUSE, 'buyer')]).toEqual(['seller_name', 'seller_id_number']);
  });

  it('keeps a subject party’s fields for the guardians to fill in', () => {
    const birth = [
      { id: 'mother', role: 'applicant', fields: ['mother_name'] },
      { id: 'father', role: 'applicant', fields: ['father_name'] },
      { id: 'child', role: 'subject', fields: ['child_name'] },
    ];

    expect([...othersFields(birth, 'mother')]).toEqual(['father_name']);
  });

  it('leaves nothing out of a one-applicant matter', () => {
    expect(othersFields(HOUSE, null).size).toBe(0);
  });

  it('keeps a field two parties share (merged life events)', () => {
    const merged = [...HOUSE, { id: 'buyer', role: 'applicant', fields: ['seller_name'] }];

    expect([...othersFields(merged, 'buyer')]).toEqual(['seller_id_number']);
  });
});
