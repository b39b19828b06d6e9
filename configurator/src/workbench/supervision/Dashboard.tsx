import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Segmented,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/dictionary';
import { supervisionTexts } from '../../i18n/supervisionTexts';
import { download } from '../download';
import { Chart } from './Chart';
import { loadDashboard } from './load';
import {
  chinaToday,
  dailyChart,
  dailyTable,
  exportName,
  exportTables,
  groupTable,
  percent,
  periodOf,
  ratingsChart,
  shareChart,
  toCsv,
  type DashboardFigures,
  type FieldProblem,
  type Named,
  type OverdueRow,
  type Period,
  type PeriodKind,
  type SupervisionKey,
} from './model';

/** The supervisor's dashboard (督察看板): a period's and region's figures, charts and overdue work,
 * exported as CSV or Excel. */
export function Dashboard() {
  const { t, pick } = useI18n();
  const [kind, setKind] = useState<PeriodKind>('last30');
  const [custom, setCustom] = useState<[Dayjs, Dayjs]>(() => {
    const p = periodOf('last30', chinaToday());
    return [dayjs(p.from), dayjs(p.to)];
  });
  const [region, setRegion] = useState('');
  const [shown, setShown] = useState<{ period: Period; figures: DashboardFigures } | null>(null);
  const [refused, setRefused] = useState<{ message: Named; errors: FieldProblem[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const period = useMemo<Period>(
    () =>
      kind === 'custom'
        ? { from: custom[0].format('YYYY-MM-DD'), to: custom[1].format('YYYY-MM-DD') }
        : periodOf(kind, chinaToday()),
    [kind, custom],
  );

  // Only the latest request's answer is shown (an earlier one may arrive after it).
  const latest = useRef(0);
  const show = useCallback(async (wanted: Period, regionCode: string) => {
    const request = ++latest.current;
    setLoading(true);
    setRefused(null);
    setFailed(null);
    try {
      const result = await loadDashboard(wanted, regionCode.trim() || null);
      if (request !== latest.current) return;
      if ('figures' in result) setShown({ period: wanted, figures: result.figures });
      else setRefused(result);
    } catch (e) {
      if (request === latest.current) setFailed(e instanceof Error ? e.message : String(e));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  /** A named period shows at once; a custom one when its dates are chosen and 查询 pressed. */
  const choose = (next: PeriodKind) => {
    setKind(next);
    if (next !== 'custom') void show(periodOf(next, chinaToday()), region);
  };

  useEffect(() => {
    void show(periodOf('last30', chinaToday()), '');
  }, [show]);

  // Exports always carry Chinese headers (the files go to colleagues and archives).
  const zh = (key: SupervisionKey) => dictionaryZh(key);
  const zhPick = (text: { zh: string }) => text.zh;

  const exportCsv = () => {
    if (!shown) return;
    const text = toCsv(exportTables(shown.period, shown.figures, zh, zhPick));
    download(
      new Blob([text], { type: 'text/csv;charset=utf-8' }),
      exportName(shown.figures.regionCode, shown.period, 'csv'),
    );
  };
  const exportXlsx = async () => {
    if (!shown) return;
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const tables = exportTables(shown.period, shown.figures, zh, zhPick);
    const blob = await writeXlsxFile(
      tables.map((table) => ({
        sheet: table.name,
        data: [table.headers.map((value) => ({ value, fontWeight: 'bold' as const })), ...table.rows],
      })),
    ).toBlob();
    download(blob, exportName(shown.figures.regionCode, shown.period, 'xlsx'));
  };

  const say = (key: SupervisionKey) => t(key);
  const fieldProblem = (path: string) => {
    const found = refused?.errors.find((e) => e.path === path);
    return found ? pick(found.message) : undefined;
  };
  const f = shown?.figures;

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-head">
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('supervisionTitle')}
        </Typography.Title>
        <Space wrap>
          <Button onClick={exportCsv} disabled={!shown}>
            {t('supervisionExportCsv')}
          </Button>
          <Button onClick={() => void exportXlsx()} disabled={!shown}>
            {t('supervisionExportXlsx')}
          </Button>
        </Space>
      </div>
      <Card size="small">
        <Form layout="inline" onFinish={() => void show(period, region)} style={{ rowGap: 12 }}>
          <Form.Item label={t('supervisionPeriod')}>
            <Segmented<PeriodKind>
              aria-label={t('supervisionPeriod')}
              value={kind}
              onChange={choose}
              options={[
                { value: 'last30', label: t('supervisionLast30') },
                { value: 'week', label: t('supervisionThisWeek') },
                { value: 'month', label: t('supervisionThisMonth') },
                { value: 'custom', label: t('supervisionCustom') },
              ]}
            />
          </Form.Item>
          {kind === 'custom' && (
            <>
              <Form.Item label={t('supervisionRangeStart')} htmlFor="supervision-from">
                <DatePicker
                  id="supervision-from"
                  allowClear={false}
                  value={custom[0]}
                  maxDate={custom[1]}
                  onChange={(day) => day && setCustom([day, custom[1]])}
                />
              </Form.Item>
              <Form.Item label={t('supervisionRangeEnd')} htmlFor="supervision-to">
                <DatePicker
                  id="supervision-to"
                  allowClear={false}
                  value={custom[1]}
                  minDate={custom[0]}
                  maxDate={custom[0].add(365, 'day')}
                  onChange={(day) => day && setCustom([custom[0], day])}
                />
              </Form.Item>
            </>
          )}
          <Form.Item
            label={t('supervisionRegion')}
            htmlFor="supervision-region"
            validateStatus={fieldProblem('/region') ? 'error' : undefined}
            help={fieldProblem('/region') && <span style={{ color: '#cf1322' }}>{fieldProblem('/region')}</span>}
          >
            <Input
              id="supervision-region"
              value={region}
              maxLength={12}
              placeholder={t('supervisionRegionHelp')}
              style={{ width: 240 }}
              onChange={(e) => setRegion(e.target.value)}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t('supervisionRefresh')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {refused && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('supervisionRefused', { message: pick(refused.message) })}
          description={refused.errors.map((e) => `${e.path}: ${pick(e.message)}`).join('; ') || undefined}
        />
      )}
      {failed && <Alert type="error" showIcon role="alert" message={t('supervisionLoadFailed', { message: failed })} />}
      {!f && loading && <Spin size="large" className="centered" />}
      {shown && f && (
        <>
          <Typography.Text>
            {t('supervisionShowing', { from: shown.period.from, to: shown.period.to, region: f.regionCode })}
          </Typography.Text>
          <Figures figures={f} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Chart
                title={t('supervisionDailyChart')}
                option={dailyChart(shown.period, f, say)}
                table={dailyTable(shown.period, f, say)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <Chart
                title={t('supervisionRatingsChart')}
                option={ratingsChart(f, say)}
                table={{
                  name: t('supervisionRatingsChart'),
                  headers: [t('supervisionRatingsChart'), t('supervisionRatingCount')],
                  rows: [
                    [t('supervisionGood'), f.ratings.count - f.ratings.badCount],
                    [t('supervisionBad'), f.ratings.badCount],
                  ],
                }}
              />
            </Col>
            <Col xs={24} xl={12}>
              <Chart
                title={t('supervisionByMatterChart')}
                option={shareChart(f.byMatter, say, pick)}
                table={groupTable(f.byMatter, 'supervisionMatter', say, pick)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <Chart
                title={t('supervisionByDepartmentChart')}
                option={shareChart(f.byDepartment, say, pick)}
                table={groupTable(f.byDepartment, 'supervisionDepartment', say, pick)}
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Overdue rows={f.overdue} />
            </Col>
            <Col xs={24} xl={8}>
              <FollowUpSummary figures={f} />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

function dictionaryZh(key: SupervisionKey): string {
  return supervisionTexts[key][0];
}

/** The period's figures in cards: one number each, large. */
function Figures({ figures: f }: { figures: DashboardFigures }) {
  const { t } = useI18n();
  const cards: [MessageKey, string | number][] = [
    ['supervisionReceived', f.received],
    ['supervisionCompleted', f.completed],
    ['supervisionOnTimeRate', percent(f.onTimeRate)],
    ['supervisionZeroRunShare', percent(f.zeroRunShare)],
    ['supervisionOneRunShare', percent(f.oneRunShare)],
    ['supervisionBadShare', percent(f.ratings.badShare)],
    ['supervisionOverdueCount', f.overdueCount],
  ];
  return (
    <Row gutter={[12, 12]} role="list" aria-label={t('supervisionTitle')}>
      {cards.map(([key, value]) => (
        <Col key={key} flex="1 1 150px" role="listitem">
          <Card size="small">
            <Statistic title={t(key)} value={value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Work past its promised deadline: one row per application, opened for its department and due. */
function Overdue({ rows }: { rows: OverdueRow[] }) {
  const { t, pick } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('supervisionOverdueTable')}
        </Typography.Title>
      }
    >
      <Table<OverdueRow>
        size="small"
        rowKey={(row) => `${row.application}-${pick(row.department)}`}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Typography.Text>{t('supervisionOverdueEmpty')}</Typography.Text> }}
        expandable={{
          expandedRowRender: (row) => (
            <Typography.Text>
              {t('supervisionOverdueDetail', {
                application: row.application,
                department: pick(row.department),
                due: row.dueOn,
                days: row.daysOver,
              })}
            </Typography.Text>
          ),
        }}
        columns={[
          // the application number's first eight characters, as the queues show it; the row opens in full
          { title: t('supervisionApplication'), render: (_, row) => row.application.slice(0, 8) },
          { title: t('supervisionMatter'), render: (_, row) => pick(row.matter) },
          { title: t('supervisionDepartment'), render: (_, row) => pick(row.department) },
          {
            title: t('supervisionDueOn'),
            dataIndex: 'dueOn',
            render: (due: string) => <span style={{ whiteSpace: 'nowrap' }}>{due}</span>,
          },
          { title: t('supervisionDaysOver'), dataIndex: 'daysOver', align: 'right', width: 96 },
        ]}
      />
    </Card>
  );
}

/** Ratings and the follow-ups of bad ones (差评回访), in numbers. */
function FollowUpSummary({ figures: f }: { figures: DashboardFigures }) {
  const { t } = useI18n();
  const items: [MessageKey, string | number][] = [
    ['supervisionRatingCount', f.ratings.count],
    ['supervisionAverageScore', f.ratings.averageScore === null ? '—' : f.ratings.averageScore.toFixed(2)],
    ['supervisionBadCount', f.ratings.badCount],
    ['supervisionFollowUpsOpen', f.ratings.followUpsOpen],
    ['supervisionFollowUpsClosed', f.ratings.followUpsClosed],
    ['supervisionFollowUpsLate', f.ratings.followUpsLate],
  ];
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('supervisionFollowUps')}
        </Typography.Title>
      }
    >
      <Row gutter={[12, 12]}>
        {items.map(([key, value]) => (
          <Col key={key} span={12}>
            <Statistic title={t(key)} value={value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
