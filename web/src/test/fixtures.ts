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
