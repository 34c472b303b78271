// asof.tsx - the app-wide as-of date (point in time) shown in the top bar and used by the
// series page: null means "latest" (everything known now). Kept in the URL's `as_of` search
// parameter so a point-in-time view can be linked. Exports useAsOf() -> [asOf, setAsOf] and
// todayUtc().
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function useAsOf(): [string | null, (d: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('as_of');
  const asOf = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : null;
  const set = useCallback(
    (d: string | null) => {
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (d) n.set('as_of', d);
          else n.delete('as_of');
          return n;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [asOf, set];
}
