// CurvesPage.tsx - the stored term structures (whatever GET /api/v1/curves lists: DI pre,
// NTN-B real, breakevens, UST ...): one curve on a date against a second date (zero rates by
// tenor, vertices as dots), the standard tenors of both dates with the change in bp, and the
// history of one tenor (GET .../history, business days for bus/252 curves, calendar days
// otherwise). The dates offered are the curve's stored dates.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import type { Curve, StandardTenor } from '../lib/api';
import { useCurve, useCurveHistory, useCurves } from '../lib/queries';
import { fmtPct, fmtRateChangeBp, fmtNumber, fmtInt } from '../lib/format';
import { CurveChart, type CurveDef } from '../components/CurveChart';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import { DataTable } from '../components/DataTable';
import { MetricCard } from '../components/MetricCard';
import { SignalBadge } from '../components/SignalBadge';
import { ErrorState, Loading } from '../components/States';
import { useMarkSimulated } from '../lib/simulated';

// The curve codes mf curve build stores (src/cli/cmd_curve_*.c); others show their code.
const NAMES: Record<string, string> = {
  DI_PRE: 'DI pre (BRL nominal zero, bus/252)',
  BRL_REAL: 'NTN-B real (IPCA-linked zero, bus/252)',
  BRL_BREAKEVEN: 'BRL breakeven inflation (NTN-B vs DI pre)',
  BRL_CUPOM: 'Cupom cambial (USD in Brazil)',
  UST_ZERO: 'US Treasury nominal zero',
  UST_TIPS_REAL: 'US TIPS real zero',
  UST_BREAKEVEN: 'US breakeven inflation (Treasury vs TIPS)',
};

function isBusiness(c: Curve | undefined): boolean {
  return (c?.day_count ?? '').toLowerCase().includes('252');
}

function years(c: Curve, bd?: number, cd?: number): number {
  if (isBusiness(c) && bd !== undefined) return bd / 252;
  return (cd ?? 0) / 365;
}

function toDef(c: Curve | undefined, name: string, dashed = false, color?: string): CurveDef {
  if (!c) return { name, points: [] };
  return {
    name,
    dashed,
    color,
    points: c.nodes.map((n) => ({
      years: years(c, n.tenor_bd, n.tenor_cd),
      rate_pct: n.zero_rate_pct,
      label: `${n.maturity ?? ''} · ${isBusiness(c) ? `${n.tenor_bd} du` : `${n.tenor_cd} d`}`,
    })),
  };
}

interface TenorRow {
  tenor: string;
  a: StandardTenor;
  b: StandardTenor | undefined;
}
const tcol = createColumnHelper<TenorRow>();

export default function CurvesPage() {
  const [params, setParams] = useSearchParams();
  const list = useCurves();
  const items = list.data?.items ?? [];
  const code = params.get('curve') ?? items[0]?.code ?? null;
  const summary = items.find((c) => c.code === code);
  const [tenorKey, setTenorKey] = useState<string>('1Y');

  const dateA = params.get('date') ?? summary?.last_date ?? null;
  const a = useCurve(code, dateA);

  // Every stored date of the curve, from the history of its 1M tenor (in the curve's days).
  const dateProbe = useCurveHistory(code, a.data ? (isBusiness(a.data) ? { tenor_bd: 21 } : { tenor_days: 30 }) : null);
  const dates = useMemo(() => (dateProbe.data?.history ?? []).map((h) => h.date), [dateProbe.data]);
  const defaultB = dates.length ? dates[Math.max(0, dates.length - 22)] ?? null : dateProbe.isPending ? null : summary?.first_date ?? null;
  const dateB = params.get('compare') ?? defaultB;

  const b = useCurve(code, dateB && dateB !== dateA ? dateB : null);

  // The curve documents carry no `simulated` flag (yet): a curve built from the simulated
  // market has a source starting 'SIM.' (mf curve build di1 --ticker-prefix SIM.).
  useMarkSimulated(!!a.data && /^SIM\./i.test(a.data.source));
  const std = a.data?.standard_tenors ?? [];
  const tenor = std.find((t) => t.tenor === tenorKey) ?? std.find((t) => t.tenor === '1Y') ?? std[0];
  const histParam = tenor && a.data ? (isBusiness(a.data) ? { tenor_bd: tenor.tenor_bd } : { tenor_days: tenor.tenor_cd }) : null;
  const hist = useCurveHistory(code, histParam);

  useEffect(() => {
    if (tenor && tenor.tenor !== tenorKey) setTenorKey(tenor.tenor);
  }, [tenor, tenorKey]);

  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    }, { replace: true });

  const rows: TenorRow[] = useMemo(
    () => std.map((t) => ({ tenor: t.tenor, a: t, b: b.data?.standard_tenors.find((x) => x.tenor === t.tenor) })),
    [std, b.data],
  );
  const columns = useMemo(
    () => [
      tcol.accessor('tenor', { header: 'Tenor', size: 70, enableSorting: false }),
      tcol.accessor((r) => (isBusiness(a.data) ? r.a.tenor_bd : r.a.tenor_cd), { id: 'days', header: isBusiness(a.data) ? 'du' : 'days', size: 70, meta: { numeric: true } }),
      tcol.accessor((r) => r.a.zero_rate_pct, { id: 'rate_a', header: `Zero ${dateA ?? ''}`, size: 130, meta: { numeric: true }, cell: (c) => fmtPct(c.getValue(), 3) }),
      tcol.accessor((r) => r.b?.zero_rate_pct ?? null, { id: 'rate_b', header: `Zero ${dateB ?? ''}`, size: 130, meta: { numeric: true }, cell: (c) => fmtPct(c.getValue(), 3) }),
      tcol.accessor((r) => (r.b ? (r.a.zero_rate_pct - r.b.zero_rate_pct) * 100 : null), {
        id: 'chg',
        header: 'Change',
        size: 100,
        meta: { numeric: true },
        cell: (c) => {
          const r = c.row.original;
          const v = c.getValue();
          return <span className={v === null ? 'faint' : v > 0 ? 'pos' : v < 0 ? 'neg' : ''}>{fmtRateChangeBp(r.a.zero_rate_pct, r.b?.zero_rate_pct)}</span>;
        },
      }),
      tcol.accessor((r) => r.a.discount_factor, { id: 'df', header: 'DF', size: 100, meta: { numeric: true }, cell: (c) => fmtNumber(c.getValue(), 6) }),
      tcol.accessor((r) => r.a.kind, { id: 'kind', header: 'Point', size: 110, cell: (c) => <SignalBadge label={c.getValue()} tone={c.getValue() === 'vertex' ? 'info' : c.getValue() === 'extrapolated' ? 'warning' : 'neutral'} /> }),
    ],
    [a.data, dateA, dateB],
  );

  if (list.isPending) return <div className="page"><h1>Curves</h1><Loading label="Loading curves" /></div>;
  if (list.isError) return <div className="page"><h1>Curves</h1><ErrorState error={list.error} /></div>;
  if (!items.length) {
    return (
      <div className="page" data-testid="page-curves">
        <h1>Curves</h1>
        <div className="panel"><div className="state empty" data-state="empty">No curve is stored yet: build one with `mf curve build` (the demo builds all but the cupom cambial).</div></div>
      </div>
    );
  }

  const y1 = std.find((t) => t.tenor === '1Y');
  const y1b = b.data?.standard_tenors.find((t) => t.tenor === '1Y');
  const y5 = std.find((t) => t.tenor === '5Y');
  const y5b = b.data?.standard_tenors.find((t) => t.tenor === '5Y');
  const slope = y1 && y5 ? (y5.zero_rate_pct - y1.zero_rate_pct) * 100 : null;
  const slopeB = y1b && y5b ? (y5b.zero_rate_pct - y1b.zero_rate_pct) * 100 : null;

  return (
    <div className="page" data-testid="page-curves">
      <div className="page-head">
        <div>
          <h1>Curves</h1>
          <div className="sub">
            {code} · {NAMES[code ?? ''] ?? code} {a.data && <span className="mono dim">· {a.data.day_count} · {a.data.compounding} · source {a.data.source}</span>}
          </div>
        </div>
        <div className="toolbar">
          <label className="field">
            Curve
            <select aria-label="curve" value={code ?? ''} onChange={(e) => setParams({ curve: e.target.value }, { replace: true })}>
              {items.map((c) => <option key={c.code} value={c.code}>{c.code} ({fmtInt(c.dates)} dates)</option>)}
            </select>
          </label>
          <label className="field">
            Date
            <select aria-label="curve date" value={dateA ?? ''} onChange={(e) => set('date', e.target.value)}>
              {(dates.length ? [...dates].reverse() : [dateA ?? '']).map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
          <label className="field">
            Compare with
            <select aria-label="compare date" value={dateB ?? ''} onChange={(e) => set('compare', e.target.value)}>
              {(dates.length ? [...dates].reverse() : [dateB ?? '']).map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
        </div>
      </div>

      <div className="cards">
        <MetricCard accent label={`1Y zero · ${dateA ?? ''}`} value={y1 ? fmtPct(y1.zero_rate_pct, 3) : null} loading={a.isPending} sub={y1 && y1b ? `${fmtRateChangeBp(y1.zero_rate_pct, y1b.zero_rate_pct)} vs ${dateB}` : undefined} />
        <MetricCard label={`5Y zero · ${dateA ?? ''}`} value={y5 ? fmtPct(y5.zero_rate_pct, 3) : null} loading={a.isPending} sub={y5 && y5b ? `${fmtRateChangeBp(y5.zero_rate_pct, y5b.zero_rate_pct)} vs ${dateB}` : undefined} />
        <MetricCard label="5Y − 1Y slope" value={slope !== null ? `${fmtNumber(slope, 1, { sign: true })} bp` : null} loading={a.isPending} sub={slopeB !== null ? `${fmtNumber(slopeB, 1, { sign: true })} bp on ${dateB}` : undefined} />
        <MetricCard label="Vertices" value={a.data ? fmtInt(a.data.nodes.length) : null} loading={a.isPending} sub={summary ? `${summary.first_date} → ${summary.last_date}` : undefined} />
      </div>

      <div className="grid-2">
        <div className="panel">
          <div className="panel-head"><h3>Zero curve · {dateA} vs {dateB}</h3><span className="dim mono">% a year, tenor in years</span></div>
          <div className="panel-body">
            <CurveChart
              curves={[toDef(a.data, dateA ?? 'date'), ...(dateB && dateB !== dateA ? [toDef(b.data, dateB, true, 'var(--c-series-2)')] : [])]}
              loading={a.isPending}
              error={a.isError ? a.error : undefined}
            />
          </div>
        </div>
        <div className="panel">
          <div className="panel-head">
            <h3>History of one tenor</h3>
            <select aria-label="tenor" value={tenor?.tenor ?? ''} onChange={(e) => setTenorKey(e.target.value)} style={{ height: 22 }}>
              {std.map((t) => <option key={t.tenor} value={t.tenor}>{t.tenor}</option>)}
            </select>
          </div>
          <div className="panel-body">
            <TimeSeriesChart
              label="tenor history"
              data={hist.data?.history.map((h) => ({ date: h.date, rate: h.zero_rate_pct }))}
              series={[{ key: 'rate', name: `${code} ${tenor?.tenor ?? ''}` }]}
              loading={hist.isPending && !!histParam}
              error={hist.isError ? hist.error : undefined}
              yFormat={(v) => fmtPct(v, 3)}
              height={340}
            />
          </div>
        </div>
      </div>

      <div className="panel">
        <div className="panel-head"><h3>Standard tenors</h3><span className="dim">flat-forward between vertices; extrapolated beyond the last</span></div>
        <DataTable label="standard tenors" data={rows} columns={columns} loading={a.isPending} error={a.isError ? a.error : undefined} height={440} filterable={false} csvName={`${code}-${dateA}`} emptyText="No standard tenors" />
      </div>
    </div>
  );
}
