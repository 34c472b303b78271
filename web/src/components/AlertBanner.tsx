// AlertBanner.tsx - a page-level message: info (blue), warning (amber) or critical (red),
// a title, a body and an optional dismiss button.
import { useState, type ReactNode } from 'react';

export function AlertBanner({
  severity = 'info',
  title,
  children,
  dismissible,
}: {
  severity?: 'info' | 'warning' | 'critical';
  title: ReactNode;
  children?: ReactNode;
  dismissible?: boolean;
}) {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <div className={`alert ${severity}`} role={severity === 'info' ? 'status' : 'alert'}>
      <div>
        <div className="a-title">{title}</div>
        {children && <div>{children}</div>}
      </div>
      {dismissible && (
        <button className="a-close" aria-label="dismiss" onClick={() => setOpen(false)}>
          ×
        </button>
      )}
    </div>
  );
}
