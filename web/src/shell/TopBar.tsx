// TopBar.tsx - the status line: the as-of date the screen shows (LATEST or a point in time,
// with a way back to latest), data freshness (the last ingestion run from /api/v1/health:
// source, status and age), the event stream's state, the store and the server's version.
import { useEffect, useState } from 'react';
import { useHealth } from '../lib/queries';
import { useEventStream } from '../lib/events';
import { useAsOf, todayUtc } from '../lib/asof';
import { fmtAge, fmtDateTime } from '../lib/format';
import { SignalBadge } from '../components/SignalBadge';

function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function TopBar() {
  const health = useHealth();
  const stream = useEventStream();
  const [asOf, setAsOf] = useAsOf();
  const now = useNow(15_000);
  const last = health.data?.last_ingestion ?? null;
  const ageH = last ? (now / 1000 - last.started_at) / 3600 : null;
  const stale = ageH !== null && ageH > 26;

  return (
    <header className="topbar" role="banner">
      <span className="item" data-testid="as-of">
        <span className="label">As of</span>
        {asOf ? (
          <>
            <span className="warn">{asOf}</span>
            <SignalBadge label="point in time" tone="warning" />
            <button style={{ height: 20, padding: '0 6px' }} onClick={() => setAsOf(null)}>latest</button>
          </>
        ) : (
          <span>{todayUtc()} <span className="dim">LATEST</span></span>
        )}
      </span>
      <span className="item" data-testid="freshness" title={last ? `started ${fmtDateTime(last.started_at)}` : undefined}>
        <span className="label">Data</span>
        {health.isPending ? (
          <span className="dim">…</span>
        ) : health.isError ? (
          <SignalBadge label="API down" tone="negative" />
        ) : last ? (
          <>
            <span>{last.source}</span>
            <SignalBadge label={last.status} />
            <span className={stale ? 'warn' : 'dim'}>{fmtAge(last.started_at, now)}</span>
          </>
        ) : (
          <span className="dim">no ingestion yet</span>
        )}
      </span>
      <span className="spacer" />
      <span className="item" data-testid="stream" data-stream={stream.state} title={stream.reason ?? 'GET /api/v1/events'}>
        <span className="label">Stream</span>
        <span className={`dot ${stream.state}`} aria-hidden="true" />
        <span>{stream.state.toUpperCase()}</span>
        {stream.state === 'down' && stream.reason?.includes('does not serve') && <span className="faint">not served</span>}
      </span>
      {health.data && (
        <span className="item dim">
          <span className="label">Store</span>
          {health.data.store} · v{health.data.version}
        </span>
      )}
    </header>
  );
}
