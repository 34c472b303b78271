# mf daycount: ISDA "EMU and market conventions" examples and a Brazilian du case; values
# cross-checked with QuantLib 1.29 (tests/fixtures/daycount.csv holds the wider oracle set).

expect "ACT/ACT ISDA across a year end" 0 "days 182
year_fraction 0.49772438056740775" "" -- daycount --convention act/act-isda 2003-11-01 2004-05-01
expect "ACT/ACT ICMA over a regular semiannual period" 0 "days 182
year_fraction 0.5" "" -- daycount --convention act/act-icma --ref-start 2003-11-01 --ref-end 2004-05-01 --frequency 2 2003-11-01 2004-05-01
expect "ACT/360 over half a year" 0 "days 182
year_fraction 0.5055555555555555" "" -- daycount --convention act/360 2024-01-15 2024-07-15
expect "30/360 bond basis from the 31st" 0 "days 31
year_fraction 0.08611111111111111" "" -- daycount --convention 30/360 2024-01-31 2024-03-01
expect "BUS/252 counts ANBIMA business days" 0 "days 253
year_fraction 1.003968253968254" "" -- daycount --convention bus/252 --calendar br 2024-01-02 2025-01-02

expect "convention is required" 2 "" "missing --convention" -- daycount 2024-01-01 2024-02-01
expect "unknown convention lists the valid names" 2 "" "act/360" -- daycount --convention act/364 2024-01-01 2024-02-01
expect "ICMA without its reference period" 2 "" "mf daycount: " -- daycount --convention act/act-icma 2024-01-01 2024-02-01
expect "BUS/252 outside the calendar" 2 "" "outside the range 1990-01-01..2099-12-31 of calendar 'br'" -- daycount --convention bus/252 1989-01-02 2024-01-02
expect "frequency must be a number" 2 "" "--frequency: invalid number 'two'" -- daycount --convention act/act-icma --frequency two 2024-01-01 2024-02-01
expect "one date only" 2 "" "needs START and END dates" -- daycount --convention act/360 2024-01-01
