#!/usr/bin/env python3
"""Writes datasets/nezha-cpu/: Nezha's pod CPU series with its injected CPU faults, NAB's layout.

    scripts/make-nezha-corpus.py NEZHA_CLONE [TARGET_DIR]

One series per pod and day: `CpuUsageRate(%)` of `rca_data/<day>/metric/<pod>_metric.csv`
(one row a minute; time from the Time column, since 2022-08-22's TimeStamp column is
200,000,000 s off). Labelled rows: for each `cpu_contention` or `cpu_consumed` fault of
`rca_data/<day>/<day>-fault_list.json`, the rows of its pod from the injection time to four
minutes after it (Nezha gives no end time; the faults raise CPU for three to five minutes).
Pods without a CPU fault that day are kept, unlabelled, as false-alarm checks. Rows with an
empty CPU cell are left out. Windows and labelled rows are then made by make-nab-layout.py.

Deterministic. Python 3 standard library only.
"""
import csv
import glob
import importlib.util
import json
import os
import sys
import tempfile
from datetime import datetime, timedelta

COLUMN = "CpuUsageRate(%)"
FAULTS = ("cpu_contention", "cpu_consumed")
LABELLED_MINUTES = 4


def layout_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("layout", os.path.join(here, "make-nab-layout.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(clone, target):
    with tempfile.TemporaryDirectory() as staging:
        for day_dir in sorted(glob.glob(os.path.join(clone, "rca_data", "*"))):
            day = os.path.basename(day_dir)
            faults = json.load(open(os.path.join(day_dir, f"{day}-fault_list.json")))
            by_pod = {}
            for hour in faults.values():
                for f in hour:
                    if f["inject_type"] in FAULTS:
                        start = datetime.strptime(f["inject_time"], "%Y-%m-%d %H:%M:%S")
                        by_pod.setdefault(f["inject_pod"], []).append(start)
            category = os.path.join(staging, day)
            os.makedirs(category, exist_ok=True)
            for path in sorted(glob.glob(os.path.join(day_dir, "metric", "*_metric.csv"))):
                pod = os.path.basename(path)[: -len("_metric.csv")]
                starts = by_pod.get(pod, [])
                with open(path, newline="") as f, \
                        open(os.path.join(category, pod + ".csv"), "w") as out:
                    out.write("timestamp,value,label\n")
                    for row in csv.DictReader(f):
                        value = row.get(COLUMN, "").strip()
                        if value == "":
                            continue
                        t = datetime.strptime(row["Time"][:19], "%Y-%m-%d %H:%M:%S")
                        label = any(s <= t <= s + timedelta(minutes=LABELLED_MINUTES)
                                    for s in starts)
                        out.write(f"{t:%Y-%m-%d %H:%M:%S},{value},{int(label)}\n")
        layout_module().convert(staging, target)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "datasets/nezha-cpu")
