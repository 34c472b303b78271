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
[ ! -e "$work/out.csv" ] && [ ! -e "$work/out.csv.part" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL a failed build leaves no output file"
}
