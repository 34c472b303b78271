import { describe, expect, it } from 'vitest';
import {
  fmtAge, fmtBp, fmtCompact, fmtDate, fmtDateTime, fmtFrequency, fmtInt, fmtNumber, fmtPct, fmtPctFromDecimal,
  fmtPnl, fmtPrice, fmtRateChangeBp, MISSING, signClass,
} from './format';

const M = '\u2212';

describe('rates', () => {
  it('prints percent rates with two decimals', () => {
    expect(fmtPct(14.715)).toBe('14.72%');
    expect(fmtPct(0.25)).toBe('0.25%');
    expect(fmtPct(14.7153, 3)).toBe('14.715%');
    expect(fmtPct(-0.5)).toBe(`${M}0.50%`);
    expect(fmtPct(0.1, 2, { sign: true })).toBe('+0.10%');
  });
  it('converts decimals to percent', () => {
    expect(fmtPctFromDecimal(0.1475)).toBe('14.75%');
  });
  it('prints basis points', () => {
    expect(fmtBp(12.5)).toBe('12.5 bp');
    expect(fmtBp(-3, 0)).toBe(`${M}3 bp`);
    expect(fmtBp(1250, 0)).toBe('1,250 bp');
  });
  it('prints a change of two percent rates in signed bp', () => {
    expect(fmtRateChangeBp(14.8, 14.72)).toBe('+8.0 bp');
    expect(fmtRateChangeBp(14.7, 14.72)).toBe(`${M}2.0 bp`);
    expect(fmtRateChangeBp(14.72, 14.72)).toBe('0.0 bp');
    expect(fmtRateChangeBp(null, 14.72)).toBe(MISSING);
  });
});

describe('prices and P&L', () => {
  it('prints prices with thousands separators', () => {
    expect(fmtPrice(980.58076)).toBe('980.58');
    expect(fmtPrice(4321.1234, 4)).toBe('4,321.1234');
    expect(fmtPrice(125000)).toBe('125,000.00');
  });
  it('signs P&L and groups thousands', () => {
    expect(fmtPnl(1234567.8)).toBe('+1,234,568');
    expect(fmtPnl(-1234567.8, 'BRL')).toBe(`BRL ${M}1,234,568`);
    expect(fmtPnl(0)).toBe('0');
    expect(fmtPnl(-0.4)).toBe('0');
    expect(fmtPnl(-12.345, 'USD', 2)).toBe(`USD ${M}12.35`);
  });
  it('never prints a negative zero', () => {
    expect(fmtNumber(-0.0001, 2)).toBe('0.00');
  });
  it('prints counts', () => {
    expect(fmtInt(753624)).toBe('753,624');
    expect(fmtInt(999)).toBe('999');
  });
  it('prints missing values as a dash', () => {
    for (const v of [null, undefined, NaN, Infinity]) {
      expect(fmtPct(v)).toBe(MISSING);
      expect(fmtPrice(v)).toBe(MISSING);
      expect(fmtPnl(v)).toBe(MISSING);
    }
  });
  it('compacts magnitudes for axes', () => {
    expect(fmtCompact(1234567)).toBe('1.23M');
    expect(fmtCompact(-25000)).toBe(`${M}25.0K`);
    expect(fmtCompact(14.72)).toBe('14.72');
    expect(fmtCompact(0.01234)).toBe('0.0123');
  });
  it('classifies signs', () => {
    expect(signClass(1)).toBe('pos');
    expect(signClass(-1)).toBe('neg');
    expect(signClass(0)).toBe('flat');
    expect(signClass(null)).toBe('flat');
  });
});

describe('dates', () => {
  it('prints dates and UTC timestamps', () => {
    expect(fmtDate('2026-11-24T10:00:00Z')).toBe('2026-11-24');
    expect(fmtDate(0)).toBe('1970-01-01');
    expect(fmtDateTime('2026-11-24T10:00:00Z')).toBe('2026-11-24 10:00:00Z');
    expect(fmtDateTime(1_700_000_000)).toBe('2023-11-14 22:13:20Z');
  });
  it('prints ages', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(fmtAge('2026-11-24T09:59:30Z', now)).toBe('30s ago');
    expect(fmtAge('2026-11-24T07:00:00Z', now)).toBe('3h ago');
    expect(fmtAge(now / 1000 - 2 * 86400, now)).toBe('2d ago');
  });
});

describe('catalogue words', () => {
  it('names frequencies', () => {
    expect(fmtFrequency('D')).toBe('daily');
    expect(fmtFrequency('M')).toBe('monthly');
    expect(fmtFrequency('X')).toBe('X');
    expect(fmtFrequency(null)).toBe(MISSING);
  });
});
