import { describe, expect, it } from 'vitest';
import { endOfDay } from './endOfDay';

describe('endOfDay', () => {
  it('is the last second of the day in China Standard Time', () => {
    expect(endOfDay('2027-06-30')).toBe('2027-06-30T23:59:59+08:00');
  });

  it('is null for what is not a day', () => {
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('2027-13-45')).toBeNull();
    expect(endOfDay('30/06/2027')).toBeNull();
  });
});
