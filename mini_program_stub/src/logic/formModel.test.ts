import { describe, expect, it } from 'vitest';
import { errorsByField, fieldsOf, pointerField, withAnswer, type FormInput } from './formModel';

const SCHEMA = {
  type: 'object',
  properties: {
    seller_name: { title: '卖方姓名', 'x-title-en': 'Seller name', type: 'string', maxLength: 50 },
    seller_mobile: { title: '卖方手机号码', type: 'string', format: 'cn-mobile' },
    spouse_name: { title: '配偶姓名', type: 'string' },
    property_area: { title: '建筑面积', type: 'number' },
    payment_method: { title: '付款方式', type: 'string', enum: ['full_payment', 'commercial_loan'] },
    note: { title: '备注', type: 'string' },
  },
  required: ['seller_name', 'payment_method'],
};
const UI = {
  'ui:order': ['payment_method', 'seller_name', 'seller_mobile', 'spouse_name', 'property_area'],
  seller_name: {
    'ui:help': { zh: '与身份证一致', en: 'As on the ID card' },
    'ui:placeholder': { zh: '例如：王建国', en: 'e.g. Wang Jianguo' },
  },
  spouse_name: { 'ui:visibleWhen': { '==': [{ var: 'situation.married' }, 'yes'] } },
  property_area: { 'ui:widget': 'updown' },
  payment_method: {
    'ui:widget': 'radio',
    'ui:enumNames': [
      { zh: '一次性付款', en: 'Full payment' },
      { zh: '商业贷款', en: 'Commercial loan' },
    ],
  },
  note: { 'ui:widget': 'textarea' },
};

function input(changes: Partial<FormInput> = {}): FormInput {
  return {
    schema: SCHEMA,
    ui: UI,
    data: { answers: { payment_method: 'commercial_loan' }, situation: { married: 'no' }, applicant: {} },
    prefilled: {},
    errors: [],
    settings: { lang: 'zh', elderly: false },
    ...changes,
  };
}

describe('fieldsOf', () => {
  it('lists fields in ui:order, then the ones the order leaves out, hiding those not visible', () => {
    expect(fieldsOf(input()).map((f) => f.name)).toEqual([
      'payment_method',
      'seller_name',
      'seller_mobile',
      'property_area',
      'note',
    ]);
  });

  it('shows a field once its ui:visibleWhen holds', () => {
    const data = { answers: {}, situation: { married: 'yes' }, applicant: {} };
    expect(fieldsOf(input({ data })).map((f) => f.name)).toContain('spouse_name');
  });

  it('takes widgets, help, placeholders and option labels from the UI schema', () => {
    const [payment, seller, mobile, area, note] = fieldsOf(input());
    expect(payment).toMatchObject({ widget: 'radio', required: true });
    expect(payment?.options).toEqual([
      { value: 'full_payment', label: '一次性付款', checked: false },
      { value: 'commercial_loan', label: '商业贷款', checked: true },
    ]);
    expect(seller).toMatchObject({ label: '卖方姓名', help: '与身份证一致', placeholder: '例如：王建国', maxLength: 50 });
    expect(mobile).toMatchObject({ widget: 'text', inputMode: 'tel' });
    expect(area).toMatchObject({ widget: 'number', inputMode: 'decimal' });
    expect(note?.widget).toBe('textarea');
  });

  it('speaks English on request', () => {
    const fields = fieldsOf(input({ settings: { lang: 'en', elderly: false } }));
    expect(fields[1]).toMatchObject({ label: 'Seller name', help: 'As on the ID card' });
    expect(fields[0]?.options[0]?.label).toBe('Full payment');
  });

  it('puts each server error under its field, even a field it would hide', () => {
    const errors = [
      { path: '/answers/seller_mobile', message: { zh: '请填写 11 位手机号码', en: 'Enter 11 digits' } },
      { path: '/answers/spouse_name', message: { zh: '请填写配偶姓名', en: 'Spouse name' } },
    ];
    const fields = fieldsOf(input({ errors }));
    expect(fields.find((f) => f.name === 'seller_mobile')?.errors).toEqual(['请填写 11 位手机号码']);
    expect(fields.find((f) => f.name === 'spouse_name')?.errors).toEqual(['请填写配偶姓名']);
  });

  it('marks prefilled fields read-only with their source', () => {
    const [, seller] = fieldsOf(input({ prefilled: { seller_name: '婚姻登记信息' } }));
    expect(seller).toMatchObject({ readOnly: true, source: '婚姻登记信息' });
  });

  it('shows only the listed fields for a correction', () => {
    expect(fieldsOf(input({ only: ['seller_mobile'] })).map((f) => f.name)).toEqual(['seller_mobile']);
  });
});

describe('errors by JSON pointer', () => {
  it('names the answer field a pointer points at, unescaping ~1 and ~0', () => {
    expect(pointerField('/answers/seller_name')).toBe('seller_name');
    expect(pointerField('/answers/a~1b~0c')).toBe('a/b~c');
    expect(pointerField('/materials/property.sale_contract')).toBeNull();
    expect(pointerField('/answers/address/0')).toBeNull();
  });

  it('keeps errors that are not under a field apart', () => {
    const errors = [
      { path: '/answers/buyer_mobile', message: { zh: '号码不对', en: 'Wrong number' } },
      { path: '/materials/property.sale_contract', message: { zh: '请上传合同', en: 'Upload the contract' } },
    ];
    expect(errorsByField(errors, { lang: 'en', elderly: false })).toEqual({
      byField: { buyer_mobile: ['Wrong number'] },
      other: ['Upload the contract'],
    });
  });
});

describe('withAnswer', () => {
  it('keeps numbers as numbers, text as trimmed text, and drops what was emptied', () => {
    expect(withAnswer({}, SCHEMA, 'property_area', '89.62')).toEqual({ property_area: 89.62 });
    expect(withAnswer({}, SCHEMA, 'seller_name', ' 王建国 ')).toEqual({ seller_name: '王建国' });
    expect(withAnswer({ seller_name: '王' }, SCHEMA, 'seller_name', '')).toEqual({});
  });

  it('leaves a number the citizen mistyped for the server to name', () => {
    expect(withAnswer({}, SCHEMA, 'property_area', '89,6')).toEqual({ property_area: '89,6' });
  });
});
