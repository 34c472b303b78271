# mf price future: delta-one futures, worked by hand from the exchanges' contract specs (see
# tests/unit/analytics/test_futures.c): short 3 CME E-mini S&P 500 (USD 50 x index, tick 0.25
# = USD 12.50) at 6012.25: notional -901,837.50, USD -150 a point, -9,018.38 per 1%; closed at
# 5990: (5990 - 6012.25) x 50 x -3 = USD 3,337.50. Fair value 5985 e^(0.03 x 25/365) =
# 5997.310589 (4.3% financing, 1.3% dividend yield, 25 days); implied carry
# ln(6012.25/5985) x 365/25 = 6.632365%. B3 mini Ibovespa (BRL 0.20 a point, tick 5 points):
# 128,455 is BRL 25,691.00, BRL 256.91 per 1%, BRL 1.00 a tick.
expect "ES short with P&L and carry" 0 "notional_usd -901837.50
point_value_usd 50.0000
tick_size 0.2500
tick_value_usd 12.5000
contracts -3
delta_per_point_usd -150.0000
delta_per_pct_usd -9018.38
position_tick_value_usd -37.5000
pnl_usd 3337.50
fair_price 5997.310589
basis 14.939411
implied_carry_pct 6.632365
implied_rate_pct 7.932365" "" -- price future --contract ESZ6 --price 6012.25 --contracts -3 --exit-price 5990 --spot 5985 --rate 4.3 --yield 1.3 --days 25
expect "WIN in BRL as JSON" 0 '{"notional_brl":25691,"point_value_brl":0.2,"tick_size":5,"tick_value_brl":1,"contracts":1,"delta_per_point_brl":0.2,"delta_per_pct_brl":256.91,"position_tick_value_brl":1}' "" -- price future --contract WINZ25 --price 128455 --json
expect "CL P&L" 0 "notional_usd 142460.00
point_value_usd 1000.0000
tick_size 0.0100
tick_value_usd 10.0000
contracts 2
delta_per_point_usd 2000.0000
delta_per_pct_usd 1424.60
position_tick_value_usd 20.0000
pnl_usd -1500.00" "" -- price future --contract CL --price 71.23 --contracts 2 --exit-price 70.48
expect "unknown contract" 2 "" "unknown futures contract 'ZZZ' (known roots: IND, WIN, ES" -- price future --contract ZZZ --price 1
expect "contract is required" 2 "" "missing --contract" -- price future --price 1
expect "price is required" 2 "" "missing --price" -- price future --contract ES
expect "zero contracts" 1 "" "contracts 0: must be non-zero" -- price future --contract ES --price 6000 --contracts 0
expect "negative price" 1 "" "price -5 of 'ES' outside" -- price future --contract ES --price -5
expect "carry needs the spot" 2 "" "missing --spot" -- price future --contract ES --price 6000 --rate 4 --days 30
expect "days must be whole" 2 "" "--days: 2.5 is not a whole number of days" -- price future --contract ES --price 6000 --spot 5990 --rate 4 --days 2.5
expect "future takes no --coupon" 2 "" "future takes no --coupon" -- price future --contract ES --price 6000 --coupon 4
