// SeriesPage.tsx - one series: its metadata, the chart of its values as known on the as-of
// date (GET .../observations?as_of=; with a date picked, the latest values dashed beside it),
// the last value and its change, every vintage with its revision (.../observations?
// vintages=true), the lineage (.../lineage: transform, parameters, inputs, used by) and the
// quality checks (.../quality; "quality not available" when the server has none).
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import type { Observation, Vintage } from '../lib/api';
import { notServedReason, useCapabilities, useLineage, useObservations, useSeries, useSeriesQuality, useVintages } from '../lib/queries';
import { useAsOf, todayUtc } from '../lib/asof';
import { isSimulated, useMarkSimulated } from '../lib/simulated';
import { fmtDate, fmtDateTime, fmtFrequency, fmtInt, fmtNumber, MISSING, signClass } from '../lib/format';
import { MetricCard } from '../components/MetricCard';
import { PriceDisplay } from '../components/PriceDisplay';
import { SignalBadge } from '../components/SignalBadge';
import { TimeSeriesChart, type TsRow } from '../components/TimeSeriesChart';
import { DataTable } from '../components/DataTable';
import { ErrorState, Loading, Empty } from '../components/States';

function decimalsFor(values: (number | null)[]): number {
  let dp = 0;
  for (const v of values.slice(-400)) {
    if (v === null) continue;
    const s = String(v);
    const i = s.indexOf('.');
    if (i >= 0) dp = Math.max(dp, Math.min(6, s.length - i - 1));
  }
  return dp;
}

function lastTwo(obs: Observation[] | undefined): [Observation | undefined, Observation | undefined] {
  if (!obs) return [undefined, undefined];
  const vals = obs.filter((o) => o.value !== null);
  return [vals[vals.length - 1], vals[vals.length - 2]];
}

interface VintageRow extends Vintage {
  revision: number | null;
  print: number;
}

const vcol = createColumnHelper<VintageRow>();

function Lineage({ code }: { code: string }) {
  const q = useLineage(code);
  if (q.isPending) return <Loading label="Loading lineage" />;
  if (q.isError) return <ErrorState error={q.error} />;
  const l = q.data;
  const link = (c: string) => (
    <Link key={c} className="code" to={`/series/${encodeURIComponent(c)}`}>{c}</Link>
  );
  return (
    <dl className="kv" data-testid="lineage">
      <dt>Kind</dt>
      <dd>{l.derived ? <SignalBadge label="derived" tone="info" /> : <SignalBadge label="source" tone="neutral" />}</dd>
      {l.derived && (
        <>
          <dt>Transform</dt>
          <dd>{l.transform}</dd>
          <dt>Parameters</dt>
          <dd>{l.params && Object.keys(l.params).length ? Object.entries(l.params).map(([k, v]) => `${k}=${String(v)}`).join('  ') : '—'}</dd>
          <dt>Computed</dt>
          <dd>{fmtDateTime(l.computed_at ?? null)}</dd>
          <dt>Inputs</dt>
          <dd className="chips">{l.inputs?.length ? l.inputs.map(link) : '—'}</dd>
        </>
      )}
      <dt>Used by</dt>
      <dd className="chips">{l.used_by.length ? l.used_by.map(link) : <span className="dim">no derived series</span>}</dd>
    </dl>
  );
}

function Quality({ code }: { code: string }) {
  const caps = useCapabilities();
  const documented = caps.data?.has('/api/v1/series/{code}/quality') ?? false;
  const q = useSeriesQuality(code, !caps.isPending);
  if (caps.isPending) return <Loading label="Loading quality" />;
  const unavailable = (why: string) => (
    <div className="state empty" data-state="quality-unavailable">
      <div>
        <div>Quality not available</div>
        <div className="detail">{why}</div>
      </div>
    </div>
  );
  if (q.isPending) return <Loading label="Loading quality" />;
  if (q.isError) {
    const why = notServedReason(q.error, documented, '/api/v1/series/{code}/quality', 'no quality result');
    return why ? unavailable(why) : <ErrorState error={q.error} />;
  }
  const results = q.data.results;
  if (!results.length) return <Empty>No quality check has run on this series</Empty>;
  const latestRun = results[0]!.run_id;
  const latest = results.filter((r) => r.run_id === latestRun);
  const failing = latest.filter((r) => r.status === 'fail');
  return (
    <div data-testid="quality">
      <div className="toolbar" style={{ marginBottom: 8 }}>
        <SignalBadge label={failing.length ? `${failing.length} failing` : 'all pass'} tone={failing.some((f) => f.severity === 'critical') ? 'negative' : failing.length ? 'warning' : 'positive'} />
        <span className="dim mono">run {latestRun} · {fmtDateTime(latest[0]?.checked_at)}</span>
      </div>
      <table className="mini" style={{ width: '100%', fontSize: 'var(--fs-sm)' }}>
        <tbody>
          {latest.map((r) => (
            <tr key={r.check}>
              <td style={{ width: 110 }}>{r.check}</td>
              <td style={{ width: 80 }}><SignalBadge label={r.status === 'pass' ? 'pass' : r.severity} /></td>
              <td className="dim">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SeriesPage() {
  const { code = '' } = useParams();
  const [asOf, setAsOf] = useAsOf();
  const meta = useSeries(code);
  const obs = useObservations(code, asOf);
  const latest = useObservations(code, null);
  const vint = useVintages(code);
  useMarkSimulated(isSimulated(meta.data) || obs.data?.simulated === true);

  // Decimals from the data (the latest values and those shown), at least 2 for rates in %.
  const dp = useMemo(() => {
    const of = (d: typeof obs.data) => decimalsFor(d?.observations.map((o) => o.value) ?? []);
    const pct = /%|_PCT$/i.test(`${meta.data?.unit ?? ''} ${code}`);
    return Math.max(pct ? 2 : 0, of(latest.data), of(obs.data));
  }, [obs.data, latest.data, meta.data, code]);
  const [last, prev] = lastTwo(obs.data?.observations);

  const rows: TsRow[] | undefined = useMemo(() => {
    if (!obs.data) return undefined;
    if (!asOf || !latest.data) return obs.data.observations.map((o) => ({ date: o.obs_date, value: o.value }));
    const m = new Map<string, TsRow>();
    for (const o of latest.data.observations) m.set(o.obs_date, { date: o.obs_date, value: null, latest: o.value });
    for (const o of obs.data.observations) {
      const r = m.get(o.obs_date) ?? { date: o.obs_date, latest: null, value: null };
      r.value = o.value;
      m.set(o.obs_date, r);
    }
    return [...m.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }, [obs.data, latest.data, asOf]);

  const vrows: VintageRow[] | undefined = useMemo(() => {
    if (!vint.data) return undefined;
    const prevBy = new Map<string, { v: number | null; n: number }>();
    const sorted = [...vint.data.vintages].sort((a, b) => (a.obs_date === b.obs_date ? (a.available_at < b.available_at ? -1 : 1) : a.obs_date < b.obs_date ? -1 : 1));
    return sorted.map((v) => {
      const p = prevBy.get(v.obs_date);
      prevBy.set(v.obs_date, { v: v.value, n: (p?.n ?? 0) + 1 });
      const revision = p && p.v !== null && v.value !== null ? v.value - p.v : null;
      return { ...v, revision, print: (p?.n ?? 0) + 1 };
    });
  }, [vint.data]);
  const revised = vrows?.filter((r) => r.print > 1).length ?? 0;

  const vcolumns = useMemo(
    () => [
      vcol.accessor('obs_date', { header: 'Obs date', size: 120, meta: { numeric: false }, cell: (c) => <span className="mono">{c.getValue()}</span> }),
      vcol.accessor('available_at', { header: 'Known from', size: 120, cell: (c) => <span className="mono">{fmtDate(c.getValue())}</span> }),
      vcol.accessor('print', { header: 'Print', size: 70, meta: { numeric: true }, cell: (c) => (c.getValue() > 1 ? <span className="warn">{c.getValue()}</span> : '1') }),
      vcol.accessor('value', { header: 'Value', size: 130, meta: { numeric: true }, cell: (c) => fmtNumber(c.getValue(), dp) }),
      vcol.accessor('revision', {
        header: 'Revision',
        size: 120,
        meta: { numeric: true },
        cell: (c) => {
          const v = c.getValue();
          return v === null ? <span className="faint">{MISSING}</span> : <span className={v > 0 ? 'pos' : v < 0 ? 'neg' : ''}>{fmtNumber(v, dp, { sign: true })}</span>;
        },
      }),
    ],
    [dp],
  );

  if (meta.isError) {
    return (
      <div className="page">
        <h1 className="code">{code}</h1>
        <ErrorState error={meta.error} title="Series not available" />
        <Link to="/explorer">Back to the Data Explorer</Link>
      </div>
    );
  }
  const s = meta.data;
  const unit = s?.unit ?? '';

  return (
    <div className="page" data-testid="page-series">
      <div className="page-head">
        <div>
          <div className="toolbar" style={{ alignItems: 'center' }}>
            <Link to="/explorer" className="dim">Explorer</Link>
            <span className="faint">/</span>
            <h1 className="code">{code}</h1>
            {isSimulated(s) && <SignalBadge label="simulated" />}
            {s && s.source !== 'simulated' && <SignalBadge label={s.source} tone="info" />}
          </div>
          <div className="sub">{s ? `${s.name}${unit ? ` · ${unit}` : ''}` : 'Loading…'}</div>
        </div>
        <div className="toolbar">
          <label className="field">
            As of (point in time)
            <input
              type="date"
              aria-label="as of date"
              value={asOf ?? ''}
              max={todayUtc()}
              onChange={(e) => setAsOf(e.target.value || null)}
            />
          </label>
          <button onClick={() => setAsOf(null)} disabled={!asOf}>Latest</button>
        </div>
      </div>

      <div className="cards">
        <MetricCard
          accent
          label={asOf ? `Value known ${asOf}` : 'Last value'}
          value={last ? <PriceDisplay value={last.value} previous={prev?.value ?? undefined} format={(v) => fmtNumber(v, dp)} dp={dp} showChange={false} /> : null}
          loading={obs.isPending}
          error={obs.isError ? 'failed to load' : null}
          sub={last ? (
            <>
              <span className={signClass(last.value !== null && prev?.value != null ? last.value - prev.value : null)}>
                {last.value !== null && prev?.value != null ? fmtNumber(last.value - prev.value, dp, { sign: true }) : MISSING}
              </span>{' '}
              · obs {last.obs_date}
            </>
          ) : asOf ? `nothing known on ${asOf}` : 'no observations'}
        />
        <MetricCard label="Previous" value={prev ? fmtNumber(prev.value, dp) : null} loading={obs.isPending} sub={prev ? `obs ${prev.obs_date}` : undefined} />
        <MetricCard label="Observations" value={obs.data ? fmtInt(obs.data.observations.length) : null} loading={obs.isPending} sub={obs.data?.observations[0] ? `since ${obs.data.observations[0].obs_date}` : undefined} />
        <MetricCard label="Vintages" value={vrows ? fmtInt(vrows.length) : null} loading={vint.isPending} sub={vrows ? `${fmtInt(revised)} revisions` : undefined} />
        <MetricCard label="Frequency · lag" value={s ? fmtFrequency(s.frequency) : null} loading={meta.isPending} sub={s ? `release lag ${s.release_lag_days ?? 0} d · ${s.country ?? '—'} · ${s.category ?? '—'}` : undefined} />
      </div>

      <div className="panel">
        <div className="panel-head">
          <h3>{asOf ? `History as known on ${asOf}` : 'History (everything known)'}</h3>
          <span className="dim mono">{unit}</span>
        </div>
        <div className="panel-body">
          <TimeSeriesChart
            label="series history"
            data={rows}
            loading={obs.isPending}
            error={obs.isError ? obs.error : undefined}
            emptyText={asOf ? `Nothing of ${code} was known on ${asOf}` : 'No observations stored'}
            series={asOf ? [{ key: 'value', name: `as of ${asOf}` }, { key: 'latest', name: 'latest', dashed: true, color: 'var(--c-text-faint)' }] : [{ key: 'value', name: code }]}
            yFormat={(v) => fmtNumber(v, dp)}
          />
        </div>
      </div>

      <div className="grid-3">
        <div className="panel">
          <div className="panel-head">
            <h3>Vintages</h3>
            <span className="dim">each value with the day it became known; later prints are revisions</span>
          </div>
          <DataTable
            label="vintages"
            data={vrows}
            columns={vcolumns}
            loading={vint.isPending}
            error={vint.isError ? vint.error : undefined}
            emptyText="No vintages stored"
            height={360}
            initialSorting={[{ id: 'obs_date', desc: true }]}
            csvName={`${code}-vintages`}
            groupable={['obs_date']}
          />
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 'var(--sp-4)' }}>
          <div className="panel">
            <div className="panel-head"><h3>Lineage</h3></div>
            <div className="panel-body"><Lineage code={code} /></div>
          </div>
          <div className="panel">
            <div className="panel-head"><h3>Quality</h3></div>
            <div className="panel-body"><Quality code={code} /></div>
          </div>
          {s?.description && (
            <div className="panel">
              <div className="panel-head"><h3>About</h3></div>
              <div className="panel-body dim">{s.description}</div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
