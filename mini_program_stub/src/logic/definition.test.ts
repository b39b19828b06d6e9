import { describe, expect, it } from 'vitest';
import { mergeGuides, type Guide } from './definition';

function guide(changes: Partial<Guide>): Guide {
  return {
    version: 1,
    summary: { zh: '', en: '' },
    legalBasis: [],
    situations: [],
    formSchema: { type: 'object', properties: {}, required: [] },
    uiSchema: {},
    eligibility: [],
    materials: [],
    onSiteSteps: [],
    timeLimits: { statutoryDays: 5, promisedDays: 1 },
    fees: [],
    delivery: [],
    output: { name: { zh: '', en: '' } },
    contact: null,
    ...changes,
  };
}

const material = (id: string, type: string, zh: string): Guide['materials'][number] => ({
  id,
  type,
  requiredWhen: null,
  name: { zh, en: '' },
  description: { zh: '', en: '' },
  why: { zh: '', en: '' },
  sample: null,
  legalBasis: null,
  ways: [],
});

describe('mergeGuides', () => {
  it('makes one form, questionnaire and checklist of a life event, the first wording winning', () => {
    const housing = guide({
      formSchema: { properties: { seller_name: { title: '卖方' }, buyer_name: { title: '买方' } }, required: ['seller_name'] },
      uiSchema: { 'ui:order': ['seller_name', 'buyer_name'], buyer_name: { 'ui:help': { zh: '一', en: '' } } },
      situations: [{ id: 'role', default: null, question: { zh: '您是？', en: '' }, options: [] }],
      materials: [material('house_certificate', 'property.real_estate_certificate', '不动产权证书')],
      delivery: ['e_license'],
    });
    const tax = guide({
      formSchema: { properties: { buyer_name: { title: '买受人' }, contract_no: {} }, required: ['buyer_name'] },
      uiSchema: { 'ui:order': ['buyer_name', 'contract_no'], buyer_name: { 'ui:help': { zh: '二', en: '' } } },
      situations: [{ id: 'role', default: null, question: { zh: '重复', en: '' }, options: [] }],
      materials: [
        material('certificate', 'property.real_estate_certificate', '房产证'),
        material('commitment', 'tax.family_housing_commitment', '承诺书'),
      ],
      delivery: ['e_license', 'express'],
      timeLimits: { statutoryDays: 30, promisedDays: 3 },
    });

    const merged = mergeGuides([housing, tax]);

    expect(merged?.formSchema).toEqual({
      type: 'object',
      properties: { seller_name: { title: '卖方' }, buyer_name: { title: '买方' }, contract_no: {} },
      required: ['seller_name', 'buyer_name'],
    });
    expect(merged?.uiSchema).toEqual({
      'ui:order': ['seller_name', 'buyer_name', 'contract_no'],
      buyer_name: { 'ui:help': { zh: '一', en: '' } },
    });
    expect(merged?.situations.map((s) => s.question.zh)).toEqual(['您是？']);
    expect(merged?.materials.map((m) => [m.id, m.name.zh])).toEqual([
      ['property.real_estate_certificate', '不动产权证书'],
      ['tax.family_housing_commitment', '承诺书'],
    ]);
    expect(merged?.delivery).toEqual(['e_license', 'express']);
    expect(merged?.timeLimits).toEqual({ statutoryDays: 30, promisedDays: 3 });
  });
});
