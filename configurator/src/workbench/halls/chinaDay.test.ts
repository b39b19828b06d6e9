import { expect, it } from 'vitest';
import { chinaDay } from './chinaDay';

it('counts from the day in China, which starts eight hours before UTC', () => {
  const lateUtc = new Date('2026-12-31T17:30:00Z'); // 01:30 on 1 January in Beijing
  expect(chinaDay(0, lateUtc)).toBe('2027-01-01');
  expect(chinaDay(59, lateUtc)).toBe('2027-03-01');
  expect(chinaDay(0, new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
});
