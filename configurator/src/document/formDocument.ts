import { edited } from './edited';
import type { FieldSchema, FieldUi, Form, Text } from './matter';

/** The form builder's edits of `form` ({schema, ui}); each returns a new form. */

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'date';

export interface FieldView {
  name: string;
  schema: FieldSchema;
  ui: FieldUi;
  required: boolean;
}

export interface FieldOption {
  value: string;
  label: Text;
}

/** The fields in the order they are shown: `ui:order`, with `*` (or the end) for the rest. */
export function fieldOrder(form: Form | undefined): string[] {
  const names = Object.keys(form?.schema?.properties ?? {});
  const order = form?.ui?.['ui:order'] ?? [];
  const listed = order.filter((name) => names.includes(name));
  const rest = names.filter((name) => !listed.includes(name));
  const star = order.filter((name) => name === '*' || names.includes(name)).indexOf('*');
  return star < 0 ? [...listed, ...rest] : [...listed.slice(0, star), ...rest, ...listed.slice(star)];
}

export function fieldsOf(form: Form | undefined): FieldView[] {
  const required = form?.schema?.required ?? [];
  return fieldOrder(form).map((name) => ({
    name,
    schema: form?.schema?.properties?.[name] ?? {},
    ui: fieldUi(form, name),
    required: required.includes(name),
  }));
}

function fieldUi(form: Form | undefined, name: string): FieldUi {
  const ui = form?.ui?.[name];
  return ui && !Array.isArray(ui) ? ui : {};
}

function normalised(form: Form | undefined): Required<Form> & {
  schema: { type: 'object'; properties: Record<string, FieldSchema> };
} {
  const schema = { ...form?.schema, type: 'object' as const, properties: { ...form?.schema?.properties } };
  return { schema, ui: { ...form?.ui } };
}

export function addField(form: Form | undefined, name: string, schema: FieldSchema): Form {
  return edited(normalised(form), (copy) => {
    copy.ui['ui:order'] = [...fieldOrder(copy), name];
    copy.schema.properties[name] = schema;
  });
}

export function removeField(form: Form | undefined, name: string): Form {
  return edited(normalised(form), (copy) => {
    copy.ui['ui:order'] = fieldOrder(copy).filter((other) => other !== name);
    delete copy.schema.properties[name];
    delete copy.ui[name];
    if (copy.schema.required) copy.schema.required = copy.schema.required.filter((r) => r !== name);
  });
}

export function moveField(form: Form | undefined, name: string, delta: -1 | 1): Form {
  return edited(normalised(form), (copy) => {
    const order = fieldOrder(copy);
    const from = order.indexOf(name);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to] as string, name];
    copy.ui['ui:order'] = order;
  });
}

export function changeField(form: Form | undefined, name: string, schema: FieldSchema): Form {
  return edited(normalised(form), (copy) => {
    copy.schema.properties[name] = schema;
  });
}

export function setRequired(form: Form | undefined, name: string, required: boolean): Form {
  return edited(normalised(form), (copy) => {
    const others = (copy.schema.required ?? []).filter((r) => r !== name);
    copy.schema.required = required ? [...others, name] : others;
  });
}

/** Set the field's UI options; keys set to undefined are dropped, an empty object goes. */
export function changeFieldUi(form: Form | undefined, name: string, changes: FieldUi): Form {
  return edited(normalised(form), (copy) => {
    const ui: FieldUi = { ...fieldUi(copy, name), ...changes };
    for (const key of Object.keys(ui)) if (ui[key] === undefined) delete ui[key];
    if (Object.keys(ui).length) copy.ui[name] = ui;
    else delete copy.ui[name];
  });
}

export function fieldKind(schema: FieldSchema): FieldKind {
  if (schema.type === 'string' && schema.format === 'date') return 'date';
  return schema.type ?? 'string';
}

/** The schema with another type: `date` is a string of format date; a format only on strings. */
export function withKind(schema: FieldSchema, kind: FieldKind): FieldSchema {
  const { format, enum: options, ...rest } = schema;
  if (kind === 'date') return { ...rest, type: 'string', format: 'date' };
  if (kind !== 'string') return { ...rest, type: kind };
  const kept = format && format !== 'date' ? { format } : {};
  return { ...rest, type: 'string', ...kept, ...(options ? { enum: options } : {}) };
}

export function optionsOf(view: FieldView): FieldOption[] {
  const names = view.ui['ui:enumNames'] ?? [];
  return (view.schema.enum ?? []).map((value, i) => ({
    value: String(value),
    label: names[i] ?? { zh: String(value), en: String(value) },
  }));
}

/** Set `enum` and `ui:enumNames` together; no options removes both. */
export function setOptions(form: Form | undefined, name: string, options: FieldOption[]): Form {
  const schema = { ...normalised(form).schema.properties[name] };
  delete schema.enum;
  const next = changeField(form, name, options.length ? { ...schema, enum: options.map((o) => o.value) } : schema);
  return changeFieldUi(next, name, {
    'ui:enumNames': options.length ? options.map((o) => o.label) : undefined,
  });
}
