#!/usr/bin/env python3
"""Writes datasets/examples/: the small synthetic files the README's examples use.

Deterministic (fixed seeds); run from the repository root. The formulas are in
datasets/examples/SOURCE.md.
"""
import math
import random
from datetime import datetime, timedelta, timezone

T0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
OUT = "datasets/examples/"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def disk():
    r = random.Random(1)
    with open(OUT + "disk.csv", "w") as f:
        f.write("timestamp,value\n")
        for i in range(2016):  # 7 days of 5-minute points
            day = i / 288
            v = 60 + 2.5 * day + 1.5 * math.sin(2 * math.pi * day) + r.gauss(0, 0.3)
            f.write(f"{iso(T0 + timedelta(minutes=5 * i))},{v:.3f}\n")


def history():
    r = random.Random(2)
    with open(OUT + "history.csv", "w") as f:
        f.write("timestamp,value\n")
        for i in range(4032):  # 14 days of 5-minute points
            day = i / 288
            v = 40 + 15 * math.sin(2 * math.pi * (day - 0.25)) + r.gauss(0, 2)
            if i in (3500, 3900):
                v += 45
            f.write(f"{iso(T0 + timedelta(minutes=5 * i))},{max(0.0, v):.2f}\n")


def logins():
    r = random.Random(3)
    rows = []
    for u in range(20):
        role = "admin" if u < 3 else "dev"
        for day in range(14):
            if day % 7 in (4, 5):  # 2024-05-01 is a Wednesday: skip Sat and Sun
                continue
            for _ in range(2 + r.randrange(3)):
                t = T0 + timedelta(days=day, minutes=9 * 60 + r.randrange(8 * 60))
                rows.append((t, f"user{u}", f"10.0.{u}.1", role,
                             r.choice(["login", "read", "deploy" if role == "admin" else "read"])))
    last = T0 + timedelta(days=14)
    rows.append((last + timedelta(hours=3), "user5", "198.51.100.7", "dev", "login"))
    rows.sort()
    with open(OUT + "logins.csv", "w") as f:
        f.write("timestamp,user,ip,role,action\n")
        for t, user, ip, role, action in rows:
            f.write(f"{iso(t)},{user},{ip},{role},{action}\n")


disk()
history()
logins()
