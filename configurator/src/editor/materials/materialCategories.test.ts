import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATERIAL_CATEGORIES, categoryOptions } from './materialCategories';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.json') ? [path] : [];
  });

describe('the material category picker', () => {
  it('names every category the catalog uses', () => {
    const used = new Set(
      files('../form_schemas/matters').flatMap((path) =>
        ((JSON.parse(readFileSync(path, 'utf8')) as { materials?: { type?: string }[] }).materials ?? []).flatMap(
          (m) => (m.type ? [m.type] : []),
        ),
      ),
    );
    expect([...used].filter((type) => !(type in MATERIAL_CATEGORIES))).toEqual([]);
  });

  it('offers a new category only as a dotted code', () => {
    const zh = (t: { zh: string }) => t.zh;
    const values = (current: string | undefined, typed: string) =>
      categoryOptions(current, typed, zh).map((o) => o.value);
    expect(categoryOptions(undefined, '', zh)[0]).toEqual({
      value: 'identity.resident_id_card',
      label: '居民身份证 · identity.resident_id_card',
    });
    expect(values('other.pet_photo', 'pet.vaccination').slice(-2)).toEqual(['other.pet_photo', 'pet.vaccination']);
    expect(values(undefined, '疫苗')).toHaveLength(Object.keys(MATERIAL_CATEGORIES).length);
  });
});
