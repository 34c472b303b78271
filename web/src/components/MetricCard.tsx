// MetricCard.tsx - one headline number with its label and a sub-line (change, date); the
// value may be coloured by sign. Has loading, empty (value null) and error states.
import type { ReactNode } from 'react';
import { MISSING, signClass } from '../lib/format';

export interface MetricCardProps {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  /** colour the value by this number's sign (green up, red down) */
  signOf?: number | null;
  loading?: boolean;
  error?: string | null;
  accent?: boolean;
  title?: string;
}

export function MetricCard({ label, value, sub, signOf, loading, error, accent, title }: MetricCardProps) {
  let body: ReactNode;
  let state = 'ready';
  if (loading) {
    state = 'loading';
    body = <div className="skeleton" style={{ height: 26, width: '70%' }} aria-label="loading" />;
  } else if (error) {
    state = 'error';
    body = <div className="m-value neg" title={error}>ERR</div>;
  } else if (value === null || value === undefined || value === '' || value === MISSING) {
    state = 'empty';
    body = <div className="m-value faint">{MISSING}</div>;
  } else {
    body = <div className={`m-value ${signOf !== undefined ? signClass(signOf) : ''}`}>{value}</div>;
  }
  return (
    <div className={`metric${accent ? ' accent' : ''}`} data-state={state} title={title}>
      <div className="m-label">{label}</div>
      {body}
      {sub !== undefined && <div className={`m-sub ${error ? 'neg' : ''}`}>{error ?? sub}</div>}
    </div>
  );
}
