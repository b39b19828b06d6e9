import { describe, expect, it } from 'vitest';
import type { Matter } from '../../document/matter';
import { editedPointer, locate } from './problemLocation';

const matter: Matter = {
  code: '330106-ZR-001',
  form: { schema: { type: 'object', properties: { id_no: {}, name: {} }, required: ['name', 'id_no'] }, ui: {} },
  eligibility: [{ id: 'adult' }, { id: 'same_person' }],
  materials: [{ id: 'id_card' }, { id: 'photo' }, { id: 'vaccination' }],
  situations: [{ id: 'role' }],
  parties: [{ id: 'seller' }, { id: 'buyer' }],
};

describe('locate', () => {
  it.each([
    ['/form/schema/properties/id_no/format', 'form', 'field-id_no'],
    ['/form/schema/properties/name', 'form', 'field-name'],
    ['/form/schema/required/1', 'form', 'field-id_no'],
    ['/form/schema', 'form', 'form'],
    ['/form/ui/ui:order', 'form', 'form'],
    ['/form/ui/name/ui:help/zh', 'form', 'field-name'],
    ['/form/ui/name/ui:visibleWhen/==/0', 'rules', 'visible-name'],
    ['/eligibility/1/rule/==/0', 'rules', 'eligibility-1'],
    ['/eligibility', 'rules', 'eligibility'],
    ['/materials/2/ways', 'materials', 'material-2'],
    ['/materials/0/required_when/var', 'rules', 'required-0'],
    ['/situations/0/options', 'basics', 'situation-0'],
    ['/parties/1/fields/0', 'parties', 'party-1'],
    ['/parties', 'parties', 'parties'],
    ['/materials/1/party', 'materials', 'material-1'],
    ['/output/supersedes/number_field', 'basics', 'output'],
    ['/on_site_steps/3/why', 'basics', 'step-3'],
    ['/fees/0', 'basics', 'fee-0'],
    ['/department/name/zh', 'basics', 'department'],
    ['/legal_basis/0/title', 'basics', 'legal_basis'],
    ['/time_limits/promised_days', 'basics', 'time_limits'],
    ['', 'publish', 'document'],
    ['/unknown_key', 'publish', 'document'],
  ])('puts %s on the %s tab at %s', (pointer, tab, anchor) => {
    expect(locate(pointer, matter, matter)).toEqual({ tab, anchor });
  });

  it('unescapes JSON pointer parts', () => {
    const form = { schema: { properties: { 'a/b': {} } } };
    expect(locate('/form/schema/properties/a~1b/type', { form }, matter)).toEqual({ tab: 'form', anchor: 'field-a/b' });
  });

  it('finds a county version entry by id in the merged list the editor shows', () => {
    const countyVersion = { code: matter.code, materials: [{ id: 'vaccination', why: {} }] };
    expect(locate('/materials/0/why', countyVersion, matter)).toEqual({ tab: 'materials', anchor: 'material-2' });
    expect(locate('/materials/0/required_when', countyVersion, matter)).toEqual({ tab: 'rules', anchor: 'required-2' });
    expect(editedPointer('/materials/0/why/zh', countyVersion, matter)).toBe('/materials/2/why/zh');
    expect(editedPointer('/form/schema/properties/name', countyVersion, matter)).toBe('/form/schema/properties/name');
    expect(locate('/parties/0/confirm', { code: matter.code, parties: [{ id: 'buyer' }] }, matter)).toEqual({
      tab: 'parties',
      anchor: 'party-1',
    });
  });
});
