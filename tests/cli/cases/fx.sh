# mf price fxfwd|ndf|dol|wdo and mf curve build real|cupom. Expected numbers worked by hand
# (python3 on the formulas of docs/fx.md): du 2026-02-06 -> 2026-03-02 = 14 (Feb 6, 9-13,
# 18-20 after Carnival, 23-27), dc 24.
#   fxfwd CIP: 5.25 * 1.149^(14/252) / (1 + 0.052 * 24/360) = 5.272389, points 223.8925
#   implied usd: (5.25 * 1.1488^(14/252) / 5.2685 - 1) * 360/24 = 6.296582 %
#   ndf: F = 5.25 * 1.145^(56/252) / (1 + 0.05 * 87/360) = 5.345778 (du 56, dc 87 to
#        2026-05-04), DF = 1.145^(-58/252) = 0.9693160500 (du 58 to 2026-05-06),
#        mtm = 1e6 * (F - 5.30) * DF = 44373.31, delta = 1e6 * F / 5.25 * DF = 986999.69;
#        sold at 5.30 settled on the fixing: DF = 1.145^(-56/252) = 0.9703582757,
#        delta = -1e6 * 5.30 / 5.25 * DF = -979599.78
#   fxfwd round trip: the CIP forward to 10 decimals, 5.2723892458, gives back DI 14.9 %

expect "fxfwd by CIP" 0 "forward 5.272389
points 223.8925
du 14
dc 24
di_rate_pct 14.900000
usd_rate_pct 5.200000" "" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --di 14.9 --usd-rate 5.2
expect "fxfwd from points" 0 "forward 5.268500
points 185.0000
du 14
dc 24" "" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --points 185
expect "fxfwd implied cupom" 0 "forward 5.268500
points 185.0000
du 14
dc 24
di_rate_pct 14.880000
usd_rate_pct 6.296582" "" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --forward 5.2685 --di 14.88
expect "fxfwd implied DI round trip" 0 "forward 5.272389
points 223.8925
du 14
dc 24
di_rate_pct 14.900000
usd_rate_pct 5.200000" "" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --forward 5.2723892458 --usd-rate 5.2
expect "fxfwd needs rates or a quote" 2 "" "needs --points or --forward, or both --di and --usd-rate" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --di 14
expect "fxfwd overdetermined" 2 "" "give --di or --usd-rate, not both" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --points 10 --di 14 --usd-rate 5
expect "fxfwd points and forward" 2 "" "needs exactly one of --points and --forward" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --points 10 --forward 5.3
expect "fxfwd on Carnival" 1 "" "--maturity 2026-02-16 is not a business day" -- price fxfwd --date 2026-02-06 --maturity 2026-02-16 --spot 5.25 --points 10
expect "fxfwd on a Saturday" 1 "" "--date 2026-02-07 is not a business day" -- price fxfwd --date 2026-02-07 --maturity 2026-03-02 --spot 5.25 --points 10
expect "fxfwd maturity before date" 1 "" "--maturity 2026-02-05 is not after --date 2026-02-06" -- price fxfwd --date 2026-02-06 --maturity 2026-02-05 --spot 5.25 --points 10
expect "fxfwd spot in the wrong unit" 1 "" "spot 5250 is not a USD/BRL rate" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5250 --points 10
expect "fxfwd takes no strike" 2 "" "fxfwd takes no --strike" -- price fxfwd --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --strike 5

expect "ndf by CIP" 0 "forward 5.345778
mtm_brl 44373.31
delta_usd 986999.69
df_brl 0.9693160500
du_fixing 56
dc_fixing 87
du_settle 58" "" -- price ndf --date 2026-02-06 --fixing 2026-05-04 --settle 2026-05-06 --spot 5.25 --strike 5.30 --notional 1000000 --di 14.5 --usd-rate 5.0
expect "ndf sold at a quoted forward, settled on the fixing" 0 "forward 5.300000
mtm_brl -0.00
delta_usd -979599.78
df_brl 0.9703582757
du_fixing 56
dc_fixing 87
du_settle 56" "" -- price ndf --date 2026-02-06 --fixing 2026-05-04 --spot 5.25 --strike 5.30 --notional -1000000 --di 14.5 --forward 5.30
expect "ndf needs the DI" 2 "" "missing --di" -- price ndf --date 2026-02-06 --fixing 2026-05-04 --spot 5.25 --strike 5.30 --notional 1000000 --forward 5.3
expect "ndf settle before fixing" 2 "" "--settle is before --fixing" -- price ndf --date 2026-02-06 --fixing 2026-05-04 --settle 2026-05-01 --spot 5.25 --strike 5.30 --notional 1000000 --di 14.5 --forward 5.3
expect "ndf zero notional" 1 "" "notional 0 USD is not a finite non-zero amount" -- price ndf --date 2026-02-06 --fixing 2026-05-04 --spot 5.25 --strike 5.30 --notional 0 --di 14.5 --forward 5.3

expect "dol fair value by CIP" 0 "price_pts 5272.389
point_value_brl 50.00
delta_usd 50213.23
notional_usd 50000
du 14
dc 24
di_rate_pct 14.900000
usd_rate_pct 5.200000" "" -- price dol --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --di 14.9 --usd-rate 5.2
expect "wdo at a price with its implied cupom" 0 "price_pts 5268.500
point_value_brl 10.00
delta_usd 10035.24
notional_usd 10000
du 14
dc 24
di_rate_pct 14.880000
usd_rate_pct 6.296582" "" -- price wdo --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --price 5268.5 --di 14.88
expect "wdo at a price alone" 0 "price_pts 5268.500
point_value_brl 10.00
delta_usd 10035.24
notional_usd 10000
du 14
dc 24" "" -- price wdo --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --price 5268.5
expect "dol maturity must be the first business day" 1 "" "maturity 2026-03-03 is not the first business day of its month (2026-03-02 on 'b3')" -- price dol --date 2026-02-06 --maturity 2026-03-03 --spot 5.25 --price 5268.5
expect "dol by CIP needs the DI" 2 "" "missing --di" -- price dol --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --usd-rate 5
expect "dol price in BRL per USD is refused" 1 "" "price / 1000 0.0052685 is not a USD/BRL rate" -- price dol --date 2026-02-06 --maturity 2026-03-02 --spot 5.25 --price 5.2685

# mf curve build real: ANBIMA's NTN-B yields of 2026-02-06 (three of them). The first bond's
# two flows lie before its maturity on one flat forward, so the real zero rate to 21 and 126
# business days is its yield, 10.25 %; with a flat 14.9 % pre curve the breakeven there is
# 1.149 / 1.1025 - 1 = 4.217687074830 %.
printf 'date,name,maturity,yield\n2026-02-06,B26,2026-08-15,10.25\n2026-02-06,B27,2027-05-15,8.273\n2026-02-06,B28,2028-08-15,7.8168\n' >"$work/real.csv"
printf 'date,ticker,maturity,rate\n2026-02-05,CDI,2026-02-06,14.90\n2026-02-06,CDI,2026-02-09,14.90\n2026-02-06,DI1F27,2027-01-04,14.90\n' >"$work/pre.csv"
"$mf" curve build real --input "$work/real.csv" --pre "$work/pre.csv" --output "$work/real_out.csv" 2>"$work/err"
if [ "$(sed -n '1,2p;4p' "$work/real_out.csv")" == "date,tenor_bd,real_zero_rate,discount_factor,pre_zero_rate,breakeven
2026-02-06,21,10.250000000000,0.991901278760239,14.900000000000,4.217687074830
2026-02-06,126,10.250000000000,0.952380952380952,14.900000000000,4.217687074830" ] &&
    [ "$(wc -l <"$work/real_out.csv")" -eq 14 ] && [ ! -s "$work/err" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL curve build real: short end is the first bond's yield, breakeven from --pre"
    head -4 "$work/real_out.csv"
    cat "$work/err"
fi
"$mf" curve build real --input "$work/real.csv" >"$work/real_stdout.csv" 2>"$work/err"
if [ "$(head -2 "$work/real_stdout.csv")" == "date,tenor_bd,real_zero_rate,discount_factor
2026-02-06,21,10.250000000000,0.991901278760239" ] && [ ! -s "$work/err" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL curve build real without --pre writes four columns to stdout"
fi
printf 'date,name,maturity,yield\n2026-02-06,B27,2027-05-15,8.273\n2026-02-06,B26,2026-08-15,10.25\n' >"$work/real_unsorted.csv"
expect "real: unsorted bonds are named" 1 "" "real curve of 2026-02-06: B26: maturity 2026-08-15 is not after 2027-05-15 (quotes must be sorted)" -- curve build real --input "$work/real_unsorted.csv" --output "$work/out.csv"
printf 'date,name,maturity,yield\n2026-02-06,B27,2027-05-14,8.273\n' >"$work/real_14.csv"
expect "real: a maturity that is no NTN-B date" 1 "" "B27: maturity 2027-05-14 is not a 15 February, May, August or November" -- curve build real --input "$work/real_14.csv" --output "$work/out.csv"
printf 'date,name,maturity,yield\n2026-02-06,B27,2027-05-15,827.3\n' >"$work/real_abs.csv"
expect "real: an absurd yield" 1 "" "B27: yield 827.3% is outside -10..50" -- curve build real --input "$work/real_abs.csv" --output "$work/out.csv"
printf 'date,name,maturity,yield\n2026-02-09,B27,2027-05-15,8.273\n' >"$work/real_later.csv"
expect "real: --pre lacks the date" 1 "" "$work/pre.csv: no DI curve for 2026-02-09" -- curve build real --input "$work/real_later.csv" --pre "$work/pre.csv" --output "$work/out.csv"
printf 'date,name,maturity,yield\n2026-02-06,B27,2027-05-15,8,273\n' >"$work/real_comma.csv"
expect "real: a malformed line" 1 "" "$work/real_comma.csv:2: expected date,name,maturity,yield" -- curve build real --input "$work/real_comma.csv" --output "$work/out.csv"
expect "cupom takes no --pre" 2 "" "build cupom takes no --pre" -- curve build cupom --input "$work/real.csv" --pre "$work/pre.csv"

# mf curve build cupom: the DOL of 2026-03-02 at 5268.5 against spot 5.25 and a DI vertex of
# 14.88 % on that day gives the cupom c = 6.296582 % (as fxfwd above) at 24 calendar days:
# DF = 1 / (1 + c 24/360). One node: flat-forward throughout, so DF(30) = DF^(30/24) =
# 0.994777515316134 and the 30-day cupom (1/DF(30) - 1) * 360/30 = 6.299882661348 %.
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1H26,2026-03-02,14.88\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,spot,USDBRL,2026-02-06,5.25\n2026-02-06,dol,DOLH26,2026-03-02,5268.5\n' >"$work/cupom.csv"
"$mf" curve build cupom --input "$work/cupom.csv" --output "$work/cupom_out.csv" 2>"$work/err"
# (the rate compared to 10 decimals: its 12th differs by float rounding between C and Python)
row=$(sed -n 2p "$work/cupom_out.csv")
if [ "$(head -1 "$work/cupom_out.csv")" == "date,tenor_dc,cupom_rate,discount_factor" ] &&
    [[ "$row" == "2026-02-06,30,6.2998826613"??",0.994777515316134" ]] &&
    [ "$(wc -l <"$work/cupom_out.csv")" -eq 12 ] &&
    [ ! -s "$work/err" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL curve build cupom"
    head -3 "$work/cupom_out.csv"
    cat "$work/err"
fi
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,dol,DOLH26,2026-03-02,5268.5\n' >"$work/cupom_nospot.csv"
expect "cupom: forwards before the spot" 1 "" "$work/cupom_nospot.csv:4: the spot must come before the forwards" -- curve build cupom --input "$work/cupom_nospot.csv" --output "$work/out.csv"
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,di1,DI1F27,2027-01-04,13.60\n2026-02-06,spot,S,2026-02-06,5.25\n2026-02-06,fwd,X,2027-02-08,5.6\n' >"$work/cupom_hol.csv"
expect "cupom: a forward on Carnival Monday" 1 "" "cupom curve of 2026-02-06: X: maturity 2027-02-08 is not a business day" -- curve build cupom --input "$work/cupom_hol.csv" --output "$work/out.csv"
printf 'date,kind,name,maturity,value\n2026-02-06,cdi,CDI,,14.90\n2026-02-06,swap,X,2027-02-08,5.6\n' >"$work/cupom_kind.csv"
expect "cupom: an unknown kind" 1 "" "$work/cupom_kind.csv:3: kind must be cdi, di1, spot, fwd, points or dol" -- curve build cupom --input "$work/cupom_kind.csv" --output "$work/out.csv"
[ ! -e "$work/out.csv" ] && [ ! -e "$work/out.csv.part" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL a failed real/cupom build leaves no output file"
}
