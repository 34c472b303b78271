// format.ts - every number the UI shows goes through here: rates (% and bp), prices, P&L,
// counts, dates and ages. Exports fmtPct, fmtBp, fmtRateChangeBp, fmtPrice, fmtPnl,
// fmtNumber, fmtInt, fmtDate, fmtDateTime, fmtAge, signClass. A missing value (null,
// undefined, NaN, +-Infinity) prints as an em dash. Minus signs are U+2212 so that columns
// of tabular figures line up; thousands separators are commas, the decimal point a dot
// (the market convention of the desk, independent of the browser's locale).

export const MISSING = '\u2014';
const MINUS = '\u2212';

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Groups the integer digits of a non-negative decimal string in threes with commas. */
function group(digits: string): string {
  const [int = '', frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * A non-negative number rounded half up on its shortest decimal form (14.715 -> "14.72", where
 * toFixed gives "14.71" because the double is 14.71499...), padded to `dp` decimals.
 */
function roundHalfUp(a: number, dp: number): string {
  const shortest = String(a);
  if (shortest.includes('e')) return a.toFixed(dp);
  const r = Number(`${Math.round(Number(`${shortest}e${dp}`))}e-${dp}`);
  return Number.isFinite(r) ? r.toFixed(dp) : a.toFixed(dp);
}

/** A number with `dp` decimals and thousands separators; `sign` adds '+' to positives. */
export function fmtNumber(
  v: number | null | undefined,
  dp = 2,
  opts: { sign?: boolean; group?: boolean } = {},
): string {
  if (!finite(v)) return MISSING;
  const abs = roundHalfUp(Math.abs(v), dp);
  const isZero = Number(abs) === 0;
  const body = opts.group === false ? abs : group(abs);
  if (v < 0 && !isZero) return MINUS + body;
  if (opts.sign && !isZero) return '+' + body;
  return body;
}

/** An integer count with thousands separators: 753624 -> "753,624". */
export function fmtInt(v: number | null | undefined): string {
  return fmtNumber(finite(v) ? Math.round(v) : v, 0);
}

/**
 * A rate already in percent (the API's *_pct fields): 14.715 -> "14.72%".
 * dp defaults to 2; `sign` for changes.
 */
export function fmtPct(v: number | null | undefined, dp = 2, opts: { sign?: boolean } = {}): string {
  const s = fmtNumber(v, dp, opts);
  return s === MISSING ? s : s + '%';
}

/** A rate given as a decimal (0.1475) shown in percent: "14.75%". */
export function fmtPctFromDecimal(v: number | null | undefined, dp = 2): string {
  return fmtPct(finite(v) ? v * 100 : v, dp);
}

/** Basis points, a value already in bp: 12.5 -> "12.5 bp"; dp 1 by default. */
export function fmtBp(v: number | null | undefined, dp = 1, opts: { sign?: boolean } = {}): string {
  const s = fmtNumber(v, dp, opts);
  return s === MISSING ? s : `${s} bp`;
}

/** The change between two rates given in percent, in signed bp: (14.80, 14.72) -> "+8.0 bp". */
export function fmtRateChangeBp(
  nowPct: number | null | undefined,
  thenPct: number | null | undefined,
  dp = 1,
): string {
  if (!finite(nowPct) || !finite(thenPct)) return MISSING;
  return fmtBp((nowPct - thenPct) * 100, dp, { sign: true });
}

/** A price with its decimals (default 2) and thousands separators: 980.58076 -> "980.58". */
export function fmtPrice(v: number | null | undefined, dp = 2): string {
  return fmtNumber(v, dp);
}

/**
 * P&L: always signed, thousands separators, no decimals by default, an optional currency
 * prefix: (-1234567.8, 'BRL') -> "BRL −1,234,568"; 0 -> "0".
 */
export function fmtPnl(v: number | null | undefined, currency?: string, dp = 0): string {
  const s = fmtNumber(v, dp, { sign: true });
  if (s === MISSING) return s;
  return currency ? `${currency} ${s}` : s;
}

/** Compact magnitude for axes: 1234567 -> "1.23M", 0.0123 -> "0.0123". */
export function fmtCompact(v: number | null | undefined): string {
  if (!finite(v)) return MISSING;
  const a = Math.abs(v);
  const sign = v < 0 ? MINUS : '';
  if (a >= 1e9) return `${sign}${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${sign}${(a / 1e3).toFixed(1)}K`;
  if (a >= 100) return `${sign}${a.toFixed(0)}`;
  if (a >= 1) return `${sign}${a.toFixed(2)}`;
  if (a === 0) return '0';
  return `${sign}${Number(a.toPrecision(3))}`;
}

/** The CSS class of a signed quantity: 'pos' (green), 'neg' (red) or 'flat'. */
export function signClass(v: number | null | undefined): 'pos' | 'neg' | 'flat' {
  if (!finite(v) || v === 0) return 'flat';
  return v > 0 ? 'pos' : 'neg';
}

/** An ISO date or timestamp as YYYY-MM-DD; Unix seconds accepted. */
export function fmtDate(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return MISSING;
  if (typeof v === 'number') return new Date(v * 1000).toISOString().slice(0, 10);
  return v.slice(0, 10);
}

/** A timestamp (ISO or Unix seconds) as "YYYY-MM-DD HH:MM:SSZ" (always UTC). */
export function fmtDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return MISSING;
  const d = typeof v === 'number' ? new Date(v * 1000) : new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}

/** Age of a timestamp relative to `now`: "42s", "5m", "3h", "2d" ago. */
export function fmtAge(v: string | number | null | undefined, now: number = Date.now()): string {
  if (v === null || v === undefined || v === '') return MISSING;
  const t = typeof v === 'number' ? v * 1000 : Date.parse(v);
  if (Number.isNaN(t)) return MISSING;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

// A catalogue frequency code (D, W, M, Q, A) in words; other codes as given, null as MISSING.
const FREQ_NAMES: Record<string, string> = { D: 'daily', W: 'weekly', M: 'monthly', Q: 'quarterly', A: 'annual' };
export function fmtFrequency(code: string | null | undefined): string {
  if (!code) return MISSING;
  return FREQ_NAMES[code] ?? code;
}
