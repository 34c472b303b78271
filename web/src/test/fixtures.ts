// fixtures.ts - JSON documents of the shapes docs/api.md, src/api/openapi.json and the
// session's quality contract define, for the component tests, and stubFetch, which answers
// fetch() from them by path (unknown paths: a 404 problem).
import { vi } from 'vitest';

const series = (code: string, simulated: boolean, extra: Record<string, unknown> = {}) => ({
  code, name: `${code} name`, source: simulated ? 'simulated' : 'bcb_sgs', source_key: null, frequency: 'D',
  unit: '% a year', country: 'BR', category: 'rates', release_lag_days: 0, simulated, description: null, ...extra,
});

export const FIX: Record<string, unknown> = {
  '/api/openapi.json': { paths: { '/api/v1/health': {}, '/api/v1/series': {}, '/api/v1/quality': {}, '/api/v1/series/{code}/quality': {} } },
  '/api/v1/health': { status: 'ok', version: '0.1.0', store: 'sqlite', schema_version: 4, schema_latest: 4,
    last_ingestion: { source: 'simulated', status: 'succeeded', started_at: 1795536175 } },
  '/api/v1/series': { items: [series('SGS.432', false), series('SIM.BR.CDI_PCT', true)], total: 2, limit: 100, offset: 0 },
  '/api/v1/series/SIM.BR.CDI_PCT': { ...series('SIM.BR.CDI_PCT', true), last_observation: '2026-11-24' },
  '/api/v1/series/SIM.BR.CDI_PCT/observations': { code: 'SIM.BR.CDI_PCT', simulated: true, as_of: null,
    observations: [{ obs_date: '2026-11-23', value: 9.4 }, { obs_date: '2026-11-24', value: 9.65 }] },
  '/api/v1/series/SIM.BR.CDI_PCT/lineage': { code: 'SIM.BR.CDI_PCT', simulated: true, derived: false, used_by: ['DRV.X'] },
  '/api/v1/ingestion/runs': { items: [{ id: 2, source: 'simulated', started_at: '2026-11-24T10:00:00Z', finished_at: '2026-11-24T10:00:03Z',
    status: 'failed', rows_new: 0, rows_unchanged: 0, rows_revised: 0, error: "request 'DI1': timeout" }] },
};

const curve = (date: string, shift: number) => ({
  code: 'DI_PRE', date, day_count: 'bus/252', compounding: 'annual', source: 'SIM.di1',
  nodes: [
    { tenor_bd: 1, tenor_cd: 1, maturity: '2026-11-25', zero_rate_pct: 9.65 + shift, discount_factor: 0.9996 },
    { tenor_bd: 252, tenor_cd: 365, maturity: '2027-11-24', zero_rate_pct: 11.0 + shift, discount_factor: 0.9 },
  ],
  standard_tenors: [
    { tenor: '1Y', tenor_bd: 252, zero_rate_pct: 11.0 + shift, discount_factor: 0.9, kind: 'vertex' },
    { tenor: '5Y', tenor_bd: 1260, zero_rate_pct: 11.5 + shift, discount_factor: 0.58, kind: 'extrapolated' },
  ],
});
FIX['/api/v1/curves'] = { items: [{ code: 'DI_PRE', first_date: '2026-10-13', last_date: '2026-11-24', dates: 2 }] };
FIX['/api/v1/curves/DI_PRE'] = (u: URL) => curve(u.searchParams.get('date') ?? '', u.searchParams.get('date') === '2026-11-24' ? 0.25 : 0);
FIX['/api/v1/curves/DI_PRE/history'] = {
  code: 'DI_PRE',
  history: [
    { date: '2026-10-13', zero_rate_pct: 11.0, discount_factor: 0.9 },
    { date: '2026-11-24', zero_rate_pct: 11.25, discount_factor: 0.9 },
  ],
};

// The quality contract (contracts.md), for a server that has run its checks.
const qrun = (id: number, score: number, failing: number, critical: number) => ({
  id, started_at: `2026-11-2${id}T10:00:00Z`, finished_at: `2026-11-2${id}T10:00:04Z`, score, checks: 812, failing, critical,
});
export const QUALITY: Record<string, unknown> = {
  '/api/openapi.json': { paths: { '/api/v1/health': {}, '/api/v1/series': {}, '/api/v1/quality': {}, '/api/v1/quality/failing': {},
    '/api/v1/quality/runs': {}, '/api/v1/series/{code}/quality': {}, '/api/v1/events': {} } },
  '/api/v1/quality': {
    run: qrun(3, 97.5, 4, 1),
    sources: [{ source: 'simulated', score: 99.1, series: 99, failing: 1 }, { source: 'bcb_sgs', score: 88.2, series: 12, failing: 3 }],
    series: [
      { code: 'SIM.BR.CDI_PCT', source: 'simulated', score: 100, failing: 0, worst: 'pass' },
      { code: 'SGS.432', source: 'bcb_sgs', score: 60, failing: 2, worst: 'critical' },
      { code: 'SIM.US.PAYROLLS_K', source: 'simulated', score: 90, failing: 1, worst: 'warning' },
    ],
  },
  '/api/v1/quality/failing': (u: URL) => ({
    run_id: 3,
    results: [
      { code: 'SGS.432', check: 'staleness', severity: 'critical', message: 'last observation 12 business days old', value: 12, threshold: 3, checked_at: '2026-11-23T10:00:04Z' },
      { code: 'SIM.US.PAYROLLS_K', check: 'outliers', severity: 'warning', message: 'z-score 5.1 on 2026-10-03', value: 5.1, threshold: 4, checked_at: '2026-11-23T10:00:04Z' },
    ].filter((r) => u.searchParams.get('severity') !== 'critical' || r.severity === 'critical'),
  }),
  '/api/v1/quality/runs': { runs: [qrun(3, 97.5, 4, 1), qrun(2, 99.0, 1, 0)] },
  '/api/v1/series/SIM.BR.CDI_PCT/quality': { code: 'SIM.BR.CDI_PCT', results: [
    { run_id: 3, check: 'staleness', severity: 'critical', status: 'pass', message: 'last observation today', value: 0, threshold: 3, checked_at: '2026-11-23T10:00:04Z' },
    { run_id: 3, check: 'outliers', severity: 'warning', status: 'fail', message: 'z-score 4.2 on 2026-11-24', value: 4.2, threshold: 4, checked_at: '2026-11-23T10:00:04Z' },
    { run_id: 2, check: 'staleness', severity: 'critical', status: 'pass', message: 'older run', value: 0, threshold: 3, checked_at: '2026-11-22T10:00:04Z' },
  ] },
};

export function stubFetch(overrides: Record<string, unknown> = {}) {
  const docs = { ...FIX, ...overrides };
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const u = new URL(String(input), 'http://localhost');
    let path = u.pathname;
    if (path.endsWith('/observations') && u.searchParams.get('vintages') === 'true') path += '#vintages';
    const doc = docs[path];
    const body = typeof doc === 'function' ? (doc as (u: URL) => unknown)(u) : doc;
    if (body === undefined) {
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for GET ${u.pathname}` }),
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}
