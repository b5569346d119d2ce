#!/usr/bin/env python3
"""Summarise a run s18-1 trace: per block, its pieces (tile, j0..j1, split)
with start/end times (ns from the earliest consumer start), and the
kernel's end spread. Codes: producer 1 first claim, 2 next claim
(claim<<24 | j0<<12 | j1); consumer 3 start, 4 next_tile returned (tile),
5 tile set (split<<24 | j0<<12 | j1), 6 steps done, 8 store begin,
7 store end, 9 end."""
import sys, collections, os
SHOW = set(int(x) for x in os.environ.get("SHOW", "").split(",") if x)
ev = collections.defaultdict(list)
head = ""
for line in open(sys.argv[1]):
    if line.startswith("LAUNCH"):
        head = line.strip(); continue
    _, b, r, code, val, t = line.split()
    ev[(int(b), int(r))].append((int(t), int(code), int(val)))
cons = {b: sorted(v) for (b, r), v in ev.items() if r == 1}
t0 = min(v[0][0] for v in cons.values())
print(head, "blocks", len(cons))
ends, firsts, piece_rows = [], [], []
for b in sorted(cons):
    e = cons[b]
    t = lambda x: (x - t0) / 1000.0
    start = [x for x in e if x[1] == 3]
    end = [x for x in e if x[1] == 9]
    ends.append((t(end[0][0]) if end else float('nan'), b))
    pieces = []
    cur = pending = None
    for (ts, code, val) in e:
        if code == 5:
            split = val >> 24
            if split >= (1 << 23): split -= 1 << 24
            cur = [t(ts), (val >> 12) & 0xfff, val & 0xfff, split, None, None, None]
            pieces.append(cur)
        elif code == 6 and cur: cur[4] = t(ts); pending = cur
        elif code == 8 and pending: pending[5] = t(ts)
        elif code == 7 and pending: pending[6] = t(ts)
    desc = " | ".join("%.2f j%d-%d%s steps_end %.2f st %s-%s" % (p[0], p[1], p[2], (" s%x" % p[3]) if p[3] >= 0 else "", p[4] or -1,
                      ("%.2f" % p[5]) if p[5] else "-", ("%.2f" % p[6]) if p[6] else "-") for p in pieces)
    if b < 6 or b % 22 == 0 or b in SHOW: print("block %3d start %.2f end %.2f: %s" % (b, t(start[0][0]) if start else -1, ends[-1][0], desc))
    for i, p in enumerate(pieces):
        if i + 1 < len(pieces):
            dur = pieces[i + 1][0] - p[0]
            piece_rows.append((p[2] - p[1], dur, p[3] >= 0, i))
ends.sort()
print("consumer end (us from first start): min %.2f median %.2f max %.2f (block %d); 10 latest: %s" % (
    ends[0][0], ends[len(ends) // 2][0], ends[-1][0], ends[-1][1], " ".join("%.2f" % e for e, _ in ends[-10:])))
by = collections.defaultdict(list)
for nb, dur, is_piece, i in piece_rows:
    by[(nb, is_piece, i == 0)].append(dur)
print("piece start-to-next-start, us (blocks, piece of a cut tile, first of block): n mean min max")
for k in sorted(by):
    v = by[k]; print("  %s n=%d mean %.2f min %.2f max %.2f" % (k, len(v), sum(v) / len(v), min(v), max(v)))
