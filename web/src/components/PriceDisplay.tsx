// PriceDisplay.tsx - a live number with its change: green when up, red when down against
// `previous`, and a brief flash (green or red background, --flash-ms) whenever `value`
// changes while on screen. `format` prints the value; the change prints in bp for rates
// (`changeUnit: 'bp'`, value in %) or as a signed number.
import { useEffect, useRef, useState } from 'react';
import { fmtNumber, fmtPrice, fmtRateChangeBp, MISSING, signClass } from '../lib/format';

export interface PriceDisplayProps {
  value: number | null | undefined;
  previous?: number | null;
  format?: (v: number | null | undefined) => string;
  changeUnit?: 'bp' | 'abs' | 'pct';
  dp?: number;
  /** print the change next to the value (default true); colouring and flash stay */
  showChange?: boolean;
}

export function PriceDisplay({ value, previous, format = (v) => fmtPrice(v), changeUnit = 'abs', dp = 2, showChange = true }: PriceDisplayProps) {
  const last = useRef<number | null | undefined>(value);
  const [flash, setFlash] = useState<'' | 'flash-up' | 'flash-down'>('');
  useEffect(() => {
    const before = last.current;
    last.current = value;
    if (typeof before === 'number' && typeof value === 'number' && before !== value) {
      setFlash(value > before ? 'flash-up' : 'flash-down');
      const t = setTimeout(() => setFlash(''), 900);
      return () => clearTimeout(t);
    }
    return undefined;
  }, [value]);

  const hasChange = typeof value === 'number' && typeof previous === 'number';
  const diff = hasChange ? value - previous : null;
  let chg = MISSING;
  if (hasChange) {
    if (changeUnit === 'bp') chg = fmtRateChangeBp(value, previous);
    else if (changeUnit === 'pct') chg = previous === 0 ? MISSING : `${fmtNumber(((value - previous) / Math.abs(previous)) * 100, 2, { sign: true })}%`;
    else chg = fmtNumber(diff, dp, { sign: true });
  }
  const cls = signClass(diff);
  return (
    <span className={`price ${flash}`} data-flash={flash || undefined} data-direction={cls}>
      <span className={`val ${cls}`}>{format(value)}</span>
      {showChange && previous !== undefined && <span className={`chg ${cls}`}>{chg}</span>}
    </span>
  );
}
