# mf curve rate: a stored curve asked by date. DI_PRE of 2026-01-12 built from a three-line
# file (CDI 14.90 to 2026-01-13; DI1G26 14.88 to 2026-02-02, 15 du; DI1F27 13.741 to
# 2027-01-04, 243 du). Expected by hand (python, ANBIMA holidays Carnival 16-17 Feb,
# 3 Apr, 21 Apr, 1 May, 4 Jun 2026 for du):
#   at the DI1F27 vertex: DF 1.13741^(-243/252), zero rate the settle 13.741, t 243/252;
#   forward 2026-02-02 -> 2027-01-04: (1.13741^(243/252) / 1.1488^(15/252))^(252/228) - 1;
#   2026-07-01 (116 du, 170 days, between vertices): DF exp(l15 + (l243 - l15)(116-15)/228)
#   with l = ln DF of the vertices, simple ACT/360 rate (1/DF - 1) 360/170.
rdb="sqlite:$work/rate.db"
printf 'date,ticker,maturity,rate\n2026-01-12,CDI,2026-01-13,14.90\n2026-01-12,DI1G26,2026-02-02,14.88\n2026-01-12,DI1F27,2027-01-04,13.741\n' >"$work/rate_di1.csv"
expect "rate: store DI_PRE" 0 "stored 1 curve DI_PRE (bus/252 annual) from 2026-01-12 to 2026-01-12: 3 vertices" "" -- \
    --db "$rdb" curve build di1 --input "$work/rate_di1.csv" --store
expect "rate at a vertex is the DI1 settle" 0 "curve DI_PRE
date 2026-01-12
to 2027-01-04
convention bus252-exp
discount_factor 0.883242574589244
zero_rate_pct 13.741000000000
year_fraction 0.964285714285714" "" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2027-01-04
expect "rate at the DI1G26 vertex" 0 "curve DI_PRE
date 2026-01-12
to 2026-02-02
convention bus252-exp
discount_factor 0.991776976543135
zero_rate_pct 14.880000000000
year_fraction 0.059523809523810" "" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2026-02-02
expect "forward between the two DI1 vertices" 0 "curve DI_PRE
date 2026-01-12
from 2026-02-02
to 2027-01-04
convention bus252-exp
discount_factor 0.883242574589244
forward_rate_pct 13.666462931746
year_fraction 0.904761904761905" "" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --from 2026-02-02 --to 2027-01-04
expect "between vertices, simple ACT/360" 0 "curve DI_PRE
date 2026-01-12
to 2026-07-01
convention simple-act360
discount_factor 0.942143228854663
zero_rate_pct 13.004415623503
year_fraction 0.472222222222222" "" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2026-07-01 --convention simple-act360
# json: the shortest exact decimal: 13.741 back from its discount factor, less float error
expect "json" 0 '{"curve":"DI_PRE","date":"2026-01-12","to":"2027-01-04","convention":"bus252-exp","discount_factor":0.8832425745892439,"zero_rate_pct":13.741000000000003,"year_fraction":0.9642857142857143}' "" -- \
    --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2027-01-04 --json
# at every vertex the same bits as curve show's stored zero rate (the CDI vertex included)
show=$(cd "$work" && "$mf" --db "$rdb" curve show DI_PRE --date 2026-01-12 --format csv | tail -n +2)
same=1
while IFS=, read -r _ _ mat zero _; do
    got=$(cd "$work" && "$mf" --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to "$mat" --json)
    [[ "$got" == *"\"zero_rate_pct\":$zero,"* ]] || { same=0; echo "FAIL rate at $mat: $got, show $zero"; }
done <<<"$show"
if [ $same -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
# errors
expect "rate: unknown curve" 1 "" "unknown curve 'NOPE'" -- --db "$rdb" curve rate NOPE --date 2026-01-12 --to 2027-01-04
expect "rate: no curve on the date" 1 "" "no curve 'DI_PRE' on 2026-01-13" -- --db "$rdb" curve rate DI_PRE --date 2026-01-13 --to 2027-01-04
expect "rate: needs --to" 2 "" "rate needs --date D and --to D2" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12
expect "rate: needs a code" 2 "" "rate needs a curve CODE" -- --db "$rdb" curve rate --date 2026-01-12 --to 2027-01-04
expect "rate: --to not after --date" 2 "" "--to must be after --date" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2026-01-12
expect "rate: --to not after --from" 2 "" "--to must be after --from" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --from 2026-03-02 --to 2026-03-01
expect "rate: --from before the curve" 2 "" "--from is before the curve date" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --from 2026-01-09 --to 2026-03-01
expect "rate: unknown convention" 2 "" "--convention: " -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --to 2027-01-04 --convention act365
expect "rate: a forward over no business day" 1 "" "is zero (no business day in between)" -- --db "$rdb" curve rate DI_PRE --date 2026-01-12 --from 2026-01-17 --to 2026-01-19

# mf curve keyrate on the same DI_PRE. By hand (python, the vertex DFs (1+r)^(-du/252) and
# ln DF linear in du between them; 2026-07-01 is 116 du, 2027-01-01 is 243 du like the DI1F27
# vertex 2027-01-04): LTN 2027-01-01: PV 1000 * 1.13741^(-243/252) = 883.242575, DV01
# 1000 (1.13741^(-243/252) - 1.13751^(-243/252)) = 0.074874, all in the DI1F27 bucket.
# NTN-F 2027-01-01, 100 short: PV -100 (48.80885 DF(116) + 1048.80885 DF(243)) = -97233.755646;
# parallel -8.038813; buckets DI1G26 -0.013271, DI1F27 -8.025543, CDI 0.
expect "keyrate: an LTN on a vertex loads only that bucket" 0 "curve DI_PRE
date 2026-01-12
bond ltn
maturity 2027-01-01
quantity 1
pv_brl 883.242575
dv01_parallel_brl 0.074874
tenor_bd maturity   dv01_brl
       1 2026-01-13 0.000000
      15 2026-02-02 0.000000
     243 2027-01-04 0.074874" "" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ltn --maturity 2027-01-01
expect "keyrate: an NTN-F, short 100" 0 "curve DI_PRE
date 2026-01-12
bond ntnf
maturity 2027-01-01
quantity -100
pv_brl -97233.755646
dv01_parallel_brl -8.038813
tenor_bd maturity   dv01_brl
       1 2026-01-13 0.000000
      15 2026-02-02 -0.013271
     243 2027-01-04 -8.025543" "" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ntnf --maturity 2027-01-01 --quantity -100
out=$(cd "$work" && "$mf" --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ltn --maturity 2027-01-01 --json)
if [[ "$out" == '{"curve":"DI_PRE","date":"2026-01-12","bond":"ltn","maturity":"2027-01-01","quantity":1,"pv_brl":883.24257458924'*'"vertices":[{"tenor_bd":1,"maturity":"2026-01-13","dv01_brl":0},{"tenor_bd":15,"maturity":"2026-02-02","dv01_brl":0},{"tenor_bd":243,"maturity":"2027-01-04","dv01_brl":0.0748'*'}]}' ]]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL keyrate --json: $out"
fi
expect "keyrate: an NTN-F maturity off the coupon calendar" 1 "" "not a 1 January or 1 July" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ntnf --maturity 2027-02-01
expect "keyrate: unknown bond" 2 "" "--bond 'ntnb': expected ltn or ntnf" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ntnb --maturity 2027-05-15
expect "keyrate: zero quantity" 2 "" "--quantity '0': expected a non-zero number" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ltn --maturity 2027-01-01 --quantity 0
expect "keyrate: needs the bond" 2 "" "keyrate needs --date D, --bond ltn|ntnf and --maturity M" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12
expect "keyrate: unknown curve" 1 "" "unknown curve 'NOPE'" -- --db "$rdb" curve keyrate NOPE --date 2026-01-12 --bond ltn --maturity 2027-01-01
expect "keyrate: maturity before the date" 1 "" "maturity" -- --db "$rdb" curve keyrate DI_PRE --date 2026-01-12 --bond ltn --maturity 2026-01-01
# an act/360 curve (cupom cambial): keyrate refuses it; rate refuses a BUS/252 convention
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1H26,2026-03-02,14.88\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,spot,USDBRL,2026-02-06,5.25\n2026-02-06,dol,DOLH26,2026-03-02,5268.5\n2026-02-06,fwd,F2,2026-06-01,5.40\n' >"$work/rate_cupom.csv"
expect_status "rate: store a cupom curve" 0 "" -- --db "$rdb" curve build cupom --input "$work/rate_cupom.csv" --store
expect "keyrate: an act/360 curve is refused" 1 "" "curve 'BRL_CUPOM' is act/360 simple: Brazilian bonds are priced on a bus/252 curve" -- --db "$rdb" curve keyrate BRL_CUPOM --date 2026-02-06 --bond ltn --maturity 2027-01-01
expect "rate: BUS/252 on an act/360 curve is refused" 1 "" "a BUS/252 rate needs a business-day calendar" -- --db "$rdb" curve rate BRL_CUPOM --date 2026-02-06 --to 2026-06-01 --convention bus252-exp
# its own convention by default: simple ACT/360, the stored vertex rate at its maturity
# (curve show prints 3.375212983935 for the F2 vertex: (1/DF - 1) 360/115)
expect "rate: a cupom vertex in simple ACT/360" 0 "curve BRL_CUPOM
date 2026-02-06
to 2026-06-01
convention simple-act360
discount_factor 0.989333079627324
zero_rate_pct 3.375212983935
year_fraction 0.319444444444444" "" -- --db "$rdb" curve rate BRL_CUPOM --date 2026-02-06 --to 2026-06-01
