#!/usr/bin/env bash
# tests/integration/faults.sh - `mf import observations` into a SQLite file store under faults:
# a store locked by another process, a full disk (a file size limit), a store mf may only
# read, and the process killed (SIGKILL) in the middle of an import. Each must fail with one
# clear line and exit code 1, or die, and leave the store intact (PRAGMA integrity_check) with
# either none or all of the file in it.
# Usage: tests/integration/faults.sh PATH/TO/mf
# Needs sqlite3 and python3 (scripts/install-deps); runs mf as 'nobody' when run as root.
# Every wait is bounded (timeout, bounded polling); the whole script takes about 15 s.
set -u
mf=$(realpath "${1:?usage: faults.sh PATH/TO/mf}")
work=$(mktemp -d)
helper_pid=
cleanup() {
    [ -n "$helper_pid" ] && kill "$helper_pid" 2>/dev/null
    chmod -R u+rwX "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
H='series_code,obs_date,value,available_at'

# mf_on DB ARGS...: mf on the store DB, bounded to 60 s; sets OUT, ERR and STATUS.
mf_on() {
    local db=$1
    shift
    OUT=$(env -u MF_LOG_LEVEL -u MF_CONFIG timeout -s KILL 60 "$mf" --db "sqlite:$db" "$@" \
        2>"$work/stderr" </dev/null)
    STATUS=$?
    ERR=$(cat "$work/stderr")
}
summary() { printf '%s' "$1" | sed -E 's/; [0-9]+\.[0-9]{2} s$//'; }
counts() { sqlite3 "$1" 'SELECT (SELECT count(*) FROM series) || " series, " ||
                                (SELECT count(*) FROM observations) || " observations"'; }
integrity() { timeout 30 sqlite3 "$1" 'PRAGMA integrity_check'; }
content() {
    timeout 30 sqlite3 "$1" "SELECT s.code, o.obs_date, o.available_at, quote(o.value)
        FROM observations o JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3" | md5sum
}

# A small file and a big one (100 series x 3000 days, every 40th row revised once later).
printf '%s\n' "$H" BR_IPCA,2024-01-01,0.42,2024-02-08 BR_IPCA,2024-01-01,0.45,2024-03-08 \
    US_CPI,2024-01-01,308.417,2024-02-13 >"$work/small.csv"
python3 - "$work/big.csv" <<'EOF'
import datetime, sys
start = datetime.date(2012, 1, 2)
with open(sys.argv[1], "w") as f:
    f.write("series_code,obs_date,value,available_at\n")
    for s in range(100):
        for d in range(3000):
            day = start + datetime.timedelta(days=d)
            value = round(100 + s + (d * 7919 % 1000) / 100.0, 2)
            f.write(f"SIM_{s:03d},{day},{value},{day + datetime.timedelta(days=1)}\n")
            if d % 40 == 0:
                f.write(f"SIM_{s:03d},{day},{value + 0.25},{day + datetime.timedelta(days=30)}\n")
EOF
big_rows=$((100 * 3000 + 100 * 75))

# An initialised store with the small file in it.
new_store() {
    rm -f "$1" "$1-wal" "$1-shm"
    mf_on "$1" init --no-catalog >/dev/null
    mf_on "$1" import observations "$work/small.csv" >/dev/null
}

# ---- a store locked by another process ----------------------------------------------------------
# lock_store DB SECONDS: a python3 process takes the write lock of DB, holds it for SECONDS
# and exits; returns once the lock is taken. Its pid is helper_pid.
lock_store() {
    rm -f "$work/locked"
    python3 - "$1" "$work/locked" "$2" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")  # the write lock, held until this process ends
c.execute("INSERT INTO ingestion_runs (source, started_at, status) VALUES ('locker', 0, 'running')")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
EOF
    helper_pid=$!
    for _ in $(seq 100); do [ -e "$work/locked" ] && break; sleep 0.1; done
}
db=$work/locked.db
new_store "$db"
before=$(counts "$db")
lock_store "$db" 30
t0=$(date +%s%N)
mf_on "$db" import observations "$work/small.csv"
waited_ms=$((($(date +%s%N) - t0) / 1000000))
kill "$helper_pid" && wait "$helper_pid" 2>/dev/null
helper_pid=
[ "$STATUS" -eq 1 ]
check "locked store: the import fails with exit code 1" $? "status $STATUS"
[[ "$ERR" == "mf import: store 'sqlite:$db' is locked by another connection (waited 5000 ms) while "*"
mf import: nothing was imported" ]]
check "locked store: the message says the store is locked" $? "stderr: $ERR"
[ "$waited_ms" -ge 4500 ]
check "locked store: mf waited for the busy timeout before giving up" $? "waited $waited_ms ms"
[ "$(counts "$db")" == "$before" ] && [ "$(integrity "$db")" == ok ]
check "locked store: unchanged and intact" $? "$(counts "$db")"

lock_store "$db" 1
mf_on "$db" import observations "$work/small.csv"
wait "$helper_pid" 2>/dev/null
helper_pid=
[ "$STATUS" -eq 0 ] && [ "$(summary "$OUT")" == "imported $work/small.csv: 3 rows: 0 new, 0 revised, 3 unchanged, 0 skipped; 0 series created" ]
check "a lock released within the busy timeout: the import waits and succeeds" $? \
    "status $STATUS: $OUT $ERR"

# ---- a full disk: writes fail with EFBIG under a file size limit --------------------------------
db=$work/full.db
new_store "$db"
before=$(counts "$db")
OUT=$(cd "$work" && trap '' XFSZ && ulimit -f 1024 &&
    exec timeout -s KILL 60 "$mf" --db "sqlite:$db" import observations big.csv 2>"$work/stderr")
STATUS=$?
ERR=$(cat "$work/stderr")
[ "$STATUS" -eq 1 ]
check "full disk: the import fails with exit code 1" $? "status $STATUS: $ERR"
[[ "$ERR" == "mf import: "*"store 'sqlite:$db': cannot write its files ("*"disk full or over a file size limit?) while "*"
mf import: nothing was imported" ]]
check "full disk: the message says the store cannot be written" $? "stderr: $ERR"
[ "$(integrity "$db")" == ok ]
check "full disk: intact" $? "$(integrity "$db")"
[ "$(counts "$db")" == "$before" ]
check "full disk: unchanged" $? "$(counts "$db")"
mf_on "$db" import observations "$work/small.csv"
[ "$(summary "$OUT")" == "imported $work/small.csv: 3 rows: 0 new, 0 revised, 3 unchanged, 0 skipped; 0 series created" ]
check "full disk: the store works again once there is room" $? "status $STATUS: $OUT $ERR"

# ---- a store mf may only read -------------------------------------------------------------------
# As root, permission bits do not stop writes: run mf as 'nobody'.
ro=$work/ro
mkdir "$ro"
db=$ro/ro.db
new_store "$db"
cp "$work/small.csv" "$ro/"
before=$(counts "$db")
runner=$mf
if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$work" "$ro"
    chmod 644 "$db" "$ro/small.csv"
    as_reader() { runuser -u nobody -- "$@"; }
    if ! as_reader test -x "$mf"; then # a build tree nobody may enter: a copy it may run
        cp "$mf" "$ro/mf" && chmod 755 "$ro/mf" && runner=$ro/mf
    fi
    read_only_dir() { chmod 755 "$ro"; }
    writable_dir() { chmod 1777 "$ro"; }
else
    chmod 444 "$db"
    as_reader() { "$@"; }
    read_only_dir() { chmod 555 "$ro"; }
    writable_dir() { chmod 755 "$ro"; }
fi
ro_import() {
    OUT=$(as_reader env -u MF_LOG_LEVEL -u MF_CONFIG timeout -s KILL 60 "$runner" \
        --db "sqlite:$db" import observations "$ro/small.csv" 2>"$work/stderr" </dev/null)
    STATUS=$?
    ERR=$(cat "$work/stderr")
}
# The file and its directory read-only: SQLite cannot even make its shared-memory file.
read_only_dir
ro_import
[ "$STATUS" -eq 1 ]
check "read-only store: the import fails with exit code 1" $? "status $STATUS: $ERR"
[[ "$ERR" == "mf import: store 'sqlite:$db' is read-only ("*"check the permissions of the file and its directory) while "* ]]
check "read-only store: the message says the store is read-only" $? "stderr: $ERR"
[ "$(counts "$db")" == "$before" ]
check "read-only store: unchanged" $? "$(counts "$db")"
# Only the file read-only (the directory writable): the first write is refused.
writable_dir
ro_import
[ "$STATUS" -eq 1 ]
check "read-only file: the import fails with exit code 1" $? "status $STATUS: $ERR"
[[ "$ERR" == "mf import: store 'sqlite:$db' is read-only ("*"check the permissions of the file and its directory) while running 'INSERT INTO ingestion_runs"*"
mf import: nothing was imported" ]]
check "read-only file: the message says the store is read-only" $? "stderr: $ERR"
chmod 755 "$ro"
chmod 644 "$db"
[ "$(counts "$db")" == "$before" ] && [ "$(integrity "$db")" == ok ]
check "read-only file: unchanged and intact" $? "$(counts "$db")"

# ---- kill -9 in the middle of an import ----------------------------------------------------------
tpl=$work/empty.db
mf_on "$tpl" init --no-catalog >/dev/null # counts below assume no catalogue series
cp "$tpl" "$work/clean.db"
t0=$(date +%s%N)
mf_on "$work/clean.db" import observations "$work/big.csv"
clean_ms=$((($(date +%s%N) - t0) / 1000000))
clean=$(summary "$OUT")
clean_content=$(content "$work/clean.db")
[ "$STATUS" -eq 0 ] && [ "$clean" == "imported $work/big.csv: $big_rows rows: 300000 new, 7500 revised, 0 unchanged, 0 skipped; 100 series created" ]
check "a clean import of the big file" $? "status $STATUS: $OUT $ERR"
base=$(sqlite3 "$tpl" 'SELECT count(*) FROM series') # the catalogue's series (mf init)
none="$base series, 0 observations"
full="$((base + 100)) series, $big_rows observations"
RANDOM=$$
mid=0
for i in 1 2 3 4 5; do
    db=$work/killed$i.db
    cp "$tpl" "$db"
    # One kill at a random point of each fifth of 1.2 times the clean import's duration: the
    # last ones may land after the commit, while the WAL is checkpointed into the file.
    span=$((clean_ms * 6 / 25))
    delay_ms=$(((i - 1) * span + RANDOM % (span + 1)))
    env -u MF_LOG_LEVEL -u MF_CONFIG "$mf" --db "sqlite:$db" import observations "$work/big.csv" \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    ok=$(integrity "$db")
    after=$(counts "$db")
    [ "$ok" == ok ]
    check "kill -9 after ${delay_ms} ms: the store is intact" $? "$ok"
    [ "$after" == "$none" ] || [ "$after" == "$full" ]
    check "kill -9 after ${delay_ms} ms: none or all of the file" $? "$after"
    if [ "$after" == "$full" ]; then
        want="imported $work/big.csv: $big_rows rows: 0 new, 0 revised, $big_rows unchanged, 0 skipped; 0 series created"
    else
        want=$clean
        mid=$((mid + 1))
    fi
    mf_on "$db" import observations "$work/big.csv"
    [ "$STATUS" -eq 0 ] && [ "$(summary "$OUT")" == "$want" ]
    check "kill -9 after ${delay_ms} ms: importing again gives the counts of a clean import" $? \
        "status $STATUS: $OUT $ERR; want $want"
    [ "$(content "$db")" == "$clean_content" ]
    check "kill -9 after ${delay_ms} ms: then the store holds what a clean import stores" $?
done
echo "kill -9: $mid of 5 kills landed before the import committed (clean import: $clean_ms ms)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
