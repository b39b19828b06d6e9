import type { Guide } from './definition';

/**
 * The data sets worth asking consent for now: those a way of a material required in this
 * situation reads (its shared-data source, or the e-license library). The API lists every data
 * set the matter may read, so a citizen applying for herself would otherwise be asked about her
 * child's birth certificate.
 */
export function neededSources(guide: Guide, checklist: { id: string; status: string }[]): Set<string> {
  const required = new Set(checklist.filter((item) => item.status !== 'NOT_REQUIRED').map((item) => item.id));
  const sources = new Set<string>();
  for (const material of guide.materials.filter((m) => required.has(m.id)))
    for (const way of material.ways) {
      if (way.kind === 'shared_data' && way.source) sources.add(way.source);
      if (way.kind === 'e_license') sources.add('e_license');
    }
  return sources;
}
