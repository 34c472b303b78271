// TimeSeriesChart.tsx - one or more series against dates (Recharts), with a brush under the
// plot to zoom into a window, a tooltip in the numeric face and a y-axis formatter. Rows are
// { date: 'YYYY-MM-DD', <key>: number | null }. Loading, empty and error states.
import {
  Brush, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
  type TooltipProps,
} from 'recharts';
import { ErrorState, Loading } from './States';
import { fmtCompact, fmtNumber } from '../lib/format';

export interface SeriesDef {
  key: string;
  name: string;
  color?: string;
  dashed?: boolean;
  step?: boolean;
}

export type TsRow = { date: string } & Record<string, number | string | null>;

const PALETTE = ['var(--c-series-1)', 'var(--c-series-2)', 'var(--c-series-3)', 'var(--c-series-4)', 'var(--c-series-5)'];

function Tip({ active, payload, label, fmt }: TooltipProps<number, string> & { fmt: (v: number) => string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="chart-tip">
      <div className="t-date">{label}</div>
      {payload.map((p) => (
        <div key={String(p.dataKey)} style={{ color: p.color }}>
          {p.name}: {typeof p.value === 'number' ? fmt(p.value) : '—'}
        </div>
      ))}
    </div>
  );
}

export function TimeSeriesChart({
  data, series, height = 320, loading, error, emptyText = 'No observations', yFormat = (v: number) => fmtNumber(v, 2),
  brush = true, label,
}: {
  data: TsRow[] | undefined;
  series: SeriesDef[];
  height?: number;
  loading?: boolean;
  error?: unknown;
  emptyText?: string;
  yFormat?: (v: number) => string;
  brush?: boolean;
  label?: string;
}) {
  if (loading) return <div style={{ height }}><Loading label="Loading chart" /></div>;
  if (error) return <div style={{ height }}><ErrorState error={error} /></div>;
  if (!data || data.length === 0) return <div className="state empty" data-state="empty" style={{ height }}>{emptyText}</div>;
  return (
    <div className="chart" style={{ height }} data-testid="ts-chart" aria-label={label} data-points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--c-grid)" strokeDasharray="2 4" />
          <XAxis dataKey="date" stroke="var(--c-border-strong)" minTickGap={40} tickMargin={6} />
          <YAxis stroke="var(--c-border-strong)" width={64} domain={['auto', 'auto']} tickFormatter={(v: number) => fmtCompact(v)} />
          <Tooltip content={<Tip fmt={yFormat} />} />
          {series.length > 1 && <Legend verticalAlign="top" height={24} />}
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type={s.step ? 'stepAfter' : 'linear'}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          {brush && data.length > 20 && (
            <Brush dataKey="date" height={22} stroke="var(--c-accent-dim)" fill="var(--c-panel-2)" travellerWidth={8} tickFormatter={() => ''} />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
