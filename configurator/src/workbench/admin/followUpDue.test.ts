import { describe, expect, it } from 'vitest';
import { dueLevel, today } from './followUpDue';

describe('dueLevel', () => {
  it('tells an overdue, a near and a comfortable deadline apart', () => {
    expect(dueLevel(null, '2026-12-03')).toBe('none');
    expect(dueLevel('2026-12-02', '2026-12-03')).toBe('over');
    expect(dueLevel('2026-12-03', '2026-12-03')).toBe('near');
    expect(dueLevel('2026-12-05', '2026-12-03')).toBe('near');
    expect(dueLevel('2026-12-06', '2026-12-03')).toBe('ok');
  });
  it('writes today as the API writes dates', () => {
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
