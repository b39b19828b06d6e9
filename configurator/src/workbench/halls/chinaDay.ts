/** The day in China (UTC+8) `days` after the day of `now`, as yyyy-mm-dd. */
export function chinaDay(days = 0, now: Date = new Date()): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
