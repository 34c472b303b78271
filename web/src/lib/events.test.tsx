import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { EventStreamProvider, useEventStream } from './events';
import { stubFetch, FIX } from '../test/fixtures';

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  listeners: Record<string, ((e: MessageEvent) => void)[]> = {};
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(k: string, f: (e: MessageEvent) => void) {
    (this.listeners[k] ??= []).push(f);
  }
  close() {
    this.readyState = 2;
  }
  emit(kind: string, data: unknown) {
    for (const f of this.listeners[kind] ?? []) f(new MessageEvent(kind, { data: JSON.stringify(data) }));
  }
}

function Probe() {
  const s = useEventStream();
  return <div data-testid="probe" data-state={s.state}>{s.events.map((e) => e.kind).join(',')}</div>;
}

afterEach(() => vi.unstubAllGlobals());

describe('event stream', () => {
  it('goes live, records events and invalidates the ingestion queries', async () => {
    const openapi = FIX['/api/openapi.json'] as { paths: Record<string, unknown> };
    stubFetch({ '/api/openapi.json': { paths: { ...openapi.paths, '/api/v1/events': {} } } });
    vi.stubGlobal('EventSource', FakeEventSource);
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    render(<QueryClientProvider client={qc}><EventStreamProvider><Probe /></EventStreamProvider></QueryClientProvider>);
    await waitFor(() => expect(FakeEventSource.last).not.toBeNull());
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/v1/events');
    expect(screen.getByTestId('probe')).toHaveAttribute('data-state', 'connecting');
    act(() => { es.readyState = 1; es.onopen?.(); });
    expect(screen.getByTestId('probe')).toHaveAttribute('data-state', 'live');
    act(() => es.emit('ingestion', { id: 41, kind: 'ingestion', at: '2026-11-24T10:00:00Z', payload: { run_id: 12, status: 'succeeded' } }));
    expect(screen.getByTestId('probe')).toHaveTextContent('ingestion');
    expect(spy.mock.calls.map((c) => c[0]?.queryKey?.[0])).toContain('ingestion');
    // the browser gives up: down, then a reconnect that resumes after the last id
    vi.useFakeTimers();
    act(() => { es.readyState = 2; es.onerror?.(); });
    expect(screen.getByTestId('probe')).toHaveAttribute('data-state', 'down');
    act(() => { vi.advanceTimersByTime(5000); });
    expect(FakeEventSource.last!.url).toBe('/api/v1/events?after=41');
    vi.useRealTimers();
  });
});
