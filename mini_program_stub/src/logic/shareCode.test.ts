import { describe, expect, it } from 'vitest';
import { shareCode } from './shareCode';

describe('shareCode', () => {
  it('reads the code from the link a party was sent', () => {
    expect(shareCode('https://zerorun.example.gov.cn/m/#/join/K7PX3MWQ')).toBe('K7PX3MWQ');
  });

  it('forgives spaces, dashes and lower case typed on a phone', () => {
    expect(shareCode(' k7px-3mwq ')).toBe('K7PX3MWQ');
  });

  it('finds no code in a wrong length or other characters', () => {
    expect(shareCode('K7PX3MW')).toBeNull();
    expect(shareCode('K7PX3MW!')).toBeNull();
    expect(shareCode('')).toBeNull();
  });
});
