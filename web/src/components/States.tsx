// States.tsx - the loading, empty and error states every data-bound component shows, and
// QueryView, which picks one for a TanStack Query result (loading -> Loading, error -> ErrorState
// with the API problem's detail, empty data -> Empty, else the children's render).
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../lib/api';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export function Empty({ children = 'No data' }: { children?: ReactNode }) {
  return (
    <div className="state empty" data-state="empty">
      {children}
    </div>
  );
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.status}: ${err.detail}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

export function ErrorState({ error, title = 'Could not load' }: { error: unknown; title?: string }) {
  return (
    <div className="state error" role="alert" data-state="error">
      <div>
        <div>{title}</div>
        <div className="detail">{errorText(error)}</div>
      </div>
    </div>
  );
}

export function QueryView<T>({
  query,
  isEmpty,
  empty,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (d: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: (d: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} />;
  const d = query.data as T;
  if (isEmpty?.(d)) return <Empty>{empty}</Empty>;
  return <>{children(d)}</>;
}
