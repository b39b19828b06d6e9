import { useRef, type KeyboardEvent } from 'react';
import { queueKeyAction } from './queueKeyAction';

/** A body row of an antd table (antd marks each with its key). */
const isRow = (el: Element | null | undefined): el is HTMLElement =>
  el instanceof HTMLElement && el.hasAttribute('data-row-key');

/** One keyboard for every queue (the clerk's, the reviewer's): put `table` on the table's
 * wrapper and `rowProps(id)` into each row; a row then takes focus, ↓/j and ↑/k move to the
 * next or previous row and Enter opens it. `first()` focuses the first row (↓ from a search box). */
export function useQueueKeys(onOpen: (id: string) => void) {
  const table = useRef<HTMLDivElement>(null);
  const rowProps = (id: string) => ({
    tabIndex: 0,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const action = queueKeyAction(e.key);
      if (action === 'open') onOpen(id);
      const row = e.currentTarget;
      const to = action === 'next' ? row.nextElementSibling : action === 'previous' ? row.previousElementSibling : null;
      if (isRow(to)) {
        e.preventDefault();
        to.focus();
      }
    },
  });
  const first = () => {
    const row = table.current?.querySelector('tr[data-row-key]');
    if (isRow(row)) row.focus();
  };
  return { table, rowProps, first };
}
