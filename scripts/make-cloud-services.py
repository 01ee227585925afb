#!/usr/bin/env python3
"""Writes Microsoft's Cloud Monitoring series as multivariate train/test pairs for
`vigil bench multivariate`.

    scripts/make-cloud-services.py CLOUD_MONITORING_CLONE [OUT_DIR]   (default datasets/cloud-services)

The dataset holds univariate series grouped by domain (`data/<domain>/<series>.csv`, columns
TimeStamp, Value, Label). The series of one domain are one service seen through several of
its metrics (the latency of each of a middle tier's 23 dependencies, the crash rate of one
application on each OS version, ...) sampled at the same times, so each domain with two or
more series becomes one pair, a row per time step and a column per series:

- columns: the domain's series covering at least 80% of its longest series' time steps
  (shorter ones start weeks later and would leave most rows empty); rows: the time steps
  from the latest first step of those series to the earliest last one.
- a row is labelled 1 when any of its series labels that step (as a server-machine
  benchmark labels a machine, not a metric).
- train: the first half of the rows; test: the second half, labelled. The training half
  keeps its labelled rows (unlabelled for the detectors, as a real history would be).
- a missing or empty cell is filled with the column's previous value (its first value for
  leading gaps); a repeated time step keeps its first row.

Written gzipped. Deterministic. Python 3 standard library only.
"""
import csv
import glob
import gzip
import math
import os
import sys
from datetime import datetime

COVERAGE = 0.8


def parse_time(cell):
    cell = cell.strip().strip('"')
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(cell, fmt)
        except ValueError:
            pass
    raise ValueError(f"unreadable time {cell!r}")


def read_series(path):
    values, labels = {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            t = parse_time(row["TimeStamp"])
            if t in values:
                continue
            try:
                v = float(row["Value"])
                values[t] = v if math.isfinite(v) else None
            except ValueError:
                values[t] = None
            labels[t] = int(float(row["Label"] or 0))
    return values, labels


def fmt(v):
    return repr(round(v, 9))


def write(path, columns, rows, labels=None):
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        header = columns + (["label"] if labels is not None else [])
        out.write((",".join(header) + "\n").encode())
        for i, r in enumerate(rows):
            cells = [fmt(v) for v in r] + ([str(labels[i])] if labels is not None else [])
            out.write((",".join(cells) + "\n").encode())


def main(clone, out_dir):
    if not os.path.isdir(os.path.join(clone, "data")):
        sys.exit(f"{clone}: no data/ here; give the dataset's clone")
    os.makedirs(out_dir, exist_ok=True)
    pairs = 0
    for domain_dir in sorted(glob.glob(os.path.join(clone, "data", "*"))):
        files = sorted(glob.glob(os.path.join(domain_dir, "*.csv")))
        series = {os.path.basename(f)[:-4]: read_series(f) for f in files}
        longest = max((len(v) for v, _ in series.values()), default=0)
        kept = sorted(n for n, (v, _) in series.items() if len(v) >= COVERAGE * longest)
        if len(kept) < 2:
            continue
        start = max(min(series[n][0]) for n in kept)
        end = min(max(series[n][0]) for n in kept)
        times = sorted({t for n in kept for t in series[n][0] if start <= t <= end})
        rows, labels = [], []
        previous = {n: next(v for v in series[n][0].values() if v is not None) for n in kept}
        for t in times:
            row = []
            for n in kept:
                v = series[n][0].get(t)
                if v is None:
                    v = previous[n]
                previous[n] = v
                row.append(v)
            rows.append(row)
            labels.append(int(any(series[n][1].get(t, 0) for n in kept)))
        half = len(rows) // 2
        test_labels = labels[half:]
        if sum(test_labels) == 0 or sum(test_labels) == len(test_labels):
            continue
        name = os.path.basename(domain_dir)
        write(os.path.join(out_dir, name + "_train.csv.gz"), kept, rows[:half])
        write(os.path.join(out_dir, name + "_test.csv.gz"), kept, rows[half:], test_labels)
        print(f"{name}: {len(kept)} metrics, {half} + {len(rows) - half} rows, "
              f"{sum(labels[:half])} + {sum(test_labels)} labelled")
        pairs += 1
    print(f"{pairs} pairs in {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else os.path.join("datasets", "cloud-services"))
