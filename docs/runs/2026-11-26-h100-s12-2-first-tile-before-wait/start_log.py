#!/usr/bin/env python3
"""Run s12-1's start log (startlog.diff): per launch, blocks 0 and 1: %globaltimer
at entry (slot 0), after griddepcontrol.wait (1) and when consumer 0 is done (2);
then SM cycles since the wait at marks (4..22). Prints medians over back-to-back
launches.

usage: start_log.py LOG.txt"""
import sys, statistics as st
NAMES = {4: "P: first Q issued", 5: "P: K0,V0 issued", 6: "P: first claim back",
         7: "C0: Q landed", 8: "C0: first S ready", 9: "C0: first softmax done", 10: "C0: turn j=1",
         11: "C0: 2nd tile's Q", 12: "C0: 2nd tile S ready", 13: "C0: its first softmax done",
         14: "C0: last P.V done", 15: "C0: output stored", 16: "C0: 2nd tile turn j=1",
         17: "C1: Q landed", 18: "C1: turn j=1", 19: "C1: output stored", 20: "C1: 2nd tile turn j=1",
         21: "C0: done", 22: "C last: done", 23: "P: registers given", 24: "P: before the Q-empty wait",
         25: "st: O packed", 26: "st: buffer read", 27: "st: barrier 1", 28: "st: staged", 29: "st: fenced",
         30: "st: barrier 2", 31: "st: TMA issued"}
rows = {0: [], 1: []}
for l in open(sys.argv[1]):
    if l.startswith("SL "):
        f = l.split()
        rows[int(f[1])].append(list(map(int, f[2:])))
for b, rs in rows.items():
    if not rs:
        continue
    rs.sort()
    per = [n[0] - r[0] for r, n in zip(rs, rs[1:])]
    mp = st.median(per)
    bb = [r for r, n in zip(rs, rs[1:]) if n[0] - r[0] < 2 * mp]
    med = lambda xs: st.median(xs) if xs else float("nan")
    print(f"block {b}: {len(bb)} back-to-back launches, period {mp:.0f} ns, entry->wait {med([r[1]-r[0] for r in bb]):.0f} ns, "
          f"wait->C0 done {med([r[2]-r[1] for r in bb]):.0f} ns")
    print("   " + "; ".join(f"{NAMES[s]} {med([r[s] for r in bb if r[s] > 0 and r[s] < 1 << 40]):.0f}"
                            for s in sorted(NAMES) if any(0 < r[s] < 1 << 40 for r in bb)))
