# mf metrics: the metrics of a monthly return file (one missing month), against a benchmark
# matched by date, text and JSON, and every error naming the file and line. Expected numbers
# were computed independently with numpy 1.24 / pandas 1.5 / scipy 1.10 on the same 11 returns
# (np.prod, std(ddof=1), np.quantile linear, pandas skew/kurt/cov/corr; 12 periods a year) and
# are compared at 12 significant digits.

printf 'date,fund,other\n2023-01-31,0.021,1\n2023-02-28,-0.013,1\n2023-03-31,0.0045,1\n2023-04-30,-0.032,1\n2023-05-31,0.018,1\n2023-06-30,,1\n2023-07-31,0.0,1\n2023-08-31,0.027,1\n2023-09-30,-0.0085,1\n2023-10-31,0.0115,1\n2023-11-30,-0.021,1\n2023-12-31,0.034,1\n' >"$work/m_fund.csv"
printf 'date,bench\n2023-01-31,0.015\n2023-02-28,-0.01\n2023-03-31,0.002\n2023-04-30,-0.02\n2023-05-31,0.012\n2023-07-31,0.003\n2023-08-31,0.02\n2023-09-30,-0.004\n2023-10-31,0.006\n2023-11-30,-0.015\n2023-12-31,0.021\n2024-01-31,0.5\n' >"$work/m_bench.csv"

# metrics_check NAME GOT WANT
metrics_check() {
    if [ "$2" == "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  got:  %s\n  want: %s\n' "$1" "$2" "$3"
    fi
}
# the named fields of a text run, numbers at 12 significant digits
metrics_fields() {
    awk -v want=" $1 " 'index(want, " " $1 " ") { if ($2 ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) printf "%s %.12g\n", $1, $2; else print }'
}

out=$("$mf" metrics --input "$work/m_fund.csv" --column fund --periods-per-year 12 --benchmark "$work/m_bench.csv" 2>"$work/err")
metrics_check "metrics: returns, volatility, Sharpe, Sortino are numpy's" \
    "$(metrics_fields "count missing total_return cagr vol_ann sharpe sortino" <<<"$out"; cat "$work/err")" \
    "count 11
missing 1
total_return 0.0400357093881
cagr 0.0437538536417
vol_ann 0.0722676842151
sharpe 0.62645880748
sortino 1.04935163846"
metrics_check "metrics: the drawdown, its dates and durations in periods (the missing month not counted)" \
    "$(metrics_fields "max_drawdown max_drawdown_peak max_drawdown_trough max_drawdown_recovery max_drawdown_duration longest_drawdown_duration current_drawdown_duration" <<<"$out")" \
    "max_drawdown 0.040284628
max_drawdown_peak 2023-01-31
max_drawdown_trough 2023-04-30
max_drawdown_recovery 2023-08-31
max_drawdown_duration 5
longest_drawdown_duration 5
current_drawdown_duration 0"
metrics_check "metrics: hit rate, profit factor, historical VaR, moments" \
    "$(metrics_fields "hit_rate profit_factor skew excess_kurtosis var_hist_95 cvar_hist_95" <<<"$out")" \
    "hit_rate 0.545454545455
profit_factor 1.55704697987
skew -0.255733928761
excess_kurtosis -0.900264932516
var_hist_95 0.0265
cvar_hist_95 0.032"
metrics_check "metrics: the benchmark matched by date (its extra 2024 row and the missing June ignored)" \
    "$(metrics_fields "benchmark_column benchmark_count benchmark_unmatched beta correlation" <<<"$out")" \
    "benchmark_column bench
benchmark_count 11
benchmark_unmatched 0
beta 1.49559241706
correlation 0.99289797384"
metrics_check "metrics: default levels 95 and 99, six figures each" \
    "$(grep -c '_9[59] ' <<<"$out")" "12"

out=$("$mf" metrics --input "$work/m_fund.csv" --column fund --periods-per-year 12 --json --level 0.975 2>&1)
metrics_check "metrics --json: one object, dates as strings, the level in the key" \
    "$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["count"], d["max_drawdown_peak"], round(d["cvar_hist_97.5"], 12), "var_hist_95" in d, d["column"])' <<<"$out")" \
    "11 2023-01-31 0.032 False fund"

printf 'date,r\n2023-01-02,0.001\n2023-01-03,0.001\n2023-01-04,0.001\n' >"$work/m_const.csv"
out=$("$mf" metrics --input "$work/m_const.csv" --json 2>&1)
metrics_check "metrics: a constant series has zero volatility and null ratios, no drawdown" \
    "$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["vol_ann"], d["sharpe"], d["skew"], d["max_drawdown"], d["max_drawdown_peak"], d["calmar"])' <<<"$out")" \
    "0 None None 0 None None"

expect_status "metrics: several columns need --column" 1 "m_fund.csv:1: 2 return columns ('fund', 'other'): choose one with --column" -- metrics --input "$work/m_fund.csv"
expect_status "metrics: an unknown column is named with the ones there are" 1 "m_fund.csv:1: no column 'fnd' (columns: 'fund', 'other')" -- metrics --input "$work/m_fund.csv" --column fnd
expect_status "metrics: a missing file" 1 "cannot open" -- metrics --input "$work/nope.csv"
expect_status "metrics: --input is required" 2 "metrics needs --input FILE" -- metrics
expect_status "metrics: a bad level" 2 "--level 95: expected a confidence in (0, 1)" -- metrics --input "$work/m_fund.csv" --level 95

printf 'date,r\n2023-01-02,0.001\n2023-01-03,abc\n' >"$work/m_bad1.csv"
expect_status "metrics: a bad number names file, line and column" 1 "m_bad1.csv:3: column 'r': invalid number 'abc'" -- metrics --input "$work/m_bad1.csv"
printf 'date,r\n2023-01-02,0.001\n2023-13-03,0.002\n' >"$work/m_bad2.csv"
expect_status "metrics: a bad date names file and line" 1 "m_bad2.csv:3: column 'date':" -- metrics --input "$work/m_bad2.csv"
printf 'date,r\n2023-01-03,0.001\n2023-01-02,0.002\n' >"$work/m_bad3.csv"
expect_status "metrics: dates must increase" 1 "m_bad3.csv:3: date 2023-01-02 is not after the previous row's 2023-01-03" -- metrics --input "$work/m_bad3.csv"
printf 'date,r\n2023-01-02,0.001\n2023-01-03,0.002,9\n' >"$work/m_bad4.csv"
expect_status "metrics: a row with too many fields" 1 "m_bad4.csv:3: expected 2 fields like the header, got 3" -- metrics --input "$work/m_bad4.csv"
printf 'date,r\n2023-01-02,0.001\n2023-01-03,-5\n' >"$work/m_bad5.csv"
expect_status "metrics: a return below -1 (a percentage?)" 1 "m_bad5.csv:3: column 'r': return -5 is below -1" -- metrics --input "$work/m_bad5.csv"
printf 'day,r\n2023-01-02,0.001\n' >"$work/m_bad6.csv"
expect_status "metrics: the header must start with date" 1 "m_bad6.csv:1: expected the header 'date,NAME,...'" -- metrics --input "$work/m_bad6.csv"
printf 'date,r\n2023-01-02,\n' >"$work/m_empty.csv"
expect_status "metrics: a column without returns" 1 "no returns in column 'r'" -- metrics --input "$work/m_empty.csv"

printf 'date,bench\n2022-01-31,0.01\n2022-02-28,0.02\n' >"$work/m_bench_old.csv"
expect_status "metrics: a benchmark with no date in common" 1 "0 dates with both a return in $work/m_fund.csv (2023-01-31..2023-12-31) and one in $work/m_bench_old.csv (2022-01-31..2022-02-28): need at least 2" -- metrics --input "$work/m_fund.csv" --column fund --benchmark "$work/m_bench_old.csv"
printf 'date,bench\n2023-01-30,0.01\n2023-02-28,0.02\n2023-03-30,0.01\n' >"$work/m_bench_off.csv"
expect_status "metrics: a benchmark dated a day off matches one date only" 1 "1 date with both" -- metrics --input "$work/m_fund.csv" --column fund --benchmark "$work/m_bench_off.csv"
expect_status "metrics: a benchmark's bad line is named" 1 "m_bad1.csv:3: column 'r': invalid number 'abc'" -- metrics --input "$work/m_fund.csv" --column fund --benchmark "$work/m_bad1.csv"
expect_status "metrics: --benchmark-column needs --benchmark" 2 "--benchmark-column needs --benchmark FILE" -- metrics --input "$work/m_fund.csv" --benchmark-column x
expect_status "metrics: a level given twice" 2 "--level 0.99 given twice" -- metrics --input "$work/m_fund.csv" --column fund --level 0.99 --level 0.99

# A single observation: a return and a compounded CAGR, no dispersion (volatility, Sharpe,
# parametric VaR null), the historical VaR is minus the one return; no benchmark comparison.
printf 'date,r\n2023-01-02,0.0123\n' >"$work/m_one.csv"
out=$("$mf" metrics --input "$work/m_one.csv" --json 2>&1)
metrics_check "metrics: one observation has a return but no volatility" \
    "$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["count"], round(d["total_return"], 12), round(d["cagr"], 9), d["vol_ann"], d["sharpe"], d["var_hist_95"], d["var_normal_95"], d["max_drawdown"], d["hit_rate"])' <<<"$out")" \
    "1 0.0123 $(/usr/bin/python3 -c 'print(round(1.0123 ** 252 - 1, 9))') None None -0.0123 None 0 1"
expect_status "metrics: one common date with the benchmark is too few" 1 "1 date with both a return in $work/m_one.csv (2023-01-02..2023-01-02)" -- metrics --input "$work/m_one.csv" --benchmark "$work/m_one.csv"
