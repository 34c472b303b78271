# mf curve build di1|real|cupom|ust|tips --input FILE --store: every file build stores its
# bootstrap nodes as vertices (codes DI_PRE, BRL_REAL, BRL_BREAKEVEN, BRL_CUPOM, UST_ZERO,
# UST_TIPS_REAL, UST_BREAKEVEN), then show and history (--tenor / --tenor-days) read them back.
# Expected numbers: what the same file build prints as CSV (its own tests check those against
# QuantLib and hand computations), so a stored curve must answer every tenor as the file
# build did; a failing file stores nothing.
sdb="sqlite:$work/store_all.db"
all_curves() { sqlite3 "$work/store_all.db" "SELECT * FROM curves ORDER BY 1, 2, 3"; }

printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,14.90\n2026-01-12,DI1G26,2026-02-02,14.88\n2026-01-12,DI1F27,2027-01-04,13.741\n' >"$work/sa_di1.csv"
printf 'date,name,maturity,yield\n2026-02-06,B26,2026-08-15,10.25\n2026-02-06,B27,2027-05-15,8.273\n2026-02-06,B28,2028-08-15,7.8168\n' >"$work/sa_real.csv"
printf 'date,ticker,maturity,rate\n2026-02-06,CDI,2026-02-09,14.90\n2026-02-06,DI1F27,2027-01-04,14.90\n' >"$work/sa_pre.csv"
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1H26,2026-03-02,14.88\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,spot,USDBRL,2026-02-06,5.25\n2026-02-06,dol,DOLH26,2026-03-02,5268.5\n2026-02-06,fwd,F2,2026-06-01,5.40\n' >"$work/sa_cupom.csv"
printf '%s\n09/01/2023,5.51,5.55,5.53,5.58,5.47,5.36,4.87,4.57,4.29,4.27,4.18,4.48,4.29\n08/31/2023,5.52,5.55,5.56,5.61,5.48,5.37,4.85,4.54,4.23,4.19,4.09,4.39,4.20\n' \
    'Date,"1 Mo","2 Mo","3 Mo","4 Mo","6 Mo","1 Yr","2 Yr","3 Yr","5 Yr","7 Yr","10 Yr","20 Yr","30 Yr"' >"$work/sa_ust.csv"
printf 'Date,"5 YR","7 YR","10 YR","20 YR","30 YR"\n09/01/2023,2.21,2.11,2.06,2.10,2.17\n' >"$work/sa_tips.csv"

# ---- build and store each kind: one line per stored code instead of the CSV ------------------
expect "store di1 from a file" 0 "stored 1 curve DI_PRE (bus/252 annual) from 2026-01-12 to 2026-01-12: 3 vertices" "" -- \
    --db "$sdb" curve build di1 --input "$work/sa_di1.csv" --store
expect "store real with its breakeven" 0 "stored 1 curve BRL_REAL (bus/252 annual) from 2026-02-06 to 2026-02-06: 3 vertices
stored 1 curve BRL_BREAKEVEN (bus/252 annual) from 2026-02-06 to 2026-02-06: 3 vertices" "" -- \
    --db "$sdb" curve build real --input "$work/sa_real.csv" --pre "$work/sa_pre.csv" --store
expect "store cupom" 0 "stored 1 curve BRL_CUPOM (act/360 simple) from 2026-02-06 to 2026-02-06: 2 vertices" "" -- \
    --db "$sdb" curve build cupom --input "$work/sa_cupom.csv" --store
expect "store ust (two dates)" 0 "stored 2 curves UST_ZERO (act/365f continuous) from 2023-08-31 to 2023-09-01: 26 vertices" "" -- \
    --db "$sdb" curve build ust --input "$work/sa_ust.csv" --store
expect "store tips with breakevens" 0 "stored 1 curve UST_TIPS_REAL (act/365f continuous) from 2023-09-01 to 2023-09-01: 5 vertices
stored 1 curve UST_BREAKEVEN (act/365f continuous) from 2023-09-01 to 2023-09-01: 5 vertices" "" -- \
    --db "$sdb" curve build tips --input "$work/sa_tips.csv" --nominal "$work/sa_ust.csv" --store
# --store with --output: the CSV goes to the file, byte for byte what the build without
# --store writes, and the summary to stdout
"$mf" curve build cupom --input "$work/sa_cupom.csv" --output "$work/sa_cupom_plain.csv"
expect "store and --output together" 0 "stored 1 curve CUPOM_2 (act/360 simple) from 2026-02-06 to 2026-02-06: 2 vertices" "" -- \
    --db "$sdb" curve build cupom --input "$work/sa_cupom.csv" --store --code CUPOM_2 --output "$work/sa_cupom_out.csv"
cmp -s "$work/sa_cupom_plain.csv" "$work/sa_cupom_out.csv" && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL --store changes the CSV of --output"
}

# ---- show: every convention in the header line; vertices are the bootstrap's nodes ------------
# The cupom's first vertex is the DOL of 2026-03-02 (24 calendar days, 14 business days), its
# cupom 6.296582 % as in fx.sh; the real curve's first vertex is the first bond's yield; the
# breakeven there 1.149 / 1.1025 - 1 (fx.sh).
expect "show cupom (act/360 simple)" 0 "curve BRL_CUPOM date 2026-02-06 day_count act/360 compounding simple source file_cupom
tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor
      14       24 2026-03-02 6.296582209928 0.995819825733993
      76      115 2026-06-01 3.375212983935 0.989333079627324" "" -- --db "$sdb" curve show BRL_CUPOM --date 2026-02-06
expect "show real (bus/252 annual)" 0 "curve BRL_REAL date 2026-02-06 day_count bus/252 compounding annual source file_ntnb
tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor
     130      190 2026-08-15 10.250000000000 0.950906956968354
     315      463 2027-05-15 8.244760698332 0.905714653408509
     630      921 2028-08-15 7.782711300646 0.829138801677061" "" -- --db "$sdb" curve show BRL_REAL --date 2026-02-06
expect "show breakeven" 0 "curve BRL_BREAKEVEN date 2026-02-06 day_count bus/252 compounding annual source file_ntnb_di1
tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor
     130      190 2026-08-15 4.217687074830 0.978913910902998
     315      463 2027-05-15 6.148324647524 0.928129485678429
     630      921 2028-08-15 6.603367658382 0.852261144091633" "" -- --db "$sdb" curve show BRL_BREAKEVEN --date 2026-02-06
# The UST vertices are the file build's nodes: zero_cc_pct and discount factors as its CSV
# (2023-09-01, 1 Mo: 5.4975607886 %, 0.995491650143324; 30 Yr: 4.1677393960 %).
out=$("$mf" --db "$sdb" curve show UST_ZERO --date 2023-09-01 | sed -n '1p;3p;15p')
[ "$out" == "curve UST_ZERO date 2023-09-01 day_count act/365f compounding continuous source file_ust_par
      20       30 2023-10-01 5.497560788630 0.995491650143324
    7476    10958 2053-09-01 4.167739395958 0.286151097161832" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL show UST_ZERO: $out"
}
# UST_BREAKEVEN at 5 Yr: the tips CSV's breakeven_cc_pct 2.0143463466
out=$("$mf" --db "$sdb" curve show UST_BREAKEVEN --date 2023-09-01 --format csv | sed -n 2p)
[[ "$out" == "1248,1827,2028-09-01,2.01434634659"*",0.90408880077175"* ]] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL show UST_BREAKEVEN: $out"
}

# ---- history: the stored curve answers as the file build ---------------------------------------
# Between vertices, the file build's CSV at the same tenor (12 decimals): real at 252 business
# days, cupom at 60 calendar days, DI at 21 business days.
want=$("$mf" curve build real --input "$work/sa_real.csv" | grep '^2026-02-06,252,' | cut -d, -f3,4 | tr , ' ')
expect "history by --tenor between vertices: the real file build at 252" 0 "curve_date tenor_bd zero_rate_pct   discount_factor   from
2026-02-06      252 $want interpolated" "" -- --db "$sdb" curve history BRL_REAL --tenor 252
want=$("$mf" curve build cupom --input "$work/sa_cupom.csv" | grep '^2026-02-06,60,' | cut -d, -f3,4 | tr , ' ')
expect "history by --tenor-days between vertices: the cupom file build at 60" 0 "curve_date tenor_cd zero_rate_pct   discount_factor   from
2026-02-06       60 $want interpolated" "" -- --db "$sdb" curve history BRL_CUPOM --tenor-days 60
want=$("$mf" curve build di1 --input "$work/sa_di1.csv" | grep '^2026-01-12,21,' | cut -d, -f3,4 | tr , ' ')
expect "history of DI_PRE stored from a file: the file build at 21" 0 "curve_date tenor_bd zero_rate_pct   discount_factor   from
2026-01-12       21 $want interpolated" "" -- --db "$sdb" curve history DI_PRE --tenor 21
expect "history by --tenor-days at a vertex on two dates (act/365f)" 0 "curve_date tenor_cd zero_rate_pct   discount_factor   from
2023-08-31       30 5.507515664406 0.995483504974690 vertex
2023-09-01       30 5.497560788630 0.995491650143324 vertex" "" -- --db "$sdb" curve history UST_ZERO --tenor-days 30
# beyond the 30 Yr vertex: its forward continues
out=$("$mf" --db "$sdb" curve history UST_ZERO --tenor-days 12000 --from 2023-09-01 --format csv | tail -1)
[[ "$out" == 2023-09-01,12000,*,extrapolated ]] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL history extrapolated: $out"
}
expect "history JSON by --tenor-days" 0 '{"curve":"BRL_CUPOM","tenor_cd":24,"points":[{"date":"2026-02-06","zero_rate":6.296582209927681,"discount_factor":0.9958198257339933,"from":"vertex"}]}' "" -- \
    --db "$sdb" curve history BRL_CUPOM --tenor-days 24 --format json
expect "history by --tenor of an act/360 curve" 1 "" "curve of 2026-02-06 is act/360 simple: a history by business-day tenor needs a bus/252 annual curve" -- \
    --db "$sdb" curve history BRL_CUPOM --tenor 21
expect "history by --tenor-days of a bus/252 curve" 1 "" "curve of 2026-02-06 is bus/252 annual: a history by calendar-day tenor needs an act/360 or act/365f curve" -- \
    --db "$sdb" curve history BRL_REAL --tenor-days 30
expect "history with both tenors" 2 "" "--tenor and --tenor-days exclude each other" -- \
    --db "$sdb" curve history BRL_REAL --tenor 21 --tenor-days 30
expect "history --tenor-days 0" 2 "" "--tenor-days" -- --db "$sdb" curve history BRL_CUPOM --tenor-days 0
expect "history of an unknown code" 1 "" "mf curve: unknown curve 'UST_NOPE'" -- --db "$sdb" curve history UST_NOPE --tenor-days 30
expect "show of an unknown code" 1 "" "unknown curve 'UST_NOPE'" -- --db "$sdb" curve show UST_NOPE --date 2023-09-01

# ---- a failing file stores nothing -------------------------------------------------------------
# di1: the first date would change DI_PRE of 2026-01-12 and the second fails; the store stays
# as it was (one transaction for the file).
before=$(all_curves)
printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,13.00\n2026-01-12,DI1F27,2027-01-04,12.00\n2026-01-13,DI1F27,2027-01-04,13.70\n' >"$work/sa_di1_bad.csv"
expect "di1: a later date fails" 1 "" "2026-01-13 has no CDI row" -- --db "$sdb" curve build di1 --input "$work/sa_di1_bad.csv" --store
printf 'date,name,maturity,yield\n2026-02-06,B26,2026-08-15,9.00\n2026-02-09,B27,2027-05-14,8.273\n' >"$work/sa_real_bad.csv"
expect "real: a later date fails" 1 "" "B27: maturity 2027-05-14 is not a 15 February" -- --db "$sdb" curve build real --input "$work/sa_real_bad.csv" --store
# (ust: dates are built in increasing order, so 08/31 is stored before 09/01 fails)
printf 'Date,"1 Mo","10 Yr"\n09/01/2023,5.00,60\n08/31/2023,5.00,4.00\n' >"$work/sa_ust_bad.csv"
expect "ust: a later date fails" 1 "" "$work/sa_ust_bad.csv:2" -- --db "$sdb" curve build ust --input "$work/sa_ust_bad.csv" --store --code UST_ZERO
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,spot,S,2026-02-06,5.25\n2026-02-06,fwd,X,2027-02-08,5.6\n' >"$work/sa_cupom_bad.csv"
expect "cupom: the curve fails" 1 "" "X: maturity 2027-02-08 is not a business day" -- --db "$sdb" curve build cupom --input "$work/sa_cupom_bad.csv" --store
[ "$(all_curves)" == "$before" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL a failing file changed the stored curves"
}

# ---- options ------------------------------------------------------------------------------------
expect "--code needs --store" 2 "" "--code goes with --store" -- curve build ust --input "$work/sa_ust.csv" --code X
expect "--breakeven-code needs --pre" 2 "" "--breakeven-code goes with --pre" -- --db "$sdb" curve build real --input "$work/sa_real.csv" --store --breakeven-code X
expect "two curves of one build cannot share a code" 2 "" "two curves of a build cannot share the code 'X'" -- \
    --db "$sdb" curve build tips --input "$work/sa_tips.csv" --nominal "$work/sa_ust.csv" --store --code X --breakeven-code X
expect "an invalid code stores nothing" 1 "" "invalid curve code" -- --db "$sdb" curve build di1 --input "$work/sa_di1.csv" --store --code 'bad code'
[ "$(all_curves)" == "$before" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL a refused build changed the stored curves"
}
