// events.tsx - the live event stream (GET /api/v1/events, Server-Sent Events). Exports
// EventStreamProvider (one EventSource for the whole app), useEventStream (its state:
// connecting | live | down, the reason when down, and the last events received) and
// handleStreamEvent (what an event invalidates: 'ingestion' -> runs, health, series;
// 'quality' -> every quality query). When the server's OpenAPI document does not list
// /api/v1/events the stream is 'down' with that reason, without a failing request.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { StreamEvent } from './api';
import { useCapabilities } from './queries';

export type StreamState = 'connecting' | 'live' | 'down';

export interface EventStreamValue {
  state: StreamState;
  reason: string | null;
  events: StreamEvent[];
}

const Ctx = createContext<EventStreamValue>({ state: 'connecting', reason: null, events: [] });

export const STREAM_KINDS = ['ingestion', 'quality', 'pipeline', 'risk', 'trade'] as const;

/** Invalidates the queries an event makes stale. */
export function handleStreamEvent(qc: QueryClient, kind: string): void {
  if (kind === 'ingestion') {
    void qc.invalidateQueries({ queryKey: ['ingestion'] });
    void qc.invalidateQueries({ queryKey: ['health'] });
    void qc.invalidateQueries({ queryKey: ['series'] });
  } else if (kind === 'quality') {
    void qc.invalidateQueries({ queryKey: ['quality'] });
  } else if (kind === 'pipeline') {
    void qc.invalidateQueries({ queryKey: ['curves'] });
    void qc.invalidateQueries({ queryKey: ['series'] });
  }
}

export function EventStreamProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const caps = useCapabilities();
  const [state, setState] = useState<StreamState>('connecting');
  const [reason, setReason] = useState<string | null>(null);
  const [events, setEvents] = useState<StreamEvent[]>([]);
  const lastId = useRef<number | null>(null);

  const served = caps.data ? caps.data.has('/api/v1/events') : null;

  useEffect(() => {
    if (caps.isError) {
      setState('down');
      setReason('the API is unreachable');
      return;
    }
    if (served === null) return;
    if (!served) {
      setState('down');
      setReason('this server does not serve /api/v1/events');
      return;
    }
    if (typeof EventSource === 'undefined') {
      setState('down');
      setReason('this browser has no EventSource');
      return;
    }
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let closed = false;
    const open = () => {
      setState('connecting');
      const url = lastId.current === null ? '/api/v1/events' : `/api/v1/events?after=${lastId.current}`;
      es = new EventSource(url);
      es.onopen = () => {
        setState('live');
        setReason(null);
      };
      es.onerror = () => {
        if (!es || es.readyState === EventSource.CLOSED) {
          // The browser gave up (e.g. a non-stream answer): retry ourselves in 5 s.
          setState('down');
          setReason('the event stream closed; retrying');
          es?.close();
          if (!closed) timer = setTimeout(open, 5000);
        } else {
          setState('connecting');
        }
      };
      const onEvent = (e: MessageEvent<string>) => {
        try {
          const ev = JSON.parse(e.data) as StreamEvent;
          if (typeof ev.id === 'number') lastId.current = ev.id;
          setEvents((prev) => [ev, ...prev].slice(0, 100));
          handleStreamEvent(qc, ev.kind ?? e.type);
        } catch {
          handleStreamEvent(qc, e.type);
        }
      };
      for (const k of STREAM_KINDS) es.addEventListener(k, onEvent as EventListener);
    };
    open();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      es?.close();
    };
  }, [served, caps.isError, qc]);

  const value = useMemo(() => ({ state, reason, events }), [state, reason, events]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useEventStream(): EventStreamValue {
  return useContext(Ctx);
}
