# mf curve build real (--date D | --from D --to D): the real curve from the NTN-B yields in the
# store (market_prices.yield_pct), stored as BRL_REAL, and with --breakeven BRL_BREAKEVEN
# against the stored DI_PRE. Expected numbers: what the file build (mf curve build real
# --input FILE [--pre FILE] --store, checked against QuantLib and hand computations by its own
# tests) stores from the same yields written to a CSV: `curve show --format csv` prints the
# shortest decimal that reads back to each stored double, so equal text is equal bits.
rdb="sqlite:$work/real_store.db"
rsql() { sqlite3 "$work/real_store.db" "$@"; }
"$mf" --db "$rdb" init >/dev/null
# day numbers (days since 1970-01-01) of ISO dates
dn() { echo $(($(date -u -d "$1" +%s) / 86400)); }
add_bond() { # ticker (init knows the SIM. ones)
    rsql "INSERT OR IGNORE INTO instruments (ticker, name, asset_class, instrument_type, currency, country)
          VALUES ('$1', '$1', 'inflation', 'bond', 'BRL', 'BR')"
}
add_yield() { # ticker price_date available_at yield (NULL: none)
    rsql "INSERT INTO market_prices (instrument_id, price_date, available_at, close, yield_pct)
          SELECT id, $(dn "$2"), $(dn "$3"), 4000, $4 FROM instruments WHERE ticker = '$1'"
}
for t in NTNB-20250515 NTNB-20260815 NTNB-20270515 NTNB-20280815 NTNB-20300815 NTNB-20290615 \
    SIM.NTNB-20270515 SIM.NTNB-20280815; do add_bond $t; done
# 2026-02-06 (Friday): three bonds, one matured, one without a yield; a revision of the 2027
# yield published on 2026-02-20 (the first vintage 8.0)
add_yield NTNB-20250515 2026-02-06 2026-02-06 9.0
add_yield NTNB-20260815 2026-02-06 2026-02-06 10.25
add_yield NTNB-20270515 2026-02-06 2026-02-06 8.0
add_yield NTNB-20270515 2026-02-06 2026-02-20 8.273
add_yield NTNB-20280815 2026-02-06 2026-02-06 7.8168
add_yield NTNB-20300815 2026-02-06 2026-02-06 NULL
# 2026-02-09 (Monday): a bond maturing on a 15 June (no NTN-B does): the date fails
add_yield NTNB-20270515 2026-02-09 2026-02-09 8.30
add_yield NTNB-20290615 2026-02-09 2026-02-09 7.90
# 2026-02-11: two bonds; 2026-02-10 has nothing. The SIM. namespace: 2026-02-06 only.
add_yield NTNB-20270515 2026-02-11 2026-02-11 8.31
add_yield NTNB-20280815 2026-02-11 2026-02-11 7.83
add_yield SIM.NTNB-20270515 2026-02-06 2026-02-06 6.5
add_yield SIM.NTNB-20280815 2026-02-06 2026-02-06 6.9

expect "one date from the store as known after the revision: matured and yieldless bonds left out" 0 \
    "built BRL_REAL 2026-02-06: 3 vertices (3 NTN-B yields; 1 expiring left out; 1 without a yield left out)" "" -- \
    --db "$rdb" curve build real --date 2026-02-06 --as-of 2026-03-01
printf 'date,name,maturity,yield\n2026-02-06,B26,2026-08-15,10.25\n2026-02-06,B27,2027-05-15,8.273\n2026-02-06,B28,2028-08-15,7.8168\n' >"$work/rs_real.csv"
printf 'date,ticker,maturity,rate\n2026-02-06,CDI,2026-02-09,14.90\n2026-02-06,DI1F27,2027-01-04,14.90\n2026-02-06,DI1F28,2028-01-03,13.10\n' >"$work/rs_pre.csv"
"$mf" --db "$rdb" curve build real --input "$work/rs_real.csv" --pre "$work/rs_pre.csv" --store \
    --code FILE_REAL --breakeven-code FILE_BE >/dev/null
# show_body CODE DATE: the stored vertices as CSV (tenors, maturity, shortest-exact doubles)
show_body() { "$mf" --db "$rdb" curve show "$1" --date "$2" --format csv; }
file_real=$(show_body FILE_REAL 2026-02-06)
expect "the stored curve is the file build's, bit for bit" 0 "$file_real" "" -- \
    --db "$rdb" curve show BRL_REAL --date 2026-02-06 --format csv
expect "its conventions and source" 0 "curve BRL_REAL date 2026-02-06 day_count bus/252 compounding annual source store_ntnb
tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor
     130      190 2026-08-15 10.250000000000 0.950906956968354
     315      463 2027-05-15 8.244760698332 0.905714653408509
     630      921 2028-08-15 7.782711300646 0.829138801677061" "" -- --db "$rdb" curve show BRL_REAL --date 2026-02-06
# by default point in time: the first vintage of the 2027 yield (8.0), another curve than the
# revised yield's above
expect "by default the yields as known on the curve date" 0 \
    "built ASOF 2026-02-06: 3 vertices (3 NTN-B yields; 1 expiring left out; 1 without a yield left out)" "" -- \
    --db "$rdb" curve build real --date 2026-02-06 --code ASOF
sed 's/8.273/8.0/' "$work/rs_real.csv" >"$work/rs_real_asof.csv"
"$mf" --db "$rdb" curve build real --input "$work/rs_real_asof.csv" --store --code FILE_ASOF >/dev/null
expect "the as-of curve is the file build's of the first vintage" 0 "$(show_body FILE_ASOF 2026-02-06)" "" -- \
    --db "$rdb" curve show ASOF --date 2026-02-06 --format csv

expect "a range: a failing date is reported, days without yields counted" 1 \
    "built BRL_REAL 2026-02-06: 3 vertices (3 NTN-B yields; 1 expiring left out; 1 without a yield left out)
built BRL_REAL 2026-02-11: 2 vertices (2 NTN-B yields)
built 2 curves BRL_REAL from 2026-02-05 to 2026-02-13; 1 dates failed; 4 business days without data" \
    "mf curve: 2026-02-09: NTNB-20290615: maturity 2029-06-15 is not a 15 February, May, August or November" -- \
    --db "$rdb" curve build real --from 2026-02-05 --to 2026-02-13
printf 'date,name,maturity,yield\n2026-02-11,B27,2027-05-15,8.31\n2026-02-11,B28,2028-08-15,7.83\n' >"$work/rs_real_11.csv"
"$mf" --db "$rdb" curve build real --input "$work/rs_real_11.csv" --store --code FILE_11 >/dev/null
expect "the range's second curve is the file build's" 0 "$(show_body FILE_11 2026-02-11)" "" -- \
    --db "$rdb" curve show BRL_REAL --date 2026-02-11 --format csv
expect "a range without NTN-B yields" 1 "" "mf curve: no NTN-B prices (NTNB-*) in the store from 2026-03-02 to 2026-03-06" -- \
    --db "$rdb" curve build real --from 2026-03-02 --to 2026-03-06
expect "a date without NTN-B yields" 1 "" "no NTN-B yield (NTNB-*) of 2026-02-10 (0 left out" -- \
    --db "$rdb" curve build real --date 2026-02-10
expect "a date that is not a business day" 1 "" "curve date 2026-02-16 is not a business day (Carnival Monday)" -- \
    --db "$rdb" curve build real --date 2026-02-16
expect "the SIM. namespace" 0 "built SIMREAL 2026-02-06: 2 vertices (2 NTN-B yields)" "" -- \
    --db "$rdb" curve build real --date 2026-02-06 --ticker-prefix SIM. --code SIMREAL
printf 'date,name,maturity,yield\n2026-02-06,B27,2027-05-15,6.5\n2026-02-06,B28,2028-08-15,6.9\n' >"$work/rs_real_sim.csv"
"$mf" --db "$rdb" curve build real --input "$work/rs_real_sim.csv" --store --code FILE_SIM >/dev/null
expect "the SIM. curve is the file build's" 0 "$(show_body FILE_SIM 2026-02-06)" "" -- \
    --db "$rdb" curve show SIMREAL --date 2026-02-06 --format csv

# --breakeven: against the DI curve stored from rs_pre.csv, as the file build against the file
"$mf" --db "$rdb" curve build di1 --input "$work/rs_pre.csv" --store >/dev/null
expect "--breakeven with a stored DI_PRE; a date without one stores the real curve only" 1 \
    "built BRL_REAL 2026-02-06: 3 vertices (3 NTN-B yields; 1 expiring left out; 1 without a yield left out); BRL_BREAKEVEN against DI_PRE
built BRL_REAL 2026-02-11: 2 vertices (2 NTN-B yields); no DI_PRE stored: no BRL_BREAKEVEN
built 2 curves BRL_REAL from 2026-02-06 to 2026-02-11 (1 with BRL_BREAKEVEN); 1 dates failed; 1 business days without data" \
    "mf curve: 2026-02-09: NTNB-20290615" -- \
    --db "$rdb" curve build real --from 2026-02-06 --to 2026-02-11 --breakeven --as-of 2026-03-01 --pre-code DI_PRE
expect "the breakeven is the file build's (--pre FILE), bit for bit" 0 "$(show_body FILE_BE 2026-02-06)" "" -- \
    --db "$rdb" curve show BRL_BREAKEVEN --date 2026-02-06 --format csv
expect "the real curve with --breakeven is the same" 0 "$file_real" "" -- \
    --db "$rdb" curve show BRL_REAL --date 2026-02-06 --format csv
head=$("$mf" --db "$rdb" curve show BRL_BREAKEVEN --date 2026-02-06 | head -1)
[ "$head" == "curve BRL_BREAKEVEN date 2026-02-06 day_count bus/252 compounding annual source store_ntnb_di1" ] &&
    pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL the breakeven's conventions: $head"; }

# ---- usage errors -----------------------------------------------------------------------------
expect "--date and --from" 2 "" "--date and --from/--to exclude each other" -- \
    --db "$rdb" curve build real --date 2026-02-06 --from 2026-02-06 --to 2026-02-09
expect "--from needs --to" 2 "" "--from needs --to" -- --db "$rdb" curve build real --from 2026-02-06
expect "--to before --from" 2 "" "--to is before --from" -- --db "$rdb" curve build real --from 2026-02-09 --to 2026-02-06
expect "store options need a date" 2 "" "building from the store needs --date D or --from D --to D" -- \
    --db "$rdb" curve build real --ticker-prefix SIM.
expect "--code alone asks for the store build" 2 "" "building from the store needs --date D" -- \
    --db "$rdb" curve build real --code X
expect "--input with --date" 2 "" "exclude each other" -- \
    --db "$rdb" curve build real --input "$work/rs_real.csv" --date 2026-02-06
expect "--pre FILE with --from" 2 "" "exclude each other" -- \
    --db "$rdb" curve build real --from 2026-02-06 --to 2026-02-09 --pre "$work/rs_pre.csv"
expect "--pre-code needs --breakeven" 2 "" "--breakeven-code and --pre-code go with --breakeven" -- \
    --db "$rdb" curve build real --date 2026-02-06 --pre-code DI_PRE
expect "one code for both curves" 2 "" "the real and breakeven curves cannot share the code 'X'" -- \
    --db "$rdb" curve build real --date 2026-02-06 --breakeven --code X --breakeven-code X
expect "a bad --date" 2 "" "--date: invalid date '2026-13-01'" -- --db "$rdb" curve build real --date 2026-13-01
expect "a long --ticker-prefix" 2 "" "--ticker-prefix: at most 16 characters" -- \
    --db "$rdb" curve build real --date 2026-02-06 --ticker-prefix ABCDEFGHIJKLMNOPQ
expect "an unexpected argument" 2 "" "unexpected argument 'x'" -- --db "$rdb" curve build real --date 2026-02-06 x
