import { describe, expect, it } from 'vitest';
import type { Matter } from '../document/matter';
import { diffSentence, problemSentence, resultText, subjectOf } from './problemTexts';

const text = (zh: string, en = '') => ({ zh, en });
const matter: Matter = {
  code: '330106-ZR-001',
  name: text('房屋买卖登记', 'House sale'),
  form: {
    schema: {
      type: 'object',
      properties: { id_no: { title: '身份证号', 'x-title-en': 'ID number' } },
      required: ['id_no'],
    },
    ui: { id_no: {} },
  },
  legal_basis: [{ title: text('') }],
  materials: [{ id: 'photo', name: text('房屋照片', 'House photo'), why: text('') }, { id: 'x' }],
  situations: [{ id: 'role', question: text('您是买方还是卖方？') }],
};

describe('subjectOf', () => {
  it.each([
    ['/materials/0/why/zh', '材料「房屋照片」的为什么需要（中文）'],
    ['/materials/0/name/en', '材料「房屋照片」的名称（英文）'],
    ['/materials/1/ways/0/source', '材料「x」的提供方式'],
    ['/materials/0', '材料「房屋照片」'],
    ['/summary/zh', '事项摘要（中文）'],
    ['/name/zh', '事项名称（中文）'],
    ['/department/name/zh', '部门全称（中文）'],
    ['/department/code', '部门编码'],
    ['/time_limits/promised_days', '承诺时限'],
    ['/legal_basis/0/title/zh', '第 1 条设定依据的名称（中文）'],
    ['/form/schema/properties/id_no/format', '字段「身份证号」的格式'],
    ['/form/schema/required/0', '字段「身份证号」'],
    ['/form/ui/id_no/ui:visibleWhen/==/0', '字段「身份证号」的显示条件'],
    ['/situations/0/options', '情形「您是买方还是卖方？」的选项'],
    ['', ''],
  ])('names %s as 「%s」', (pointer, subject) => {
    expect(subjectOf(pointer, matter, 'zh')).toBe(subject);
  });

  it('names in English too', () => {
    expect(subjectOf('/form/schema/properties/id_no/format', matter, 'en')).toBe('field “ID number”, format');
    expect(subjectOf('/materials/0/why/en', matter, 'en')).toBe('material “House photo”, why it is needed (English)');
  });
});

describe('problemSentence', () => {
  it('says the subject and the message as one sentence', () => {
    expect(problemSentence('不能为空', '/materials/0/why/zh', matter, 'zh')).toBe(
      '材料「房屋照片」的为什么需要（中文）不能为空',
    );
    expect(problemSentence('发布前须填写', '/summary/zh', matter, 'zh')).toBe('事项摘要（中文）：发布前须填写');
    expect(problemSentence('must be written', '/summary/en', matter, 'en')).toBe('Summary (English): must be written');
  });

  it('leaves a message that names its subject already', () => {
    const named = '材料「房屋照片」的名称只说了是份材料';
    expect(problemSentence(named, '/materials/0/name', matter, 'zh')).toBe(named);
    expect(problemSentence('没有电子证照时要跑 2 次', '', matter, 'zh')).toBe('没有电子证照时要跑 2 次');
    expect(problemSentence('部门编码的格式不对', '/department/code', matter, 'zh')).toBe('部门编码的格式不对');
  });
});

describe('resultText', () => {
  it('says a test case mismatch in Chinese', () => {
    expect(resultText('expected run count 0, got 1', 'zh')).toBe('预期跑动 0 次，实际 1 次');
    expect(resultText("expected materials ['a', 'b'], got ['a']", 'zh')).toBe('预期要交的材料：a, b；实际：a');
    expect(resultText('expected eligible True, got False (failed rules: adult)', 'zh')).toBe(
      '预期符合条件，实际不符合（未满足：adult）',
    );
    expect(resultText('expected run count 0, got 1', 'en')).toBe('expected run count 0, got 1');
  });
});

describe('diffSentence', () => {
  const after: Matter = { ...matter, materials: [...matter.materials!, { id: 'deed', name: text('房产证') }] };
  it.each([
    [{ path: '/materials/2', op: 'add', after: after.materials![2] }, '材料「房产证」：新增'],
    [{ path: '/materials/1', op: 'remove', before: { id: 'x' } }, '材料「x」：删除'],
    [{ path: '/time_limits/promised_days', op: 'replace', before: 20, after: 15 }, '承诺时限：20 → 15 个工作日'],
    [{ path: '/department/name', op: 'replace', before: text('甲局'), after: text('乙局') }, '部门全称：甲局 → 乙局'],
    [
      { path: '/delivery', op: 'replace', before: ['pickup'], after: ['pickup', 'express'] },
      '取件方式：pickup → pickup、express',
    ],
    [{ path: '/contact/phone', op: 'add', after: '0571-1' }, '咨询电话：新增 0571-1'],
    [
      { path: '/contact', op: 'add', after: { phone: '0571-1', hours: text('周一至周五') } },
      '咨询方式：新增 咨询电话 0571-1；办公时间 周一至周五',
    ],
    [{ path: '/form/ui/ui:order', op: 'replace', before: ['a', 'b'], after: ['b'] }, '字段顺序：a、b → b'],
  ])('says %o as 「%s」', (entry, sentence) => {
    expect(diffSentence(entry, { before: matter, after }, 'zh')).toBe(sentence);
  });

  it('names an added or removed entry from itself without the documents', () => {
    expect(
      diffSentence({ path: '/materials/5', op: 'add', after: { id: 'deed', name: text('房产证') } }, {}, 'zh'),
    ).toBe('材料「房产证」：新增');
    expect(
      diffSentence({ path: '/materials/5/why', op: 'replace', before: text('甲'), after: text('乙') }, {}, 'zh'),
    ).toBe('第 6 条材料的为什么需要：甲 → 乙');
  });
});
