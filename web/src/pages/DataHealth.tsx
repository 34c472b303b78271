// DataHealth.tsx - the state of the data: ingestion runs (GET /api/v1/ingestion/runs), the
// latest quality report and its failing checks (GET /api/v1/quality, /quality/failing), and
// the per-series scores (worst result first), the recent quality runs (/quality/runs) and
// the live event feed. An 'ingestion' or 'quality' event on the stream invalidates these
// queries (lib/events.tsx), so the page updates without a reload.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import type { IngestionRun, QualityFailing, QualityReport, QualityRun } from '../lib/api';
import { notServedReason, useCapabilities, useIngestionRuns, useQualityFailing, useQualityReport, useQualityRuns } from '../lib/queries';
import { isSimulated } from '../lib/simulated';
import { useEventStream } from '../lib/events';
import { fmtDateTime, fmtInt, fmtNumber, MISSING } from '../lib/format';
import { DataTable } from '../components/DataTable';
import { MetricCard } from '../components/MetricCard';
import { SignalBadge } from '../components/SignalBadge';
import { AlertBanner } from '../components/AlertBanner';
import { Timeline, TimelineEvent } from '../components/TimelineEvent';
import { ErrorState, Loading } from '../components/States';

const rcol = createColumnHelper<IngestionRun>();
const runColumns = [
  rcol.accessor('id', { header: 'Run', size: 70, meta: { numeric: true } }),
  rcol.accessor('source', { header: 'Source', size: 100 }),
  rcol.accessor('status', { header: 'Status', size: 110, cell: (c) => <SignalBadge label={c.getValue()} /> }),
  rcol.accessor('started_at', { header: 'Started (UTC)', size: 176, cell: (c) => <span className="mono">{fmtDateTime(c.getValue())}</span> }),
  rcol.accessor((r) => (r.started_at && r.finished_at ? (Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000 : null), {
    id: 'duration', header: 'Duration', size: 90, meta: { numeric: true }, cell: (c) => (c.getValue() === null ? MISSING : `${fmtNumber(c.getValue(), 0)} s`),
  }),
  rcol.accessor('rows_new', { header: 'New', size: 100, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
  rcol.accessor('rows_revised', { header: 'Revised', size: 90, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
  rcol.accessor('rows_unchanged', { header: 'Unchanged', size: 90, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
  rcol.accessor('error', { header: 'Error', size: 240, cell: (c) => (c.getValue() ? <span className="neg">{c.getValue()}</span> : <span className="faint">—</span>) }),
];

type Failing = QualityFailing['results'][number];
const fcol = createColumnHelper<Failing>();
const failColumns = [
  fcol.accessor('code', { header: 'Series', size: 200, cell: (c) => <Link className="code" to={`/series/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link> }),
  fcol.accessor('check', { header: 'Check', size: 110 }),
  fcol.accessor('severity', { header: 'Severity', size: 100, cell: (c) => <SignalBadge label={c.getValue()} /> }),
  fcol.accessor('value', { header: 'Value', size: 90, meta: { numeric: true }, cell: (c) => fmtNumber(c.getValue(), 2) }),
  fcol.accessor('threshold', { header: 'Threshold', size: 90, meta: { numeric: true }, cell: (c) => fmtNumber(c.getValue(), 2) }),
  fcol.accessor('message', { header: 'Message', size: 380 }),
];

type SeriesScore = QualityReport['series'][number];
const WORST_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2, pass: 3 };
const scol = createColumnHelper<SeriesScore>();
const seriesColumns = [
  scol.accessor('code', {
    header: 'Series', size: 220,
    cell: (c) => (
      <span className="chips">
        <Link className="code" to={`/series/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>
        {isSimulated(c.row.original) && <SignalBadge label="simulated" />}
      </span>
    ),
  }),
  scol.accessor('source', { header: 'Source', size: 110 }),
  scol.accessor((r) => WORST_RANK[r.worst] ?? 9, { id: 'worst', header: 'Worst', size: 100, cell: (c) => <SignalBadge label={c.row.original.worst} /> }),
  scol.accessor('score', { header: 'Score', size: 80, meta: { numeric: true }, cell: (c) => <span className={scoreClass(c.getValue())}>{fmtNumber(c.getValue(), 1)}</span> }),
  scol.accessor('failing', { header: 'Failing', size: 80, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
];

const qcol = createColumnHelper<QualityRun>();
const qrunColumns = [
  qcol.accessor('id', { header: 'Run', size: 60, meta: { numeric: true } }),
  qcol.accessor('finished_at', { header: 'Finished (UTC)', size: 170, cell: (c) => <span className="mono">{fmtDateTime(c.getValue())}</span> }),
  qcol.accessor('score', { header: 'Score', size: 70, meta: { numeric: true }, cell: (c) => <span className={scoreClass(c.getValue())}>{fmtNumber(c.getValue(), 1)}</span> }),
  qcol.accessor('checks', { header: 'Checks', size: 80, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
  qcol.accessor('failing', { header: 'Failing', size: 70, meta: { numeric: true }, cell: (c) => fmtInt(c.getValue()) }),
  qcol.accessor('critical', { header: 'Critical', size: 70, meta: { numeric: true }, cell: (c) => <span className={c.getValue() > 0 ? 'neg' : ''}>{fmtInt(c.getValue())}</span> }),
];

// Score colouring: 100 clean; below 99 amber, below 90 red.
function scoreClass(score: number): string {
  return `num ${score < 90 ? 'neg' : score < 99 ? 'warn' : 'pos'}`;
}

function QualityRuns({ ready, documented }: { ready: boolean; documented: boolean }) {
  const runs = useQualityRuns(20, ready);
  const why = runs.isError ? notServedReason(runs.error, documented, '/api/v1/quality/runs', 'no quality run yet') : null;
  if (why) return <div className="state empty" data-state="quality-runs-unavailable">{why}</div>;
  return (
    <DataTable label="quality runs" data={runs.data?.runs} columns={qrunColumns} loading={runs.isPending} error={runs.isError ? runs.error : undefined}
      emptyText="No quality run yet" height={300} filterable={false} csvName="quality-runs" initialSorting={[{ id: 'id', desc: true }]} getRowId={(r) => String(r.id)} />
  );
}

function QualitySection() {
  const caps = useCapabilities();
  const ready = !caps.isPending;
  const documented = caps.data?.has('/api/v1/quality') ?? false;
  const [severity, setSeverity] = useState('warning');
  const report = useQualityReport(ready);
  const failing = useQualityFailing(severity, ready && !!report.data);
  const runsDocumented = caps.data?.has('/api/v1/quality/runs') ?? false;
  const ranked = useMemo(
    () => [...(report.data?.series ?? [])].sort((x, y) => (WORST_RANK[x.worst] ?? 9) - (WORST_RANK[y.worst] ?? 9) || x.score - y.score || x.code.localeCompare(y.code)),
    [report.data],
  );

  if (caps.isPending) return <Loading label="Loading quality" />;
  const unavailable = (why: string) => (
    <div className="panel"><div className="panel-head"><h3>Quality report</h3></div>
      <div className="state empty" data-state="quality-unavailable"><div><div>Quality not available</div><div className="detail">{why}</div></div></div>
    </div>
  );
  if (report.isPending) return <Loading label="Loading quality" />;
  if (report.isError) {
    const why = notServedReason(report.error, documented, '/api/v1/quality', 'no quality run yet');
    return why ? unavailable(why) : <ErrorState error={report.error} />;
  }
  const r: QualityReport = report.data;
  return (
    <>
      {r.run.critical > 0 && (
        <AlertBanner severity="critical" title={`${r.run.critical} critical quality failure${r.run.critical > 1 ? 's' : ''}`}>
          Run {r.run.id} finished {fmtDateTime(r.run.finished_at)}: {fmtInt(r.run.failing)} of {fmtInt(r.run.checks)} checks failing.
        </AlertBanner>
      )}
      <div className="grid-3">
        <div className="panel">
          <div className="panel-head">
            <h3>Failing checks · run {r.run.id}</h3>
            <select aria-label="minimum severity" value={severity} onChange={(e) => setSeverity(e.target.value)} style={{ height: 22 }}>
              <option value="info">info and above</option>
              <option value="warning">warning and above</option>
              <option value="critical">critical only</option>
            </select>
          </div>
          <DataTable label="failing checks" data={failing.data?.results} columns={failColumns} loading={failing.isPending} error={failing.isError ? failing.error : undefined}
            emptyText="No failing check at this severity" height={360} groupable={['check', 'severity']} csvName="quality-failing" initialSorting={[{ id: 'severity', desc: false }]} />
        </div>
        <div className="panel">
          <div className="panel-head"><h3>By source</h3></div>
          <div className="panel-body">
            <table style={{ width: '100%', fontSize: 'var(--fs-sm)' }}>
              <thead><tr className="dim"><th align="left">Source</th><th align="right">Score</th><th align="right">Series</th><th align="right">Failing</th></tr></thead>
              <tbody>
                {r.sources.map((s) => (
                  <tr key={s.source}>
                    <td>{s.source}</td>
                    <td align="right" className={scoreClass(s.score)}>{fmtNumber(s.score, 1)}</td>
                    <td align="right" className="num">{fmtInt(s.series)}</td>
                    <td align="right" className="num">{fmtInt(s.failing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <div className="grid-3">
        <div className="panel">
          <div className="panel-head"><h3>Series by quality</h3><span className="dim">worst result first · {fmtInt(ranked.filter((x) => x.worst !== 'pass').length)} of {fmtInt(ranked.length)} not clean</span></div>
          <DataTable label="series quality" data={ranked} columns={seriesColumns} emptyText="No series in this run" height={360} groupable={['source']} csvName="quality-series" getRowId={(r) => r.code} />
        </div>
        <div className="panel">
          <div className="panel-head"><h3>Quality runs</h3><span className="dim">newest first</span></div>
          <QualityRuns ready={ready} documented={runsDocumented} />
        </div>
      </div>
    </>
  );
}

function QualityCard() {
  const caps = useCapabilities();
  const documented = caps.data?.has('/api/v1/quality') ?? false;
  const report = useQualityReport(!caps.isPending);
  if (report.isError) {
    const why = notServedReason(report.error, documented, '/api/v1/quality');
    return <MetricCard label="Quality score" value={null} sub={why === null ? 'failed to load' : documented ? 'no quality run yet' : 'not served yet'} />;
  }
  const r = report.data?.run;
  return (
    <MetricCard label="Quality score" value={r ? fmtNumber(r.score, 1) : null} loading={report.isPending || caps.isPending}
      sub={r ? `${fmtInt(r.failing)} failing · ${fmtInt(r.critical)} critical · ${fmtInt(r.checks)} checks` : undefined} />
  );
}

export default function DataHealth() {
  const runs = useIngestionRuns(200);
  const stream = useEventStream();
  const items = runs.data?.items;
  const last = items?.[0];
  const totals = useMemo(() => {
    const t = { n: 0, r: 0, failed: 0 };
    for (const r of items ?? []) {
      t.n += r.rows_new;
      t.r += r.rows_revised;
      if (r.status === 'failed') t.failed += 1;
    }
    return t;
  }, [items]);

  return (
    <div className="page" data-testid="page-health">
      <div className="page-head">
        <div>
          <h1>Data Health</h1>
          <div className="sub">Ingestion runs and data quality; updates live when the event stream reports a run.</div>
        </div>
      </div>
      {last?.status === 'failed' && (
        <AlertBanner severity="critical" title={`The last ${last.source} run failed`}>{last.error ?? 'no error message recorded'}</AlertBanner>
      )}
      {stream.state === 'down' && (
        <AlertBanner severity="warning" title="Live updates are off">
          {stream.reason ?? 'the event stream is down'}; the page refreshes every minute and on focus instead.
        </AlertBanner>
      )}
      <div className="cards">
        <MetricCard accent label="Last run" value={last ? <SignalBadge label={last.status} /> : null} loading={runs.isPending} error={runs.isError ? 'failed to load' : null} sub={last ? `${last.source} · ${fmtDateTime(last.started_at)}` : 'no run yet'} />
        <MetricCard label="Rows new (listed runs)" value={items ? fmtInt(totals.n) : null} loading={runs.isPending} sub={items ? `${fmtInt(totals.r)} revised` : undefined} />
        <MetricCard label="Runs listed" value={items ? fmtInt(items.length) : null} loading={runs.isPending} sub={items ? `${fmtInt(totals.failed)} failed` : undefined} />
        <QualityCard />
        <MetricCard label="Event stream" value={stream.state.toUpperCase()} sub={stream.reason ?? `${stream.events.length} events received`} />
      </div>
      <div className="grid-3">
        <div className="panel">
          <div className="panel-head"><h3>Ingestion runs</h3><span className="dim">newest first</span></div>
          <DataTable label="ingestion runs" data={items} columns={runColumns} loading={runs.isPending} error={runs.isError ? runs.error : undefined}
            emptyText="No ingestion run yet: run mf backfill or mf ingest" height={380} groupable={['source', 'status']} csvName="ingestion-runs"
            initialSorting={[{ id: 'id', desc: true }]} getRowId={(r) => String(r.id)} />
        </div>
        <div className="panel">
          <div className="panel-head"><h3>Live events</h3><SignalBadge label={stream.state} /></div>
          <Timeline empty={stream.state === 'live' ? 'Waiting for events…' : 'No events received'}>
            {stream.events.slice(0, 30).map((e) => {
              const p = e.payload as Record<string, number | string | null>;
              const tone = p.status === 'failed' || (typeof p.critical === 'number' && p.critical > 0) ? 'negative' : 'positive';
              const body = e.kind === 'ingestion'
                ? `run ${p.run_id} ${p.source} ${p.status}: ${fmtInt(p.rows_new as number)} new, ${fmtInt(p.rows_revised as number)} revised`
                : e.kind === 'quality'
                  ? `run ${p.run_id} score ${fmtNumber(p.score as number, 1)}: ${fmtInt(p.failing as number)} failing, ${fmtInt(p.critical as number)} critical`
                  : JSON.stringify(p);
              return <TimelineEvent key={e.id} at={e.at} title={e.kind} body={body} tone={tone} />;
            })}
          </Timeline>
        </div>
      </div>
      <QualitySection />
    </div>
  );
}
