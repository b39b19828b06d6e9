import { Card, Spin, Typography } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { describe, type FigureTable } from './model';

/** Read by screen readers, not shown (the chart's figures as a table). */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

interface Props {
  title: string;
  /** The ECharts option to draw. */
  option: Record<string, unknown>;
  /** The figures the chart shows: its text alternative. */
  table: FigureTable;
  height?: number;
}

/** One ECharts chart in a card: ECharts is loaded on first use; the drawing is an image whose
 * label reads every figure, with the figures also in a visually hidden table. */
export function Chart({ title, option, table, height = 280 }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{ setOption: (option: Record<string, unknown>, notMerge: boolean) => void } | null>(null);
  const [ready, setReady] = useState(false);
  // The option's figures and words (its functions aside): the chart is drawn again when they change.
  const drawn = JSON.stringify(option);

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
      const resize = () => instance.resize();
      window.addEventListener('resize', resize);
      chart.current = instance;
      dispose = () => {
        window.removeEventListener('resize', resize);
        instance.dispose();
        chart.current = null;
      };
      setReady(true);
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, true);
  }, [ready, drawn]);

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
    >
      <div role="img" aria-label={describe(title, table)} style={{ position: 'relative' }}>
        {!ready && (
          <Spin aria-label={t('supervisionChartLoading')} style={{ position: 'absolute', inset: 0, margin: 'auto' }} />
        )}
        <div ref={box} aria-hidden="true" style={{ height, width: '100%' }} />
      </div>
      <table style={VISUALLY_HIDDEN}>
        <caption>{t('supervisionChartTable', { title })}</caption>
        <thead>
          <tr>
            {table.headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
