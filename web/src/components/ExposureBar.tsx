// ExposureBar.tsx - a signed exposure against a limit: a bar from the centre (green long,
// red short) scaled to max(|value|, limit), the limit marked in amber on both sides, and the
// value printed; amber text when over 80 % of the limit, red when over it.
import { fmtNumber } from '../lib/format';

export function ExposureBar({ label, value, limit, unit = '' }: { label: string; value: number; limit: number; unit?: string }) {
  const scale = Math.max(Math.abs(value), Math.abs(limit), 1e-12);
  const w = (Math.abs(value) / scale) * 50;
  const lim = (Math.abs(limit) / scale) * 50;
  const use = limit === 0 ? 0 : Math.abs(value) / Math.abs(limit);
  const cls = use > 1 ? 'neg' : use > 0.8 ? 'warn' : 'flat';
  return (
    <div className="exposure" role="meter" aria-label={label} aria-valuenow={value} aria-valuemax={limit}>
      <span className="dim">{label}</span>
      <div className="track">
        <div className="zero" />
        <div className={`fill ${value >= 0 ? 'pos' : 'neg'}`} style={value >= 0 ? { left: '50%', width: `${w}%` } : { right: '50%', width: `${w}%` }} />
        <div className="limit" style={{ left: `${50 + lim}%` }} />
        <div className="limit" style={{ left: `${50 - lim}%` }} />
      </div>
      <span className={`num ${cls}`} style={{ textAlign: 'right' }}>
        {fmtNumber(value, 1, { sign: true })}
        {unit}
      </span>
    </div>
  );
}
