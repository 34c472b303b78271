#!/usr/bin/python3
"""W1 correctness: N random (series, date, as_of) triples answered by `mf obs get` must match
the point-in-time value computed from the CSV itself (the value with the latest
available_at <= as_of; absent when nothing was known yet).

Usage: w1_check.py MF STORE_URL obs.csv N   -> prints "checked N" or the first mismatch
"""
import bisect
import collections
import random
import subprocess
import sys


def main(mf, url, csv_path, n):
    vintages = collections.defaultdict(list)  # (code, date) -> [(available_at, value)]
    with open(csv_path) as f:
        next(f)
        for line in f:
            code, d, v, a = line.rstrip("\n").split(",")
            vintages[(code, d)].append((a, v))
    keys = sorted(vintages)
    rng = random.Random(7)
    for _ in range(n):
        code, d = keys[rng.randrange(len(keys))]
        vs = sorted(vintages[(code, d)])
        first = vs[0][0]
        # as_of: before the first release, on a release date, or later
        as_of = rng.choice([vs[0][0], vs[-1][0], "2100-01-01", "2000-01-01"] + [a for a, _ in vs])
        known = [v for a, v in vs if a <= as_of]
        expect = None if not known else (None if known[-1] == "" else float(known[-1]))
        out = subprocess.run([mf, "--db", url, "obs", "get", code, "--from", d, "--to", d,
                              "--as-of", as_of], capture_output=True, text=True, check=True)
        lines = out.stdout.strip().split("\n")[1:]
        if not known:
            ok = lines == []
        else:
            got = lines[0].split(",")[1] if lines else "?"
            ok = len(lines) == 1 and (got == "" if expect is None else float(got) == expect)
        if not ok:
            print("mismatch for %s %s as of %s (first known %s): mf %s, csv %s"
                  % (code, d, as_of, first, lines, expect))
            return 1
    print("checked", n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
