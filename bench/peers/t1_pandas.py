#!/usr/bin/python3
"""T1 peer and check: the daily transforms of bench/t1_derived.py computed by pandas over the
same observations (the values as finally known; the daily series of the generator are never
revised, so these are also the values mf publishes), timed over the computation only (the
CSV read and the pivot excluded), then compared with what `mf transform run` stored: every
series' value at its last date, read from the store with sqlite3.

Usage: t1_pandas.py obs.csv STORE.db -> prints "seconds series compared largest_rel_diff"
"""
import math
import sqlite3
import sys
import time

import numpy as np
import pandas as pd


def main(csv_path, db_path):
    df = pd.read_csv(csv_path, dtype={"series_code": str, "value": float})
    df = df[df["series_code"].str.match(r"SIM_(IDX|FX|RATE)_")]
    df = df.drop_duplicates(["series_code", "obs_date"], keep="last")
    wide = {c: g.set_index("obs_date")["value"] for c, g in df.groupby("series_code")}
    rates = sorted(c for c in wide if c.startswith("SIM_RATE_"))
    t0 = time.perf_counter()
    out = {}
    for c, x in wide.items():
        if c.startswith("SIM_IDX_") or c.startswith("SIM_FX_"):
            r = np.log(x / x.shift(1))
            out[f"T1.{c}.RET"] = r
            out[f"T1.{c}.EWMA"] = np.sqrt((r ** 2).ewm(alpha=0.06, adjust=False,
                                                      ignore_na=True).mean() * 252)
        if c.startswith("SIM_IDX_"):
            out[f"T1.{c}.VOL21"] = r.rolling(21).std() * math.sqrt(252)
            roll = x.rolling(252, min_periods=63)
            out[f"T1.{c}.Z252"] = (x - roll.mean()) / roll.std()
            out[f"T1.{c}.RANK252"] = x.rolling(252, min_periods=63).rank(pct=True)
            out[f"T1.{c}.DD"] = x / x.cummax() - 1
        if c.startswith("SIM_FX_"):
            out[f"T1.{c}.RV21"] = np.sqrt((r ** 2).rolling(21).mean() * 252)
        if c.startswith("SIM_RATE_"):
            roll = x.rolling(252, min_periods=63)
            out[f"T1.{c}.Z252"] = (x - roll.mean()) / roll.std()
            out[f"T1.{c}.RANK252"] = x.rolling(252, min_periods=63).rank(pct=True)
            if c != rates[0]:
                out[f"T1.{c}.SPREAD"] = x - wide[rates[0]].reindex(x.index).ffill()
    secs = time.perf_counter() - t0
    con = sqlite3.connect(db_path)
    stored = {}
    for code, d, v in con.execute(
            "SELECT s.code, o.obs_date, o.value FROM observations o JOIN series s "
            "ON s.id = o.series_id WHERE s.code LIKE 'T1.%' "
            "ORDER BY s.code, o.obs_date, o.available_at"):
        stored[code] = (d, v)  # the last date's latest vintage
    worst, compared = 0.0, 0
    epoch = pd.Timestamp("1970-01-01")
    for code, s in out.items():
        s = s.dropna()
        if code not in stored:
            sys.exit(f"T1: mf stored nothing for {code}")
        d, v = stored[code]
        want_d = (pd.Timestamp(s.index[-1]) - epoch).days
        if d != want_d:
            sys.exit(f"T1: {code}: last date {d}, pandas {want_d}")
        want = float(s.iloc[-1])
        worst = max(worst, abs(v - want) / max(1.0, abs(want)))
        compared += 1
    if worst > 1e-9:
        sys.exit(f"T1: mf differs from pandas by {worst:.3g} (relative)")
    print(f"{secs:.3f} {compared} {worst:.2g}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
