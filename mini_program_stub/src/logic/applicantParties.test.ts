import { describe, expect, it } from 'vitest';
import { applicantParties } from './applicantParties';

const seller = { id: 'seller', name: { zh: '卖方', en: 'Seller' }, role: 'applicant' };
const buyer = { id: 'buyer', name: { zh: '买方', en: 'Buyer' }, role: 'applicant' };

describe('applicantParties', () => {
  it('merges a life event’s members’ parties by id, first wording first', () => {
    const later = { ...seller, name: { zh: '出卖人', en: 'Vendor' } };

    expect(applicantParties([{ parties: [seller, buyer] }, { parties: [buyer, later] }])).toEqual([
      { id: 'seller', name: seller.name },
      { id: 'buyer', name: buyer.name },
    ]);
  });

  it('leaves out a subject party, who starts nothing', () => {
    const child = { id: 'child', name: { zh: '新生儿', en: 'Newborn' }, role: 'subject' };

    expect(applicantParties([{ parties: [child, { ...buyer, id: 'mother' }] }]).map((p) => p.id)).toEqual(['mother']);
  });

  it('is empty for a one-applicant matter', () => {
    expect(applicantParties([{ parties: [] }])).toEqual([]);
  });
});
