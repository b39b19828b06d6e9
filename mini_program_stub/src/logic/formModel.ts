import { pick, type LocalizedText, type Settings } from '../i18n/settings';
import { t } from '../i18n/t';
import { evaluateRule, type RuleData } from './rules';

/** A property of the matter's JSON Schema, as far as the form reads it. */
interface PropertySchema {
  title?: string;
  'x-title-en'?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
}

interface FormSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

/** The UI schema's hints for one field (rjsf's names). */
interface FieldUi {
  'ui:widget'?: string;
  'ui:help'?: LocalizedText;
  'ui:placeholder'?: LocalizedText;
  'ui:enumNames'?: LocalizedText[];
  'ui:visibleWhen'?: unknown;
}

export type Widget = 'text' | 'textarea' | 'number' | 'radio' | 'select' | 'date';

export interface Option {
  value: string;
  label: string;
  checked: boolean;
}

/** One field as a page shows it: plain data, the same for the DOM and a WXML template. */
export interface FieldView {
  name: string;
  label: string;
  widget: Widget;
  /** The keyboard a phone should open. */
  inputMode: 'text' | 'tel' | 'numeric' | 'decimal';
  required: boolean;
  help: string;
  placeholder: string;
  options: Option[];
  value: string;
  maxLength: number;
  /** Filled from shared data: shown, never edited. */
  readOnly: boolean;
  /** Where a read-only value came from. */
  source: string;
  errors: string[];
}

/** A problem the server reported, by JSON pointer (/answers/seller_name). */
export interface FieldError {
  path: string;
  message: LocalizedText;
}

export interface FormInput {
  schema: unknown;
  ui: unknown;
  data: RuleData;
  /** Prefilled field → the name of the data set it came from. */
  prefilled: Record<string, string>;
  errors: FieldError[];
  settings: Settings;
  /** Only these fields (a correction notice); all when absent. */
  only?: string[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The answer field a JSON pointer names, or null for anything else (/materials/…, /deliveryMode). */
export function pointerField(path: string): string | null {
  const match = /^\/answers\/([^/]+)$/.exec(path);
  return match?.[1] ? match[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/** The server's errors split into those under a field and the rest. */
export function errorsByField(
  errors: FieldError[],
  settings: Settings,
): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const error of errors) {
    const field = pointerField(error.path);
    if (field) (byField[field] ??= []).push(pick(error.message, settings));
    else other.push(pick(error.message, settings));
  }
  return { byField, other };
}

function widgetOf(property: PropertySchema, ui: FieldUi): Widget {
  const named = ui['ui:widget'];
  if (named === 'textarea' || named === 'radio' || named === 'date') return named;
  if (property.enum) return named === 'radio' ? 'radio' : 'select';
  if (named === 'updown' || property.type === 'number' || property.type === 'integer') return 'number';
  return property.format === 'date' ? 'date' : 'text';
}

function inputModeOf(property: PropertySchema): FieldView['inputMode'] {
  if (property.format === 'cn-mobile') return 'tel';
  if (property.type === 'integer' || property.format === 'cn-region-code') return 'numeric';
  return property.type === 'number' ? 'decimal' : 'text';
}

function display(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The form's fields in ui:order (then any the order leaves out), each with its label, widget,
 * help and errors; a field is left out while its ui:visibleWhen is false, unless the server
 * reported a problem with it.
 */
export function fieldsOf(input: FormInput): FieldView[] {
  const schema = record(input.schema) as FormSchema;
  const ui = record(input.ui);
  const properties = schema.properties ?? {};
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const names = [...order.filter((n) => n in properties), ...Object.keys(properties).filter((n) => !order.includes(n))];
  const { byField } = errorsByField(input.errors, input.settings);
  const { settings } = input;
  const fields: FieldView[] = [];
  for (const name of names) {
    if (input.only && !input.only.includes(name)) continue;
    const property = properties[name] ?? {};
    const fieldUi = record(ui[name]) as FieldUi;
    const errors = byField[name] ?? [];
    if (evaluateRule(fieldUi['ui:visibleWhen'], input.data) === false && errors.length === 0) continue;
    const value = display(input.data.answers[name]);
    const enumNames = fieldUi['ui:enumNames'] ?? [];
    const source = input.prefilled[name];
    fields.push({
      name,
      label: (settings.lang === 'en' && property['x-title-en']) || property.title || name,
      widget: widgetOf(property, fieldUi),
      inputMode: inputModeOf(property),
      required: (schema.required ?? []).includes(name),
      help: pick(fieldUi['ui:help'], settings),
      placeholder: pick(fieldUi['ui:placeholder'], settings) || (property.enum ? t('choose', settings) : ''),
      options: (property.enum ?? []).map((option, i) => ({
        value: String(option),
        label: pick(enumNames[i], settings) || String(option),
        checked: String(option) === value,
      })),
      value,
      maxLength: property.maxLength ?? 0,
      readOnly: source !== undefined,
      source: source ?? '',
      errors,
    });
  }
  return fields;
}

/** The answers after the citizen typed `raw` into a field: numbers as numbers, empty as absent. */
export function withAnswer(
  answers: Record<string, unknown>,
  schema: unknown,
  name: string,
  raw: string,
): Record<string, unknown> {
  const next = { ...answers };
  const type = (record(schema) as FormSchema).properties?.[name]?.type;
  const text = raw.trim();
  if (text === '') delete next[name];
  else if (type === 'number' || type === 'integer') next[name] = Number.isFinite(Number(text)) ? Number(text) : text;
  else next[name] = text;
  return next;
}
