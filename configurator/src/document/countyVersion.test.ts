import { describe, expect, it } from 'vitest';
import { countyPatch, mergeTemplate, patchIsFaithful } from './countyVersion';
import { edited } from './edited';
import type { Matter } from './matter';

const template: Matter = {
  code: '330000-ZJ-006',
  region: '330000',
  name: { zh: '社会保障卡申领', en: 'Social security card' },
  department: { code: '330000-RST', name: { zh: '省人社厅', en: 'Provincial HRSS' } },
  form: {
    schema: { type: 'object', properties: { bank: { title: '银行', type: 'string' } }, required: ['bank'] },
    ui: {},
  },
  materials: [
    { id: 'photo', name: { zh: '照片', en: 'Photo' }, ways: [{ kind: 'upload', accept: ['image/jpeg'] }] },
    { id: 'id_card', name: { zh: '身份证', en: 'ID card' }, ways: [{ kind: 'original' }] },
  ],
  time_limits: { statutory_days: 20, promised_days: 10 },
};

const effective = (changes: (m: Matter) => void): Matter =>
  edited({ ...template, code: '330106-ZR-001', region: '330106', extends: '330000-ZJ-006' }, changes);

describe('a county version', () => {
  it('holds only code, region and extends when nothing changed', () => {
    expect(
      countyPatch(
        template,
        effective(() => {}),
      ),
    ).toEqual({ code: '330106-ZR-001', region: '330106', extends: '330000-ZJ-006' });
  });

  it('holds changed keys, whole texts and changed list entries by id', () => {
    const wanted = effective((m) => {
      m.department = { code: '330106-RSJ', name: { zh: '西湖区人社局', en: 'Provincial HRSS' } };
      m.time_limits = { statutory_days: 20, promised_days: 5 };
      m.materials![1]!.ways = [{ kind: 'e_license', license_type: 'resident_id_card' }, { kind: 'original' }];
      m.materials!.push({ id: 'form', name: { zh: '申请表', en: 'Form' } });
    });
    const patch = countyPatch(template, wanted);
    expect(patch).toEqual({
      code: '330106-ZR-001',
      region: '330106',
      extends: '330000-ZJ-006',
      department: { code: '330106-RSJ', name: { zh: '西湖区人社局', en: 'Provincial HRSS' } },
      time_limits: { promised_days: 5 },
      materials: [
        { id: 'id_card', ways: [{ kind: 'e_license', license_type: 'resident_id_card' }, { kind: 'original' }] },
        { id: 'form', name: { zh: '申请表', en: 'Form' } },
      ],
    });
    expect(patchIsFaithful(template, wanted, patch)).toBe(true);
  });

  it('drops a template entry with $remove', () => {
    const wanted = effective((m) => {
      m.materials = m.materials!.filter((x) => x.id !== 'photo');
    });
    const patch = countyPatch(template, wanted);
    expect(patch.materials).toEqual([{ id: 'photo', $remove: true }]);
    expect(patchIsFaithful(template, wanted, patch)).toBe(true);
  });

  it('deletes a template field with $remove, its presentation left as the template has it', () => {
    const base = edited(template, (m) => {
      m.form!.schema!.properties!.note = { title: '备注', type: 'string' };
      m.form!.ui = { note: { 'ui:widget': 'textarea' }, 'ui:order': ['bank', 'note'] };
    });
    const wanted = edited({ ...base, code: '330106-ZR-001', region: '330106', extends: '330000-ZJ-006' }, (m) => {
      delete m.form!.schema!.properties!.note;
      m.form!.ui = { 'ui:order': ['bank'] };
    });
    const patch = countyPatch(base, wanted);
    expect(patch.form).toEqual({ schema: { properties: { note: { $remove: true } } }, ui: { 'ui:order': ['bank'] } });
    expect(patchIsFaithful(base, wanted, patch)).toBe(true);
    const merged = mergeTemplate(base, patch) as Matter;
    expect(Object.keys(merged.form!.schema!.properties!)).toEqual(['bank']);
  });

  it('cannot say a new order of template entries, and says so', () => {
    const wanted = effective((m) => {
      m.materials!.reverse();
    });
    const patch = countyPatch(template, wanted);
    expect(patch).not.toHaveProperty('materials');
    expect(patchIsFaithful(template, wanted, patch)).toBe(false);
  });

  it('merges as the server does: objects by key, id lists by id, anything else replaced', () => {
    expect(mergeTemplate({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [3] })).toEqual({
      a: { b: 1, c: 3 },
      l: [3],
    });
    expect(
      mergeTemplate([{ id: 'x', v: 1 }, { id: 'y' }], [{ id: 'y', $remove: true }, { id: 'x', v: 2 }, { id: 'z' }]),
    ).toEqual([{ id: 'x', v: 2 }, { id: 'z' }]);
    expect(mergeTemplate([{ id: 'x' }], [])).toEqual([{ id: 'x' }]);
  });

  it('merges parties by id, changing one, dropping one with $remove and adding one', () => {
    const withParties: Matter = {
      ...template,
      parties: [
        { id: 'mother', name: { zh: '母亲', en: 'Mother' }, role: 'applicant', fields: ['mother_name'] },
        { id: 'father', name: { zh: '父亲', en: 'Father' }, role: 'applicant', required: false },
      ],
    };
    const wanted = edited(
      { ...withParties, code: '330106-ZR-001', region: '330106', extends: '330000-ZJ-006' },
      (m) => {
        m.parties![0]!.fields = ['mother_name', 'mother_id_number'];
        m.parties = [m.parties![0]!, { id: 'child', name: { zh: '新生儿', en: 'Newborn' }, role: 'subject' as const }];
      },
    );
    const patch = countyPatch(withParties, wanted);
    expect(patch.parties).toEqual([
      { id: 'father', $remove: true },
      { id: 'mother', fields: ['mother_name', 'mother_id_number'] },
      { id: 'child', name: { zh: '新生儿', en: 'Newborn' }, role: 'subject' },
    ]);
    expect(patchIsFaithful(withParties, wanted, patch)).toBe(true);
  });
});
