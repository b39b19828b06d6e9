/** What a key pressed on a queue's row does: ↓ or j to the next row, ↑ or k to the previous
 * one, Enter opens it; null for any other key. */
export function queueKeyAction(key: string): 'next' | 'previous' | 'open' | null {
  if (key === 'ArrowDown' || key === 'j') return 'next';
  if (key === 'ArrowUp' || key === 'k') return 'previous';
  return key === 'Enter' ? 'open' : null;
}
