import { describe as group, expect, it } from 'vitest';
import { supervisionTexts } from '../../i18n/supervisionTexts';
import {
  chinaToday,
  dailyChart,
  describe,
  exportName,
  exportTables,
  fillDays,
  groupTable,
  percent,
  periodOf,
  ratingsChart,
  shareChart,
  toCsv,
  type DashboardFigures,
  type SupervisionKey,
} from './model';

const zh = (key: SupervisionKey) => supervisionTexts[key][0];
const en = (key: SupervisionKey) => supervisionTexts[key][1];
const pickZh = (text: { zh: string }) => text.zh;

const HOUSING = { zh: '住建局', en: 'Housing' };
const figures: DashboardFigures = {
  from: '2026-11-04',
  to: '2026-12-03',
  regionCode: '330106',
  received: 12,
  completed: 9,
  onTimeRate: 8 / 9,
  zeroRunShare: 0.75,
  oneRunShare: 0.25,
  overdueCount: 1,
  daily: [
    { day: '2026-12-01', received: 3, completed: 1 },
    { day: '2026-12-03', received: 2, completed: 2 },
  ],
  byMatter: [
    {
      code: '330106-ZJ-009',
      name: { zh: '身份证换领', en: 'ID card renewal' },
      applications: 2,
      completed: 2,
      zeroRunShare: 1,
      oneRunShare: 0,
      onTimeRate: 1,
    },
    {
      code: '330106-FW-001',
      name: { zh: '二手房转移登记, "过户"', en: 'House transfer' },
      applications: 10,
      completed: 7,
      zeroRunShare: 0.7,
      oneRunShare: 0.3,
      onTimeRate: null,
    },
  ],
  byDepartment: [
    {
      code: '330106-ZJJ',
      name: HOUSING,
      applications: 10,
      completed: 7,
      zeroRunShare: 0.7,
      oneRunShare: 0.3,
      onTimeRate: 0.857,
    },
  ],
  ratings: {
    count: 4,
    averageScore: 3.5,
    badCount: 1,
    badShare: 0.25,
    followUpsOpen: 1,
    followUpsClosed: 0,
    followUpsLate: 0,
  },
  overdue: [
    {
      application: 'A-1',
      matter: { zh: '二手房转移登记', en: 'House transfer' },
      department: HOUSING,
      dueOn: '2026-11-30',
      daysOver: 3,
    },
  ],
};

group('periods', () => {
  it('ends the last 30 days today and counts today', () => {
    expect(periodOf('last30', new Date(2026, 11, 3, 15, 0))).toEqual({ from: '2026-11-04', to: '2026-12-03' });
  });
  it('starts a week on Monday and a month on the first', () => {
    // 2026-12-03 is a Thursday; 2026-12-06 a Sunday.
    expect(periodOf('week', new Date(2026, 11, 3))).toEqual({ from: '2026-11-30', to: '2026-12-03' });
    expect(periodOf('week', new Date(2026, 11, 6))).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodOf('week', new Date(2026, 10, 30))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(periodOf('month', new Date(2026, 11, 3))).toEqual({ from: '2026-12-01', to: '2026-12-03' });
  });
});

group('figures', () => {
  it('writes shares as percentages and nothing to divide as a dash', () => {
    expect(percent(0.75)).toBe('75.0%');
    expect(percent(8 / 9)).toBe('88.9%');
    expect(percent(null)).toBe('—');
    expect(percent(0)).toBe('0.0%');
  });
  it('fills the days without work with zeros, within a cap', () => {
    const days = fillDays({ from: '2026-11-30', to: '2026-12-03' }, figures.daily);
    expect(days).toEqual([
      { day: '2026-11-30', received: 0, completed: 0 },
      { day: '2026-12-01', received: 3, completed: 1 },
      { day: '2026-12-02', received: 0, completed: 0 },
      { day: '2026-12-03', received: 2, completed: 2 },
    ]);
    expect(fillDays({ from: '2020-01-01', to: '2026-12-31' }, [], 366)).toHaveLength(366);
  });
});

group('charts', () => {
  it('draws a day on the line for each day of the period', () => {
    const option = dailyChart({ from: '2026-12-01', to: '2026-12-03' }, figures, en);
    expect(option.xAxis.data).toEqual(['12-01', '12-02', '12-03']);
    expect(option.series.map((s) => s.data)).toEqual([
      [3, 0, 2],
      [1, 0, 2],
    ]);
  });
  it('draws the busiest groups first, shares in percent, at most the cap', () => {
    const option = shareChart(figures.byMatter, en, pickZh, 1);
    expect(option.xAxis.data).toEqual(['二手房转移登记, "过户"']);
    expect(option.series.map((s) => s.data)).toEqual([[70], [30]]);
  });
  it('draws no slices when nobody rated, and says so', () => {
    const none = { ...figures, ratings: { ...figures.ratings, count: 0, badCount: 0, badShare: null } };
    expect(ratingsChart(none, en).series[0]?.data).toEqual([]);
    expect(ratingsChart(none, en).title?.text).toBe('No ratings yet');
    expect(ratingsChart(figures, en).series[0]?.data.map((d) => d.value)).toEqual([3, 1]);
  });
  it('reads every figure in the text alternative', () => {
    const table = groupTable(figures.byDepartment, 'supervisionDepartment', en, pickZh);
    expect(describe('By department', table)).toBe(
      'By department; 住建局 Applications 10 Completed 7 Zero-run share % 70 One-run share % 30 On-time rate % 85.7',
    );
  });
});

group('exports', () => {
  it('writes CSV with a byte order mark, Chinese headers, quoted commas and every table', () => {
    const csv = toCsv(exportTables({ from: '2026-12-01', to: '2026-12-03' }, figures, zh, pickZh));
    expect(
      csv.startsWith('\uFEFF总览\r\n指标,数值\r\n受理件数,12\r\n办结件数,9\r\n按时办结率 %,88.9\r\n零跑腿占比 %,75'),
    ).toBe(true);
    expect(csv).toContain(
      '\r\n\r\n每日\r\n日期,受理件数,办结件数\r\n2026-12-01,3,1\r\n2026-12-02,0,0\r\n2026-12-03,2,2\r\n',
    );
    expect(csv).toContain('\r\n"二手房转移登记, ""过户""",10,7,70,30,\r\n');
    expect(csv).toContain('超期\r\n申请,事项,部门,承诺期限,超期天数\r\nA-1,二手房转移登记,住建局,2026-11-30,3\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('names the file by region and period', () => {
    expect(exportName('330106', { from: '2026-11-04', to: '2026-12-03' }, 'xlsx')).toBe(
      '督察看板_330106_2026-11-04_2026-12-03.xlsx',
    );
  });
});

it('takes today in China, not in the browser’s zone: 00:30 in Hangzhou is still yesterday in UTC', () => {
  const today = chinaToday(new Date('2026-12-03T16:30:00Z'));
  expect([today.getFullYear(), today.getMonth() + 1, today.getDate()]).toEqual([2026, 12, 4]);
  expect(chinaToday(new Date('2026-12-03T15:30:00Z')).getDate()).toBe(3);
});
