import { describe, expect, it } from 'vitest';
import { valueAt } from './valueAt';

describe('valueAt', () => {
  const document = { materials: [{ id: 'photo', name: { zh: '照片' } }], 'a/b': 1 };

  it('follows a pointer through objects and arrays', () => {
    expect(valueAt(document, '/materials/0/name/zh')).toBe('照片');
    expect(valueAt(document, '/a~1b')).toBe(1);
    expect(valueAt(document, '')).toBe(document);
  });

  it('finds nothing past a missing key', () => {
    expect(valueAt(document, '/materials/3/name')).toBeUndefined();
    expect(valueAt(document, '/materials/0/name/zh/x')).toBeUndefined();
  });
});
