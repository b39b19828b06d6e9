import { describe, expect, it } from 'vitest';
import type { Matter, Party } from './matter';
import { fieldOwners, fieldsOwnedTwice, newParty, removeParty, renameParty, withOwnField, withRole } from './parties';

const seller: Party = {
  id: 'seller',
  name: { zh: '卖方', en: 'Seller' },
  role: 'applicant',
  required: true,
  identity_field: 'seller_id_number',
  fields: ['seller_name', 'seller_id_number'],
  confirm: { zh: '我确认出售上述房屋。', en: 'I confirm I sell the house.' },
};
const buyer: Party = { ...seller, id: 'buyer', name: { zh: '买方', en: 'Buyer' }, fields: ['buyer_name'] };

const transfer: Matter = {
  code: '330106-ZR-009',
  parties: [seller, buyer],
  materials: [{ id: 'certificate', party: 'seller' }, { id: 'deed_tax', party: 'buyer' }, { id: 'contract' }],
  output: {
    kind: 'e_license',
    license_type: 'real_estate_certificate',
    holder: 'buyer',
    supersedes: { party: 'seller', license_type: 'real_estate_certificate', number_field: 'certificate_no' },
  },
};

describe('a new party', () => {
  it('is a required applicant with the next free id, no fields and a confirmation to write', () => {
    expect(newParty([{ id: 'party_1' }])).toEqual({
      id: 'party_2',
      name: { zh: '', en: '' },
      role: 'applicant',
      required: true,
      fields: [],
      confirm: { zh: '', en: '' },
    });
  });
});

describe('a party role', () => {
  it('as a subject is never waited for and confirms nothing', () => {
    const child = withRole(seller, 'subject');
    expect(child.role).toBe('subject');
    expect(child.required).toBe(false);
    expect(child).not.toHaveProperty('confirm');
  });

  it('as an applicant again is required and has a confirmation to write', () => {
    const back = withRole(withRole(seller, 'subject'), 'applicant');
    expect(back.required).toBe(false); // what the author chose stays
    expect(back.confirm).toEqual({ zh: '', en: '' });
    expect(withRole({ id: 'x', role: 'subject' }, 'applicant').required).toBe(true);
  });
});

describe('a party identity or name field', () => {
  it('becomes one of the party own fields', () => {
    expect(withOwnField(buyer, 'identity_field', 'buyer_id_number').fields).toEqual(['buyer_name', 'buyer_id_number']);
    expect(withOwnField(buyer, 'name_field', 'buyer_name').fields).toEqual(['buyer_name']);
  });

  it('cleared is gone and the field stays owned', () => {
    const cleared = withOwnField(seller, 'identity_field', undefined);
    expect(cleared).not.toHaveProperty('identity_field');
    expect(cleared.fields).toEqual(seller.fields);
  });
});

describe('field owners', () => {
  it('lists every party naming a field, and the fields named twice', () => {
    const parties = [seller, { ...buyer, fields: ['buyer_name', 'seller_name'] }];
    expect(fieldOwners(parties).get('seller_name')).toEqual(['seller', 'buyer']);
    expect(fieldOwners(parties).get('buyer_name')).toEqual(['buyer']);
    expect(fieldsOwnedTwice(parties)).toEqual(['seller_name']);
    expect(fieldsOwnedTwice(undefined)).toEqual([]);
  });
});

describe('renaming a party', () => {
  it('renames its materials, the holder and the superseded licence with it', () => {
    const renamed = renameParty(transfer, 1, 'purchaser');
    expect(renamed.parties?.map((p) => p.id)).toEqual(['seller', 'purchaser']);
    expect(renamed.materials?.map((m) => m.party)).toEqual(['seller', 'purchaser', undefined]);
    expect(renamed.output?.holder).toBe('purchaser');
    expect(renameParty(transfer, 0, 'vendor').output?.supersedes?.party).toBe('vendor');
    expect(transfer.output?.holder).toBe('buyer');
  });

  it('leaves references alone while another party still has the old id', () => {
    const twins = { ...transfer, parties: [seller, { ...buyer, id: 'seller' }] };
    const renamed = renameParty(twins, 1, 'buyer');
    expect(renamed.parties?.map((p) => p.id)).toEqual(['seller', 'buyer']);
    expect(renamed.materials?.[0]?.party).toBe('seller');
  });
});

describe('removing a party', () => {
  it('gives its materials and output back to the party who starts, and cancels no licence of theirs', () => {
    const noBuyer = removeParty(transfer, 1);
    expect(noBuyer.parties?.map((p) => p.id)).toEqual(['seller']);
    expect(noBuyer.materials?.map((m) => m.party)).toEqual(['seller', undefined, undefined]);
    expect(noBuyer.output).not.toHaveProperty('holder');
    expect(removeParty(transfer, 0).output).not.toHaveProperty('supersedes');
  });

  it('leaves no empty list behind', () => {
    const one = { ...transfer, parties: [seller] };
    expect(removeParty(one, 0)).not.toHaveProperty('parties');
  });
});
