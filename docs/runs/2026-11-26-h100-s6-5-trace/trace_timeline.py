#!/usr/bin/env python3
"""Timeline of one launch from the clock64 stamps trace.diff adds (blocks 0
and 1; producer events 1 = before the q_empty wait, 2 = after it, 3 = tile
claimed; consumer events 10 = tile start, 11/12 = first S issued/done,
13 = step j issued, 15 = step j's P.V done, 16/17 = last P.V issued/done,
18 = output stored). Cycles are printed as microseconds at 1980 MHz, the
card's top clock: under this load the SM clock runs lower (about 1.6 GHz
from the launch times), so real times are some 1.2x these.

usage: trace_timeline.py TRACE.txt   (VIT_ATTN_TRACE_FILE's output)"""
import sys, collections
f = sys.argv[1]
seen = set(); ev = collections.defaultdict(list)
for l in open(f):
    if not l.startswith("TR "): continue
    if l in seen: continue
    seen.add(l)
    _, b, w, code, val, clk = l.split()
    ev[(int(b), int(w))].append((int(clk), int(code), int(val)))
t0 = min(e[0][0] for e in ev.values() for _ in [0] if e) 
MHZ = 1980.0
for key in sorted(ev):
    es = sorted(ev[key])
    b, w = key
    if w == 0:
        print(f"block {b} producer:", " ".join(f"{c}:{v if v!=65535 else -1}@{(t-t0)/MHZ:.2f}" for t, c, v in es))
        continue
    # split into tiles at code 10
    tiles = []; cur = None
    for t, c, v in es:
        if c == 10:
            cur = dict(start=t, tile=v, steps=[]); tiles.append(cur)
        elif cur is not None:
            cur.setdefault(c, t) if c not in (13, 14, 15) else cur["steps"].append((c, v, t))
    out = []
    prev_end = None
    for T in tiles:
        if T["tile"] == 65535:
            out.append(f"  end@{(T['start']-t0)/MHZ:.2f}"); continue
        iss = [t for c, v, t in T["steps"] if c == 13]
        period = (iss[-1] - iss[0]) / (len(iss) - 1) / MHZ if len(iss) > 1 else 0
        gap = (T["start"] - prev_end) / MHZ if prev_end else 0
        s = (f"  tile {T['tile']:4d} start {(T['start']-t0)/MHZ:7.2f} (after prev epi {gap:5.2f}) "
             f"S0 issue +{(T[11]-T['start'])/MHZ:.2f} S0 done +{(T[12]-T[11])/MHZ:.2f} "
             f"step1 issue +{(iss[0]-T[12])/MHZ if iss else 0:.2f} steps {len(iss)} x {period:.3f} "
             f"lastPV issue +{(T[16]-(iss[-1] if iss else T[12]))/MHZ:.2f} done +{(T[17]-T[16])/MHZ:.2f} epi +{(T[18]-T[17])/MHZ:.2f} "
             f"total {(T[18]-T['start'])/MHZ:.2f}")
        prev_end = T[18]
        out.append(s)
    print(f"block {b} consumer {w}:"); print("\n".join(out))
