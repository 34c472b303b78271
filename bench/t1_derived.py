#!/usr/bin/python3
"""t1_derived.py - the derived-series definitions of benchmark T1 for the series of a W1
observations file: every transform family over every generated series.

    t1_derived.py OBS_CSV > derived.csv

Per series kind (shared/bench/gen_observations.py): SIM_IDX (price index) - log return,
EWMA vol (RiskMetrics), 21-day vol, 1-year z-score, 1-year percentile rank, drawdown;
SIM_FX - log return, EWMA vol, 21-day realised vol; SIM_RATE - 1-year z-score, percentile
rank, spread to the first rate, 21-day difference; SIM_CPI - m/m, y/y, 3-month SAAR,
seasonal adjustment; SIM_IP - y/y, naive surprise index; and across series: a rolling
correlation and beta of the first two indices, a financial-conditions index of the first
four rates, a diffusion index and a composite of the industrial-production series, a naive
surprise index of the first five (as many as the catalogue's US one: an expanding transform
recomputes from the start at each input revision, O(n k) each), a 12-month flow ratio of the
first two, a trimmed mean of the CPI y/y.
"""
import sys

codes = []
with open(sys.argv[1]) as f:
    next(f)
    last = None
    for line in f:
        c = line.split(",", 1)[0]
        if c != last:
            codes.append(c)
            last = c
codes = sorted(set(codes))
kind = lambda p: [c for c in codes if c.startswith(p)]
rows = []


def row(code, transform, inputs, params=""):
    q = '"' + params.replace('"', '""') + '"' if params else ""
    rows.append(f"{code},{transform},{';'.join(inputs)},{q},{code},,,,bench,")


for c in kind("SIM_IDX_"):
    row(f"T1.{c}.RET", "ret_log", [c])
    row(f"T1.{c}.EWMA", "vol_ewma", [c])
    row(f"T1.{c}.VOL21", "vol_rolling", [c], '{"window":21}')
    row(f"T1.{c}.Z252", "zscore_rolling", [c], '{"window":252}')
    row(f"T1.{c}.RANK252", "pct_rank", [c], '{"window":252}')
    row(f"T1.{c}.DD", "drawdown", [c])
for c in kind("SIM_FX_"):
    row(f"T1.{c}.RET", "ret_log", [c])
    row(f"T1.{c}.EWMA", "vol_ewma", [c])
    row(f"T1.{c}.RV21", "vol_realised", [c], '{"window":21}')
rates = kind("SIM_RATE_")
for c in rates:
    row(f"T1.{c}.Z252", "zscore_rolling", [c], '{"window":252}')
    row(f"T1.{c}.RANK252", "pct_rank", [c], '{"window":252}')
    if c != rates[0]:
        row(f"T1.{c}.SPREAD", "spread", [c, rates[0]])
    row(f"T1.{c}.DIFF21", "diff", [c], '{"lag":21}')
cpis = kind("SIM_CPI_")
for c in cpis:
    row(f"T1.{c}.MOM", "mom_pct", [c])
    row(f"T1.{c}.YOY", "yoy_pct", [c])
    row(f"T1.{c}.SAAR3", "saar_pct", [c])
    row(f"T1.{c}.SA", "seasonal_adjust", [c])
ips = kind("SIM_IP_")
for c in ips:
    row(f"T1.{c}.YOY", "yoy_pct", [c])
    row(f"T1.{c}.SURPRISE", "surprise_naive", [c])
idx = kind("SIM_IDX_")
if len(idx) >= 2:
    row("T1.CORR", "corr_rolling", idx[:2], '{"window":63}')
    row("T1.BETA", "beta_rolling", idx[:2], '{"window":63}')
if len(rates) >= 4:
    row("T1.FCI", "fci_pc1", rates[:4], '{"min_periods":252}')
if len(ips) >= 2:
    row("T1.DIFFUSION", "diffusion_pct", ips[:16])
    row("T1.CYCLE", "composite", [f"T1.{c}.YOY" for c in ips[:16]], '{"min_periods":24}')
    row("T1.ACT_SURPRISE", "surprise_naive", ips[:5])
    row("T1.FLOW_RATIO", "flow_ratio_pct", ips[:2], '{"den_periods":1}')
if len(cpis) >= 3:
    row("T1.CPI_TRIM", "trimmed_mean", [f"T1.{c}.YOY" for c in cpis[:16]])
print("code,transform,inputs,params,name,frequency,unit,country,category,description")
print("\n".join(rows))
