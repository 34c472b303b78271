// ApprovalButton.tsx - approve / reject with a confirmation step: the first click arms the
// action, the second (Confirm) calls onDecide; while it runs the buttons are disabled, and
// the decision (or the error) is shown afterwards. For the trade proposals of later pages.
import { useState } from 'react';

export type Decision = 'approved' | 'rejected';

export function ApprovalButton({
  onDecide,
  disabled,
  label = 'proposal',
}: {
  onDecide: (d: Decision) => Promise<void> | void;
  disabled?: boolean;
  label?: string;
}) {
  const [armed, setArmed] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (done) return <span className={`approval done ${done === 'approved' ? 'pos' : 'neg'}`}>{done.toUpperCase()}</span>;

  const confirm = async () => {
    if (!armed) return;
    setBusy(true);
    setError(null);
    try {
      await onDecide(armed);
      setDone(armed);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setArmed(null);
    }
  };

  return (
    <span className="approval">
      {armed ? (
        <>
          <button className="confirm" onClick={() => void confirm()} disabled={busy} aria-label={`confirm ${armed} ${label}`}>
            {busy ? '…' : `Confirm ${armed === 'approved' ? 'approve' : 'reject'}`}
          </button>
          <button onClick={() => setArmed(null)} disabled={busy}>Cancel</button>
        </>
      ) : (
        <>
          <button className="approve" onClick={() => setArmed('approved')} disabled={disabled} aria-label={`approve ${label}`}>Approve</button>
          <button className="reject" onClick={() => setArmed('rejected')} disabled={disabled} aria-label={`reject ${label}`}>Reject</button>
        </>
      )}
      {error && <span className="neg" role="alert">{error}</span>}
    </span>
  );
}
