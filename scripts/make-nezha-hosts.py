#!/usr/bin/env python3
"""Writes Nezha's pods as multivariate train/test pairs for `vigil bench multivariate`.

    scripts/make-nezha-hosts.py NEZHA_CLONE [OUT_DIR]     (default datasets/nezha-hosts)
        [--label-minutes N]   label rows N minutes after an injection (default 4)
        [--system-labels]     label every pod after any injection of its day, not only its own

The options make the variants used to check how much a result depends on the labelling
(`datasets/nezha-hosts` itself is made without them).

One pair per pod and day with at least one injected fault: every numeric metric of the pod
(19 columns: CPU, memory, system calls, network, client and server latency P90/P95/P99,
workload, success rate, and its node's CPU, memory and network), one row a minute.

Nezha injects every fault of a day within its first hours and then leaves the system alone
until midnight, so:
- test: the day's rows from its first row to 30 minutes after its last injection; a row is
  labelled 1 from an injection into this pod to four minutes after it (Nezha gives no end
  time; CPU faults last three to five minutes). Faults injected into other pods are not
  labelled here, though they may spread to this one: as on a real host, a neighbour's
  trouble is a false alarm for this one.
- train: the rows after that, none within 30 minutes of any injection.

Empty, NaN or infinite cells are filled with the column's previous value in the file
(its first value for leading empties), as a scrape that missed a sample would be read.
Written gzipped. Deterministic. Python 3 standard library only.
"""
import csv
import glob
import gzip
import json
import math
import os
import sys
from datetime import datetime, timedelta

SKIP = ("Time", "TimeStamp", "PodName")
LABELLED_MINUTES = 4
QUIET_MINUTES = 30


def faults(day_dir):
    day = os.path.basename(day_dir)
    by_pod = {}
    for hour in json.load(open(os.path.join(day_dir, f"{day}-fault_list.json"))).values():
        for f in hour:
            start = datetime.strptime(f["inject_time"], "%Y-%m-%d %H:%M:%S")
            by_pod.setdefault(f["inject_pod"], []).append(start)
    return by_pod


def number(cell):
    try:
        v = float(cell)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def read_pod(path):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        columns = [c for c in reader.fieldnames if c not in SKIP]
        times, rows = [], []
        for row in reader:
            times.append(datetime.strptime(row["Time"][:19], "%Y-%m-%d %H:%M:%S"))
            rows.append([number(row[c].strip()) for c in columns])
    for j in range(len(columns)):
        first = next((r[j] for r in rows if r[j] is not None), 0.0)
        previous = first
        for r in rows:
            if r[j] is None:
                r[j] = previous
            previous = r[j]
    return columns, times, rows


def fmt(v):
    return repr(round(v, 9))


def write(path, columns, rows, labels=None):
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        out = raw
        header = [c.replace(",", ";") for c in columns] + (["label"] if labels is not None else [])
        out.write((",".join(header) + "\n").encode())
        for i, r in enumerate(rows):
            cells = [fmt(v) for v in r] + ([str(labels[i])] if labels is not None else [])
            out.write((",".join(cells) + "\n").encode())


def main(clone, out_dir, label_minutes=LABELLED_MINUTES, system_labels=False):
    os.makedirs(out_dir, exist_ok=True)
    pairs = 0
    for day_dir in sorted(glob.glob(os.path.join(clone, "rca_data", "*"))):
        day = os.path.basename(day_dir)
        by_pod = faults(day_dir)
        last = max(s for starts in by_pod.values() for s in starts)
        end_of_test = last + timedelta(minutes=QUIET_MINUTES)
        for pod, starts in sorted(by_pod.items()):
            path = os.path.join(day_dir, "metric", pod + "_metric.csv")
            if not os.path.exists(path):
                continue
            columns, times, rows = read_pod(path)
            test = [i for i, t in enumerate(times) if t <= end_of_test]
            train = [i for i, t in enumerate(times) if t > end_of_test]
            labelled = [x for v in by_pod.values() for x in v] if system_labels else starts
            labels = [int(any(s <= times[i] <= s + timedelta(minutes=label_minutes)
                              for s in labelled)) for i in test]
            if not train or sum(labels) == 0 or sum(labels) == len(labels):
                continue
            name = f"{day}_{pod}"
            write(os.path.join(out_dir, name + "_train.csv.gz"), columns, [rows[i] for i in train])
            write(os.path.join(out_dir, name + "_test.csv.gz"), columns, [rows[i] for i in test],
                  labels)
            pairs += 1
    print(f"{pairs} pairs in {out_dir}")


if __name__ == "__main__":
    args = sys.argv[1:]
    system = "--system-labels" in args
    args = [a for a in args if a != "--system-labels"]
    minutes = LABELLED_MINUTES
    if "--label-minutes" in args:
        at = args.index("--label-minutes")
        if at + 1 >= len(args) or not args[at + 1].isdigit() or int(args[at + 1]) < 1:
            sys.exit("--label-minutes needs a whole number of minutes, at least 1")
        minutes = int(args[at + 1])
        del args[at:at + 2]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    main(args[0], args[1] if len(args) == 2 else os.path.join("datasets", "nezha-hosts"),
         minutes, system)
