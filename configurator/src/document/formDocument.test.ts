import { describe, expect, it } from 'vitest';
import {
  addField,
  changeFieldUi,
  fieldOrder,
  fieldsOf,
  moveField,
  optionsOf,
  removeField,
  setOptions,
  setRequired,
  withKind,
} from './formDocument';
import type { Form } from './matter';

const form: Form = {
  schema: {
    type: 'object',
    properties: {
      name: { title: '姓名', type: 'string' },
      id_number: { title: '身份证号', type: 'string', format: 'cn-resident-id' },
      note: { title: '备注', type: 'string' },
    },
    required: ['name'],
  },
  ui: { 'ui:order': ['id_number', '*'], note: { 'ui:help': { zh: '选填', en: 'Optional' } } },
};

describe('the form builder', () => {
  it('shows fields in ui:order, with * standing for the others', () => {
    expect(fieldOrder(form)).toEqual(['id_number', 'name', 'note']);
    expect(fieldsOf(form).map((f) => [f.name, f.required])).toEqual([
      ['id_number', false],
      ['name', true],
      ['note', false],
    ]);
  });

  it('adds a field at the end of the order, leaving the original untouched', () => {
    const added = addField(form, 'mobile', { title: '手机号码', type: 'string', format: 'cn-mobile' });
    expect(added.ui?.['ui:order']).toEqual(['id_number', 'name', 'note', 'mobile']);
    expect(added.schema?.properties?.mobile?.format).toBe('cn-mobile');
    expect(form.schema?.properties?.mobile).toBeUndefined();
  });

  it('adds the first field to an empty form', () => {
    const added = addField(undefined, 'name', { title: '姓名', type: 'string' });
    expect(added).toEqual({
      schema: { type: 'object', properties: { name: { title: '姓名', type: 'string' } } },
      ui: { 'ui:order': ['name'] },
    });
  });

  it('removes a field with its required entry, UI and place in the order', () => {
    const removed = removeField(setRequired(form, 'note', true), 'note');
    expect(removed.schema?.properties).not.toHaveProperty('note');
    expect(removed.schema?.required).toEqual(['name']);
    expect(removed.ui).not.toHaveProperty('note');
    expect(removed.ui?.['ui:order']).toEqual(['id_number', 'name']);
  });

  it('moves a field up and down, and not past either end', () => {
    expect(fieldOrder(moveField(form, 'note', -1))).toEqual(['id_number', 'note', 'name']);
    expect(fieldOrder(moveField(form, 'id_number', 1))).toEqual(['name', 'id_number', 'note']);
    expect(fieldOrder(moveField(form, 'id_number', -1))).toEqual(['id_number', 'name', 'note']);
  });

  it('sets and clears required', () => {
    expect(setRequired(form, 'id_number', true).schema?.required).toEqual(['name', 'id_number']);
    expect(setRequired(form, 'name', false).schema?.required).toEqual([]);
  });

  it('drops UI options set to undefined, and the field entry once empty', () => {
    const withPlaceholder = changeFieldUi(form, 'note', { 'ui:placeholder': { zh: '例如', en: 'e.g.' } });
    expect(withPlaceholder.ui?.note).toEqual({
      'ui:help': { zh: '选填', en: 'Optional' },
      'ui:placeholder': { zh: '例如', en: 'e.g.' },
    });
    const cleared = changeFieldUi(form, 'note', { 'ui:help': undefined });
    expect(cleared.ui).not.toHaveProperty('note');
  });

  it('keeps enum and ui:enumNames together', () => {
    const options = [
      { value: 'small', label: { zh: '小型犬', en: 'Small' } },
      { value: 'large', label: { zh: '大型犬', en: 'Large' } },
    ];
    const withOptions = setOptions(form, 'note', options);
    expect(withOptions.schema?.properties?.note?.enum).toEqual(['small', 'large']);
    expect(withOptions.ui?.note?.['ui:enumNames' as never]).toEqual(options.map((o) => o.label));
    expect(optionsOf(fieldsOf(withOptions).find((f) => f.name === 'note')!)).toEqual(options);
    const without = setOptions(withOptions, 'note', []);
    expect(without.schema?.properties?.note).not.toHaveProperty('enum');
    expect(without.ui?.note).toEqual({ 'ui:help': { zh: '选填', en: 'Optional' } });
  });

  it('writes a date as a string of format date, and keeps formats only on strings', () => {
    expect(withKind({ title: '日期', type: 'string' }, 'date')).toEqual({
      title: '日期',
      type: 'string',
      format: 'date',
    });
    expect(withKind({ title: '号码', type: 'string', format: 'cn-mobile' }, 'integer')).toEqual({
      title: '号码',
      type: 'integer',
    });
    expect(withKind({ title: '日期', type: 'string', format: 'date' }, 'string')).toEqual({
      title: '日期',
      type: 'string',
    });
  });
});
