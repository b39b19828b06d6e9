import { expect, it } from 'vitest';
import type { Guide } from './definition';
import { neededSources } from './neededSources';

const way = (kind: string, source: string | null = null) => ({
  kind,
  source,
  licenseType: null,
  accept: null,
  maxBytes: null,
  commitmentText: null,
  note: null,
});
const material = (id: string, ways: ReturnType<typeof way>[]) => ({
  id,
  type: id,
  requiredWhen: null,
  name: { zh: id, en: id },
  description: { zh: '', en: '' },
  why: { zh: '', en: '' },
  sample: null,
  legalBasis: null,
  ways,
});

it('asks only for the data sets that the materials required now can use', () => {
  const guide = {
    materials: [
      material('portrait_photo', [way('shared_data', 'population'), way('upload')]),
      material('guardianship_proof', [way('e_license'), way('shared_data', 'birth_medical'), way('upload')]),
    ],
  } as unknown as Guide;
  const checklist = [
    { id: 'portrait_photo', status: 'TO_UPLOAD' },
    { id: 'guardianship_proof', status: 'NOT_REQUIRED' },
  ];

  expect([...neededSources(guide, checklist)]).toEqual(['population']);
});
