#!/usr/bin/env python3
"""Writes Nezha's pod metrics with its injected faults as corpora in NAB's layout.

    scripts/make-nezha-corpus.py NEZHA_CLONE [DATASETS_DIR]

Two corpora, one row a minute (time from the Time column, since 2022-08-22's TimeStamp column
is 200,000,000 s off); rows with an empty cell are left out of that series:

- nezha-cpu: one series per pod and day, `CpuUsageRate(%)`. Labelled rows: for each
  `cpu_contention` or `cpu_consumed` fault, its pod's rows from the injection time to four
  minutes after it (Nezha gives no end time; the faults raise CPU for three to five minutes).
  Pods without a CPU fault that day are kept, unlabelled, as false-alarm checks.
- nezha-pods: for each pod and day with any fault (CPU, network delay, code exception, wrong
  return), ten of its metrics, every one labelled with every fault of the pod (injection time
  to four minutes after), as a server-machine benchmark labels every metric of a machine with
  the machine's incidents: many labelled metrics do not move at all.

Windows and labelled rows are then made by make-nab-layout.py.

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

CPU = "CpuUsageRate(%)"
CPU_FAULTS = ("cpu_contention", "cpu_consumed")
POD_METRICS = ("CpuUsageRate(%)", "MemoryUsageRate(%)", "SyscallRead", "SyscallWrite",
               "NetworkReceiveBytes", "NetworkTransmitBytes", "PodClientLatencyP90(s)",
               "PodServerLatencyP90(s)", "PodWorkload(Ops)", "PodSuccessRate(%)")
LABELLED_MINUTES = 4


def layout_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("layout", os.path.join(here, "make-nab-layout.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fault_starts(day_dir, kinds):
    day = os.path.basename(day_dir)
    faults = json.load(open(os.path.join(day_dir, f"{day}-fault_list.json")))
    by_pod = {}
    for hour in faults.values():
        for f in hour:
            if kinds is None or f["inject_type"] in kinds:
                start = datetime.strptime(f["inject_time"], "%Y-%m-%d %H:%M:%S")
                by_pod.setdefault(f["inject_pod"], []).append(start)
    return by_pod


def write_series(path, column, starts, out_path):
    with open(path, newline="") as f, open(out_path, "w") as out:
        out.write("timestamp,value,label\n")
        for row in csv.DictReader(f):
            value = row.get(column, "").strip()
            if value == "" or value.lower() in ("nan", "inf", "-inf", "+inf"):
                continue
            t = datetime.strptime(row["Time"][:19], "%Y-%m-%d %H:%M:%S")
            label = any(s <= t <= s + timedelta(minutes=LABELLED_MINUTES) for s in starts)
            out.write(f"{t:%Y-%m-%d %H:%M:%S},{value},{int(label)}\n")


def main(clone, datasets):
    layout = layout_module()
    days = sorted(glob.glob(os.path.join(clone, "rca_data", "*")))
    with tempfile.TemporaryDirectory() as staging:
        for day_dir in days:
            by_pod = fault_starts(day_dir, CPU_FAULTS)
            category = os.path.join(staging, os.path.basename(day_dir))
            os.makedirs(category, exist_ok=True)
            for path in sorted(glob.glob(os.path.join(day_dir, "metric", "*_metric.csv"))):
                pod = os.path.basename(path)[: -len("_metric.csv")]
                write_series(path, CPU, by_pod.get(pod, []), os.path.join(category, pod + ".csv"))
        layout.convert(staging, os.path.join(datasets, "nezha-cpu"))
    with tempfile.TemporaryDirectory() as staging:
        for day_dir in days:
            by_pod = fault_starts(day_dir, None)
            category = os.path.join(staging, os.path.basename(day_dir))
            os.makedirs(category, exist_ok=True)
            for pod, starts in sorted(by_pod.items()):
                path = os.path.join(day_dir, "metric", pod + "_metric.csv")
                if not os.path.exists(path):
                    continue
                for column in POD_METRICS:
                    name = pod + "_" + column.split("(")[0] + ".csv"
                    write_series(path, column, starts, os.path.join(category, name))
        layout.convert(staging, os.path.join(datasets, "nezha-pods"))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "datasets")
