# mf curve build ust / tips: the Treasury's CSV (quoted tenor labels, MM/DD/YYYY, newest
# first, blanks), the zero rates and breakevens, the NSS fit, and every error naming the file,
# line and column. Expected numbers are QuantLib's (tests/fixtures/curve_ust.csv, from
# gen_curve_ust.py) and scipy's (tests/fixtures/nss.csv) for 2023-09-01, rounded as printed.

ust_header='Date,"1 Mo","2 Mo","3 Mo","4 Mo","6 Mo","1 Yr","2 Yr","3 Yr","5 Yr","7 Yr","10 Yr","20 Yr","30 Yr"'
printf '%s\n09/01/2023,5.51,5.55,5.53,5.58,5.47,5.36,4.87,4.57,4.29,4.27,4.18,4.48,4.29\n08/31/2023,5.52,5.55,5.56,5.61,5.48,5.37,4.85,4.54,4.23,4.19,4.09,4.39,4.20' "$ust_header" >"$work/ust.csv"

# check NAME COMMAND_OUTPUT_FILE WANT: WANT is the text the check pipeline printed
us_check() {
    if [ "$2" == "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  got:  %s\n  want: %s\n' "$1" "$2" "$3"
    fi
}

"$mf" curve build ust --input "$work/ust.csv" --output "$work/zeros_us.csv" 2>"$work/err"
us_check "ust: header, dates in increasing order, 13 nodes a date" \
    "$(head -1 "$work/zeros_us.csv"; cut -d, -f1 "$work/zeros_us.csv" | uniq -c | tr -s ' ' | tail -2; cat "$work/err")" \
    "date,tenor,maturity,t_years,par_yield_pct,zero_cc_pct,zero_sa_pct,discount_factor
 13 2023-08-31
 13 2023-09-01"
us_check "ust: the 10-year zero rates are QuantLib's" \
    "$(grep '^2023-09-01,10 Yr,' "$work/zeros_us.csv" | cut -d, -f1-7)" \
    "2023-09-01,10 Yr,2033-09-01,10.0082191781,4.18,4.1032891743,4.1456709745"
us_check "ust: a bill is simple interest on ACT/365F" \
    "$(grep '^2023-09-01,3 Mo,' "$work/zeros_us.csv" | cut -d, -f1-4,8)" \
    "2023-09-01,3 Mo,2023-12-01,0.2493150685,0.986400376399574"

"$mf" curve build ust --input "$work/ust.csv" --fit nss >"$work/nss_us.csv" 2>"$work/err"
us_check "ust --fit nss: the rmse is scipy's, converged" \
    "$(grep '^2023-09-01,10 Yr,' "$work/nss_us.csv" | cut -d, -f17,20; head -1 "$work/nss_us.csv" | cut -d, -f9-10; cat "$work/err")" \
    "5.014837,1
nss_zero_cc_pct,nss_error_bp"

printf 'Date,"3 Mo","6 Mo","1 Yr","2 Yr","3 Yr","5 Yr","7 Yr","10 Yr","20 Yr","30 Yr"\n10/12/2010,0.14,0.19,,0.36,0.52,1.12,1.75,2.43,3.43,3.79\n10/11/2010,,,,,,,,,,\n' >"$work/blank.csv"
expect_status "ust: a blank cell is a missing tenor, an empty row a note" 0 "blank.csv:3: note: 2010-10-11 has no yields; skipped" -- curve build ust --input "$work/blank.csv" --output "$work/blank_out.csv"
us_check "ust: blanks skipped" "$(wc -l <"$work/blank_out.csv" | tr -d ' ')" "10"

printf 'Date,"1 Mo","15 Mo"\n09/01/2023,5.51,5.55\n' >"$work/bad_tenor.csv"
expect "ust: an unknown tenor names the column" 1 "" "bad_tenor.csv:1: column 3: tenor '15 Mo' is not a Treasury tenor" -- curve build ust --input "$work/bad_tenor.csv"
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.51,4.18\n08/31/2023,5.52,4.1x\n' >"$work/bad_number.csv"
expect "ust: a bad number names line and column" 1 "" "bad_number.csv:3: column '10 Yr': invalid number '4.1x'" -- curve build ust --input "$work/bad_number.csv" --output "$work/out_us.csv"
printf 'Date,"1 Mo","10 Yr"\n2023-09-01,5.51,4.18\n' >"$work/bad_date.csv"
expect "ust: an ISO date is not the Treasury's" 1 "" "bad_date.csv:2: column 'Date': invalid date '2023-09-01' (expected MM/DD/YYYY)" -- curve build ust --input "$work/bad_date.csv"
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.51\n' >"$work/short.csv"
expect "ust: a short row" 1 "" "short.csv:2: expected 3 fields like the header, got 2" -- curve build ust --input "$work/short.csv"
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.51,4.18\n09/01/2023,5.51,4.18\n' >"$work/twice.csv"
expect "ust: a date twice" 1 "" "twice.csv:3: date 2023-09-01 also on line 2" -- curve build ust --input "$work/twice.csv"
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.51,60\n' >"$work/absurd.csv"
expect "ust: an absurd yield names the tenor" 1 "" "absurd.csv:2: curve of 2023-09-01: tenor \"10 Yr\" on 2023-09-01: par yield 60% outside the plausible range -5..50%" -- curve build ust --input "$work/absurd.csv" --output "$work/out_us.csv"
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.51,4.18\n' >"$work/few.csv"
expect "ust --fit nss: too few tenors" 1 "" "few.csv:2: Nelson-Siegel-Svensson fit of 2023-09-01: a Nelson-Siegel-Svensson fit needs 6 to 64 zero rates, got 2" -- curve build ust --input "$work/few.csv" --fit nss
printf 'date,rate\n' >"$work/not_treasury.csv"
expect "ust: a file that is not the Treasury's" 1 "" "not_treasury.csv:1: expected the header Date,\"1 Mo\",..." -- curve build ust --input "$work/not_treasury.csv"
expect "ust: unknown fit" 2 "" "--fit: unknown model 'ns' (expected 'nss')" -- curve build ust --input "$work/ust.csv" --fit ns
expect "ust: needs --input" 2 "" "missing --input FILE" -- curve build ust
expect "ust: a missing file" 1 "" "cannot open '$work/none.csv'" -- curve build ust --input "$work/none.csv"
[ ! -e "$work/out_us.csv" ] && [ ! -e "$work/out_us.csv.part" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL ust: a failed build leaves no output file"
}

# TIPS: real par yields (synthetic, as in the fixture) and the breakevens against 2023-09-01
printf 'Date,"5 YR","7 YR","10 YR","20 YR","30 YR"\n09/01/2023,2.21,2.11,2.06,2.10,2.17\n' >"$work/real.csv"
"$mf" curve build tips --input "$work/real.csv" --nominal "$work/ust.csv" >"$work/be.csv" 2>"$work/err"
us_check "tips: real zero and breakevens are QuantLib's" \
    "$(grep '^2023-09-01,10 Yr,' "$work/be.csv" | cut -d, -f1-7,9-11; cat "$work/err")" \
    "2023-09-01,10 Yr,2033-09-01,10.0082191781,2.06,2.0404242362,2.0508680500,4.1456709745,2.0735401384,2.0628649381"
us_check "tips: without --nominal, the real curve only" \
    "$("$mf" curve build tips --input "$work/real.csv" | head -1)" \
    "date,tenor,maturity,t_years,real_par_yield_pct,real_zero_cc_pct,real_zero_sa_pct,discount_factor"
printf 'Date,"5 YR","7 YR","10 YR","20 YR","30 YR"\n09/05/2023,2.21,2.11,2.06,2.10,2.17\n' >"$work/real_late.csv"
expect "tips: a date the nominal file lacks" 1 "" "real_late.csv:2: no nominal curve for 2023-09-05 in '$work/ust.csv'" -- curve build tips --input "$work/real_late.csv" --nominal "$work/ust.csv"

# The Treasury's own files (shared reference, when present beside the checkout)
ref="$(cd "$(dirname "$0")/../../.." && pwd)/../shared/reference/connectors/ust_yields"
if [ -r "$ref/daily-treasury-rates_2000.csv" ]; then
    "$mf" curve build ust --input "$ref/daily-treasury-rates_2000.csv" >"$work/ref2000.csv" 2>"$work/err"
    us_check "ust: the Treasury's 2000 file (no 1, 2 or 4 Mo): 251 dates of 10 tenors" \
        "$(wc -l <"$work/ref2000.csv" | tr -d ' '); $(cat "$work/err")" "2511; "
fi

# The arbitrage check: 2021-12-01's debt-ceiling hump (1 Mo 0.09 % over 2 Mo 0.04 %) implies a
# negative forward between them (test_curve_ust.c works it by hand: -0.0100 %).
printf 'Date,"1 Mo","2 Mo","3 Mo"\n12/01/2021,0.09,0.04,0.05\n' >"$work/hump.csv"
expect "a negative forward names both tenors" 1 "" "hump.csv:2: tenor \"2 Mo\" on 2021-12-01: par yield 0.04% gives a discount factor 0.999932059411 not below the 0.999923567486 of tenor \"1 Mo\" (par yield 0.09%): a forward rate of -0.0100% (continuous) between them (--allow-negative-forwards builds such curves as quoted)" -- curve build ust --input "$work/hump.csv"
"$mf" curve build ust --input "$work/hump.csv" --allow-negative-forwards >"$work/hump.out" 2>"$work/hump.err"
us_check "--allow-negative-forwards builds it with a note" \
    "$?:$(wc -l <"$work/hump.out"):$(grep -c 'note: tenor "2 Mo"' "$work/hump.err")" "0:4:1"
