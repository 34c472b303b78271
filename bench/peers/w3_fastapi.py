"""w3_fastapi.py - the W3 peer: a FastAPI application (on uvicorn) serving
GET /api/v1/series/{code}/observations?from=&to= from the same SQLite store as mf serve, with
the same JSON document, built by hand (string joins, not a pydantic model: the fast way).

Usage: python3 -m uvicorn --app-dir bench/peers w3_fastapi:app --port P  (MF_W3_DB=path)
"""
import datetime
import os
import sqlite3

from fastapi import FastAPI, Query, Response

DB = os.environ["MF_W3_DB"]
EPOCH = datetime.date(1970, 1, 1)
app = FastAPI()

# Point in time as mf reads it: per obs_date, the latest vintage known now.
SQL = ("SELECT obs_date, value FROM (SELECT obs_date, value, ROW_NUMBER() OVER "
       "(PARTITION BY obs_date ORDER BY available_at DESC) AS rn FROM observations "
       "WHERE series_id = ? AND obs_date BETWEEN ? AND ?) WHERE rn = 1 ORDER BY obs_date")


def day(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days


@app.get("/api/v1/series/{code}/observations")
def observations(code: str, from_: str = Query(None, alias="from"), to: str = None):
    con = sqlite3.connect(DB, check_same_thread=False)
    try:
        row = con.execute("SELECT id, simulated FROM series WHERE code = ?", (code,)).fetchone()
        if row is None:
            return Response(status_code=404)
        lo = day(from_) if from_ else -719162
        hi = day(to) if to else 2932896
        parts = []
        for d, v in con.execute(SQL, (row[0], lo, hi)):
            iso = (EPOCH + datetime.timedelta(days=d)).isoformat()
            parts.append('{"obs_date":"%s","value":%s}' % (iso, "null" if v is None else repr(v)))
        body = ('{"code":"%s","simulated":%s,"as_of":null,"observations":[%s]}'
                % (code, "true" if row[1] else "false", ",".join(parts)))
        return Response(content=body, media_type="application/json")
    finally:
        con.close()

