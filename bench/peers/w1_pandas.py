#!/usr/bin/python3
"""W1 peer: what a user would write instead of `mf import observations` - pandas reads the
CSV and sqlite3 appends the rows to the same schema (a store created by `mf init`): series
rows first, then observations with dates as day numbers, as mf stores them.

Usage: w1_pandas.py STORE.db obs.csv   -> prints "rows seconds"
"""
import sqlite3
import sys
import time

import pandas as pd


def main(db_path, csv_path):
    t0 = time.perf_counter()
    df = pd.read_csv(csv_path, dtype={"series_code": str, "value": float})
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    codes = df["series_code"].unique()
    con.executemany("INSERT INTO series (code, source, name) VALUES (?, 'user', ?)",
                    [(c, c) for c in codes])
    ids = dict(con.execute("SELECT code, id FROM series").fetchall())
    epoch = pd.Timestamp("1970-01-01")
    out = pd.DataFrame({
        "series_id": df["series_code"].map(ids),
        "obs_date": (pd.to_datetime(df["obs_date"]) - epoch).dt.days,
        "available_at": (pd.to_datetime(df["available_at"]) - epoch).dt.days,
        "value": df["value"],
        "ingested_at": int(time.time()),
    })
    out.to_sql("observations", con, if_exists="append", index=False, chunksize=100000)
    con.commit()
    con.close()
    print(len(out), "%.6f" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
