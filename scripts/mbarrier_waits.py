#!/usr/bin/env python3
"""The mbarrier waits of one kernel, from `ncu -i REP --page source --csv
--print-source sass` (gzipped or not): each executed SYNCS.PHASECHK (a
try_wait) with its shared-memory offset (which barrier), how often it ran,
and the warp-stall samples on it and the branch after it. A try_wait's
retry loop is placed out of line: its executions show how often a wait
found its phase not yet complete.

usage: mbarrier_waits.py SOURCE.csv[.gz]"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # stall_summary.py, its neighbour
from stall_summary import read_source

kernel, col, rows = read_source(sys.argv[1])
insns = [(int(r[col["Address"]], 16), r[col["Source"]].strip(), int(r[col["Warp Stall Sampling (All Samples)"]] or 0),
          int(r[col["Instructions Executed"]] or 0)) for r in rows]
base = insns[0][0]
print(f"{kernel}\n{'address':>8} {'barrier':>8} {'executed':>10} {'samples':>8}")
for i, (addr, src, samples, executed) in enumerate(insns):
    if "SYNCS.PHASECHK" not in src or executed == 0:
        continue
    barrier = re.search(r"0x([0-9a-f]+)\]", src)
    after = insns[i + 1][2] if i + 1 < len(insns) else 0
    print(f"{addr - base:8x} {barrier.group(1) if barrier else '?':>8} {executed:10d} {samples + after:8d}")
