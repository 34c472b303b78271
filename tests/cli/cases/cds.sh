# mf price cds: the ISDA Standard Model. Expected values are QuantLib 1.29's IsdaCdsEngine rows
# of tests/fixtures/cds.csv (gen/gen_cds.py):
#  brazil-5y: traded 2026-11-24, 5Y (standard maturity 2031-12-20), 165 bp, coupon 100,
#   recovery 40%, 4.2% flat: hazard 0.02773528075578425, upfront 2.8081948397420695 points,
#   accrual 65 days from 2026-09-21 (20 Sep a Sunday) to the step-in 2026-11-25, CS01
#   0.04205869581154653 points, RPV01 = annuity / df_settle - rebate = 4.499333588766217 /
#   0.9996619042083814 - 65/360 = 4.320299753; default probability 1 - e^(-h 1852/365).
#  upfront-large: traded 2024-11-25, 500 bp coupon, 42.5 points upfront, 4.3%: conventional
#   spread 2883.827103535297 bp, hazard 0.48501540440597296, 67 days accrued.
expect "cds from the conventional spread" 0 "upfront_pct 2.808195
upfront_dirty_pct 2.627639
accrued_pct 0.180556
upfront 140409.74
upfront_dirty 131381.96
accrued 9027.78
accrued_days 65
spread_bp 165.000000
coupon_bp 100.00
recovery_pct 40.00
hazard_rate 0.0277352808
default_prob 0.13127447
rpv01_years 4.32029975
risky_pv01 2160.15
cs01 2102.93
notional 5000000.00
maturity_yyyymmdd 20311220
accrual_start_yyyymmdd 20260921
cash_settle_yyyymmdd 20261127" "" -- price cds --trade-date 2026-11-24 --tenor 5Y --spread 165 --rate 4.2 --notional 5000000
expect "cds from the upfront" 0 "upfront_pct 42.500000
upfront_dirty_pct 41.569444
accrued_pct 0.930556
upfront 4250000.00
upfront_dirty 4156944.44
accrued 93055.56
accrued_days 67
spread_bp 2883.827104
coupon_bp 500.00
recovery_pct 40.00
hazard_rate 0.4850154044
default_prob 0.91453310
rpv01_years 1.78284742
risky_pv01 1782.85
cs01 695.66
notional 10000000.00
maturity_yyyymmdd 20291220
accrual_start_yyyymmdd 20240920
cash_settle_yyyymmdd 20241128" "" -- price cds --trade-date 2024-11-25 --maturity 2029-12-20 --upfront 42.5 --coupon 500 --rate 4.3
cds_json=$("$mf" price cds --trade-date 2026-11-24 --tenor 5y --spread 165 --rate 4.2 --json)
[[ "$cds_json" == '{"upfront_pct":2.808194839742'* && "$cds_json" == *'"spread_bp":165'* ]] &&
    pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL cds as JSON: $cds_json"
}
# (JSON: QuantLib to 1e-12 points.) The same trade on the us-gov calendar: Thanksgiving
# (2026-11-26) moves the cash settlement to Monday 2026-11-30 and holidays move coupon dates;
# QuantLib 1.29 with UnitedStates(GovernmentBond) in place of WeekendsOnly gives the hazard
# 0.02773567266716542 and an upfront of 2.80918166338645 points. An unknown calendar is a
# usage error.
cds_cal=$("$mf" price cds --trade-date 2026-11-24 --tenor 5Y --spread 165 --rate 4.2 --calendar us-gov | grep -E '^(upfront_pct|hazard_rate|cash_settle_yyyymmdd) ' | tr '\n' ' ')
[ "$cds_cal" == "upfront_pct 2.809182 hazard_rate 0.0277356727 cash_settle_yyyymmdd 20261130 " ] &&
    pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL cds on the us-gov calendar: $cds_cal"
}
expect "unknown calendar" 2 "" "unknown calendar 'mars'" -- price cds --trade-date 2026-11-24 --tenor 5Y --spread 165 --rate 4.2 --calendar mars
expect "upfront out of range" 1 "" "upfront_pct 80 outside the attainable range -23.031826..59.862502 for coupon 500 bp" -- price cds --trade-date 2024-11-25 --tenor 5Y --upfront 80 --coupon 500 --rate 4.3
expect "negative spread" 1 "" "spread_bp -10 outside (0, 50000]" -- price cds --trade-date 2024-11-25 --tenor 5Y --spread -10 --rate 4.3
expect "spread and upfront together" 2 "" "needs exactly one of --spread and --upfront" -- price cds --trade-date 2024-11-25 --tenor 5Y --spread 100 --upfront 1 --rate 4.3
expect "maturity and tenor together" 2 "" "needs exactly one of --maturity and --tenor" -- price cds --trade-date 2024-11-25 --tenor 5Y --maturity 2029-12-20 --spread 100 --rate 4.3
expect "rate is required" 2 "" "missing --rate" -- price cds --trade-date 2024-11-25 --tenor 5Y --spread 100
expect "bad tenor" 2 "" "--tenor: '5W' is not a tenor such as 5Y or 6M" -- price cds --trade-date 2024-11-25 --tenor 5W --spread 100 --rate 4
expect "tenor too long" 2 "" "--tenor: '40Y' is not a tenor" -- price cds --trade-date 2024-11-25 --tenor 40Y --spread 100 --rate 4
expect "recovery in percent" 2 "" "--recovery: 100 percent outside [0, 100)" -- price cds --trade-date 2024-11-25 --tenor 5Y --spread 100 --rate 4 --recovery 100
expect "maturity before the step-in" 1 "" "maturity '2024-11-25' is before the step-in date" -- price cds --trade-date 2024-11-25 --maturity 2024-11-25 --spread 100 --rate 4
expect "zero coupon" 1 "" "coupon_bp 0 outside (0, 5000]" -- price cds --trade-date 2024-11-25 --tenor 5Y --spread 100 --rate 4 --coupon 0
expect "cds takes no --settle" 2 "" "cds takes no --settle" -- price cds --settle 2024-11-25 --tenor 5Y --spread 100 --rate 4
