import { describe, expect, it } from 'vitest';
import type { Form } from '../document/matter';
import { previewForm } from './previewForm';
import { isResidentId } from './validator';

const form: Form = {
  schema: {
    type: 'object',
    properties: {
      spouse_name: { title: '配偶姓名', 'x-title-en': "Spouse's name", type: 'string' },
      payment: { title: '付款方式', 'x-title-en': 'Payment', type: 'string', enum: ['full', 'loan'] },
      area: { title: '面积', type: 'number' },
    },
    required: ['spouse_name', 'payment'],
  },
  ui: {
    'ui:order': ['payment', '*'],
    spouse_name: {
      'ui:visibleWhen': { '==': [{ var: 'situation.married' }, 'yes'] },
      'ui:help': { zh: '照结婚证填写', en: 'As on the certificate' },
    },
    payment: {
      'ui:widget': 'radio',
      'ui:enumNames': [
        { zh: '全款', en: 'In full' },
        { zh: '贷款', en: 'Loan' },
      ],
    },
    area: { 'ui:widget': 'updown', 'ui:visibleWhen': { age_at: [] } },
  },
};

const data = (married: string) => ({ answers: {}, applicant: {}, situation: { married } });

describe('the phone preview', () => {
  it('shows the fields in order, in Chinese, with their presentation', () => {
    const { schema, uiSchema, visible } = previewForm(form, 'zh', data('yes'));
    expect(visible).toEqual(['payment', 'spouse_name', 'area']);
    expect(schema.properties?.spouse_name).toEqual({ title: '配偶姓名', type: 'string' });
    expect(schema.required).toEqual(['spouse_name', 'payment']);
    expect(uiSchema.payment).toEqual({ 'ui:widget': 'radio', 'ui:enumNames': ['全款', '贷款'] });
    expect(uiSchema.spouse_name).toEqual({ 'ui:help': '照结婚证填写' });
  });

  it('picks English titles, help and option names', () => {
    const { schema, uiSchema } = previewForm(form, 'en', data('yes'));
    expect(schema.properties?.spouse_name).toMatchObject({ title: "Spouse's name" });
    expect(schema.properties?.area).toMatchObject({ title: '面积' });
    expect(uiSchema.payment).toMatchObject({ 'ui:enumNames': ['In full', 'Loan'] });
  });

  it('hides a field while its visible-when rule is false, and drops it from required', () => {
    const { schema, visible } = previewForm(form, 'zh', data('no'));
    expect(visible).toEqual(['payment', 'area']);
    expect(schema.required).toEqual(['payment']);
  });

  it('shows a field whose rule the browser cannot evaluate (the server decides)', () => {
    expect(previewForm(form, 'zh', data('no')).visible).toContain('area');
  });

  it('knows a resident ID by its check digit', () => {
    expect(isResidentId('330106198512030024')).toBe(true);
    expect(isResidentId('330106198512030025')).toBe(false);
    expect(isResidentId('33010619900101123X')).toBe(true);
  });
});
