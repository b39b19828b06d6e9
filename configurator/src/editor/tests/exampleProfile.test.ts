import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENTS, ageOn, applicantProfile, fromResidentId } from './exampleProfile';

describe('a test applicant', () => {
  it('takes the birth date, sex and age from the resident ID', () => {
    expect(fromResidentId('330106195209180229')).toEqual({ birth_date: '1952-09-18', sex: 'female' });
    expect(fromResidentId('33010619680312031X')).toEqual({ birth_date: '1968-03-12', sex: 'male' });
    expect(fromResidentId('330106196802300311')).toBeNull();
    expect(fromResidentId('12345')).toBeNull();
    expect(ageOn('2008-12-03', '2026-12-02')).toBe(17);
    expect(ageOn('2008-12-03', '2026-12-03')).toBe(18);
  });

  it('is built from the form, keeping what else the profile had', () => {
    const profile = applicantProfile(
      { extra: 1, age: 99 },
      { name: '李萍', id_number: '330106197905160028' },
      '2026-12-03',
    );
    expect(profile).toEqual({
      extra: 1,
      name: '李萍',
      id_number: '330106197905160028',
      birth_date: '1979-05-16',
      sex: 'female',
      age: 47,
    });
  });

  it('offers the demo residents as they are seeded', () => {
    const seeded = JSON.parse(readFileSync('../form_schemas/demo/residents.json', 'utf8')) as {
      residents: Record<string, unknown>[];
    };
    expect(DEMO_RESIDENTS).toEqual(
      seeded.residents.map(({ id, name, id_number, mobile, hukou_region, hukou_address }) => ({
        id, name, id_number, mobile, hukou_region, hukou_address,
      })), // prettier-ignore
    );
    for (const resident of seeded.residents)
      expect(fromResidentId(String(resident.id_number))).toEqual({
        birth_date: resident.birth_date,
        sex: resident.sex,
      });
  });
});
