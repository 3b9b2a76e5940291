#!/usr/bin/env python3
"""Writes a copy of an org pack with every date moved by (today - BASE) days,
so the demo's planned changes and incidents lie in the future of today.
Usage: shift-dates.py PACK.yaml OUT.yaml [BASE=2026-11-22]"""
import datetime as dt
import re
import sys

src, out = sys.argv[1], sys.argv[2]
base = dt.date.fromisoformat(sys.argv[3] if len(sys.argv) > 3 else "2026-11-22")
delta = dt.date.today() - base
text = open(src, encoding="utf-8").read()
moved = re.sub(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d])",
               lambda m: (dt.date.fromisoformat(m.group(1)) + delta).isoformat(), text)
open(out, "w", encoding="utf-8").write(moved)
