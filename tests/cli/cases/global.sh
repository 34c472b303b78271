# mf itself: help, version, unknown commands, global options and configuration layers.

expect_status "--help lists the commands on stdout" 0 "" -- --help
expect "--version prints the version" 0 "mf 0.1.0" "" -- --version
expect "no command is a usage error" 2 "" "usage: mf" --
expect "unknown command" 2 "" "mf: unknown command 'frobnicate'; see 'mf --help'" -- frobnicate
expect "unknown global option" 2 "" "unknown option '--frob'" -- --frob calendar list
expect_status "help COMMAND is COMMAND --help" 0 "" -- help calendar
expect "bad log level flag" 2 "" "invalid value 'loud' for --log-level" -- --log-level loud calendar list

printf '[store]\nurl = sqlite:/data/file.db\n[log]\nlevel = warn\n' >"$work/mf.ini"
(cd "$work" && MF_LOG_LEVEL=error "$mf" --config mf.ini --db sqlite:flag.db config show >"$work/show.txt" 2>&1)
if grep -qx 'store.url = sqlite:flag.db  (from flag --db)' "$work/show.txt" &&
    grep -qx 'log.level = error  (from env MF_LOG_LEVEL)' "$work/show.txt" &&
    grep -qx 'log.file =   (from default)' "$work/show.txt"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL config layers: flag over env over file over default"
    cat "$work/show.txt"
fi
expect "config show names the file and line a value came from" 0 "store.url = sqlite:/data/file.db  (from mf.ini:2)
    where data is stored: sqlite:PATH for a SQLite file, postgresql://... for PostgreSQL [env MF_STORE_URL, default 'sqlite:mf.db']
log.level = warn  (from mf.ini:4)
    least severe log records written: debug, info, warn or error [env MF_LOG_LEVEL, default 'info']
log.file =   (from default)
    file the JSON log lines are appended to; empty for standard error [env MF_LOG_FILE, default '']" "" -- --config mf.ini config show store log
MF_FRED_API_KEY=x expect "config show of one section" 0 "fred.api_key = x  (from env MF_FRED_API_KEY)
    FRED API key (free at fred.stlouisfed.org); needed by the fred source [env MF_FRED_API_KEY, default '']" "" -- config show fred
printf '[log]\nlevle = warn\n' >"$work/typo.ini"
expect "unknown key in the config file names file and line" 2 "" "unknown key 'levle' in section [log] at $work/typo.ini:2" -- --config "$work/typo.ini" calendar list
expect "missing config file" 2 "" "cannot open config file '$work/none.ini'" -- --config "$work/none.ini" calendar list
expect "unknown config subcommand" 2 "" "unknown subcommand 'edit'" -- config edit

(cd "$work" && MF_LOG_FILE="$work/mf.log" "$mf" --log-level debug calendar check 2024-11-20 >/dev/null 2>&1)
if /usr/bin/python3 -c '
import json, sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert rec["level"] == "debug" and rec["module"] == "cli" and rec["msg"] == "command finished", rec
assert rec["command"] == "calendar" and rec["exit_code"] == 0 and rec["seconds"] >= 0, rec
assert rec["ts"].endswith("Z"), rec
' "$work/mf.log"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL debug log: one JSON line per command in log.file"
fi
(cd "$work" && rm -f quiet.log && MF_LOG_FILE="$work/quiet.log" "$mf" calendar check 2024-11-20 >/dev/null 2>&1)
if [ ! -s "$work/quiet.log" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1))
    echo "FAIL info level drops debug records"
fi
