export type DueLevel = 'none' | 'ok' | 'near' | 'over';

const DAY = 24 * 60 * 60 * 1000;

/** How urgent a follow-up's deadline (YYYY-MM-DD) is on `today` (YYYY-MM-DD): past it, within
 * `nearDays` calendar days of it (the day itself included), or comfortably ahead. */
export function dueLevel(dueOn: string | null, today: string, nearDays = 2): DueLevel {
  if (!dueOn) return 'none';
  const days = Math.round((Date.parse(dueOn) - Date.parse(today)) / DAY);
  if (days < 0) return 'over';
  return days <= nearDays ? 'near' : 'ok';
}

/** Today in the browser's time zone, as the API writes dates. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
