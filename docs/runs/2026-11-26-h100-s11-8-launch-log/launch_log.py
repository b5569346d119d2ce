#!/usr/bin/env python3
"""Run s11-8's launch log (launch.diff): per launch, blocks 0 and 1's %globaltimer
at entry (g0), after griddepcontrol.wait (g1) and when the first consumer
warpgroup is done (g2), and the SM cycles from entry to done. Prints medians over
the back-to-back launches (period: block 0's entry to its next entry).

usage: launch_log.py LOG.txt"""
import sys, statistics as st
rows = {0: [], 1: []}
for l in open(sys.argv[1]):
    if l.startswith("LL "):
        _, b, g0, g1, g2, cyc = l.split()
        rows[int(b)].append(tuple(map(int, (g0, g1, g2, cyc))))
for b, rs in rows.items():
    rs.sort()
    # back-to-back launches only: the next entry within 2x the median period
    per = [n[0] - r[0] for r, n in zip(rs, rs[1:])]
    mp = st.median(per)
    bb = [(r, n) for r, n in zip(rs, rs[1:]) if n[0] - r[0] < 2 * mp]
    m = lambda xs: st.median(xs)
    print(f"block {b}: {len(bb)} back-to-back launches; median ns: period {m([n[0]-r[0] for r, n in bb]):.0f}, "
          f"wait for the previous grid {m([r[1]-r[0] for r, _ in bb]):.0f}, "
          f"after the wait to done {m([r[2]-r[1] for r, _ in bb]):.0f}, "
          f"done to next entry {m([n[0]-r[2] for r, n in bb]):.0f}; "
          f"SM clock entry..done {m([r[3]/(r[2]-r[0]) for r, _ in bb]):.2f} GHz")
