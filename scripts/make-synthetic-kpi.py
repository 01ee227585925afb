#!/usr/bin/env python3
"""Writes datasets/synthetic-kpi/: generated web-service KPIs, one point a minute, NAB's layout.

    scripts/make-synthetic-kpi.py [TARGET_DIR]

Ten series of three to six weeks. Each has a daily cycle (with a second harmonic), quieter
weekends, Gaussian noise, a level from 1 to 10,000, and four in ten are whole numbers. Each
gets 6 to 19 anomalies of random kind (spike, dip, level shift, burst of noise), size (3, 5, 8
or 15 noise standard deviations) and length (1 to 180 minutes), labelled row by row; values
are clipped at 0. Windows and labelled rows by make-nab-layout.py. Deterministic (Python's
random with fixed seeds). Python 3 standard library only.
"""
import importlib.util
import math
import os
import random
import sys
import tempfile
from datetime import datetime, timedelta

T0 = datetime(2024, 1, 1)


def layout_module():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("layout", os.path.join(here, "make-nab-layout.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def series(seed, path):
    r = random.Random(seed)
    n = 30240 + r.randrange(30240)
    base = 10 ** r.uniform(0, 4)
    amp = r.uniform(0.1, 0.8)
    noise = r.uniform(0.02, 0.15)
    whole = r.random() < 0.4
    anomalies = []
    for _ in range(r.randrange(6, 20)):
        anomalies.append((r.randrange(3000, n - 200), r.choice([1, 3, 10, 30, 60, 180]),
                          r.choice(["spike", "dip", "shift", "noise"]), r.choice([3, 5, 8, 15])))
    with open(path, "w") as f:
        f.write("timestamp,value,label\n")
        for i in range(n):
            day = i / 1440
            level = base * (1 + amp * math.sin(2 * math.pi * day - 1)
                            + 0.3 * amp * math.sin(4 * math.pi * day))
            if int(day) % 7 >= 5:
                level *= 0.8
            sd = noise * base
            v = level + r.gauss(0, sd)
            label = 0
            for start, length, kind, size in anomalies:
                if start <= i < start + length:
                    label = 1
                    if kind == "spike":
                        v += size * sd
                    elif kind == "dip":
                        v -= size * sd
                    elif kind == "shift":
                        v += size * sd * 0.5
                    else:
                        v += r.gauss(0, size * sd * 0.5)
            if whole:
                v = round(v)
            v = max(v, 0)
            f.write(f"{T0 + timedelta(minutes=i):%Y-%m-%d %H:%M:%S},{v:.6g},{label}\n")


def main(target):
    with tempfile.TemporaryDirectory() as staging:
        os.makedirs(os.path.join(staging, "kpi"))
        for seed in range(10):
            series(seed, os.path.join(staging, "kpi", f"kpi{seed:02d}.csv"))
        layout_module().convert(staging, target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "datasets/synthetic-kpi")
