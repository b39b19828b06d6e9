import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import jsonLogic from 'json-logic-js';
import { fieldsOf } from '../document/formDocument';
import type { FieldSchema, Form, Text } from '../document/matter';

export interface RuleData {
  answers: Record<string, unknown>;
  situation: Record<string, unknown>;
  applicant: Record<string, unknown>;
}

export interface PreviewForm {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  /** The fields shown; the answers of the others are dropped. */
  visible: string[];
}

const WIDGETS: Record<string, string> = { region: 'text' };

/** Whether the field is shown: its `ui:visibleWhen` rule is truthy (a rule the browser cannot
 * evaluate, such as a domain operator, shows the field: the server decides). */
function isVisible(rule: unknown, data: RuleData): boolean {
  if (rule === undefined) return true;
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
  } catch {
    return true;
  }
}

/** The draft's form as react-jsonschema-form shows it, in one language, without the fields
 * hidden by their visible-when rule. */
export function previewForm(form: Form | undefined, lang: 'zh' | 'en', data: RuleData): PreviewForm {
  const pick = (text: Text | undefined) => (text ? (lang === 'en' && text.en ? text.en : text.zh) : undefined);
  const fields = fieldsOf(form).filter((field) => isVisible(field.ui['ui:visibleWhen'], data));
  const properties: Record<string, FieldSchema> = {};
  const uiSchema: UiSchema = { 'ui:order': fields.map((f) => f.name), 'ui:submitButtonOptions': { norender: true } };
  for (const { name, schema, ui } of fields) {
    const { 'x-title-en': en, ...rest } = schema;
    properties[name] = { ...rest, title: lang === 'en' && en ? en : (schema.title ?? name) };
    const widget = ui['ui:widget'];
    uiSchema[name] = {
      ...(widget ? { 'ui:widget': WIDGETS[widget] ?? widget } : {}),
      ...(ui['ui:help'] ? { 'ui:help': pick(ui['ui:help']) } : {}),
      ...(ui['ui:placeholder'] ? { 'ui:placeholder': pick(ui['ui:placeholder']) } : {}),
      ...(ui['ui:enumNames'] ? { 'ui:enumNames': ui['ui:enumNames'].map((t) => pick(t) ?? '') } : {}),
    };
  }
  const visible = fields.map((f) => f.name);
  const required = (form?.schema?.required ?? []).filter((name) => visible.includes(name));
  return {
    schema: { type: 'object', properties: properties as RJSFSchema['properties'], required },
    uiSchema,
    visible,
  };
}
