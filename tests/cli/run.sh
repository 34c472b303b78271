#!/usr/bin/env bash
# tests/cli/run.sh - drives the real `mf` binary: stdout, stderr and exit codes of each
# command, including usage errors. Expected values are worked out independently (ANBIMA's
# published holiday list for Brazilian du counts, ISDA and QuantLib for day counts).
# Usage: tests/cli/run.sh PATH/TO/mf
set -u
mf=${1:?usage: run.sh PATH/TO/mf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

# expect NAME STATUS STDOUT STDERR -- ARGS...: exact stdout; STDERR is a substring ("" = empty).
expect() {
    local name=$1 want_status=$2 want_out=$3 want_err=$4
    shift 5
    local out err status
    out=$(cd "$work" && env -u MF_LOG_LEVEL -u MF_CONFIG "$mf" "$@" 2>"$work/stderr")
    status=$?
    err=$(cat "$work/stderr")
    local ok=1
    [ "$status" -eq "$want_status" ] || ok=0
    [ "$out" == "$want_out" ] || ok=0
    if [ -z "$want_err" ]; then [ -z "$err" ] || ok=0; else [[ "$err" == *"$want_err"* ]] || ok=0; fi
    if [ $ok -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  args: %s\n  status %s (want %s)\n  stdout: %s\n  want:   %s\n  stderr: %s\n  want:   %s\n' \
            "$name" "$*" "$status" "$want_status" "$out" "$want_out" "$err" "$want_err"
    fi
}
# expect_lines NAME STATUS LINES STDERR -- ARGS...: stdout has exactly LINES lines.
expect_status() {
    local name=$1 want_status=$2 want_err=$3
    shift 4
    (cd "$work" && "$mf" "$@" >"$work/stdout" 2>"$work/stderr")
    local status=$?
    if [ "$status" -eq "$want_status" ] && [[ "$(cat "$work/stderr")" == *"$want_err"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  args: %s\n  status %s (want %s)\n  stderr: %s\n  want:   %s\n' \
            "$name" "$*" "$status" "$want_status" "$(cat "$work/stderr")" "$want_err"
    fi
}

for f in "$(dirname "$0")"/cases/*.sh; do
    # shellcheck source=/dev/null
    . "$f"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
