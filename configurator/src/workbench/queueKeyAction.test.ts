import { describe, expect, it } from 'vitest';
import { queueKeyAction } from './queueKeyAction';

describe('queueKeyAction', () => {
  it('moves down with the down arrow or j and up with the up arrow or k', () => {
    expect(['ArrowDown', 'j', 'ArrowUp', 'k'].map(queueKeyAction)).toEqual(['next', 'next', 'previous', 'previous']);
  });

  it('opens the row on Enter', () => {
    expect(queueKeyAction('Enter')).toBe('open');
  });

  it('leaves every other key to the page (Tab, Space, letters, a capital J)', () => {
    expect(['Tab', ' ', 'a', 'J', 'Escape'].map(queueKeyAction)).toEqual([null, null, null, null, null]);
  });
});
