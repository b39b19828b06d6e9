import { describe, expect, it } from 'vitest';
import { feesOwed, yuan } from './feesOwed';

const TAX = { amountCny: 38500, amountKnown: true };
const REGISTRATION = { amountCny: 80, amountKnown: true };

describe('feesOwed', () => {
  it('adds the fees in fen and lets the window take them while the application is open', () => {
    expect(feesOwed('accepted', [TAX, REGISTRATION], null)).toEqual({
      totalFen: 3_858_000,
      known: true,
      state: 'unpaid',
      payable: true,
    });
    expect(
      feesOwed(
        'submitted',
        [
          { amountCny: 0.1, amountKnown: true },
          { amountCny: 0.2, amountKnown: true },
        ],
        null,
      ).totalFen,
    ).toBe(30);
  });

  it('owes nothing without fees or when every fee is exempt, and then nothing is taken', () => {
    expect(feesOwed('accepted', [], null)).toMatchObject({ state: 'none', payable: false });
    expect(feesOwed('accepted', [{ amountCny: 0, amountKnown: true }], null)).toMatchObject({ state: 'none' });
  });

  it('does not take a fee whose amount is not known yet', () => {
    const owed = feesOwed('accepted', [{ amountCny: 0, amountKnown: false }, REGISTRATION], null);
    expect(owed).toMatchObject({ known: false, state: 'unpaid', payable: false });
  });

  it('takes an order opened online and never paid, never one paid or a decided application', () => {
    const ordered = { status: 'CREATED' as const, channel: 'online', refund: null };
    expect(feesOwed('accepted', [TAX], ordered)).toMatchObject({ state: 'ordered', payable: true });
    expect(feesOwed('accepted', [TAX], { ...ordered, status: 'PAID' })).toMatchObject({
      state: 'paidOnline',
      payable: false,
    });
    expect(feesOwed('accepted', [TAX], { ...ordered, status: 'PAID', channel: 'window' }).state).toBe('paidWindow');
    expect(feesOwed('completed', [TAX], null).payable).toBe(false);
  });

  it('says when the fees are owed back or refunded', () => {
    const paid = { status: 'PAID' as const, channel: 'online', refund: 'pending' };
    expect(feesOwed('denied', [TAX], paid).state).toBe('refundPending');
    expect(feesOwed('denied', [TAX], { ...paid, status: 'REFUNDED', refund: 'done' }).state).toBe('refunded');
  });

  it('writes yuan with two decimals', () => {
    expect(yuan(3_858_000)).toBe('38580.00');
    expect(yuan(5)).toBe('0.05');
  });
});
