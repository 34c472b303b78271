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
