// CurveChart.tsx - term structures: zero rate (%) against tenor in years for one or more
// curves (e.g. one curve on two dates), vertices drawn as dots, interpolated points as the
// line. Each curve is { name, points: [{ years, rate_pct, kind? }] }. Loading, empty, error.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipProps } from 'recharts';
import { ErrorState, Loading } from './States';
import { fmtNumber, fmtPct } from '../lib/format';

export interface CurvePoint {
  years: number;
  rate_pct: number;
  label?: string;
  kind?: string;
}
export interface CurveDef {
  name: string;
  points: CurvePoint[];
  color?: string;
  dashed?: boolean;
}

const PALETTE = ['var(--c-series-1)', 'var(--c-series-2)', 'var(--c-series-3)', 'var(--c-series-4)'];

function Tip({ active, payload }: TooltipProps<number, string>) {
  if (!active || !payload?.length) return null;
  const p0 = payload[0]?.payload as CurvePoint | undefined;
  return (
    <div className="chart-tip">
      <div className="t-date">{p0?.label ?? `${fmtNumber(p0?.years, 2)}y`}</div>
      {payload.map((p, i) => (
        <div key={i} style={{ color: p.color }}>
          {p.name}: {fmtPct(p.value as number, 3)}
        </div>
      ))}
    </div>
  );
}

export function CurveChart({ curves, height = 340, loading, error, emptyText = 'No curve on this date' }: {
  curves: CurveDef[];
  height?: number;
  loading?: boolean;
  error?: unknown;
  emptyText?: string;
}) {
  if (loading) return <div style={{ height }}><Loading label="Loading curve" /></div>;
  if (error) return <div style={{ height }}><ErrorState error={error} /></div>;
  const drawn = curves.filter((c) => c.points.length > 0);
  if (drawn.length === 0) return <div className="state empty" data-state="empty" style={{ height }}>{emptyText}</div>;
  return (
    <div className="chart" style={{ height }} data-testid="curve-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--c-grid)" strokeDasharray="2 4" />
          <XAxis type="number" dataKey="years" domain={[0, 'dataMax']} stroke="var(--c-border-strong)" tickFormatter={(v: number) => `${fmtNumber(v, v < 2 ? 1 : 0)}y`} tickMargin={6} />
          <YAxis type="number" dataKey="rate_pct" domain={['auto', 'auto']} stroke="var(--c-border-strong)" width={56} tickFormatter={(v: number) => fmtNumber(v, 2)} />
          <Tooltip content={<Tip />} />
          {drawn.length > 1 && <Legend verticalAlign="top" height={24} />}
          {drawn.map((c, i) => (
            <Line
              key={c.name}
              data={c.points}
              dataKey="rate_pct"
              name={c.name}
              stroke={c.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={1.75}
              strokeDasharray={c.dashed ? '5 3' : undefined}
              dot={{ r: 2.5, strokeWidth: 0, fill: c.color ?? PALETTE[i % PALETTE.length] }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
