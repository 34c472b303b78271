// TimelineEvent.tsx - one entry of a timeline (event stream, decision journal): time, a
// coloured dot for its tone, a title and a monospace body. Timeline wraps a list of them and
// shows its empty state.
import type { ReactNode } from 'react';
import { fmtDateTime } from '../lib/format';
import type { Tone } from './SignalBadge';

export function TimelineEvent({ at, title, body, tone = 'info' }: { at: string | number; title: ReactNode; body?: ReactNode; tone?: Tone }) {
  return (
    <li className={`tl-event ${tone}`}>
      <time dateTime={typeof at === 'string' ? at : undefined}>{fmtDateTime(at)}</time>
      <span className="tl-dot" aria-hidden="true" />
      <div>
        <div className="tl-title">{title}</div>
        {body !== undefined && <div className="tl-body">{body}</div>}
      </div>
    </li>
  );
}

export function Timeline({ children, empty = 'Nothing yet' }: { children: ReactNode[]; empty?: ReactNode }) {
  if (children.length === 0) return <div className="state empty" data-state="empty">{empty}</div>;
  return <ol className="timeline">{children}</ol>;
}
