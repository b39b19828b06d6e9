import { describe, expect, it } from 'vitest';
import type { Text } from '../../document/matter';
import { fieldLabel, partyOptions } from './partyOptions';

const zh = (text: Text | undefined) => text?.zh ?? '';
const en = (text: Text | undefined) => text?.en || text?.zh || '';

describe('party and field options', () => {
  it('name a party by its name and id, or its id alone', () => {
    expect(partyOptions([{ id: 'buyer', name: { zh: '买方', en: 'Buyer' } }, { id: 'child' }], zh)).toEqual([
      { value: 'buyer', label: '买方（buyer）' },
      { value: 'child', label: 'child（child）' },
    ]);
  });

  it('name a field by its title in the language shown, the Chinese when there is no English', () => {
    const schema = { title: '买方姓名', 'x-title-en': "Buyer's name" };
    expect(fieldLabel('buyer_name', schema, zh)).toBe('买方姓名（buyer_name）');
    expect(fieldLabel('buyer_name', schema, en)).toBe("Buyer's name（buyer_name）");
    expect(fieldLabel('buyer_name', { title: '买方姓名' }, en)).toBe('买方姓名（buyer_name）');
    expect(fieldLabel('buyer_name', undefined, en)).toBe('buyer_name');
  });
});
