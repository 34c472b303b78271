# mf price: US Treasury notes and bills. The ust case is the hand-worked note of
# tests/unit/analytics/test_ust.c (4% 2026-11-15 at 5% on 2025-08-15: w = 92/184, accrued 1,
# dirty = (2 + 2/1.025 + 102/1.025^2)/1.025^0.5 = 99.796532); the bills are TreasuryDirect's
# formulas worked by hand there (26-week 4.2% discount: 97.876667, investment rate 4.350713%).
# The par note: Macaulay duration of a par bond (1 + y/2)/y (1 - (1 + y/2)^-2n) = 8.249603.

expect "ust price from yield" 0 "clean_per_100 98.796532
dirty_per_100 99.796532
accrued_per_100 1.000000
yield_pct 5.000000
macaulay_years 1.220549
modified_years 1.190780
convexity_years2 2.0214
dv01_per_100 0.011884" "" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 5
expect "ust at par on a coupon date" 0 "clean_per_100 100.000000
dirty_per_100 100.000000
accrued_per_100 0.000000
yield_pct 4.250000
macaulay_years 8.249603
modified_years 8.077946
convexity_years2 77.5396
dv01_per_100 0.080779" "" -- price ust --settle 2024-11-15 --maturity 2034-11-15 --coupon 4.25 --price 100
expect "ust yield from price as JSON" 0 '{"clean_per_100":98.5,"dirty_per_100":99.5,"accrued_per_100":1,"yield_pct":5.250060841163922,"macaulay_years":1.2204911197396127,"modified_years":1.1892723585442535,"convexity_years2":2.0163971480849403,"dv01_per_100":0.011833259967515327}' "" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --price 98.5 --json
expect "tbill price from discount" 0 "price_per_100 97.876667
discount_pct 4.200000
investment_rate_pct 4.350713
days 182" "" -- price tbill --settle 2025-01-02 --maturity 2025-07-03 --discount 4.2
expect "52-week tbill from price as JSON" 0 '{"price_per_100":95.45,"discount_pct":4.499999999999997,"investment_rate_pct":4.737288887938557,"days":364}' "" -- price tbill --settle 2024-01-04 --maturity 2025-01-02 --price 95.45 --json

expect "unattainable price" 1 "" "clean_per_100 400 outside the attainable range" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --price 400
expect "absurd yield" 1 "" "yield_pct 120 outside the accepted range -5..100 percent" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 120
expect "maturity before settlement" 1 "" "maturity '2024-11-15' is not after settlement '2025-08-15'" -- price ust --settle 2025-08-15 --maturity 2024-11-15 --coupon 4 --yield 4
expect "bill longer than a year" 1 "" "more than a year after settlement" -- price tbill --settle 2025-01-02 --maturity 2026-03-02 --discount 4
expect "kind is required" 2 "" "needs a KIND (ust, tbill, di1, ltn, ntnf, ntnb, lft, cds, future)" -- price --settle 2025-01-02
expect "unknown kind" 2 "" "unknown kind 'bund'" -- price bund --settle 2025-01-02 --maturity 2026-01-02
expect "yield and price together" 2 "" "needs exactly one of --yield and --price" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 5 --price 99
expect "coupon is required" 2 "" "missing --coupon" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --yield 5
expect "settle is required" 2 "" "missing --settle" -- price tbill --maturity 2026-11-15 --discount 5
expect "yield must be a number" 2 "" "--yield: " -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield five
expect "bad date" 2 "" "--maturity" -- price tbill --settle 2025-08-15 --maturity 2026-02-30 --discount 5
expect "discount is for bills" 2 "" "ust takes no --discount (it takes --settle --maturity --coupon --dated --yield --price)" -- price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --discount 5

# Brazilian kinds: ANBIMA's secondary-market file of 2026-02-06 (LTN 2026-04-01 at 14.714 %,
# PU 980.58076; NTN-F 2027-01-01 at 13.2834 %, PU 985.267939) and B3's DI1F27 settlement of
# 2026-01-12 (13.741 %, PU 88324.26, du 243); see shared/reference/connectors/README.md.
expect "LTN price from ANBIMA's indicative yield" 0 "pu_brl 980.580760
yield_pct 14.714000
du 36
dv01_brl 0.012211" "" -- price ltn --settle 2026-02-06 --maturity 2026-04-01 --yield 14.714
ntnf=$("$mf" price ntnf --settle 2026-02-06 --maturity 2027-01-01 --yield 13.2834 | head -1)
[ "$ntnf" == "pu_brl 985.267939" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL NTN-F price from ANBIMA's indicative yield: $ntnf"
}
expect "LTN yield from ANBIMA's PU" 0 "pu_brl 980.580760
yield_pct 14.714000
du 36
dv01_brl 0.012211" "" -- price ltn --settle 2026-02-06 --maturity 2026-04-01 --price 980.58076
expect "DI1 PU from B3's settlement rate" 0 "pu_pts 88324.26
rate_pct 13.741000
du 243
dv01_brl 7.488049" "" -- price di1 --date 2026-01-12 --maturity 2027-01-04 --rate 13.741
expect "NTN-B needs its VNA" 2 "" "missing --vna" -- price ntnb --settle 2026-02-06 --maturity 2035-05-15 --yield 7.5
expect "settlement on a holiday is refused" 1 "" "mf price: " -- price ltn --settle 2026-02-16 --maturity 2026-04-01 --yield 14.7
expect "di1 takes a rate" 2 "" "needs exactly one of --rate and --price" -- price di1 --date 2026-01-12 --maturity 2027-01-04
expect "an option twice" 2 "" "--yield given twice" -- price ltn --settle 2026-02-06 --maturity 2026-04-01 --yield 14.7 --yield 14.8
expect "option=value form" 0 "pu_pts 88324.26
rate_pct 13.741000
du 243
dv01_brl 7.488049" "" -- price di1 --date=2026-01-12 --maturity=2027-01-04 --rate=13.741
expect "an option without its value" 2 "" "option '--rate' needs a value" -- price di1 --date 2026-01-12 --maturity 2027-01-04 --rate
help=$("$mf" price --help | grep -A1 '^  lft ' | tail -1)
[ "$help" == "         --settle --maturity --vna --yield --price" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL price --help lists each kind's options: $help"
}
