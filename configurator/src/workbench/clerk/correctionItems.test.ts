import { describe, expect, it } from 'vitest';
import { correctionItems } from './correctionItems';

describe('correctionItems', () => {
  it('lists answers before materials, each reason trimmed', () => {
    const draft = correctionItems([
      { path: '/materials/photo', reason: ' 照片模糊 ' },
      { path: '/answers/mobile', reason: '号码无法接通' },
    ]);

    expect(draft).toEqual({
      items: [
        { path: '/answers/mobile', reason: '号码无法接通' },
        { path: '/materials/photo', reason: '照片模糊' },
      ],
      missingReasons: [],
    });
  });

  it('names each ticked item still without a reason', () => {
    const draft = correctionItems([
      { path: '/answers/mobile', reason: '  ' },
      { path: '/answers/address', reason: '地址不全' },
    ]);

    expect(draft.missingReasons).toEqual(['/answers/mobile']);
    expect(draft.items).toEqual([{ path: '/answers/address', reason: '地址不全' }]);
  });
});
