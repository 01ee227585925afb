#!/usr/bin/env python3
"""Turns a corpus with per-point labels into NAB's layout, windows made the way NAB makes them.

    scripts/make-nab-layout.py SOURCE_DIR TARGET_DIR

SOURCE_DIR holds <category>/<name>.csv files with a header and three columns: a timestamp
(ISO 8601, optionally quoted, optionally ending in Z), a value and a 0/1 label, as the
Microsoft cloud-monitoring dataset has them. TARGET_DIR receives:

- data/<category>/<name>.csv.gz: `timestamp,value`, timestamps `YYYY-MM-DD HH:MM:SS` (UTC),
  rows in the source's order (repeated timestamps kept; a detector sees each row); rows
  with an empty value are left out, and counted on standard output;
- labels/combined_windows.json: NAB's windows. Each labelled run (consecutive rows labelled 1)
  is one anomaly. As NAB's labeller does, a file's windows share 10% of its length: each is
  int(0.1 * rows / anomalies) rows long, centred on its anomaly (the run's middle row), cut at
  the file's ends, and never narrower than its run; windows that overlap are merged.
  Unlike NAB's labeller, a window in the probationary first 15% is kept (NAB's scorer counts
  such a window for nothing either way: its rows are never scored);
- labels/labelled_rows.json: the labelled runs themselves as [first row, last row]
  (0-based data rows, both inclusive), for point-wise measures.

Deterministic; run from anywhere. Python 3 standard library only.
"""
import csv
import gzip
import json
import os
import sys
from datetime import datetime, timezone

WINDOW_SHARE = 0.10


def parse_time(text):
    text = text.strip().strip('"')
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    t = datetime.fromisoformat(text)
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return t.strftime("%Y-%m-%d %H:%M:%S")


def runs(labels):
    out = []
    start = None
    for i, label in enumerate(labels):
        if label and start is None:
            start = i
        if not label and start is not None:
            out.append([start, i - 1])
            start = None
    if start is not None:
        out.append([start, len(labels) - 1])
    return out


def windows(n, anomalies):
    if not anomalies:
        return []
    length = int(WINDOW_SHARE * n / len(anomalies))
    made = []
    for first, last in anomalies:
        centre = (first + last) // 2
        front = min(max(centre - length // 2, 0), first)
        back = max(min(centre + length // 2, n - 1), last)
        made.append([front, back])
    merged = [made[0]]
    for front, back in made[1:]:
        if front <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], back)
        else:
            merged.append([front, back])
    return merged


def convert(source, target):
    all_windows = {}
    all_rows = {}
    for category in sorted(os.listdir(source)):
        folder = os.path.join(source, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".csv"):
                continue
            times, values, labels = [], [], []
            skipped = 0
            with open(os.path.join(folder, name), newline="") as f:
                reader = csv.reader(f)
                next(reader)
                for row in reader:
                    if not row:
                        continue
                    if row[1].strip() == "":
                        skipped += 1
                        continue
                    times.append(parse_time(row[0]))
                    values.append(row[1].strip())
                    labels.append(int(row[2]))
            key = f"{category}/{name}"
            out_dir = os.path.join(target, "data", category)
            os.makedirs(out_dir, exist_ok=True)
            # mtime 0: the same input gives the same bytes
            with open(os.path.join(out_dir, name + ".gz"), "wb") as raw:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                    gz.write(b"timestamp,value\n")
                    for t, v in zip(times, values):
                        gz.write(f"{t},{v}\n".encode())
            anomalies = runs(labels)
            all_rows[key] = anomalies
            all_windows[key] = [[times[a], times[b]] for a, b in windows(len(times), anomalies)]
            note = f", {skipped} rows without a value left out" if skipped else ""
            print(f"{key}: {len(times)} rows, {len(anomalies)} labelled runs,"
                  f" {len(all_windows[key])} windows{note}")
    os.makedirs(os.path.join(target, "labels"), exist_ok=True)
    with open(os.path.join(target, "labels", "combined_windows.json"), "w") as f:
        json.dump(all_windows, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(target, "labels", "labelled_rows.json"), "w") as f:
        json.dump(all_rows, f, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2])
