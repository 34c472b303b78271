# mf init, import observations, series and obs on a SQLite file store: a hand-written file
# with a revision and a value published as missing, the point-in-time answers worked out by
# hand from it, and every way an import file can be bad (each must leave the store as it was).
# Needs the sqlite3 command line tool (scripts/install-deps) to look at the store directly.

db="$work/store.db"
H='series_code,obs_date,value,available_at'

# run_mf ARGS...: runs mf on $db in $work (standard input from $MF_STDIN, default /dev/null);
# sets OUT, ERR and STATUS.
run_mf() {
    OUT=$(cd "$work" && env -u MF_LOG_LEVEL -u MF_CONFIG "$mf" --db "sqlite:$db" "$@" \
        <"${MF_STDIN:-/dev/null}" 2>"$work/stderr")
    STATUS=$?
    ERR=$(cat "$work/stderr")
}

# verdict NAME OK [WHAT]: counts a case, printing what was seen when OK is not 1.
verdict() {
    if [ "$2" -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  status %s\n  stdout: %s\n  stderr: %s\n%s' "$1" "$STATUS" "$OUT" "$ERR" \
            "${3:+  $3
}"
    fi
}

# The store's series and observations as text, to show that a failed import changed nothing.
snapshot() {
    sqlite3 "$db" "SELECT code, source, name FROM series ORDER BY code;
                   SELECT s.code, o.obs_date, o.available_at, quote(o.value)
                   FROM observations o JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3;"
}

# expect_import NAME STATUS STDOUT STDERR -- ARGS...: as expect, on $db, with the timing at the
# end of the summary line ("; 0.01 s") cut off stdout before comparing; STDERR exact.
expect_import() {
    local name=$1 want_status=$2 want_out=$3 want_err=$4
    shift 5
    run_mf "$@"
    local out
    out=$(printf '%s' "$OUT" | sed -E 's/; [0-9]+\.[0-9]{2} s$//')
    verdict "$name" $([ "$STATUS" -eq "$want_status" ] && [ "$out" == "$want_out" ] &&
        [ "$ERR" == "$want_err" ] && echo 1 || echo 0) "want: $want_out / $want_err"
}

# bad_input NAME FILE CONTENT MESSAGE [OPTIONS...]: FILE with CONTENT (printf %b escapes) fails
# to import with exit code 1, nothing on stdout, exactly "mf import: MESSAGE" and "nothing was
# imported" on stderr, and the store unchanged.
bad_input() {
    local name=$1 file=$2 content=$3 msg=$4
    shift 4
    printf '%b' "$content" >"$work/$file"
    local before after
    before=$(snapshot)
    run_mf import observations "$@" "$file"
    after=$(snapshot)
    verdict "bad input: $name" $([ "$STATUS" -eq 1 ] && [ -z "$OUT" ] &&
        [ "$ERR" == "mf import: $msg
mf import: nothing was imported" ] && [ "$before" == "$after" ] && echo 1 || echo 0) \
        "want: mf import: $msg; store unchanged: $([ "$before" == "$after" ] && echo yes || echo no)"
}

# ---- a store, a file, a reload ----------------------------------------------------------------
# BR_IPCA Jan-2024 is first released on 2024-02-08 (0.42) and revised on 2024-03-08 (0.45);
# Feb-2024 is first published as missing (2024-03-12) and filled on 2024-04-10 (0.83).
printf '%s\n' "$H" \
    BR_IPCA,2024-01-01,0.42,2024-02-08 \
    BR_IPCA,2024-01-01,0.45,2024-03-08 \
    BR_IPCA,2024-02-01,,2024-03-12 \
    BR_IPCA,2024-02-01,0.83,2024-04-10 \
    US_CPI,2024-01-01,308.417,2024-02-13 \
    US_CPI,2024-02-01,310.326,2024-03-12 >"$work/obs.csv"

expect "init creates the store" 0 "store sqlite:$db ready: sqlite, schema version 5" "" -- \
    --db "sqlite:$db" init --no-catalog
expect "init again leaves it as it is" 0 "store sqlite:$db ready: sqlite, schema version 5" "" -- \
    --db "sqlite:$db" init --no-catalog
expect "init takes no argument" 2 "" "mf init: unexpected argument 'now'" -- --db "sqlite:$db" init now
expect "an empty store has no series" 0 "" "" -- --db "sqlite:$db" series list

expect_import "first import: 4 new, 2 revisions, 2 series created" 0 \
    "imported obs.csv: 6 rows: 4 new, 2 revised, 0 unchanged, 0 skipped; 2 series created" "" -- \
    import observations obs.csv
verdict "the summary ends with the time taken" $([[ "$OUT" =~ \;\ [0-9]+\.[0-9]{2}\ s$ ]] && echo 1 || echo 0)
expect_import "reloading the same file changes nothing" 0 \
    "imported obs.csv: 6 rows: 0 new, 0 revised, 6 unchanged, 0 skipped; 0 series created" "" -- \
    import observations obs.csv
MF_STDIN="$work/obs.csv" expect_import "'-' reads standard input" 0 \
    "imported -: 6 rows: 0 new, 0 revised, 6 unchanged, 0 skipped; 0 series created" "" -- \
    import observations -
rows=$(sqlite3 "$db" 'SELECT count(*) FROM observations')
verdict "every vintage is one row" $([ "$rows" = 6 ] && echo 1 || echo 0) "rows: $rows, want 6"

# ---- point in time ----------------------------------------------------------------------------
expect "as of before the first release: nothing known" 0 "obs_date,value" "" -- \
    --db "sqlite:$db" obs get BR_IPCA --as-of 2024-02-07
expect "as of the first release day" 0 "obs_date,value
2024-01-01,0.42" "" -- --db "sqlite:$db" obs get BR_IPCA --as-of 2024-02-08
expect "between release and revision: the first release" 0 "obs_date,value
2024-01-01,0.42" "" -- --db "sqlite:$db" obs get BR_IPCA --as-of 2024-03-07
expect "on the revision day: the revised value" 0 "obs_date,value
2024-01-01,0.45" "" -- --db "sqlite:$db" obs get BR_IPCA --as-of 2024-03-08
expect "a value published as missing is an empty field" 0 "obs_date,value
2024-01-01,0.45
2024-02-01," "" -- --db "sqlite:$db" obs get BR_IPCA --as-of 2024-04-09
expect "after every revision (no --as-of: everything known)" 0 "obs_date,value
2024-01-01,0.45
2024-02-01,0.83" "" -- --db "sqlite:$db" obs get BR_IPCA
expect "--from and --to bound obs_date" 0 "obs_date,value
2024-02-01,310.326" "" -- --db "sqlite:$db" obs get US_CPI --from 2024-01-02 --to 2024-12-31
expect "as of, in JSON" 0 '{"series":"BR_IPCA","simulated":false,"as_of":"2024-04-09","observations":[{"date":"2024-01-01","value":0.45},{"date":"2024-02-01","value":null}]}' "" -- \
    --db "sqlite:$db" obs get BR_IPCA --as-of 2024-04-09 --format json
expect "nothing known yet, in JSON" 0 '{"series":"BR_IPCA","simulated":false,"as_of":"2024-01-31","observations":[]}' "" -- \
    --db "sqlite:$db" obs get BR_IPCA --as-of 2024-01-31 --format json
expect "every vintage" 0 "obs_date,available_at,value
2024-01-01,2024-02-08,0.42
2024-01-01,2024-03-08,0.45
2024-02-01,2024-03-12,
2024-02-01,2024-04-10,0.83" "" -- --db "sqlite:$db" obs get BR_IPCA --vintages
expect "every vintage, in JSON" 0 '{"series":"BR_IPCA","simulated":false,"vintages":[{"date":"2024-01-01","available_at":"2024-02-08","value":0.42},{"date":"2024-01-01","available_at":"2024-03-08","value":0.45},{"date":"2024-02-01","available_at":"2024-03-12","value":null},{"date":"2024-02-01","available_at":"2024-04-10","value":0.83}]}' "" -- \
    --db "sqlite:$db" obs get BR_IPCA --vintages --format json

# A later file: one more revision and a row already stored.
printf '%s\n' "$H" BR_IPCA,2024-02-01,0.84,2024-05-10 US_CPI,2024-02-01,310.326,2024-03-12 \
    >"$work/rev.csv"
expect_import "a later revision is one revised row" 0 \
    "imported rev.csv: 2 rows: 0 new, 1 revised, 1 unchanged, 0 skipped; 0 series created" "" -- \
    import observations rev.csv
expect "the revision is what is known after it" 0 "obs_date,value
2024-02-01,0.84" "" -- --db "sqlite:$db" obs get BR_IPCA --from 2024-02-01
expect "and not before" 0 "obs_date,value
2024-02-01,0.83" "" -- --db "sqlite:$db" obs get BR_IPCA --from 2024-02-01 --as-of 2024-05-09

# ---- the catalogue ------------------------------------------------------------------------------
expect "series list" 0 "BR_IPCA                  user       - -- BR_IPCA
US_CPI                   user       - -- US_CPI" "" -- --db "sqlite:$db" series list
expect "series list as CSV" 0 "code,source,frequency,country,category,simulated,name
BR_IPCA,user,,,,0,BR_IPCA
US_CPI,user,,,,0,US_CPI" "" -- --db "sqlite:$db" series list --format csv
expect "series list --prefix" 0 "code,source,frequency,country,category,simulated,name
US_CPI,user,,,,0,US_CPI" "" -- --db "sqlite:$db" series list --prefix US_ --format csv
expect "series list --source user" 0 "code,source,frequency,country,category,simulated,name
BR_IPCA,user,,,,0,BR_IPCA
US_CPI,user,,,,0,US_CPI" "" -- --db "sqlite:$db" series list --source user --format csv
expect "series list --real: imported series are real" 0 "code,source,frequency,country,category,simulated,name
BR_IPCA,user,,,,0,BR_IPCA
US_CPI,user,,,,0,US_CPI" "" -- --db "sqlite:$db" series list --real --format csv
expect "series list --source with no match" 0 "" "" -- --db "sqlite:$db" series list --source fred
expect "series list --simulated with no match" 0 "" "" -- --db "sqlite:$db" series list --simulated
expect "series list --country: imported series have none" 0 "" "" -- --db "sqlite:$db" series list --country BR
expect "series list --frequency: imported series have none" 0 "[]" "" -- --db "sqlite:$db" series list --frequency M --format json
expect "series list as JSON" 0 '[
  {
    "code": "US_CPI",
    "name": "US_CPI",
    "source": "user",
    "source_key": null,
    "frequency": null,
    "unit": null,
    "country": null,
    "category": null,
    "release_lag_days": null,
    "simulated": false,
    "description": null
  }
]' "" -- --db "sqlite:$db" series list --prefix US --format json
expect "series show" 0 "code            BR_IPCA
name            BR_IPCA
source          user
frequency       -
unit            
country         
category        
last obs_date   2024-02-01" "" -- --db "sqlite:$db" series show BR_IPCA
expect "series show as JSON" 0 '{
  "code": "US_CPI",
  "name": "US_CPI",
  "source": "user",
  "source_key": null,
  "frequency": null,
  "unit": null,
  "country": null,
  "category": null,
  "release_lag_days": null,
  "simulated": false,
  "description": null,
  "last_obs_date": "2024-02-01"
}' "" -- --db "sqlite:$db" series show US_CPI --format json

# ---- unknown series and usage errors ------------------------------------------------------------
expect "obs get of an unknown series" 1 "" "mf obs: unknown series 'BR_SELIC'" -- --db "sqlite:$db" obs get BR_SELIC
expect "series show of an unknown series" 1 "" "mf series: unknown series 'BR_SELIC'" -- --db "sqlite:$db" series show BR_SELIC
expect "import without what" 2 "" "mf import: missing what to import: expected 'observations'" -- --db "sqlite:$db" import
expect "import of something else" 2 "" "mf import: cannot import 'quotes': expected 'observations' or 'prices'" -- --db "sqlite:$db" import quotes x.csv
expect "import without FILE" 2 "" "mf import: missing FILE" -- --db "sqlite:$db" import observations
expect "import of two files" 2 "" "mf import: unexpected argument 'rev.csv'" -- --db "sqlite:$db" import observations obs.csv rev.csv
expect "import with an unknown option" 2 "" "unknown option '--force'" -- --db "sqlite:$db" import observations --force obs.csv
expect_status "import --help goes to stdout" 0 "" -- import observations --help
expect "obs without a subcommand" 2 "" "mf obs: missing subcommand: expected get" -- --db "sqlite:$db" obs
expect "obs with an unknown subcommand" 2 "" "mf obs: unknown subcommand 'put'" -- --db "sqlite:$db" obs put BR_IPCA
expect "obs get without CODE" 2 "" "mf obs: get needs a series CODE" -- --db "sqlite:$db" obs get
expect "obs get --as-of with --vintages" 2 "" "mf obs: --vintages and --as-of exclude each other" -- --db "sqlite:$db" obs get BR_IPCA --vintages --as-of 2024-03-01
expect "obs get --to before --from" 2 "" "mf obs: --to is before --from" -- --db "sqlite:$db" obs get BR_IPCA --from 2024-03-01 --to 2024-02-01
expect "obs get --as-of not a date" 2 "" "--as-of: invalid date '2024-02-30': no such day" -- --db "sqlite:$db" obs get BR_IPCA --as-of 2024-02-30
expect "obs get --format text is not offered" 2 "" "--format: unknown format 'text': expected one of csv, json" -- --db "sqlite:$db" obs get BR_IPCA --format text
expect "series without a subcommand" 2 "" "mf series: missing subcommand: expected list or show" -- --db "sqlite:$db" series
expect "series show without CODE" 2 "" "mf series: show needs a series CODE" -- --db "sqlite:$db" series show
expect "series list --frequency not a frequency" 2 "" "mf series: --frequency: expected D, W, M, Q or A, got 'X'" -- --db "sqlite:$db" series list --frequency X
expect "series show --format csv is not offered" 2 "" "--format: unknown format 'csv': expected one of text, json" -- --db "sqlite:$db" series show BR_IPCA --format csv
expect "an unsupported store URL" 1 "" "unsupported store URL 'mysql://x'" -- --db mysql://x series list
expect "a store path that cannot be opened" 1 "" "cannot open store 'sqlite:$work/none/x.db'" -- --db "sqlite:$work/none/x.db" init

# ---- every bad input: exact message, exit 1, the store unchanged --------------------------------
bad_input "wrong header" hdr.csv "code,date,value,available_at\nBR_X,2024-01-01,1,2024-01-02\n" \
    "hdr.csv:1: expected the header '$H', got 'code,date,value,available_at'"
bad_input "wrong header, even with --skip-bad" hdr.csv "code,date,value,available_at\nBR_X,2024-01-01,1,2024-01-02\n" \
    "hdr.csv:1: expected the header '$H', got 'code,date,value,available_at'" --skip-bad
bad_input "header with a byte order mark" bom.csv "\xEF\xBB\xBF$H\nBR_X,2024-01-01,1,2024-01-02\n" \
    "bom.csv:1: header starts with a UTF-8 byte order mark: the file must be ASCII text"
bad_input "bad obs_date" date.csv "$H\nBR_X,2024-01-01,1,2024-01-02\nBR_X,2024-13-01,1,2024-01-02\n" \
    "date.csv:3: obs_date: invalid date '2024-13-01': no such day"
bad_input "no such day" day.csv "$H\nBR_X,2023-02-29,1,2023-03-01\n" \
    "day.csv:2: obs_date: invalid date '2023-02-29': no such day"
bad_input "bad available_at" avail.csv "$H\nBR_X,2024-01-01,1,02/01/2024\n" \
    "avail.csv:2: available_at: invalid date '02/01/2024': expected YYYY-MM-DD"
bad_input "non-numeric value" value.csv "$H\nBR_X,2024-01-01,1,2024-01-02\nBR_X,2024-01-02,1.2.3,2024-01-03\n" \
    "value.csv:3: value: invalid number '1.2.3'"
bad_input "a decimal comma" comma.csv "$H\nBR_X,2024-01-01,\"1,5\",2024-01-02\n" \
    "comma.csv:2: expected 4 fields ($H), got more"
bad_input "nan is not a number" nan.csv "$H\nBR_X,2024-01-01,nan,2024-01-02\n" \
    "nan.csv:2: value: invalid number 'nan'"
bad_input "invalid series code" code.csv "$H\nBR X,2024-01-01,1,2024-01-02\n" \
    "code.csv:2: series_code: invalid series code 'BR X': character 3 is not a letter, digit, '_', '.' or '-'"
bad_input "empty series code" nocode.csv "$H\n,2024-01-01,1,2024-01-02\n" \
    "nocode.csv:2: series_code: invalid series code '': expected 1 to 63 characters"
bad_input "the same row twice with different values" dup.csv \
    "$H\nBR_X,2024-01-01,1.5,2024-01-02\nBR_X,2024-01-01,1.6,2024-01-02\n" \
    "dup.csv:3: series 'BR_X': observation of 2024-01-01 available 2024-01-02 is already stored with value 1.5, not 1.6: a revision needs a later available_at"
bad_input "a stored row with another value" conflict.csv "$H\nBR_X,2024-01-01,1,2024-01-02\nBR_IPCA,2024-01-01,0.43,2024-02-08\n" \
    "conflict.csv:3: series 'BR_IPCA': observation of 2024-01-01 available 2024-02-08 is already stored with value 0.42, not 0.43: a revision needs a later available_at"
bad_input "truncated last line (no line end)" trunc.csv "$H\nBR_X,2024-01-01,1,2024-01-02\nBR_X,2024-01-02,1" \
    "trunc.csv:3: last line has no line end (truncated file?)"
bad_input "header only, truncated" hdrtrunc.csv "$H" \
    "hdrtrunc.csv:1: last line has no line end (truncated file?)"
bad_input "non-ASCII (UTF-8) bytes" utf8.csv "$H\nBR_X,2024-01-01,1,2024-01-02\nBR_\xC3\x87,2024-01-02,1,2024-01-03\n" \
    "utf8.csv:3: invalid byte 0xC3 at column 4: the file must be ASCII text"
bad_input "non-UTF-8 bytes" latin1.csv "$H\nBR_X,2024-01-01,1\xFF,2024-01-02\n" \
    "latin1.csv:2: invalid byte 0xFF at column 18: the file must be ASCII text"
bad_input "a NUL byte" nul.csv "$H\nBR_X,2024-01-01,1\x00,2024-01-02\n" \
    "nul.csv:2: invalid byte 0x00 at column 18: the file must be ASCII text"
bad_input "a tab" tab.csv "$H\nBR_X,2024-01-01,\t1,2024-01-02\n" \
    "tab.csv:2: invalid byte 0x09 at column 17: the file must be ASCII text"
bad_input "too many fields" many.csv "$H\nBR_X,2024-01-01,1,2024-01-02,x\n" \
    "many.csv:2: expected 4 fields ($H), got more"
bad_input "too few fields" few.csv "$H\nBR_X,2024-01-01,1\n" \
    "few.csv:2: expected 4 fields ($H), got 3"
bad_input "one field" one.csv "$H\nBR_X\n" \
    "one.csv:2: expected 4 fields ($H), got 1"
bad_input "a line over 4096 bytes" long.csv "$H\nBR_X,2024-01-01,$(printf '%05000d' 1),2024-01-02\n" \
    "long.csv:2: line longer than 4096 bytes"
bad_input "empty file" empty.csv "" \
    "empty.csv: empty file: expected the header '$H'"
before=$(snapshot)
run_mf import observations -
verdict "bad input: empty standard input" $([ "$STATUS" -eq 1 ] && [ "$(snapshot)" == "$before" ] &&
    [ "$ERR" == "mf import: -: empty file: expected the header '$H'
mf import: nothing was imported" ] && echo 1 || echo 0)
run_mf import observations none.csv
verdict "bad input: missing file" $([ "$STATUS" -eq 1 ] && [ -z "$OUT" ] &&
    [ "$(snapshot)" == "$before" ] &&
    [ "$ERR" == "mf import: cannot open 'none.csv': No such file or directory" ] && echo 1 || echo 0)
expect "a missing file creates no store" 1 "" "cannot open 'none.csv'" -- --db "sqlite:$work/new.db" import observations none.csv
verdict "a missing file creates no store: no file" $([ ! -e "$work/new.db" ] && echo 1 || echo 0)
runs=$(sqlite3 "$db" "SELECT count(*) FROM ingestion_runs WHERE status = 'failed' AND error LIKE 'dup.csv:3: %'")
verdict "a failed import is recorded as a failed run, with its message" $([ "$runs" = 1 ] && echo 1 || echo 0) "failed runs of dup.csv: $runs"

# ---- accepted oddities ----------------------------------------------------------------------------
expect_import "the same row twice with the same value is counted unchanged" 0 \
    "imported same.csv: 2 rows: 1 new, 0 revised, 1 unchanged, 0 skipped; 1 series created" "" -- \
    import observations "$(printf '%s\n' "$H" BR_SAME,2024-01-01,1.25,2024-01-02 BR_SAME,2024-01-01,1.25,2024-01-02 >"$work/same.csv"; echo same.csv)"
printf '%s\r\n' "$H" BR_CRLF,2024-01-01,-0.5,2024-01-02 '' BR_CRLF,2024-01-02,1e-3,2024-01-03 >"$work/crlf.csv"
expect_import "CRLF line ends and blank lines" 0 \
    "imported crlf.csv: 2 rows: 2 new, 0 revised, 0 unchanged, 0 skipped; 1 series created" "" -- \
    import observations crlf.csv
expect "values read exactly" 0 "obs_date,value
2024-01-01,-0.5
2024-01-02,0.001" "" -- --db "sqlite:$db" obs get BR_CRLF
expect_import "a header and nothing else" 0 \
    "imported hdr_only.csv: 0 rows: 0 new, 0 revised, 0 unchanged, 0 skipped; 0 series created" "" -- \
    import observations "$(printf '%s\n' "$H" >"$work/hdr_only.csv"; echo hdr_only.csv)"

# ---- --skip-bad: the good rows go in, each bad one is reported ------------------------------------
printf '%b' "$H\nBR_SKIP,2024-01-01,1,2024-01-02\nBR_SKIP,2024-13-01,1,2024-01-02\nBR_SKIP,2024-01-02,x,2024-01-03\nBR_SKIP,2024-01-01,2,2024-01-02\nBR_SKIP,2024-01-03,3,2024-01-04\nBR_SKIP,2024-01-04\nBR_SKIP,2024-01-05,5,2024-01-06" >"$work/skip.csv"
expect_import "--skip-bad imports the rest and reports each skipped line" 0 \
    "imported skip.csv: 7 rows: 2 new, 0 revised, 0 unchanged, 5 skipped; 1 series created" \
    "mf import: skipped skip.csv:3: obs_date: invalid date '2024-13-01': no such day
mf import: skipped skip.csv:4: value: invalid number 'x'
mf import: skipped skip.csv:5: series 'BR_SKIP': observation of 2024-01-01 available 2024-01-02 is already stored with value 1, not 2: a revision needs a later available_at
mf import: skipped skip.csv:7: expected 4 fields ($H), got 2
mf import: skipped skip.csv:8: last line has no line end (truncated file?)" -- \
    import observations --skip-bad skip.csv
expect "--skip-bad stored the good rows only" 0 "obs_date,available_at,value
2024-01-01,2024-01-02,1
2024-01-03,2024-01-04,3" "" -- --db "sqlite:$db" obs get BR_SKIP --vintages

# ---- import prices ---------------------------------------------------------------------------------
# Point-in-time prices: a DI1 settlement corrected the next day, a reload, and bad files that name
# the line and leave the prices and instruments as they were.
PH='ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest'
prices_snapshot() {
    sqlite3 "$db" "SELECT ticker, name, contract_spec FROM instruments ORDER BY 1;
                   SELECT i.ticker, p.price_date, p.available_at, quote(p.settle), quote(p.volume)
                   FROM market_prices p JOIN instruments i ON i.id = p.instrument_id ORDER BY 1, 2, 3;"
}
printf '%s\n' "$PH" DI1F27,2026-01-12,2026-01-12,13.70,13.80,13.69,13.75,13.741,120000,987654 \
    DI1F27,2026-01-12,2026-01-13,,,,,13.745,, DI1N26,2026-01-12,2026-01-12,,,,,14.411,, >"$work/px.csv"
expect_import "prices: a file with a correction; DI1 contracts are created" 0 \
    "imported px.csv: 3 rows: 2 new, 1 revised, 0 unchanged, 0 skipped; 2 instruments created" "" -- \
    import prices px.csv
expect_import "prices: reloading changes nothing" 0 \
    "imported px.csv: 3 rows: 0 new, 0 revised, 3 unchanged, 0 skipped; 0 instruments created" "" -- \
    import prices px.csv
name=$(sqlite3 "$db" "SELECT name FROM instruments WHERE ticker = 'DI1N26'")
verdict "a created DI1 is named with its maturity" $([ "$name" == "B3 one-day interbank deposit future DI1N26 (maturity 2026-07-01)" ] && echo 1 || echo 0) "name: $name"

# bad_prices NAME FILE CONTENT MESSAGE: as bad_input, for import prices.
bad_prices() {
    local name=$1 file=$2 content=$3 msg=$4
    printf '%b' "$content" >"$work/$file"
    local before after
    before=$(prices_snapshot)
    run_mf import prices "$file"
    after=$(prices_snapshot)
    verdict "bad prices: $name" $([ "$STATUS" -eq 1 ] && [ -z "$OUT" ] &&
        [ "$ERR" == "mf import: $msg
mf import: nothing was imported" ] && [ "$before" == "$after" ] && echo 1 || echo 0) \
        "want: mf import: $msg; store unchanged: $([ "$before" == "$after" ] && echo yes || echo no)"
}
bad_prices "an unknown ticker" unk.csv "$PH\nDI1F28,2026-01-12,2026-01-12,,,,,13.5,,\nPETR4,2026-01-12,2026-01-12,,,,,36.5,,\n" \
    "unk.csv:3: unknown instrument 'PETR4': only B3 DI1 contracts (DI1F27) are created on import; create other instruments first"
bad_prices "a malformed DI1 ticker" di1a.csv "$PH\nDI1A27,2026-01-12,2026-01-12,,,,,13.5,,\n" \
    "di1a.csv:2: invalid DI1 ticker 'DI1A27': expected DI1, a month code (F G H J K M N Q U V X Z) and a two-digit year, such as DI1F27"
bad_prices "the same vintage with another settle" clash.csv "$PH\nDI1F27,2026-01-12,2026-01-12,,,,,13.741,,\n" \
    "clash.csv:2: ticker 'DI1F27': prices of 2026-01-12 available 2026-01-12 are already stored with open 13.7, not none: a revision needs a later available_at"
bad_prices "known before its date" early.csv "$PH\nDI1F27,2026-01-14,2026-01-13,,,,,13.7,,\n" \
    "early.csv:2: ticker 'DI1F27': available_at 2026-01-13 is before price_date 2026-01-14"
bad_prices "a bad number" num.csv "$PH\nDI1F27,2026-01-14,2026-01-14,,,,,13,7,,\n" \
    "num.csv:2: expected 10 fields ($PH), got more"
bad_prices "a negative volume" vol.csv "$PH\nDI1F27,2026-01-14,2026-01-14,,,,,13.7,-5,\n" \
    "vol.csv:2: ticker 'DI1F27': volume -5 is negative"
bad_prices "the observations header" hdr.csv "$H\n" \
    "hdr.csv:1: expected the header '$PH', got '$H'"
printf '%s\n' "$PH" DI1F27,2026-01-14,2026-01-14,,,,,13.7,, VALE3,2026-01-14,2026-01-14,,,,,60,, >"$work/pxskip.csv"
expect_import "prices --skip-bad skips an unknown ticker and imports the rest" 0 \
    "imported pxskip.csv: 2 rows: 1 new, 0 revised, 0 unchanged, 1 skipped; 0 instruments created" \
    "mf import: skipped pxskip.csv:3: unknown instrument 'VALE3': only B3 DI1 contracts (DI1F27) are created on import; create other instruments first" -- \
    import prices --skip-bad pxskip.csv
