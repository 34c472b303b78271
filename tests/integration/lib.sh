# tests/integration/lib.sh - sourced by the integration scripts: the pass/fail tally and
# starting `mf serve` on a free port.
#
# Exports: pass, fail (the counts), check NAME STATUS [DETAILS], start_serve DB [VAR=VALUE...]
# (needs $mf and $work; sets serve_pid, port and base).

pass=0 fail=0

# COND; check NAME $? [DETAILS]: counts a case, passed when COND succeeded; prints DETAILS if not.
check() {
    if [ "$2" -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n%s' "$1" "${3:+  $3
}"
    fi
}

# start_serve DB [VAR=VALUE...]: `mf --db DB serve --port 0 --threads 2` in the background with
# the given environment (no MF_CONFIG), output in $work/serve.out and $work/serve.err. Waits up
# to 10 s for its "serving http://127.0.0.1:PORT/" line, then sets serve_pid, port and
# base=http://127.0.0.1:PORT; exits 1 with the server's errors when it does not come.
start_serve() {
    local db=$1
    shift
    env -u MF_CONFIG "$@" "$mf" --db "$db" serve --port 0 --threads 2 \
        >"$work/serve.out" 2>"$work/serve.err" &
    serve_pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out" 2>/dev/null)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || {
        echo "FAIL: mf serve did not start: $(cat "$work/serve.err")"
        exit 1
    }
    base=http://127.0.0.1:$port
}
