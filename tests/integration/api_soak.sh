#!/usr/bin/env bash
# tests/integration/api_soak.sh - `mf serve` under `wrk -c 512` for 30 s (MF_SOAK_SECONDS):
# every request is answered (no socket error: connect, read, write or timeout; no status other
# than 2xx) across a rotation of read endpoints (health, catalogue, observations in JSON and
# CSV, point in time, vintages, instruments and prices, curves list, runs, metrics, OpenAPI;
# some gzipped), on a SQLite store filled by a simulated backfill; and the server's resident
# memory (VmRSS, /proc) returns to its baseline afterwards.
#
# Baseline: VmRSS after a 5 s warm-up at the same 512 connections (thread stacks, store
# connections, statement caches, malloc arenas and libmicrohttpd's per-connection pools exist
# by then), once the connections have closed. Tolerance: 8 MiB over the baseline (on 2 cores
# the release run answers about 66,000 requests, so a leak of 128 bytes a request, about
# 8 MiB, fails it; measured growth is under 1 MiB; glibc keeps freed memory in its arenas,
# which the warm-up has already grown to the load's size).
# Under the sanitizer build (detected by libasan in the binary) the server runs with a 16 MiB
# quarantine, the tolerance is 32 MiB (ASan keeps freed blocks in the quarantine and its own
# allocator's pools), and LeakSanitizer checks at exit after SIGTERM (exit status 0 required).
# Usage: tests/integration/api_soak.sh PATH/TO/mf        Needs wrk (scripts/install-deps test).
set -u
mf=$(realpath "${1:?usage: api_soak.sh PATH/TO/mf}")
seconds=${MF_SOAK_SECONDS:-30}
command -v wrk >/dev/null || {
    echo "FAIL: wrk is not installed (scripts/install-deps test installs it)"
    exit 1
}
work=$(mktemp -d)
serve_pid= sampler_pid=
cleanup() {
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
    [ -n "$serve_pid" ] && kill -KILL "$serve_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
asan=0
tolerance_kib=$((8 * 1024))
if ldd "$mf" 2>/dev/null | grep -q libasan; then
    asan=1
    tolerance_kib=$((32 * 1024))
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:quarantine_size_mb=16"
fi

db=sqlite:$work/soak.db
env -u MF_CONFIG "$mf" --db "$db" init >"$work/fill" 2>&1 &&
    env -u MF_CONFIG "$mf" --db "$db" backfill --source simulated --from 2023-01-01 \
        --to 2024-06-30 >>"$work/fill" 2>&1
check "simulated backfill" $? "$(tail -3 "$work/fill")"

start_serve "$db" MF_LOG_LEVEL=warn
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$serve_pid/status"; }
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$serve_pid/status"; }

cat >"$work/paths.lua" <<'EOF'
-- A rotation of read endpoints; every third request asks for gzip.
local paths = {
    "/api/v1/health",
    "/api/v1/series?limit=50",
    "/api/v1/series?q=cdi&source=simulated",
    "/api/v1/series/SIM.BR.CDI_PCT",
    "/api/v1/series/SIM.BR.CDI_PCT/observations",
    "/api/v1/series/SIM.BR.CDI_PCT/observations?format=csv",
    "/api/v1/series/SIM.BR.CDI_PCT/observations?as_of=2024-01-31&from=2023-06-01",
    "/api/v1/series/SIM.BR.CDI_PCT/observations?vintages=true&from=2024-01-01",
    "/api/v1/series/SIM.BR.CDI_PCT/lineage",
    "/api/v1/instruments",
    "/api/v1/instruments/SIM.SPX",
    "/api/v1/instruments/SIM.SPX/prices",
    "/api/v1/instruments/SIM.SPX/prices?format=csv&as_of=2024-03-01",
    "/api/v1/curves",
    "/api/v1/ingestion/runs",
    "/api/v1/metrics",
    "/api/openapi.json",
}
local n = 0
request = function()
    n = n + 1
    local headers = {}
    if n % 3 == 0 then headers["Accept-Encoding"] = "gzip" end
    return wrk.format("GET", paths[(n % #paths) + 1], headers)
end
EOF
# Every path answers 200 before the load.
for p in $(sed -n 's/^ *"\(\/api[^"]*\)",$/\1/p' "$work/paths.lua"); do
    code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base$p")
    check "$p answers 200" $([ "$code" = 200 ] && echo 0 || echo 1) "$code"
done

# wrk's summary: no socket errors, no non-2xx, some requests.
judge() { # NAME FILE
    local requests
    requests=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$2")
    ! grep -q "Socket errors\|Non-2xx" "$2" && [ "${requests:-0}" -gt 0 ]
    check "$1: every request answered" $? "$(cat "$2")"
}
wrk -t2 -c512 -d5s --timeout 10s -s "$work/paths.lua" "$base" >"$work/warm.txt" 2>&1
judge "warm-up (5 s, 512 connections)" "$work/warm.txt"
sleep 2
before=$(rss)

# The soak, sampling VmRSS every half second.
(while sleep 0.5; do rss; done >"$work/rss.txt" 2>/dev/null) &
sampler_pid=$!
wrk -t2 -c512 -d"${seconds}s" --timeout 10s --latency -s "$work/paths.lua" "$base" \
    >"$work/soak.txt" 2>&1
judge "soak (${seconds} s, 512 connections)" "$work/soak.txt"
kill "$sampler_pid" 2>/dev/null
wait "$sampler_pid" 2>/dev/null
sampler_pid=
sleep 2
after=$(rss)
peak=$(sort -n "$work/rss.txt" | tail -1)
requests=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$work/soak.txt")
rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/soak.txt")
p99=$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$work/soak.txt")
echo "api_soak: $requests requests in ${seconds} s ($rps/s, p99 $p99); VmRSS baseline $before KiB," \
    "peak ${peak:-?} KiB (VmHWM $(hwm) KiB), after $after KiB; tolerance $tolerance_kib KiB;" \
    "$([ $asan = 1 ] && echo "AddressSanitizer build" || echo "release build")"
check "VmRSS back to its baseline (+$tolerance_kib KiB)" \
    $([ "$after" -le $((before + tolerance_kib)) ] && echo 0 || echo 1) \
    "baseline $before KiB, after $after KiB"
out=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base/api/v1/health")
check "still answering after the soak" $([ "$out" = 200 ] && echo 0 || echo 1) "$out"

kill -TERM "$serve_pid"
wait "$serve_pid"
status=$?
serve_pid=
check "SIGTERM: exit 0$([ $asan = 1 ] && echo ", LeakSanitizer clean")" "$status" \
    "status $status: $(grep -A20 "ERROR: LeakSanitizer\|ERROR: AddressSanitizer" "$work/serve.err" | head -40)"

echo "api_soak: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
