#!/usr/bin/env python3
"""Per-step breakdown of one launch from run s11-7's clock64 stamps (trace.diff).
Consumer codes: 10 tile start, 13 step j's turn (after await_turn), 14 S of block j
ready, 19 softmax j done, 15 P·V j-1 done, 18 output stored. Producer: 4 before the
K-stage wait of block j, 5 after it, 6 after block j's V copy is issued.
Cycles are SM clocks (clock64), whatever the clock ran at.

usage: trace_steps.py TRACE.txt"""
import sys, collections, statistics as st
ev = collections.defaultdict(list)
for l in open(sys.argv[1]):
    if l.startswith("TR "):
        _, b, w, code, val, clk = l.split()
        ev[(int(b), int(w))].append((int(clk), int(code), int(val)))
med = lambda xs: st.median(xs) if xs else float("nan")
for (b, w), es in sorted(ev.items()):
    es.sort()
    if w == 0:
        waits = [t5 - t4 for (t4, c4, _), (t5, c5, _) in zip(es, es[1:]) if c4 == 4 and c5 == 5]
        print(f"block {b} producer: {len(waits)} K-stage waits, median {med(waits):.0f} cycles, "
              f"sum {sum(waits)} of {es[-1][0] - es[0][0]} cycles")
        continue
    turn, s_lat, soft, pv, period, tiles = [], [], [], [], [], []
    last = {}
    for t, c, v in es:
        if c == 13:
            if 15 in last and last.get("after15"):
                turn.append(t - last[15])
            if 13 in last and last.get("in_step"):
                period.append(t - last[13])
            last["in_step"] = True
        if c == 14 and 13 in last: s_lat.append(t - last[13])
        if c == 19 and 14 in last: soft.append(t - last[14])
        if c == 15 and 19 in last: pv.append(t - last[19])
        if c == 10:
            last["in_step"] = False
            if 10 in last: tiles.append(t - last[10])
        last["after15"] = c == 15
        last[c] = t
    print(f"block {b} consumer {w}: steps {len(s_lat)}; median cycles: period {med(period):.0f} = "
          f"turn wait {med(turn):.0f} + S ready {med(s_lat):.0f} + softmax {med(soft):.0f} + P·V wait {med(pv):.0f}; "
          f"tiles {len(tiles) + 1}, tile-to-tile {med(tiles):.0f}")
