/** The dashboard's figures and the pure work on them: periods, shares, chart options, exports. */

import { chinaDay } from '../halls/chinaDay';

export interface Named {
  zh: string;
  en: string;
}

/** An input the server refused, by its path (/to, /region). */
export interface FieldProblem {
  path: string;
  code: string;
  message: Named;
}

export interface DayFigures {
  day: string;
  received: number;
  completed: number;
}

export interface GroupFigures {
  code: string;
  name: Named;
  applications: number;
  completed: number;
  zeroRunShare: number | null;
  oneRunShare: number | null;
  onTimeRate: number | null;
}

export interface OverdueRow {
  application: string;
  matter: Named;
  department: Named;
  dueOn: string;
  daysOver: number;
}

export interface RatingFigures {
  count: number;
  averageScore: number | null;
  badCount: number;
  badShare: number | null;
  followUpsOpen: number;
  followUpsClosed: number;
  followUpsLate: number;
}

/** What the dashboard shows for one period and region. */
export interface DashboardFigures {
  from: string;
  to: string;
  regionCode: string;
  received: number;
  completed: number;
  onTimeRate: number | null;
  zeroRunShare: number | null;
  oneRunShare: number | null;
  overdueCount: number;
  daily: DayFigures[];
  byMatter: GroupFigures[];
  byDepartment: GroupFigures[];
  ratings: RatingFigures;
  overdue: OverdueRow[];
}

export type PeriodKind = 'last30' | 'week' | 'month' | 'custom';

export interface Period {
  from: string;
  to: string;
}

/** A calendar day as YYYY-MM-DD (local time, as the supervisor's calendar reads). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today in China (UTC+8), whatever the browser's zone: the server counts days in China time. */
export function chinaToday(now: Date = new Date()): Date {
  const [y = 1970, m = 1, d = 1] = chinaDay(0, now).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The period a choice means on `today`: the last 30 days end today; a week starts on Monday. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, today: Date): Period {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const to = isoDay(day);
  if (kind === 'month') return { from: isoDay(new Date(day.getFullYear(), day.getMonth(), 1)), to };
  if (kind === 'week') {
    const sinceMonday = (day.getDay() + 6) % 7;
    return { from: isoDay(new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday)), to };
  }
  return { from: isoDay(new Date(day.getFullYear(), day.getMonth(), day.getDate() - 29)), to };
}

/** A share (0..1) as a percentage with one decimal; null (nothing to divide) as a dash. */
export function percent(share: number | null | undefined, dash = '—'): string {
  if (share === null || share === undefined || Number.isNaN(share)) return dash;
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** Every day of the period, days without work as zeros (the line has no gaps). */
export function fillDays(period: Period, daily: DayFigures[], cap = 366): DayFigures[] {
  const known = new Map(daily.map((d) => [d.day, d]));
  const [y = 1970, m = 1, d = 1] = period.from.split('-').map(Number);
  const days: DayFigures[] = [];
  for (let i = 0; i < cap; i += 1) {
    const day = isoDay(new Date(y, m - 1, d + i));
    if (day > period.to) break;
    days.push(known.get(day) ?? { day, received: 0, completed: 0 });
  }
  return days;
}

type Pick = (text: Named) => string;
type Say = (key: SupervisionKey) => string;

/** The text keys the pure parts need (the screen passes its `t`). */
export type SupervisionKey =
  | 'supervisionReceived'
  | 'supervisionCompleted'
  | 'supervisionOnTimeRate'
  | 'supervisionZeroRunShare'
  | 'supervisionOneRunShare'
  | 'supervisionBadShare'
  | 'supervisionOverdueCount'
  | 'supervisionDay'
  | 'supervisionMatter'
  | 'supervisionDepartment'
  | 'supervisionApplications'
  | 'supervisionRatingCount'
  | 'supervisionAverageScore'
  | 'supervisionBadCount'
  | 'supervisionGood'
  | 'supervisionNoRatings'
  | 'supervisionBad'
  | 'supervisionFollowUpsOpen'
  | 'supervisionFollowUpsClosed'
  | 'supervisionFollowUpsLate'
  | 'supervisionApplication'
  | 'supervisionDueOn'
  | 'supervisionDaysOver'
  | 'supervisionFigure'
  | 'supervisionValue'
  | 'supervisionSheetSummary'
  | 'supervisionSheetDaily'
  | 'supervisionSheetMatters'
  | 'supervisionSheetDepartments'
  | 'supervisionSheetOverdue';

/** One table of figures: what a chart shows (its text alternative) and what an export writes. */
export interface FigureTable {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

const rounded = (share: number | null) => (share === null ? '' : Math.round(share * 1000) / 10);

export function summaryTable(f: DashboardFigures, say: Say): FigureTable {
  return {
    name: say('supervisionSheetSummary'),
    headers: [say('supervisionFigure'), say('supervisionValue')],
    rows: [
      [say('supervisionReceived'), f.received],
      [say('supervisionCompleted'), f.completed],
      [`${say('supervisionOnTimeRate')} %`, rounded(f.onTimeRate)],
      [`${say('supervisionZeroRunShare')} %`, rounded(f.zeroRunShare)],
      [`${say('supervisionOneRunShare')} %`, rounded(f.oneRunShare)],
      [`${say('supervisionBadShare')} %`, rounded(f.ratings.badShare)],
      [say('supervisionOverdueCount'), f.overdueCount],
      [say('supervisionRatingCount'), f.ratings.count],
      [say('supervisionAverageScore'), f.ratings.averageScore ?? ''],
      [say('supervisionBadCount'), f.ratings.badCount],
      [say('supervisionFollowUpsOpen'), f.ratings.followUpsOpen],
      [say('supervisionFollowUpsClosed'), f.ratings.followUpsClosed],
      [say('supervisionFollowUpsLate'), f.ratings.followUpsLate],
    ],
  };
}

export function dailyTable(period: Period, f: DashboardFigures, say: Say): FigureTable {
  return {
    name: say('supervisionSheetDaily'),
    headers: [say('supervisionDay'), say('supervisionReceived'), say('supervisionCompleted')],
    rows: fillDays(period, f.daily).map((d) => [d.day, d.received, d.completed]),
  };
}

export function groupTable(
  groups: GroupFigures[],
  by: 'supervisionMatter' | 'supervisionDepartment',
  say: Say,
  pick: Pick,
): FigureTable {
  return {
    name: say(by === 'supervisionMatter' ? 'supervisionSheetMatters' : 'supervisionSheetDepartments'),
    headers: [
      say(by),
      say('supervisionApplications'),
      say('supervisionCompleted'),
      `${say('supervisionZeroRunShare')} %`,
      `${say('supervisionOneRunShare')} %`,
      `${say('supervisionOnTimeRate')} %`,
    ],
    rows: groups.map((g) => [
      pick(g.name) || g.code,
      g.applications,
      g.completed,
      rounded(g.zeroRunShare),
      rounded(g.oneRunShare),
      rounded(g.onTimeRate),
    ]),
  };
}

export function overdueTable(f: DashboardFigures, say: Say, pick: Pick): FigureTable {
  return {
    name: say('supervisionSheetOverdue'),
    headers: [
      say('supervisionApplication'),
      say('supervisionMatter'),
      say('supervisionDepartment'),
      say('supervisionDueOn'),
      say('supervisionDaysOver'),
    ],
    rows: f.overdue.map((o) => [o.application, pick(o.matter), pick(o.department), o.dueOn, o.daysOver]),
  };
}

/** Every table the dashboard exports, in order. */
export function exportTables(period: Period, f: DashboardFigures, say: Say, pick: Pick): FigureTable[] {
  return [
    summaryTable(f, say),
    dailyTable(period, f, say),
    groupTable(f.byMatter, 'supervisionMatter', say, pick),
    groupTable(f.byDepartment, 'supervisionDepartment', say, pick),
    overdueTable(f, say, pick),
  ];
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The tables as one CSV text: a UTF-8 byte order mark (so Excel reads the Chinese), each table
 * under its name, a blank line between tables, CRLF line ends. */
export function toCsv(tables: FigureTable[]): string {
  const lines: string[] = [];
  tables.forEach((table, index) => {
    if (index > 0) lines.push('');
    lines.push(csvCell(table.name));
    lines.push(table.headers.map(csvCell).join(','));
    for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The file name of an export: 督察看板_<region>_<from>_<to>.<ext>. */
export function exportName(regionCode: string, period: Period, ext: 'csv' | 'xlsx'): string {
  return `督察看板_${regionCode}_${period.from}_${period.to}.${ext}`;
}

/** The line chart of received and completed per day. */
export function dailyChart(period: Period, f: DashboardFigures, say: Say) {
  const days = fillDays(period, f.daily);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [say('supervisionReceived'), say('supervisionCompleted')] },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: say('supervisionReceived'), type: 'line', data: days.map((d) => d.received), color: '#1559b7' },
      { name: say('supervisionCompleted'), type: 'line', data: days.map((d) => d.completed), color: '#237804' },
    ],
  };
}

/** A bar chart of zero-run and one-run shares (percent) by matter or by department; at most
 * `cap` groups, the most applications first. */
export function shareChart(groups: GroupFigures[], say: Say, pick: Pick, cap = 20) {
  const shown = [...groups].sort((a, b) => b.applications - a.applications).slice(0, cap);
  const share = (s: number | null) => (s === null ? 0 : Math.round(s * 1000) / 10);
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0, data: [say('supervisionZeroRunShare'), say('supervisionOneRunShare')] },
    grid: { left: 48, right: 24, top: 40, bottom: 64 },
    xAxis: {
      type: 'category',
      data: shown.map((g) => pick(g.name) || g.code),
      axisLabel: { interval: 0, rotate: shown.length > 4 ? 30 : 0, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: say('supervisionZeroRunShare'),
        type: 'bar',
        data: shown.map((g) => share(g.zeroRunShare)),
        color: '#1559b7',
      },
      {
        name: say('supervisionOneRunShare'),
        type: 'bar',
        data: shown.map((g) => share(g.oneRunShare)),
        color: '#d46b08',
      },
    ],
  };
}

/** A doughnut of bad and other ratings (empty, saying so, when nobody rated). */
export function ratingsChart(f: DashboardFigures, say: Say) {
  return {
    animation: false,
    title: f.ratings.count === 0 ? { text: say('supervisionNoRatings'), left: 'center', top: 'middle' } : undefined,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        stillShowZeroSum: false,
        radius: ['40%', '70%'],
        data:
          f.ratings.count === 0
            ? []
            : [
                {
                  name: say('supervisionGood'),
                  value: f.ratings.count - f.ratings.badCount,
                  itemStyle: { color: '#237804' },
                },
                { name: say('supervisionBad'), value: f.ratings.badCount, itemStyle: { color: '#cf1322' } },
              ],
      },
    ],
  };
}

/** A chart's text alternative: its title and every figure, in one sentence per row. */
export function describe(title: string, table: FigureTable, cap = 40): string {
  const rows = table.rows
    .slice(0, cap)
    .map((row) => row.map((cell, i) => (i === 0 ? String(cell) : `${table.headers[i]} ${cell}`)).join(' '));
  return [title, ...rows].join('; ');
}
