// DataExplorer.tsx - the catalogue: text search (code or name) and filters by source,
// country, category and frequency (server-side, GET /api/v1/series, 100 a page), the page's
// series in the DataTable (sort, group, details, CSV), each code linking to its series page.
// The filters live in the URL so a search can be linked.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { createColumnHelper } from '@tanstack/react-table';
import type { Series } from '../lib/api';
import { useSeriesFacets, useSeriesList } from '../lib/queries';
import { DataTable } from '../components/DataTable';
import { SignalBadge } from '../components/SignalBadge';
import { MetricCard } from '../components/MetricCard';
import { fmtFrequency, fmtInt } from '../lib/format';
import { isSimulated, useMarkSimulated } from '../lib/simulated';

const PAGE = 100;
const FACETS = ['source', 'country', 'category', 'frequency'] as const;

const col = createColumnHelper<Series>();
const columns = [
  col.accessor('code', {
    header: 'Code',
    size: 285,
    cell: (c) => <Link className="code" to={`/series/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>,
  }),
  col.accessor('name', { header: 'Name', size: 360 }),
  col.accessor('source', { header: 'Source', size: 100 }),
  col.accessor('country', { header: 'Country', size: 70, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('category', { header: 'Category', size: 110, cell: (c) => c.getValue() ?? '—' }),
  col.accessor('frequency', { header: 'Freq', size: 80, cell: (c) => fmtFrequency(c.getValue()) }),
  col.accessor('unit', { header: 'Unit', size: 150, cell: (c) => <span className="dim">{c.getValue() ?? '—'}</span> }),
  col.accessor((r) => isSimulated(r), {
    id: 'simulated',
    header: 'Flag',
    size: 100,
    cell: (c) => (c.getValue() ? <SignalBadge label="simulated" /> : <SignalBadge label="real" tone="neutral" />),
  }),
];

function Detail({ s }: { s: Series }) {
  return (
    <dl className="kv">
      <dt>Description</dt>
      <dd style={{ fontFamily: 'var(--font-ui)' }}>{s.description ?? '—'}</dd>
      <dt>Source key</dt>
      <dd>{s.source_key ?? '—'}</dd>
      <dt>Release lag</dt>
      <dd>{s.release_lag_days === null ? '—' : `${s.release_lag_days} days`}</dd>
    </dl>
  );
}

export default function DataExplorer() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const filters = Object.fromEntries(FACETS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FACETS)[number], string>;
  const [text, setText] = useState(q);

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        if (!('offset' in changes)) n.delete('offset');
        return n;
      },
      { replace: true },
    );

  // Debounce the search box into the URL (and so the query). The timer calls the latest
  // render's setter: an older one would write back the search parameters of its render.
  const setLatest = useRef(set);
  setLatest.current = set;
  useEffect(() => {
    if (text === q) return;
    const t = setTimeout(() => setLatest.current({ q: text.trim() || null }), 250);
    return () => clearTimeout(t);
  }, [text]);

  const list = useSeriesList({ q: q || undefined, ...filters, limit: PAGE, offset });
  const facets = useSeriesFacets();
  const items = list.data?.items;
  const total = list.data?.total ?? 0;
  const anySim = useMemo(() => items?.some((s) => isSimulated(s)) ?? false, [items]);
  useMarkSimulated(anySim);
  const simCount = items?.filter((s) => isSimulated(s)).length ?? 0;

  return (
    <div className="page" data-testid="page-explorer">
      <div className="page-head">
        <div>
          <h1>Data Explorer</h1>
          <div className="sub">The catalogue of stored series: search, filter, open one for its history, vintages, lineage and quality.</div>
        </div>
      </div>
      <div className="cards">
        <MetricCard label="Series matching" value={list.data ? fmtInt(total) : null} loading={list.isPending} error={list.isError ? 'failed' : null} accent />
        <MetricCard label="On this page" value={items ? fmtInt(items.length) : null} loading={list.isPending} sub={items ? `from ${fmtInt(offset + (items.length ? 1 : 0))}` : undefined} />
        <MetricCard label="Simulated on page" value={items ? fmtInt(simCount) : null} loading={list.isPending} />
        <MetricCard label="Sources" value={facets.data ? fmtInt(facets.data.source.length) : null} loading={facets.isPending} sub={facets.data?.source.join(' · ')} />
      </div>
      <div className="panel">
        <div className="panel-head">
          <div className="filters">
            <label className="field">
              Search
              <input type="search" placeholder="code or name, e.g. CDI" value={text} onChange={(e) => setText(e.target.value)} aria-label="search series" />
            </label>
            {FACETS.map((f) => (
              <label className="field" key={f}>
                {f}
                <select value={filters[f]} onChange={(e) => set({ [f]: e.target.value || null })} aria-label={`filter ${f}`}>
                  <option value="">all</option>
                  {(facets.data?.[f] ?? []).map((v) => (
                    <option key={v} value={v}>{f === 'frequency' ? fmtFrequency(v) : v}</option>
                  ))}
                </select>
              </label>
            ))}
            {(q || FACETS.some((f) => filters[f])) && (
              <button onClick={() => { setText(''); set({ q: null, source: null, country: null, category: null, frequency: null }); }}>Clear</button>
            )}
          </div>
        </div>
        <DataTable
          label="series"
          data={items}
          columns={columns}
          loading={list.isPending}
          error={list.isError ? list.error : undefined}
          emptyText="No series match these filters"
          height={560}
          groupable={['source', 'category', 'country']}
          renderDetail={(s) => <Detail s={s} />}
          csvName="series"
          getRowId={(s) => s.code}
        />
        <div className="pager">
          <button disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>‹ Prev</button>
          <span>
            {total ? `${fmtInt(offset + 1)}–${fmtInt(Math.min(offset + PAGE, total))} of ${fmtInt(total)}` : '0 of 0'}
          </span>
          <button disabled={offset + PAGE >= total} onClick={() => set({ offset: String(offset + PAGE) })}>Next ›</button>
          <span className="faint" style={{ marginLeft: 'auto' }}>sorting and the row filter apply to this page</span>
        </div>
      </div>
    </div>
  );
}
