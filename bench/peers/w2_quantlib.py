#!/usr/bin/python3
"""W2 peer and oracle: the DI zero curves of every date of a di1.csv with QuantLib, written
the fast way: the Brazilian calendar's business days precomputed once (a list and a prefix
count, so du is two lookups), then per date a DiscountCurve (LogLinear = flat-forward) on
Business252 with the vertices' discount factors, queried at the W2 tenors.

The calendar is QuantLib's Brazil(Settlement) plus 20 November from 2024 (national holiday
by Law 14.759/2023, which QuantLib 1.29 lacks).

Usage: w2_quantlib.py di1.csv zeros.csv   -> prints "curves seconds"
"""
import bisect
import datetime as dt
import sys
import time

import QuantLib as ql

TENORS = [1, 21, 42, 63, 126, 252, 378, 504, 756, 1008, 1260, 2520]


def main(inp, outp):
    cal = ql.Brazil(ql.Brazil.Settlement)
    for y in range(2024, 2100):
        cal.addHoliday(ql.Date(20, 11, y))
    rows = [line.rstrip("\n").split(",") for line in open(inp)][1:]
    t0 = time.perf_counter()
    # business days once: ordinal -> index in the business-day list
    first, last = dt.date(2009, 1, 1), dt.date(2080, 12, 31)
    bdays = []
    d = first
    while d <= last:
        if cal.isBusinessDay(ql.Date(d.day, d.month, d.year)):
            bdays.append(d.toordinal())
        d += dt.timedelta(days=1)

    def du(a, b):
        return bisect.bisect_left(bdays, b) - bisect.bisect_left(bdays, a)

    dc = ql.Business252(cal)
    out = open(outp, "w")
    out.write("date,tenor_bd,zero_rate,discount_factor\n")
    curves = 0
    i = 0
    while i < len(rows):
        day = rows[i][0]
        j = i
        while j < len(rows) and rows[j][0] == day:
            j += 1
        d0 = dt.date.fromisoformat(day)
        qd0 = ql.Date(d0.day, d0.month, d0.year)
        dates, dfs = [qd0], [1.0]
        for r in rows[i:j]:
            m = dt.date.fromisoformat(r[2])
            n = du(d0.toordinal(), m.toordinal())
            dates.append(ql.Date(m.day, m.month, m.year))
            dfs.append((1.0 + float(r[3]) / 100.0) ** (-n / 252.0))
        curve = ql.DiscountCurve(dates, dfs, dc, cal)
        curve.enableExtrapolation()
        for t in TENORS:
            df = curve.discount(t / 252.0)
            out.write("%s,%d,%.15g,%.17g\n" % (day, t, (df ** (-252.0 / t) - 1.0) * 100.0, df))
        curves += 1
        i = j
    out.close()
    print(curves, "%.6f" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
