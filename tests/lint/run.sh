#!/usr/bin/env bash
# tests/lint/run.sh - the project's own lint scripts catch what they exist to catch: a tree
# with one violation of each kind must be reported line by line, and a clean tree passes.
set -u
scripts=$(cd "$(dirname "$0")/../../scripts" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
check() { # name, expected status, expected output substring, command...
    local name=$1 want=$2 text=$3
    shift 3
    out=$("$@" 2>&1)
    status=$?
    if [ "$status" -eq "$want" ] && [[ "$out" == *"$text"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: status $status (want $want), output: $out"
    fi
}

mkdir -p "$work/src/core/calendars" "$work/src/store" "$work/src/cli" "$work/src/web"
cd "$work"
printf '#include "core/calendars/calendar_int.h"\n' >src/core/calendar.c
printf 'int main(void) { printf("ok"); exit(0); }\n' >src/cli/main.c
check "clean tree passes the layer check" 0 "" "$scripts/lint-layers"
check "clean tree passes the banned-call check" 0 "" "$scripts/lint-banned"

printf '/* sprintf( in a comment */\nstatic const char *s = "strcpy(";\nvoid f(char *b) { sprintf(b, "x"); }\n' >src/core/a.c
check "sprintf is reported with its line" 1 "src/core/a.c:3: banned call 'sprintf'" "$scripts/lint-banned"
printf 'void g(void) { free(0); }\n' >src/core/a.c
check "raw free is reported" 1 "banned call 'free'" "$scripts/lint-banned"
printf 'void g(void) { printf("x"); }\n' >src/core/a.c
check "printing from the library is reported" 1 "banned call 'printf'" "$scripts/lint-banned"
printf 'void g(void) { mf_free(0); h->free(0); }\n' >src/core/a.c
check "mf_free and members named free are fine" 0 "" "$scripts/lint-banned"

printf '#include "store/store.h"\n' >src/core/a.c
check "core including store reaches down" 1 "src/core/a.c:1: layer 'core' includes 'store/store.h'" "$scripts/lint-layers"
printf '#include "core/calendars/calendar_int.h"\n' >src/store/b.c
printf '\n' >src/core/a.c
check "private header outside its module" 1 "private header 'core/calendars/calendar_int.h'" "$scripts/lint-layers"
printf '#include "date.h"\n' >src/store/b.c
check "include without a layer" 1 "does not name its layer" "$scripts/lint-layers"
rm src/store/b.c
mkdir -p src/store/sqlite
printf '#include "store/store_int.h"\n' >src/store/sqlite/sqlite.c
check "an adapter in a folder under its port includes the port's private header" 0 "" "$scripts/lint-layers"
rm -r src/store/sqlite
printf '\n' >src/web/x.c
check "unknown folder under src" 1 "is not a layer" "$scripts/lint-layers"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
