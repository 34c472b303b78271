# mf quality run|report on a SQLite file store: four simulated series backfilled over
# 2026-01-01..2026-09-30 (the backfill runs the checks after it), a clean run that scores 100,
# a value outside its unit's range imported on a Saturday (critical: exit status 3), the
# report as a table, the failing checks as text and JSON, and the usage errors.

qdb="sqlite:$work/quality.db"
qs=SIM.BR.CDS_5Y_BP,SIM.BR.SELIC_TARGET_PCT,SIM.BR.CDI_PCT,SIM.US.UST_PAR_10Y_PCT
expect "quality report before any run" 1 "" "no quality run yet: run 'mf quality run'" -- \
    --db "$qdb" quality report
expect_status "init" 0 "" -- --db "$qdb" init
expect_status "backfill of four simulated series runs the checks after it" 0 "" -- \
    --db "$qdb" backfill --source simulated --series "$qs" --from 2026-01-01 --to 2026-09-30 \
    --today 2026-09-30
expect "the checks after the backfill were recorded" 0 \
"quality run 1 as of 2026-09-30 (source simulated; series $qs): score 100.00, 27 checks, 0 failing, 0 critical
code                         source             score checks failing worst
SIM.BR.CDI_PCT               simulated         100.00      6       0 pass
SIM.BR.CDS_5Y_BP             simulated         100.00      7       0 pass
SIM.BR.SELIC_TARGET_PCT      simulated         100.00      7       0 pass
SIM.US.UST_PAR_10Y_PCT       simulated         100.00      7       0 pass
source simulated                               100.00     27       0 4 series" "" -- \
    --db "$qdb" quality report
expect "a clean run scores 100" 0 \
    "quality run 2 as of 2026-09-30 (source simulated): score 100.00, 27 checks, 0 failing, 0 critical" \
    "" -- --db "$qdb" quality run --as-of 2026-09-30 --source simulated

printf 'series_code,obs_date,value,available_at\nSIM.BR.CDS_5Y_BP,2026-05-16,25000,2026-05-16\n' \
    >"$work/q_bad.csv"
expect_status "import a CDS of 25,000 bp" 0 "" -- --db "$qdb" import observations "$work/q_bad.csv"
bad_line='critical SIM.BR.CDS_5Y_BP         range        SIM.BR.CDS_5Y_BP: 1 values outside -100..20000 bp, the first 25000 on 2026-05-16 (critical above 0)'
expect "a critical failure: exit status 3 and the failing check" 3 \
"quality run 3 as of 2026-09-30 (series SIM.BR.CDS_5Y_BP): score 85.71, 7 checks, 1 failing, 1 critical
$bad_line" "" -- --db "$qdb" quality run --as-of 2026-09-30 --series SIM.BR.CDS_5Y_BP
expect "report --failing lists it, exit status 3" 3 "$bad_line" "" -- \
    --db "$qdb" quality report --failing
expect "report --failing --severity critical" 3 "$bad_line" "" -- \
    --db "$qdb" quality report --failing --severity critical
expect "report --failing of an earlier, clean run" 0 "" "" -- \
    --db "$qdb" quality report --run 2 --failing
# JSON: checked_at is the wall clock, so the fields are checked one by one
(cd "$work" && "$mf" --db "$qdb" quality report --failing --json >"$work/q.json" 2>&1)
qstatus=$?
if [ "$qstatus" -eq 3 ] && /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
r = j["results"]
assert j["run_id"] == 3 and len(r) == 1, j
r = r[0]
assert (r["code"], r["check"], r["severity"], r["status"]) == ("SIM.BR.CDS_5Y_BP", "range", "critical", "fail"), r
assert r["value"] == 1 and r["threshold"] == 0 and r["obs_date"] == "2026-05-16", r
assert r["checked_at"].endswith("Z") and "25000" in r["message"], r
' "$work/q.json"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    printf 'FAIL quality report --failing --json (status %s)\n' "$qstatus"
    cat "$work/q.json"
fi
(cd "$work" && "$mf" --db "$qdb" quality report --json >"$work/q2.json" 2>&1)
if /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["run"]["id"] == 3 and j["run"]["score"] == 85.71 and j["run"]["critical"] == 1, j["run"]
assert j["sources"] == [{"source": "simulated", "score": 85.71, "series": 1, "failing": 1}], j
assert j["series"] == [{"code": "SIM.BR.CDS_5Y_BP", "source": "simulated", "score": 85.71,
                        "failing": 1, "worst": "critical"}], j
' "$work/q2.json"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    printf 'FAIL quality report --json\n'
    cat "$work/q2.json"
fi

printf '[quality]\nchecks_off = range, outliers\n' >"$work/q_off.ini"
expect "quality.checks_off switches checks off (range alone would leave the spike to outliers)" 0 \
    "quality run 4 as of 2026-09-30 (series SIM.BR.CDS_5Y_BP): score 100.00, 5 checks, 0 failing, 0 critical" \
    "" -- --config q_off.ini --db "$qdb" quality run --as-of 2026-09-30 --series SIM.BR.CDS_5Y_BP
expect "as of a date before the data: never loaded, not scored" 0 \
    "quality run 5 as of 2025-12-31 (series SIM.BR.CDS_5Y_BP): score -, 0 checks, 0 failing, 0 critical" \
    "" -- --db "$qdb" quality run --as-of 2025-12-31 --series SIM.BR.CDS_5Y_BP
expect "report --severity info adds the notes (series never loaded)" 0 \
    "info     SIM.BR.CDS_5Y_BP         staleness    SIM.BR.CDS_5Y_BP: never loaded: no observation as of 2025-12-31 (not scored)" \
    "" -- --db "$qdb" quality report --run 5 --failing --severity info
printf '[quality]\nchecks_off = range,nope\n' >"$work/q_bad.ini"
expect "an unknown check in quality.checks_off" 2 "" "quality.checks_off: check 'nope'" -- \
    --config q_bad.ini --db "$qdb" quality run
expect "an unknown series" 2 "" "unknown series 'NOPE'" -- --db "$qdb" quality run --series NOPE
expect "a bad severity" 2 "" "severity 'bad': expected info, warning or critical" -- \
    --db "$qdb" quality report --severity bad
expect "no such run" 1 "" "no quality run 99" -- --db "$qdb" quality report --run 99
expect "a subcommand is needed" 2 "" "missing subcommand: expected run or report" -- \
    --db "$qdb" quality
expect "an unknown subcommand" 2 "" "unknown subcommand 'fix'" -- --db "$qdb" quality fix
expect "a bad window" 2 "" "--window" -- --db "$qdb" quality run --window 0
