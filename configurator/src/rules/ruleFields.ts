import type { Field } from 'react-querybuilder';
import { fieldKind, fieldsOf } from '../document/formDocument';
import type { Matter, Text } from '../document/matter';
import { derivedName, type DerivedKind } from './derived';

/** What a rule can read (docs/catalog-format.md, "Rule data"): the form answers, the
 * situation answers, the applicant's verified profile and, in a matter with parties, each
 * party's (`parties.<id>.<key>`, e.g. the seller is the certificate's owner); and, as builder
 * blocks over the domain operators, the age and birth date a resident ID gives, the age a date
 * of birth gives and the days since a date. */

export interface ProfileElement {
  name: Text;
  type: string;
  format?: string | null;
  profileKey: string | null;
}

export interface FieldLabels {
  pick: (text: Text | undefined) => string;
  answers: string;
  situation: string;
  applicant: string;
  value: string;
  field: string;
  /** Between a root and its field: ：in Chinese, ": " in English. */
  colon: string;
  /** Said after a verified profile value in a sentence: （实名核验）. */
  verified: string;
  /** A derived value's name: of a person's resident ID (who: 申请人, 卖方…), or of a field. */
  derived: (kind: DerivedKind, of: { who: string } | { source: string }) => string;
}

/** What the sentence under the builder says of a field's values. */
export type Unit = 'years' | 'days';

/** A field of the builder, with what its sentence says: `phrase` names it in a sentence
 * (犬只品种, 申请人年龄（按身份证号）) and `unit` follows its numbers; `operatorNames`, where
 * given, are the only operators it offers. */
export type RuleField = Field & { phrase: string; unit?: Unit; operatorNames?: string[] };

const NUMERIC = new Set(['number', 'integer']);
const RESIDENT_ID = 'cn-resident-id';
const LIST_OPERATORS = new Set(['in', 'notIn']);
const CHOICE_OPERATORS = ['=', '!=', 'in', 'notIn', 'null', 'notNull'];
const NUMBER_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween'];

/** Options are picked, one or several; text is typed, several as tags (never "a,b" typed). */
const choiceEditor = (operator: string) => (LIST_OPERATORS.has(operator) ? 'multiselect' : 'select');
const textEditor = (operator: string) => (LIST_OPERATORS.has(operator) ? 'multiselect' : 'text');

export function ruleFields(matter: Matter, elements: readonly ProfileElement[], labels: FieldLabels): RuleField[] {
  const valueSources: Field['valueSources'] = [
    { name: 'value', label: labels.value },
    { name: 'field', label: labels.field },
  ];
  const derived = (
    root: string,
    path: string,
    kinds: DerivedKind[],
    of: { who: string } | { source: string },
  ): RuleField[] =>
    kinds.map((kind) => {
      const phrase = labels.derived(kind, of);
      return {
        name: derivedName(kind, path),
        label: `${root}${labels.colon}${phrase}`,
        phrase,
        valueSources: ['value'],
        operatorNames: NUMBER_OPERATORS,
        ...(kind === 'birth_by_id' ? { inputType: 'date' } : { inputType: 'number' }),
        ...(kind === 'days_since'
          ? { unit: 'days' as const }
          : kind === 'birth_by_id'
            ? {}
            : { unit: 'years' as const }),
      };
    });

  const answers = fieldsOf(matter.form).flatMap(({ name, schema, ui }): RuleField[] => {
    const kind = fieldKind(schema);
    const names = ui['ui:enumNames'] ?? [];
    const title = labels.pick({ zh: schema.title ?? name, en: schema['x-title-en'] || schema.title || name });
    const path = `answers.${name}`;
    const field: RuleField = {
      name: path,
      label: `${labels.answers}${labels.colon}${title}`,
      phrase: title,
      valueSources,
      ...(NUMERIC.has(kind) ? { inputType: 'number' } : {}),
      ...(kind === 'date' ? { inputType: 'date' } : {}),
      ...(kind === 'boolean' ? { valueEditorType: 'checkbox', defaultValue: true } : {}),
      ...(kind === 'string' && !schema.enum ? { valueEditorType: textEditor } : {}),
      ...(schema.enum
        ? {
            valueEditorType: choiceEditor,
            operatorNames: CHOICE_OPERATORS,
            values: schema.enum.map((value, i) => ({
              name: String(value),
              label: labels.pick(names[i]) || String(value),
            })),
          }
        : {}),
    };
    if (schema.format === RESIDENT_ID)
      return [field, ...derived(labels.answers, path, ['age_by_id', 'birth_by_id'], { source: title })];
    if (kind === 'date')
      return [field, ...derived(labels.answers, path, ['age_by_date', 'days_since'], { source: title })];
    return [field];
  });
  const situations = (matter.situations ?? []).map((situation): RuleField => {
    const question = labels.pick(situation.question) || situation.id;
    return {
      name: `situation.${situation.id}`,
      label: `${labels.situation}${labels.colon}${question}`,
      phrase: question,
      valueSources,
      valueEditorType: choiceEditor,
      operatorNames: CHOICE_OPERATORS,
      values: (situation.options ?? []).map((option) => ({
        name: String(option.value),
        label: labels.pick(option.label) || String(option.value),
      })),
    };
  });
  const profileOf = (root: string, who: string): RuleField[] =>
    elements.flatMap((element): RuleField[] => {
      if (!element.profileKey) return [];
      const path = `${root}.${element.profileKey}`;
      const name = labels.pick(element.name);
      const field: RuleField = {
        name: path,
        label: `${who}${labels.colon}${name}`,
        phrase: `${name.startsWith(who) ? name : `${who}${labels.colon}${name}`}${labels.verified}`,
        valueSources,
        ...(NUMERIC.has(element.type) ? { inputType: 'number' } : {}),
        ...(element.type === 'date' ? { inputType: 'date' } : {}),
        ...(element.type === 'string' ? { valueEditorType: textEditor } : {}),
      };
      if (element.format === RESIDENT_ID) return [field, ...derived(who, path, ['age_by_id', 'birth_by_id'], { who })];
      if (element.type === 'date')
        return [field, ...derived(who, path, ['age_by_date', 'days_since'], { source: name })];
      return [field];
    });
  const parties = (matter.parties ?? []).flatMap((party) =>
    party.id ? profileOf(`parties.${party.id}`, labels.pick(party.name) || party.id) : [],
  );
  return [...answers, ...situations, ...profileOf('applicant', labels.applicant), ...parties];
}
