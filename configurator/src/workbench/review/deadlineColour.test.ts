import { describe, expect, it } from 'vitest';
import { deadlineColour } from './deadlineColour';

describe('deadlineColour', () => {
  it('is red when overdue, amber within two working days, green beyond', () => {
    expect(deadlineColour(-1)).toBe('over');
    expect(deadlineColour(0)).toBe('near');
    expect(deadlineColour(2)).toBe('near');
    expect(deadlineColour(3)).toBe('ok');
  });

  it('has no colour without a deadline', () => {
    expect(deadlineColour(null)).toBe('none');
  });
});
