import { Alert, App, Button, Card, DatePicker, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { FinanceReconciliationQuery, FinanceReconciliationQueryVariables } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { download } from '../download';
import { chinaDay } from '../halls/chinaDay';
import { toCsv } from '../supervision/model';
import { FINANCE_RECONCILIATION } from './queries';
import { problemText, reconciliationTables, type Report } from './reconciliationTable';

type Line = Report['lines'][number];

/** The finance office's day (每日对账): the fees our ledger counts paid on a China day against
 * the payment platform's bill, the disagreements first, exported as CSV. */
export function Reconciliation() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const today = dayjs(chinaDay());
  const [day, setDay] = useState<Dayjs>(today);
  const [report, setReport] = useState<Report | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    setReport(undefined);
    setProblem(null);
    request<FinanceReconciliationQuery, FinanceReconciliationQueryVariables>(FINANCE_RECONCILIATION, {
      day: day.format('YYYY-MM-DD'),
    })
      .then(({ paymentReconciliation: answer }) => {
        if (answer.__typename === 'PaymentReconciliation') setReport(answer);
        else {
          setProblem(pick(answer.message));
          setReport(null);
        }
      })
      .catch((e: Error) => {
        message.error(e.message);
        setReport(null);
      });
  }, [day, message, pick]);
  useEffect(load, [load]);

  const exportCsv = () => {
    if (!report) return;
    const text = toCsv(reconciliationTables(report, t));
    download(new Blob([text], { type: 'text/csv;charset=utf-8' }), t('reconFile', { day: report.day }));
  };

  return (
    <div className="page">
      <Typography.Title level={2}>{t('reconTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reconIntro')}</Typography.Paragraph>
      <Space wrap className="gap-below">
        <label htmlFor="recon-day">{t('reconDay')}</label>
        <DatePicker
          id="recon-day"
          value={day}
          allowClear={false}
          disabledDate={(d) => d.isAfter(today, 'day')}
          onChange={(value) => value && setDay(value)}
        />
        <Button onClick={load}>{t('reconLoad')}</Button>
        <Button type="primary" disabled={!report} onClick={exportCsv}>
          {t('reconExport')}
        </Button>
      </Space>
      {problem && <Alert className="gap-below" type="warning" showIcon role="alert" message={problem} />}
      {report && (
        <Card size="small" className="gap-below">
          <Space wrap size="large">
            <Statistic title={t('reconOnline')} value={report.onlineTotalCny} precision={2} />
            <Statistic title={t('reconWindow')} value={report.windowTotalCny} precision={2} />
            <Statistic title={t('reconPlatform')} value={report.platformTotalCny} precision={2} />
            <Statistic
              title={t('reconMismatches')}
              value={report.mismatchCount}
              suffix={` / ${t('reconTrades', { n: report.tradeCount })}`}
              valueStyle={report.mismatchCount ? { color: '#9b1c1c' } : undefined}
            />
          </Space>
        </Card>
      )}
      {report && report.tradeCount > report.lines.length && (
        <Alert className="gap-below" type="info" showIcon message={t('reconTruncated', { n: report.lines.length })} />
      )}
      {report !== null && (
        <Table<Line>
          aria-label={t('reconTable')}
          rowKey="orderId"
          size="small"
          loading={report === undefined}
          dataSource={report?.lines ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('reconEmpty') }}
          columns={[
            { title: t('reconOrder'), render: (_, l) => <Typography.Text code>{l.orderId}</Typography.Text> },
            {
              title: t('reconChannel'),
              width: 90,
              render: (_, l) => t(l.channel === 'window' ? 'reconChannel_window' : 'reconChannel_online'),
            },
            { title: t('reconLedger'), align: 'right', render: (_, l) => l.ledgerCny?.toFixed(2) ?? '—' },
            { title: t('reconPlatformAmount'), align: 'right', render: (_, l) => l.platformCny?.toFixed(2) ?? '—' },
            { title: t('reconLedgerState'), render: (_, l) => l.ledgerState ?? '—' },
            { title: t('reconPlatformState'), render: (_, l) => l.platformState ?? '—' },
            {
              title: t('reconProblem'),
              render: (_, l) => <Tag color={l.problem ? 'red' : 'green'}>{problemText(l.problem, t)}</Tag>,
            },
          ]}
        />
      )}
    </div>
  );
}
