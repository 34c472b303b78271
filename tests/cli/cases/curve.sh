# mf curve build di1: the W2 file format; the CDI is the one-day vertex, and every error
# names the file, line or quote. (bench/run checks every zero rate of 4,000 curves against
# QuantLib; tests/unit/analytics/test_curve.c checks the interpolation.) Expected 1-day
# vertex by hand: 1.149^(-1/252) = 0.999448993134408; back to a rate, 14.9 less float error.

printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,14.90\n2026-01-12,DI1G26,2026-02-02,14.88\n2026-01-12,DI1F27,2027-01-04,13.741\n' >"$work/di1.csv"
"$mf" curve build di1 --input "$work/di1.csv" --output "$work/zeros.csv" 2>"$work/err"
if [ "$(head -2 "$work/zeros.csv")" == "date,tenor_bd,zero_rate,discount_factor
2026-01-12,1,14.900000000001,0.999448993134408" ] && [ "$(wc -l <"$work/zeros.csv")" -eq 13 ] &&
    [ ! -s "$work/err" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL curve build: the CDI is the 1-day zero rate"
    head -3 "$work/zeros.csv"
fi
printf 'date,ticker,maturity,rate\n2026-01-12,DI1F27,2027-01-04,13.741\n' >"$work/nocdi.csv"
expect "a date without its CDI" 1 "" "mf curve: $work/nocdi.csv:2: 2026-01-12 has no CDI row" -- curve build di1 --input "$work/nocdi.csv" --output "$work/out.csv"
printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,14.90\n2026-01-12,DI1F27,2027-01-04,13.741\n2026-01-12,DI1G26,2026-02-02,14.88\n' >"$work/unsorted.csv"
expect "maturities out of order name the quote" 1 "" "curve of 2026-01-12: DI1G26: maturity 2026-02-02 is not after 2027-01-04" -- curve build di1 --input "$work/unsorted.csv" --output "$work/out.csv"
printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,14,90\n' >"$work/comma.csv"
expect "a malformed line names file and line" 1 "" "$work/comma.csv:2: expected date,ticker,maturity,rate" -- curve build di1 --input "$work/comma.csv" --output "$work/out.csv"
printf 'date,rate\n' >"$work/header.csv"
expect "a wrong header" 1 "" "$work/header.csv:1: expected the header 'date,ticker,maturity,rate'" -- curve build di1 --input "$work/header.csv" --output "$work/out.csv"
expect "a missing input" 1 "" "cannot open '$work/none.csv'" -- curve build di1 --input "$work/none.csv" --output "$work/out.csv"
expect "build needs --input" 2 "" "missing --input FILE" -- curve build di1
expect "an unknown curve is refused" 2 "" "build what? expected 'di1'" -- curve build bund
cat "$work/di1.csv" >"$work/later_bad.csv"
printf '2026-01-13,DI1F27,2027-01-04,13.70\n' >>"$work/later_bad.csv"
expect "a failed build prints no curve to stdout, not even the good dates" 1 "" "2026-01-13 has no CDI row" -- curve build di1 --input "$work/later_bad.csv"
[ ! -e "$work/out.csv" ] && [ ! -e "$work/out.csv.part" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL a failed build leaves no output file"
}

# ---- curves in the store: import prices and the CDI, build, show, history ----------------------
# The same quotes as di1.csv above (2026-01-12: CDI 14.90, DI1G26 14.88, DI1F27 13.741), so the
# curve built from the store must print what the file build printed, at every tenor. 2026-01-14
# has DI1 prices but no CDI, 2026-01-15 a CDI but no DI1 prices, 2026-01-16 nothing.
cdb="sqlite:$work/curves.db"
printf '%s\n' 'ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest' \
    DI1G26,2026-01-12,2026-01-12,,,,,14.88,, \
    DI1F27,2026-01-12,2026-01-12,13.70,13.80,13.69,13.75,13.741,120000,987654 \
    DI1F27,2026-01-13,2026-01-13,,,,,13.70,, \
    DI1G26,2026-01-13,2026-01-13,,,,,14.87,, \
    DI1F27,2026-01-14,2026-01-14,,,,,13.69,, >"$work/prices.csv"
printf '%s\n' series_code,obs_date,value,available_at BR_CDI,2026-01-12,14.90,2026-01-12 \
    BR_CDI,2026-01-13,14.90,2026-01-13 BR_CDI,2026-01-15,14.90,2026-01-15 >"$work/cdi.csv"
# curves_of_store: the curves table as text, to show that a failed build changed nothing.
curves_of_store() { sqlite3 "$work/curves.db" "SELECT * FROM curves ORDER BY 1, 2, 3"; }
# strip_time: the import summary without its timing.
strip_time() { sed -E 's/; [0-9]+\.[0-9]{2} s$//'; }

out=$(cd "$work" && "$mf" --db "$cdb" import prices prices.csv 2>&1 | strip_time)
[ "$out" == "imported prices.csv: 5 rows: 5 new, 0 revised, 0 unchanged, 0 skipped; 2 instruments created" ] &&
    pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL import prices: $out"; }
"$mf" --db "$cdb" import observations "$work/cdi.csv" >/dev/null
spec=$(sqlite3 "$work/curves.db" "SELECT contract_spec FROM instruments WHERE ticker = 'DI1F27'")
[[ "$spec" == *'"maturity": "2027-01-04"'* ]] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL DI1F27 is created with its maturity: $spec"
}

expect "build one date from the store" 0 "built DI_PRE 2026-01-12: 3 vertices (CDI 14.9%, 2 DI1 contracts)" "" -- \
    --db "$cdb" curve build di1 --date 2026-01-12
expect "show the stored vertices" 0 "curve DI_PRE date 2026-01-12 day_count bus/252 compounding annual source b3_di1
tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor
       1        1 2026-01-13 14.900000000001 0.999448993134408
      15       21 2026-02-02 14.880000000000 0.991776976543135
     243      357 2027-01-04 13.741000000000 0.883242574589244" "" -- --db "$cdb" curve show DI_PRE --date 2026-01-12
expect "show as CSV: the stored doubles, shortest exact" 0 "tenor_bd,tenor_cd,maturity,zero_rate,discount_factor
1,1,2026-01-13,14.900000000000935,0.9994489931344083
15,21,2026-02-02,14.87999999999996,0.991776976543135
243,357,2027-01-04,13.741000000000003,0.8832425745892439" "" -- --db "$cdb" curve show DI_PRE --date 2026-01-12 --format csv
expect "show as JSON" 0 '{"curve":"DI_PRE","date":"2026-01-12","day_count":"bus/252","compounding":"annual","source":"b3_di1","vertices":[{"tenor_bd":1,"tenor_cd":1,"maturity":"2026-01-13","zero_rate":14.900000000000935,"discount_factor":0.9994489931344083},{"tenor_bd":15,"tenor_cd":21,"maturity":"2026-02-02","zero_rate":14.87999999999996,"discount_factor":0.991776976543135},{"tenor_bd":243,"tenor_cd":357,"maturity":"2027-01-04","zero_rate":13.741000000000003,"discount_factor":0.8832425745892439}]}' "" -- \
    --db "$cdb" curve show DI_PRE --date 2026-01-12 --format json

# The store's curve against the file build, tenor by tenor (zeros.csv from the top of this file):
# the history's text has the file build's precision and formatter (mf_format_fixed), so the
# same doubles print the same text. (tests/contract/test_curve_di1_store.c compares the bits.)
same=1
for t in 1 21 42 63 126 252 378 504 756 1008 1260 2520; do
    row=$("$mf" --db "$cdb" curve history DI_PRE --tenor $t | tail -1 |
        awk '{ printf "%s,%s,%s,%s", $1, $2, $3, $4 }')
    grep -qx "$row" "$work/zeros.csv" || { same=0; echo "  tenor $t: store $row"; }
done
[ $same -eq 1 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL the stored curve is the file build's"; }

printf 'date,ticker,maturity,rate\n2026-01-13,CDI,2026-01-14,14.90\n2026-01-13,DI1G26,2026-02-02,14.87\n2026-01-13,DI1F27,2027-01-04,13.70\n' >"$work/di1_13.csv"
expect "a range: dates without CDI or DI1 prices are reported, the others build" 1 "built DI_PRE 2026-01-12: 3 vertices (CDI 14.9%, 2 DI1 contracts)
built DI_PRE 2026-01-13: 3 vertices (CDI 14.9%, 2 DI1 contracts)
built 2 curves DI_PRE from 2026-01-10 to 2026-01-16; 2 dates failed; 1 business days without data" \
    "mf curve: 2026-01-14: no CDI of 2026-01-14 in series 'BR_CDI' known on 2026-01-14
mf curve: 2026-01-15: no DI1 settlement of 2026-01-15 known on 2026-01-15" -- \
    --db "$cdb" curve build di1 --from 2026-01-10 --to 2026-01-16
expect "--strict stops at the first date that fails" 1 "built DI_PRE 2026-01-12: 3 vertices (CDI 14.9%, 2 DI1 contracts)
built DI_PRE 2026-01-13: 3 vertices (CDI 14.9%, 2 DI1 contracts)
built 2 curves DI_PRE from 2026-01-12 to 2026-01-16; 1 dates failed (stopped: --strict); 0 business days without data" \
    "mf curve: 2026-01-14: no CDI" -- --db "$cdb" curve build di1 --from 2026-01-12 --to 2026-01-16 --strict
expect "a range with no data at all" 1 "" "mf curve: no CDI or DI1 prices in the store from 2026-02-02 to 2026-02-06" -- \
    --db "$cdb" curve build di1 --from 2026-02-02 --to 2026-02-06
expect "history: vertex, interpolated, extrapolated" 0 "curve_date tenor_bd zero_rate_pct   discount_factor   from
2026-01-12      243 13.741000000000 0.883242574589244 vertex
2026-01-13      243 13.699705864638 0.883551897399695 extrapolated" "" -- --db "$cdb" curve history DI_PRE --tenor 243
expect "history --from/--to as JSON" 0 '{"curve":"DI_PRE","tenor_bd":21,"points":[{"date":"2026-01-13","zero_rate":14.454682704428269,"discount_factor":0.9888123215895742,"from":"interpolated"}]}' "" -- \
    --db "$cdb" curve history DI_PRE --tenor 21 --from 2026-01-13 --to 2026-01-13 --format json
"$mf" curve build di1 --input "$work/di1_13.csv" | grep -q '^2026-01-13,21,14.454682704428,0.988812321589574$' &&
    pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL 2026-01-13 at 21 business days is the file build's"; }
expect "--code and --cdi-series" 0 "built DI_ALT 2026-01-12: 3 vertices (CDI 14.9%, 2 DI1 contracts)" "" -- \
    --db "$cdb" curve build di1 --date 2026-01-12 --code DI_ALT --cdi-series BR_CDI

# Bad inputs: each a clear error, and the curves as they were.
before=$(curves_of_store)
expect "a holiday" 1 "" "mf curve: curve date 2026-02-16 is not a business day (Carnival Monday)" -- \
    --db "$cdb" curve build di1 --date 2026-02-16
expect "a date without its CDI" 1 "" "mf curve: no CDI of 2026-01-14 in series 'BR_CDI' known on 2026-01-14" -- \
    --db "$cdb" curve build di1 --date 2026-01-14
expect "an unknown CDI series" 1 "" "mf curve: CDI: unknown series 'BR_CDI_X'" -- \
    --db "$cdb" curve build di1 --date 2026-01-12 --cdi-series BR_CDI_X
printf '%s\n' 'ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest' \
    DI1F27,2026-01-13,2026-01-20,,,,,0.5,, >"$work/bad_rev.csv"
"$mf" --db "$cdb" import prices "$work/bad_rev.csv" >/dev/null
expect "a correction that makes quotes turn back (a negative forward)" 1 "" \
    "mf curve: DI1F27: rate 0.5% to 2027-01-04 implies a negative forward rate from the previous vertex" -- \
    --db "$cdb" curve build di1 --date 2026-01-13 --as-of 2026-01-20
printf '%s\n' 'ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest' \
    DI1F28,2026-01-12,2026-01-12,,,,,13.5,, PETR4,2026-01-12,2026-01-12,36.5,,,,,, >"$work/unknown.csv"
expect "an unknown ticker is named with its line; nothing is imported" 1 "" \
    "mf import: $work/unknown.csv:3: unknown instrument 'PETR4': only B3 DI1 contracts (DI1F27) are created on import" -- \
    --db "$cdb" import prices "$work/unknown.csv"
expect "... so DI1F28 was not created either" 1 "" "mf curve: no curve 'DI_PRE' on 2026-01-16" -- \
    --db "$cdb" curve show DI_PRE --date 2026-01-16
n=$(sqlite3 "$work/curves.db" "SELECT count(*) FROM instruments WHERE ticker = 'DI1F28'")
[ "$n" = 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL a failed import creates no instrument"; }
[ "$before" == "$(curves_of_store)" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL failed builds leave the stored curves as they were"
}
expect "show of an unknown curve" 1 "" "mf curve: unknown curve 'DI_POS'" -- --db "$cdb" curve show DI_POS --date 2026-01-12
expect "history of an unknown curve" 1 "" "mf curve: unknown curve 'DI_POS'" -- --db "$cdb" curve history DI_POS --tenor 21

# Usage errors.
expect "file and store modes exclude each other" 2 "" "--input/--output (build from a file) and --date, --from, --to (build from the store) exclude each other" -- \
    --db "$cdb" curve build di1 --date 2026-01-12 --input "$work/di1.csv"
expect "--date and --from" 2 "" "--date and --from/--to exclude each other" -- \
    --db "$cdb" curve build di1 --date 2026-01-12 --from 2026-01-12 --to 2026-01-13
expect "--from needs --to" 2 "" "--from needs --to" -- --db "$cdb" curve build di1 --from 2026-01-12
expect "--to before --from" 2 "" "--to is before --from" -- --db "$cdb" curve build di1 --from 2026-01-13 --to 2026-01-12
expect "--strict needs a range" 2 "" "--strict goes with --from/--to" -- --db "$cdb" curve build di1 --date 2026-01-12 --strict
expect "store options need a date" 2 "" "building from the store needs --date D or --from D --to D" -- --db "$cdb" curve build di1 --code X
expect "a bad --date" 2 "" "--date: invalid date '2026-13-01'" -- --db "$cdb" curve build di1 --date 2026-13-01
expect "show needs --date" 2 "" "show needs --date D" -- --db "$cdb" curve show DI_PRE
expect "show needs a code" 2 "" "show needs a curve CODE" -- --db "$cdb" curve show --date 2026-01-12
expect "history needs --tenor" 2 "" "history needs --tenor BD" -- --db "$cdb" curve history DI_PRE
expect "history --tenor 0" 2 "" "--tenor" -- --db "$cdb" curve history DI_PRE --tenor 0
expect "show --format xml" 2 "" "--format: unknown format 'xml'" -- --db "$cdb" curve show DI_PRE --date 2026-01-12 --format xml
expect_status "build from the store has its help" 0 "" -- curve build di1 --date --help
expect_status "show has its help" 0 "" -- curve show --help
expect "--as-of before --date" 2 "" "--as-of is before --date" -- --db "$cdb" curve build di1 --date 2026-01-12 --as-of 2026-01-11
for cmd in "curve show" "curve history" "curve build di1 --date" "import"; do
    # shellcheck disable=SC2086
    help=$("$mf" $cmd --help)
    [[ "$help" == *"% a year"* && "$help" != *"%%"* ]] && pass=$((pass + 1)) ||
        { fail=$((fail + 1)); echo "FAIL mf $cmd --help says % a year, once"; }
done
