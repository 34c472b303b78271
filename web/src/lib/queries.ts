// queries.ts - the TanStack Query hooks of every API read, with their cache keys. Keys start
// with the resource name ('health', 'series', 'curves', 'ingestion', 'quality') so the event
// stream can invalidate a whole family (see events.tsx). Exports one use* hook per endpoint,
// useCapabilities (the API paths the server documents, from /api/openapi.json) and
// makeQueryClient (the app's defaults: 30 s fresh, refetch on focus, one retry, none on 4xx).
import { QueryClient, keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  API, ApiError, apiGet,
  type Curve, type CurveHistory, type CurveSummary, type Health, type IngestionRun, type Lineage,
  type Observations, type QualityFailing, type QualityReport, type QualityRun, type SeriesDetail, type SeriesPage,
  type SeriesQuality, type Vintages,
} from './api';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 1,
      },
    },
  });
}

/** The API paths the server documents: lets the UI say "not available" without probing. */
export function useCapabilities() {
  return useQuery({
    queryKey: ['openapi'],
    queryFn: ({ signal }) =>
      apiGet<{ paths: Record<string, unknown> }>('/api/openapi.json', {}, signal).then(
        (d) => new Set(Object.keys(d.paths ?? {})),
      ),
    staleTime: Infinity,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiGet<Health>(`${API}/health`, {}, signal),
    refetchInterval: 60_000,
  });
}

export interface SeriesFilter {
  q?: string;
  source?: string;
  country?: string;
  category?: string;
  frequency?: string;
  limit: number;
  offset: number;
}

export function useSeriesList(f: SeriesFilter) {
  return useQuery({
    queryKey: ['series', 'list', f],
    queryFn: ({ signal }) => apiGet<SeriesPage>(`${API}/series`, { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every series of the catalogue (up to 5,000, in pages of 1,000) for the facet lists. */
export function useSeriesFacets() {
  return useQuery({
    queryKey: ['series', 'facets'],
    queryFn: async ({ signal }) => {
      const first = await apiGet<SeriesPage>(`${API}/series`, { limit: 1000 }, signal);
      const items = [...first.items];
      for (let off = 1000; off < Math.min(first.total, 5000); off += 1000) {
        const p = await apiGet<SeriesPage>(`${API}/series`, { limit: 1000, offset: off }, signal);
        items.push(...p.items);
      }
      const uniq = (k: 'source' | 'country' | 'category' | 'frequency') =>
        [...new Set(items.map((s) => s[k]).filter((v): v is string => !!v))].sort();
      return {
        source: uniq('source'),
        country: uniq('country'),
        category: uniq('category'),
        frequency: uniq('frequency'),
      };
    },
    staleTime: 5 * 60_000,
  });
}

export function useSeries(code: string) {
  return useQuery({
    queryKey: ['series', 'one', code],
    queryFn: ({ signal }) => apiGet<SeriesDetail>(`${API}/series/${encodeURIComponent(code)}`, {}, signal),
  });
}

export function useObservations(code: string, asOf: string | null, from?: string) {
  return useQuery({
    queryKey: ['series', 'obs', code, asOf, from ?? null],
    queryFn: ({ signal }) =>
      apiGet<Observations>(
        `${API}/series/${encodeURIComponent(code)}/observations`,
        { as_of: asOf, from },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useVintages(code: string) {
  return useQuery({
    queryKey: ['series', 'vintages', code],
    queryFn: ({ signal }) =>
      apiGet<Vintages>(`${API}/series/${encodeURIComponent(code)}/observations`, { vintages: true }, signal),
  });
}

export function useLineage(code: string) {
  return useQuery({
    queryKey: ['series', 'lineage', code],
    queryFn: ({ signal }) => apiGet<Lineage>(`${API}/series/${encodeURIComponent(code)}/lineage`, {}, signal),
  });
}

export function useSeriesQuality(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'series', code],
    queryFn: ({ signal }) =>
      apiGet<SeriesQuality>(`${API}/series/${encodeURIComponent(code)}/quality`, { limit: 100 }, signal),
    enabled,
  });
}

export function useCurves() {
  return useQuery({
    queryKey: ['curves', 'list'],
    queryFn: ({ signal }) => apiGet<{ items: CurveSummary[] }>(`${API}/curves`, {}, signal),
  });
}

export function useCurve(code: string | null, date: string | null) {
  return useQuery({
    queryKey: ['curves', 'one', code, date],
    queryFn: ({ signal }) => apiGet<Curve>(`${API}/curves/${encodeURIComponent(code ?? '')}`, { date }, signal),
    enabled: !!code && !!date,
    placeholderData: keepPreviousData,
  });
}

export function useCurveHistory(code: string | null, tenor: { tenor_bd?: number; tenor_days?: number } | null) {
  return useQuery({
    queryKey: ['curves', 'history', code, tenor],
    queryFn: ({ signal }) =>
      apiGet<CurveHistory>(`${API}/curves/${encodeURIComponent(code ?? '')}/history`, { ...tenor }, signal),
    enabled: !!code && !!tenor,
    placeholderData: keepPreviousData,
  });
}

export function useIngestionRuns(limit = 50) {
  return useQuery({
    queryKey: ['ingestion', 'runs', limit],
    queryFn: ({ signal }) => apiGet<{ items: IngestionRun[] }>(`${API}/ingestion/runs`, { limit }, signal),
    refetchInterval: 60_000,
  });
}

export function useQualityReport(enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'report'],
    queryFn: ({ signal }) => apiGet<QualityReport>(`${API}/quality`, {}, signal),
    enabled,
  });
}

export function useQualityFailing(severity: string, enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'failing', severity],
    queryFn: ({ signal }) => apiGet<QualityFailing>(`${API}/quality/failing`, { severity }, signal),
    enabled,
  });
}

export function useQualityRuns(limit: number, enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'runs', limit],
    queryFn: ({ signal }) => apiGet<{ runs: QualityRun[] }>(`${API}/quality/runs`, { limit }, signal),
    enabled,
  });
}

// Why an endpoint that answered 404 has nothing to show: a server that does not document
// `path` in /api/openapi.json does not serve it (yet); one that does has nothing stored yet
// (the quality endpoints answer 404 before the first run). null: not a 404 (a real error).
// The endpoints are asked either way, so a server that serves one without documenting it
// still shows its data.
export function notServedReason(error: unknown, documented: boolean, path: string, stored = 'nothing stored yet'): string | null {
  if (!(error instanceof ApiError) || error.status !== 404) return null;
  return documented ? `${stored} (${error.detail})` : `this server does not serve ${path} yet`;
}
