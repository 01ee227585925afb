#!/usr/bin/env python3
"""Writes Nezha's application-level metrics as multivariate train/test pairs for
`vigil bench multivariate`: one pair per day, judging the application as a whole.

    scripts/make-nezha-services.py NEZHA_CLONE [OUT_DIR]     (default datasets/nezha-services)

Columns, a row a minute: the front end's success rate and latency percentiles
(`front_service.csv`: SuccessRate, LatencyP50/P90/P95/P99) and, where Nezha has them
(OnlineBoutique), the latency of each call between two services (`source_50.csv`: 14 edges
such as frontend_checkoutservice). Rows are the minutes both files cover.

Split and labels as scripts/make-nezha-hosts.py makes them, but for the application: test is
the day from its first row to 30 minutes after its last injection, train the rest; a row is
labelled 1 from any injection of the day (into any pod) to four minutes after it.
Empty, NaN or infinite cells take the column's previous value (its first value for leading
gaps). Written gzipped. Deterministic. Python 3 standard library only.
"""
import csv
import glob
import importlib.util
import os
import sys
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "make_nezha_hosts", os.path.join(HERE, "make-nezha-hosts.py"))
hosts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hosts)

FILES = (("front_service.csv", "Time"), ("source_50.csv", "time"))
SKIP = ("Time", "TimeStamp", "time", "timestamp", "ServiceName")


def read_table(path, time_column):
    """Columns and {minute: values} of one of Nezha's per-minute metric files."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0].keys() if c not in SKIP]
    by_minute = {}
    for r in rows:
        minute = datetime.strptime(r[time_column][:16], "%Y-%m-%d %H:%M")
        by_minute.setdefault(minute, [hosts.number(r[c]) for c in columns])
    return columns, by_minute


def main(clone, out_dir):
    if not os.path.isdir(os.path.join(clone, "rca_data")):
        sys.exit(f"{clone}: no rca_data/ here; give the dataset's clone")
    os.makedirs(out_dir, exist_ok=True)
    pairs = 0
    for day_dir in sorted(glob.glob(os.path.join(clone, "rca_data", "*"))):
        day = os.path.basename(day_dir)
        starts = [s for v in hosts.faults(day_dir).values() for s in v]
        end_of_test = max(starts) + timedelta(minutes=hosts.QUIET_MINUTES)
        tables = [read_table(os.path.join(day_dir, "metric", name), column)
                  for name, column in FILES
                  if os.path.exists(os.path.join(day_dir, "metric", name))]
        if not tables:
            print(f"{day}: no front_service.csv or source_50.csv, left out")
            continue
        minutes = sorted(set.intersection(*[set(t) for _, t in tables]))
        columns = [c for cs, _ in tables for c in cs]
        rows = [[v for _, t in tables for v in t[m]] for m in minutes]
        for j in range(len(columns)):
            previous = next((r[j] for r in rows if r[j] is not None), 0.0)
            for r in rows:
                if r[j] is None:
                    r[j] = previous
                previous = r[j]
        test = [i for i, m in enumerate(minutes) if m <= end_of_test]
        train = [i for i, m in enumerate(minutes) if m > end_of_test]
        labels = [int(any(s.replace(second=0) <= minutes[i]
                          <= s + timedelta(minutes=hosts.LABELLED_MINUTES) for s in starts))
                  for i in test]
        hosts.write(os.path.join(out_dir, day + "_train.csv.gz"), columns,
                    [rows[i] for i in train])
        hosts.write(os.path.join(out_dir, day + "_test.csv.gz"), columns,
                    [rows[i] for i in test], labels)
        print(f"{day}: {len(columns)} metrics, {len(train)} + {len(test)} rows,"
              f" {sum(labels)} labelled")
        pairs += 1
    print(f"{pairs} pairs in {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3
         else os.path.join("datasets", "nezha-services"))
