// api.ts - the typed client of the mf HTTP API (docs/api.md, src/api/openapi.json;
// quality endpoints per the session contract). Exports the response types, ApiError (an
// RFC 7807 problem with its status) and apiGet. Every request is a GET under /api; a non-2xx
// answer becomes an ApiError carrying the problem's detail so the UI can say what failed.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  constructor(status: number, title: string, detail: string, readonly path: string) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** GET a JSON document; throws ApiError for a problem, Error for a network failure. */
export async function apiGet<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const url = buildUrl(path, params);
  const res = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) {
    let p: Problem = {};
    try {
      p = (await res.json()) as Problem;
    } catch {
      /* not a problem document */
    }
    throw new ApiError(res.status, p.title ?? res.statusText, p.detail ?? `GET ${url} failed`, url);
  }
  return (await res.json()) as T;
}

export const API = '/api/v1';

export interface Health {
  status: string;
  version: string;
  store: string;
  schema_version: number;
  schema_latest: number;
  last_ingestion: { source: string; status: string; started_at: number } | null;
}

export interface Series {
  code: string;
  name: string;
  source: string;
  source_key: string | null;
  frequency: string | null;
  unit: string | null;
  country: string | null;
  category: string | null;
  release_lag_days: number | null;
  simulated: boolean;
  description: string | null;
}
export interface SeriesDetail extends Series {
  last_observation: string | null;
}
export interface SeriesPage {
  items: Series[];
  total: number;
  limit: number;
  offset: number;
}
export interface Observation {
  obs_date: string;
  value: number | null;
}
export interface Observations {
  code: string;
  simulated: boolean;
  as_of: string | null;
  observations: Observation[];
}
export interface Vintage {
  obs_date: string;
  available_at: string;
  value: number | null;
}
export interface Vintages {
  code: string;
  simulated: boolean;
  vintages: Vintage[];
}
export interface Lineage {
  code: string;
  simulated: boolean;
  derived: boolean;
  transform?: string;
  params?: Record<string, unknown>;
  computed_at?: number | null;
  inputs?: string[];
  used_by: string[];
}
export interface CurveSummary {
  code: string;
  first_date: string;
  last_date: string;
  dates: number;
}
export interface CurveNode {
  tenor_bd?: number;
  tenor_cd?: number;
  maturity?: string;
  zero_rate_pct: number;
  discount_factor: number;
}
export interface StandardTenor {
  tenor: string;
  tenor_bd?: number;
  tenor_cd?: number;
  zero_rate_pct: number;
  discount_factor: number;
  kind: 'vertex' | 'interpolated' | 'extrapolated';
}
export interface Curve {
  code: string;
  date: string;
  day_count: string;
  compounding: string;
  source: string;
  nodes: CurveNode[];
  standard_tenors: StandardTenor[];
}
export interface CurveHistory {
  code: string;
  history: { date: string; zero_rate_pct: number; discount_factor: number }[];
}
export interface IngestionRun {
  id: number;
  source: string;
  started_at: string | null;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed';
  rows_new: number;
  rows_unchanged: number;
  rows_revised: number;
  error: string | null;
}

export type Severity = 'info' | 'warning' | 'critical';
export type Worst = 'pass' | Severity;
export interface QualityRun {
  id: number;
  started_at: string;
  finished_at: string;
  score: number;
  checks: number;
  failing: number;
  critical: number;
}
export interface QualityReport {
  run: QualityRun;
  sources: { source: string; score: number; series: number; failing: number }[];
  series: { code: string; source: string; score: number; failing: number; worst: Worst }[];
}
export interface QualityFailing {
  run_id: number;
  results: {
    code: string;
    check: string;
    severity: Severity;
    message: string;
    value: number | null;
    threshold: number | null;
    checked_at: string;
  }[];
}
export interface SeriesQuality {
  code: string;
  results: {
    run_id: number;
    check: string;
    severity: Severity;
    status: 'pass' | 'fail';
    message: string;
    value: number | null;
    threshold: number | null;
    checked_at: string;
  }[];
}
export interface StreamEvent {
  id: number;
  kind: string;
  at: string;
  payload: Record<string, unknown>;
}
