#!/usr/bin/env bash
# tests/integration/api_store_outage.sh - `mf serve` on a PostgreSQL store that goes away and
# comes back: a server of its own (scripts/pg-test-server in a temporary directory, so the
# test can stop it), filled by a real simulated backfill, served with an event stream open.
# PostgreSQL stops: every request gets 503 application/problem+json whose detail says the
# store is unavailable, at once. PostgreSQL starts again on the same port: the first request
# succeeds, without restarting mf serve; the event stream, open all along, gets the event of
# an ingestion run made after the store came back; SIGTERM with the stream open exits
# promptly (under 2 s).
# Usage: tests/integration/api_store_outage.sh PATH/TO/mf
# Exits 77 (ctest: skipped) only when no PostgreSQL server binaries are installed.
set -u
mf=$(realpath "${1:?usage: api_store_outage.sh PATH/TO/mf}")
scripts=$(cd "$(dirname "$0")/../../scripts" && pwd)
if [ -z "${PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "SKIP: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin; scripts/install-deps test)"
    exit 77
fi
work=$(mktemp -d)
pg=$(mktemp -d "${TMPDIR:-/tmp}/mf-pg.XXXXXX") # its own: the script hands it to the server's user
serve_pid= stream_pid=
cleanup() {
    [ -n "$stream_pid" ] && kill "$stream_pid" 2>/dev/null
    [ -n "$serve_pid" ] && kill -KILL "$serve_pid" 2>/dev/null
    "$scripts/pg-test-server" stop "$pg" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
# get PATH: sets CODE, TYPE and BODY (bounded to 10 s).
get() {
    local out
    out=$(curl -s -m 10 -o "$work/body" -w '%{http_code} %{content_type}' "$base$1")
    CODE=${out%% *}
    TYPE=${out#* }
    BODY=$(cat "$work/body" 2>/dev/null)
}

url=$("$scripts/pg-test-server" start "$pg") || {
    echo "FAIL: the PostgreSQL server did not start"
    exit 1
}
env -u MF_CONFIG "$mf" --db "$url" init >"$work/backfill1" 2>&1 &&
    env -u MF_CONFIG "$mf" --db "$url" backfill --source simulated --from 2024-01-01 \
        --to 2024-01-31 >>"$work/backfill1" 2>&1
check "backfill into PostgreSQL" $? "$(tail -3 "$work/backfill1")"

start_serve "$url" MF_SERVER_SSE_POLL_MS=100 MF_SERVER_SSE_HEARTBEAT_S=1

paths=(/api/v1/health /api/v1/series/SIM.BR.CDI_PCT/observations /api/v1/instruments/SIM.SPX/prices
    /api/v1/ingestion/runs)
for p in "${paths[@]}"; do
    get "$p"
    check "store up: $p" $([ "$CODE" = 200 ] && echo 0 || echo 1) "$CODE $BODY"
done
# parallel N PATH: N requests at once; prints their statuses, sorted and counted.
parallel() {
    seq "$1" | xargs -P "$1" -I{} curl -s -m 10 -o /dev/null -w '%{http_code}\n' "$base$2" |
        sort | uniq -c | tr -s ' ' | tr '\n' ' '
}
# Requests at once open several pooled connections (sequential ones reuse the first).
out=$(parallel 16 /api/v1/series/SIM.BR.CDI_PCT/observations)
check "16 at once with the store up" $([ "$out" = " 16 200 " ] && echo 0 || echo 1) "$out"
# The event stream stays open through the outage (live events only).
curl -sN -m 60 "$base/api/v1/events" >"$work/stream" 2>/dev/null &
stream_pid=$!
sleep 0.5

"$scripts/pg-test-server" halt "$pg"
check "PostgreSQL halted" $?
for p in "${paths[@]}" /api/v1/series /api/v1/events; do
    t0=$(date +%s%N)
    get "$p"
    ms=$((($(date +%s%N) - t0) / 1000000))
    ok=1
    [ "$CODE" = 503 ] && [[ $TYPE == application/problem+json* ]] &&
        [[ $BODY == *'"status":503'* ]] && [[ $BODY == *'the store is unavailable: '* ]] &&
        [ "$ms" -lt 5000 ] && ok=0
    check "store down: $p is a 503 problem at once" $ok "$CODE $TYPE ${ms} ms $BODY"
done
get /api/v1/health
check "store still down: 503" $([ "$CODE" = 503 ] && echo 0 || echo 1) "$CODE $BODY"

"$scripts/pg-test-server" resume "$pg"
check "PostgreSQL resumed" $?
# The pooled connections that did not meet the outage are broken too: none may show it.
for round in 1 2 3; do
    out=$(parallel 16 /api/v1/series/SIM.BR.CDI_PCT/observations)
    check "store back, round $round: 16 at once all 200" \
        $([ "$out" = " 16 200 " ] && echo 0 || echo 1) "$out"
done
for p in "${paths[@]}" "${paths[@]}" "${paths[@]}"; do
    get "$p"
    check "store back: $p answers without a restart" $([ "$CODE" = 200 ] && echo 0 || echo 1) \
        "$CODE $BODY"
done
get /api/v1/health
check "health reports the store" $([[ $BODY == *'"store":"postgresql"'* ]] && echo 0 || echo 1) "$BODY"

# A real ingestion run after the store came back reaches the stream that stayed open.
env -u MF_CONFIG "$mf" --db "$url" backfill --source simulated --from 2024-02-01 --to 2024-02-10 \
    >"$work/backfill2" 2>&1
check "backfill after the outage" $? "$(tail -3 "$work/backfill2")"
run_id=$(curl -s "$base/api/v1/ingestion/runs?limit=1" | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1)
found=1
for _ in $(seq 50); do
    if grep -q "^data: {\"id\":[0-9]*,\"kind\":\"ingestion\",.*\"payload\":{\"run_id\":$run_id," \
        "$work/stream"; then
        found=0
        break
    fi
    sleep 0.1
done
check "the stream got run $run_id's ingestion event" $found "$(cat "$work/stream")"
check "the stream began with retry" "$([ "$(head -1 "$work/stream")" = "retry: 3000" ] && echo 0 || echo 1)"

t0=$(date +%s%N)
kill -TERM "$serve_pid"
wait "$serve_pid"
status=$?
ms=$((($(date +%s%N) - t0) / 1000000))
serve_pid=
check "SIGTERM with a stream open: exit 0 in under 2 s" \
    $([ "$status" -eq 0 ] && [ "$ms" -lt 2000 ] && echo 0 || echo 1) "status $status, ${ms} ms"
wait "$stream_pid" 2>/dev/null
stream_pid=

echo "api_store_outage: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
