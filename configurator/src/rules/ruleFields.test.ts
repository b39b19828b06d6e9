import { describe, expect, it } from 'vitest';
import type { Matter } from '../document/matter';
import { ruleFields } from './ruleFields';

const labels = {
  pick: (text: { zh: string; en: string } | undefined) => text?.zh ?? '',
  answers: '表单',
  situation: '情形',
  applicant: '申请人',
  value: '值',
  field: '字段',
  verified: '（实名核验）',
  colon: '：',
  derived: (kind: string, of: { who: string } | { source: string }) => `${kind}(${'who' in of ? of.who : of.source})`,
};
const elements = [
  { name: { zh: '年龄', en: 'Age' }, type: 'integer', profileKey: 'age' },
  { name: { zh: '民族', en: 'Ethnicity' }, type: 'string', profileKey: null },
];

describe('rule fields', () => {
  it('offer each party profile next to the applicant one', () => {
    const matter: Matter = {
      code: '330106-ZR-001',
      parties: [
        { id: 'seller', name: { zh: '卖方', en: 'Seller' } },
        { id: '', name: { zh: '未命名', en: 'Unnamed' } },
      ],
    };
    const fields = ruleFields(matter, elements, labels);
    expect(fields.map((f) => [f.name, f.label])).toEqual([
      ['applicant.age', '申请人：年龄'],
      ['parties.seller.age', '卖方：年龄'],
    ]);
    expect(fields[1]?.inputType).toBe('number');
  });

  it('offer only the applicant profile in a matter without parties', () => {
    expect(ruleFields({ code: '330106-ZR-001' }, elements, labels).map((f) => f.name)).toEqual(['applicant.age']);
  });
});
