import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../i18n/settings';
import { feesView } from './feeViews';

const zh = DEFAULT_SETTINGS;
const en = { ...DEFAULT_SETTINGS, lang: 'en' as const };
const TAX = {
  id: '330106-ZJ-003:deed_tax',
  name: { zh: '契税', en: 'Deed tax' },
  amountCny: 38500,
  amountKnown: true,
  formula: { zh: '成交价格 × 税率（家庭唯一住房 90 平方米及以下 1%）', en: 'Price × rate (1% for the only home up to 90 m²)' },
  basis: { zh: '《中华人民共和国契税法》', en: 'Deed Tax Law' },
  exemption: null,
};
const REGISTRATION = {
  id: '330106-ZJ-002:registration_fee',
  name: { zh: '住宅不动产登记费', en: 'Registration fee' },
  amountCny: 80,
  amountKnown: true,
  formula: null,
  basis: null,
  exemption: null,
};

describe('feesView', () => {
  it('shows each fee with its formula in words and its basis, the total, and lets me pay', () => {
    const view = feesView('ACCEPTED', [TAX, REGISTRATION], null, zh);
    expect(view.lines[0]).toEqual({
      id: TAX.id,
      text: '契税：38500.00 元',
      notes: ['成交价格 × 税率（家庭唯一住房 90 平方米及以下 1%）', '依据：《中华人民共和国契税法》'],
    });
    expect(view.lines[1]?.notes).toEqual([]);
    expect(view.total).toBe('合计 38580.00 元');
    expect(view.canPay).toBe(true);
    expect(view.paid).toBe('');
  });

  it('says an exempt fee is not owed and why, and a fee not counted yet what is missing', () => {
    const exempt = { ...REGISTRATION, amountCny: 0, exemption: { reason: { zh: '小微企业', en: 'small firm' } } };
    const unknown = { ...TAX, amountCny: 0, amountKnown: false };
    const view = feesView('SUBMITTED', [exempt, unknown], null, en);
    expect(view.lines.map((l) => l.text)).toEqual([
      'Registration fee: exempt (small firm)',
      'Deed tax: not known yet, a price or an area is missing',
    ]);
    expect(view.canPay).toBe(false);
  });

  it('pays again an order opened and not paid, never one paid, refunded, a draft or a decided one', () => {
    const order = { status: 'CREATED' as const, channel: 'online', amountCny: 38580, refunded: false };
    expect(feesView('ACCEPTED', [TAX, REGISTRATION], order, zh).canPay).toBe(true);
    const paid = feesView('ACCEPTED', [TAX, REGISTRATION], { ...order, status: 'PAID' }, zh);
    expect([paid.canPay, paid.paid]).toEqual([false, '✓ 已网上缴费 38580.00 元']);
    expect(feesView('COMPLETED', [TAX], { ...order, status: 'PAID', channel: 'window' }, en).paid).toBe('✓ CNY 38580.00 paid at the window');
    expect(feesView('DENIED', [TAX], { ...order, status: 'REFUNDED', refunded: true }, zh).paid).toBe('已退费 38580.00 元');
    expect(feesView('DRAFT', [TAX], null, zh).canPay).toBe(false);
    expect(feesView('COMPLETED', [TAX], null, zh).canPay).toBe(false);
  });

  it('has nothing to show without fees', () => {
    expect(feesView('ACCEPTED', [], null, zh)).toEqual({ lines: [], total: '', paid: '', canPay: false });
  });
});
