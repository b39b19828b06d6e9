import { describe, expect, it } from 'vitest';
import { deadlineLevel, todayIso } from './deadlineLevel';

describe('deadlineLevel', () => {
  it('marks a deadline passed as over, the next two days as near, later ones as ok', () => {
    expect(deadlineLevel('2026-12-02', '2026-12-03')).toBe('over');
    expect(deadlineLevel('2026-12-03', '2026-12-03')).toBe('near');
    expect(deadlineLevel('2026-12-05', '2026-12-03')).toBe('near');
    expect(deadlineLevel('2026-12-06', '2026-12-03')).toBe('ok');
  });

  it('says nothing of an application without a deadline', () => {
    expect(deadlineLevel(null, '2026-12-03')).toBe('none');
  });

  it('writes today as the API writes dates', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
