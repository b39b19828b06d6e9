import type { GuideFieldsFragment } from '../generated/graphql';

export type Guide = GuideFieldsFragment;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function firstById<T>(items: T[], id: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(id(item))) seen.set(id(item), item);
  return [...seen.values()];
}

/**
 * A life event's one form, questionnaire and checklist from its members' guides, as the server
 * merges them (backend/applications/bundles.py): fields by name, situations by id, materials
 * by type (the type becomes the id, as on the bundle's checklist); the first member's wording
 * wins. The citizen API does not send the merged definition, so the client derives it.
 */
export function mergeGuides(guides: Guide[]): Guide | null {
  const [first] = guides;
  if (!first) return null;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const order: string[] = [];
  const ui: Record<string, unknown> = {};
  for (const guide of guides) {
    const schema = record(guide.formSchema);
    const guideUi = record(guide.uiSchema);
    for (const [name, property] of Object.entries(record(schema.properties))) properties[name] ??= property;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!required.includes(name)) required.push(name);
    for (const name of (guideUi['ui:order'] as string[] | undefined) ?? []) if (!order.includes(name)) order.push(name);
    for (const [key, value] of Object.entries(guideUi)) if (key !== 'ui:order') ui[key] ??= value;
  }
  return {
    ...first,
    formSchema: { type: 'object', properties, required },
    uiSchema: { 'ui:order': order, ...ui },
    situations: firstById(guides.flatMap((g) => g.situations), (s) => s.id),
    materials: firstById(
      guides.flatMap((g) => g.materials.map((m) => ({ ...m, id: m.type }))),
      (m) => m.id,
    ),
    eligibility: guides.flatMap((g) => g.eligibility),
    onSiteSteps: firstById(guides.flatMap((g) => g.onSiteSteps), (s) => s.id),
    fees: guides.flatMap((g) => g.fees),
    delivery: [...new Set(guides.flatMap((g) => g.delivery))],
    timeLimits: {
      promisedDays: Math.max(...guides.map((g) => g.timeLimits.promisedDays)),
      statutoryDays: Math.max(...guides.map((g) => g.timeLimits.statutoryDays)),
    },
  };
}
