#!/usr/bin/env bash
# tests/demo/run.sh - smoke test of scripts/demo: against a temporary store with a short
# history (MF_DEMO_FROM: three years, enough for every derived series) and a free port it
# backfills the stand-in catalogue, computes every derived series (none skipped), serves the API (health, one stand-in series, the instruments
# flagged simulated), and is stopped; a second run only adds the missing days: 0 new rows for
# every series and instrument and none on or after MF_DEMO_FROM (the past is unchanged).
# Usage: tests/demo/run.sh PATH/TO/mf
set -euo pipefail
mf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL demo: $*"
    sed 's/^/  | /' "$work/out" | tail -30
    exit 1
}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export MF_DEMO_STORE=$work/demo.db MF_DEMO_PORT=$port MF_DEMO_FROM=$(date -u -d '-3 years' +%F)
api=http://127.0.0.1:$port/api/v1

# Starts the demo in the background and waits (at most 120 s) for /health.
start() {
    (cd "$work" && exec "$root/scripts/demo" "$mf") >"$work/out" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do
        curl -fsS "$api/health" >"$work/health" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || fail "scripts/demo stopped before serving"
        sleep 0.5
    done
    fail "no /health after 120 s"
}
stop() {
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
}

start
grep -q '"status":"ok"' "$work/health" || fail "health: $(cat "$work/health")"
grep -q '^backfill: .* 0 failed$' "$work/out" || fail "the backfill failed"
grep -q '^transform: .* 0 skipped$' "$work/out" || fail "a derived series was skipped"
grep -q "^Serving the UI on http://127.0.0.1:$port/ " "$work/out" || fail "the UI's URL is not printed"
# the curves of the pipeline: DI pre from the DI1 settlements, BRL real and breakeven from the
# NTN-B yields, the US ones from par yields
curl -fsS "$api/curves" >"$work/curves" || fail "GET curves"
for code in DI_PRE BRL_REAL BRL_BREAKEVEN UST_ZERO UST_TIPS_REAL UST_BREAKEVEN; do
    grep -q "\"code\":\"$code\"" "$work/curves" || fail "curve $code not built: $(head -c 300 "$work/curves")"
done
# the quality checks ran over everything stored (curves and derived series too): all clean
curl -fsS "$api/quality" >"$work/quality" || fail "GET quality"
grep -q '"scope":"all",.*"failing":0,"critical":0}' "$work/quality" || fail "quality: $(head -c 300 "$work/quality")"
curl -fsS "$api/series/SGS.432/observations" >"$work/selic" || fail "GET SGS.432 observations"
grep -q '"code":"SGS.432","simulated":true' "$work/selic" || fail "SGS.432: $(head -c 200 "$work/selic")"
grep -q '"value":' "$work/selic" || fail "SGS.432 has no observations"
curl -fsS "$api/instruments?asset_class=fx" >"$work/fx" || fail "GET instruments"
grep -q '"ticker":"YF.USDBRL"' "$work/fx" || fail "YF.USDBRL is not served"
python3 - "$work/fx" <<'PY' || fail "an instrument is not flagged simulated"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
sys.exit(0 if items and all(i["simulated"] is True for i in items) else 1)
PY
stop

# Rows dated on or after MF_DEMO_FROM (dates are days since 1970-01-01 in SQLite).
count_since() {
    python3 - "$MF_DEMO_STORE" "$MF_DEMO_FROM" <<'PY'
import datetime, sqlite3, sys
d = (datetime.date.fromisoformat(sys.argv[2]) - datetime.date(1970, 1, 1)).days
c = sqlite3.connect(sys.argv[1])
print(c.execute("select (select count(*) from observations where obs_date >= ?)"
                " + (select count(*) from market_prices where price_date >= ?)", (d, d)).fetchone()[0])
PY
}
before=$(count_since)

start # the same store again: only the days it lacks
grep -q '^ingest: .* 0 failed$' "$work/out" || fail "the second run failed: $(grep '^ingest:' "$work/out")"
# Every request adds 0 rows, except the standing DI1 and bond requests, whose revision overlap
# reaches back before MF_DEMO_FROM (days the short backfill never asked for): on and after
# MF_DEMO_FROM nothing is new.
if grep ' new, ' "$work/demo-ingest.log" | grep -v ' 0 new, ' | grep -Ev '^simulated (DI1|BONDS): '; then
    fail "the second run added rows to a series or instrument"
fi
after=$(count_since)
[ "$before" = "$after" ] || fail "the second run added rows on or after $MF_DEMO_FROM: $before -> $after"
stop
echo "demo: 2 runs passed"
