# mf calendar: expected values from ANBIMA's holiday list (shared/reference/series) and the
# NYSE/SIFMA published schedules; counted by hand where small.

expect "holidays of 2024 on the Brazilian national calendar" 0 "2024-01-01 Mon New Year's Day
2024-02-12 Mon Carnival Monday
2024-02-13 Tue Carnival Tuesday
2024-03-29 Fri Good Friday
2024-05-01 Wed Labour Day
2024-05-30 Thu Corpus Christi
2024-11-15 Fri Republic Proclamation Day
2024-11-20 Wed Black Consciousness Day
2024-12-25 Wed Christmas Day" "" -- calendar holidays --calendar br --from 2024-01-01 --to 2024-12-31

expect "holidays on weekends are listed with --weekends" 0 "2024-04-21 Sun Tiradentes
2024-05-01 Wed Labour Day
2024-05-30 Thu Corpus Christi
2024-09-07 Sat Independence Day" "" -- calendar holidays --weekends --from 2024-04-01 --to 2024-09-30
expect "du over a year that includes 20 November" 0 "253" "" -- calendar bizdays --calendar br 2024-01-02 2025-01-02
expect "du is start-inclusive and end-exclusive" 0 "2" "" -- calendar bizdays 2024-11-19 2024-11-22
expect "du is negative when the end comes first" 0 "-253" "" -- calendar bizdays 2025-01-02 2024-01-02
expect "du of a DI1 from 2026-01-12 to the Jan-27 maturity" 0 "243" "" -- calendar bizdays -c br 2026-01-12 2027-01-04
expect "advance skips Carnival" 0 "2024-02-14" "" -- calendar advance --calendar br 2024-02-09 1
expect "advance backwards with a negative count" 0 "2024-02-09" "" -- calendar advance 2024-02-14 -1
expect "advance over the year end" 0 "2025-01-02" "" -- calendar advance 2024-12-24 5
expect "advance by zero rolls to the following business day" 0 "2024-02-14" "" -- calendar advance 2024-02-12 0
expect "adjust following by default" 0 "2024-04-01" "" -- calendar adjust 2024-03-30
expect "modified following stays in the month" 0 "2024-08-30" "" -- calendar adjust --convention modified-following 2024-08-31
expect "check a holiday" 0 "2024-11-20 Wed not a business day (Black Consciousness Day)" "" -- calendar check 2024-11-20
expect "check a weekend" 0 "2024-11-23 Sat not a business day (weekend)" "" -- calendar check 2024-11-23
expect "check a business day" 0 "2024-11-21 Thu business day" "" -- calendar check 2024-11-21
expect_status "list names every calendar" 0 "" -- calendar list

expect "unknown calendar is a usage error" 2 "" "unknown calendar 'xx': expected one of br" -- calendar bizdays --calendar xx 2024-01-02 2024-02-01
expect "malformed date is a usage error naming the argument" 2 "" "mf calendar: START: invalid date '2023-02-30': no such day" -- calendar bizdays 2023-02-30 2024-01-01
expect "date outside the calendar range" 2 "" "date '1989-12-29' outside the range 1990-01-01..2099-12-31 of calendar 'br'" -- calendar bizdays 1989-12-29 2024-01-01
expect "advance leaving the range" 2 "" "leaves calendar 'br'" -- calendar advance 2099-12-30 10
expect "missing arguments" 2 "" "bizdays needs START and END dates" -- calendar bizdays 2024-01-01
expect "extra arguments" 2 "" "unexpected argument 'x'" -- calendar check 2024-01-01 x
expect "unknown option" 2 "" "unknown option '--nope'" -- calendar bizdays --nope 2024-01-01 2024-01-02
expect "option without its value" 2 "" "option '--calendar' needs a value" -- calendar bizdays --calendar
expect "unknown subcommand" 2 "" "unknown subcommand 'foo'" -- calendar foo
expect "bad convention" 2 "" "unknown business-day convention 'sideways'" -- calendar adjust --convention sideways 2024-01-01
expect "N must be a number" 2 "" "N: invalid number '3x'" -- calendar advance 2024-01-01 3x
expect "holidays needs a range" 2 "" "holidays needs --from and --to" -- calendar holidays --from 2024-01-01
expect "holidays with an empty range" 2 "" "empty date range" -- calendar holidays --from 2024-02-01 --to 2024-01-01
expect_status "calendar --help goes to stdout" 0 "" -- calendar --help
expect_status "calendar without a subcommand is a usage error" 2 "usage: mf calendar" -- calendar

printf 'start,end\n2024-01-02,2025-01-02\n2026-01-12,2027-01-04\n\n2025-01-02,2024-01-02\n' >"$work/pairs.csv"
expect "du for every pair of a CSV file" 0 "2024-01-02,2025-01-02,253
2026-01-12,2027-01-04,243
2025-01-02,2024-01-02,-253" "" -- calendar bizdays --input "$work/pairs.csv"
printf '2024-01-02,2025-01-02\n2024-01-02;2025-01-02\n' >"$work/bad.csv"
printf '2024-01-02,2025-01-02\n2024-01-02,2025-13-02\n' >"$work/bad_date.csv"
expect "a bad date in a line names file and line" 1 "2024-01-02,2025-01-02,253" "bad_date.csv:2: invalid date '2025-13-02': no such day" -- calendar bizdays --input "$work/bad_date.csv"
expect "a malformed line stops with file and line" 1 "2024-01-02,2025-01-02,253" "bad.csv:2: expected 'start,end', got '2024-01-02;2025-01-02'" -- calendar bizdays --input "$work/bad.csv"
expect "a missing input file is a runtime failure" 1 "" "cannot open '$work/none.csv': No such file or directory" -- calendar bizdays --input "$work/none.csv"
expect "--input takes no positional dates" 2 "" "unexpected argument '2024-01-01'" -- calendar bizdays --input "$work/pairs.csv" 2024-01-01
