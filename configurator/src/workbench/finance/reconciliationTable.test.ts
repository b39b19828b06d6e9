import { describe, expect, it } from 'vitest';
import { dictionary, type MessageKey } from '../../i18n/dictionary';
import { toCsv } from '../supervision/model';
import { problemText, reconciliationTables, type Report } from './reconciliationTable';

const zh = (key: MessageKey, values?: Record<string, string | number>) =>
  dictionary[key][0].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));

const REPORT: Report = {
  __typename: 'PaymentReconciliation',
  day: '2026-12-03',
  onlineTotalCny: 38580,
  windowTotalCny: 80,
  platformTotalCny: 77160,
  tradeCount: 3,
  mismatchCount: 1,
  lines: [
    {
      orderId: 'zr-lost',
      channel: 'online',
      ledgerCny: null,
      platformCny: 38580,
      ledgerState: null,
      platformState: 'SUCCESS',
      problem: 'NOT_RECORDED',
    },
    {
      orderId: 'zr-ok',
      channel: 'online',
      ledgerCny: 38580,
      platformCny: 38580,
      ledgerState: 'paid',
      platformState: 'SUCCESS',
      problem: null,
    },
    {
      orderId: 'zr-till',
      channel: 'window',
      ledgerCny: 80,
      platformCny: null,
      ledgerState: 'paid',
      platformState: null,
      problem: null,
    },
  ],
};

describe('reconciliationTables', () => {
  it('writes the totals, then every trade with its disagreement in words', () => {
    const csv = toCsv(reconciliationTables(REPORT, zh));
    expect(
      csv.startsWith(
        '\uFEFF每日对账 2026-12-03\r\n对账日期,网上缴费（本系统）,窗口收款,支付平台账单,不一致笔数\r\n2026-12-03,38580.00,80.00,77160.00,1\r\n',
      ),
    ).toBe(true);
    expect(csv).toContain('\r\n订单号,渠道,本系统（元）,平台（元）,本系统状态,平台状态,差异\r\n');
    expect(csv).toContain('zr-lost,网上,,38580.00,,SUCCESS,平台已收款，本系统未记录\r\n');
    expect(csv).toContain('zr-till,窗口,80.00,,paid,,一致\r\n');
  });

  it('names each disagreement, and agreement', () => {
    expect(problemText('AMOUNT', zh)).toBe('金额不一致');
    expect(problemText(null, zh)).toBe('一致');
  });
});
