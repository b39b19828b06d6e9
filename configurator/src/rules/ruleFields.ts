import type { Field } from 'react-querybuilder';
import { fieldKind, fieldsOf } from '../document/formDocument';
import type { Matter, Text } from '../document/matter';

/** What a rule can read (docs/catalog-format.md, "Rule data"): the form answers, the
 * situation answers, the applicant's verified profile and, in a matter with parties, each
 * party's (`parties.<id>.<key>`, e.g. the seller is the certificate's owner). */

export interface ProfileElement {
  name: Text;
  type: string;
  profileKey: string | null;
}

export interface FieldLabels {
  pick: (text: Text | undefined) => string;
  answers: string;
  situation: string;
  applicant: string;
  value: string;
  field: string;
}

const NUMERIC = new Set(['number', 'integer']);

export function ruleFields(matter: Matter, elements: readonly ProfileElement[], labels: FieldLabels): Field[] {
  const valueSources: Field['valueSources'] = [
    { name: 'value', label: labels.value },
    { name: 'field', label: labels.field },
  ];
  const answers = fieldsOf(matter.form).map(({ name, schema, ui }): Field => {
    const kind = fieldKind(schema);
    const names = ui['ui:enumNames'] ?? [];
    const title = labels.pick({ zh: schema.title ?? name, en: schema['x-title-en'] || schema.title || name });
    return {
      name: `answers.${name}`,
      label: `${labels.answers}：${title}`,
      valueSources,
      ...(NUMERIC.has(kind) ? { inputType: 'number' } : {}),
      ...(kind === 'date' ? { inputType: 'date' } : {}),
      ...(kind === 'boolean' ? { valueEditorType: 'checkbox', defaultValue: true } : {}),
      ...(schema.enum
        ? {
            valueEditorType: 'select',
            values: schema.enum.map((value, i) => ({
              name: String(value),
              label: labels.pick(names[i]) || String(value),
            })),
          }
        : {}),
    };
  });
  const situations = (matter.situations ?? []).map((situation): Field => ({
    name: `situation.${situation.id}`,
    label: `${labels.situation}：${labels.pick(situation.question) || situation.id}`,
    valueSources,
    valueEditorType: 'select',
    values: (situation.options ?? []).map((option) => ({
      name: String(option.value),
      label: labels.pick(option.label) || String(option.value),
    })),
  }));
  const profileOf = (root: string, who: string): Field[] =>
    elements.flatMap((element): Field[] =>
      element.profileKey
        ? [
            {
              name: `${root}.${element.profileKey}`,
              label: `${who}：${labels.pick(element.name)}`,
              valueSources,
              ...(NUMERIC.has(element.type) ? { inputType: 'number' } : {}),
            },
          ]
        : [],
    );
  const parties = (matter.parties ?? []).flatMap((party) =>
    party.id ? profileOf(`parties.${party.id}`, labels.pick(party.name) || party.id) : [],
  );
  return [...answers, ...situations, ...profileOf('applicant', labels.applicant), ...parties];
}
