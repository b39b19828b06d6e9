/** The last second of a day (YYYY-MM-DD, as a date input gives it) in China Standard Time, as an ISO moment. */
export function endOfDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null;
  return `${date}T23:59:59+08:00`;
}
