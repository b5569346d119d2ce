#!/usr/bin/env python3
"""Per consumer warpgroup of block 0, the clock64 stamps of one launch in
1980-MHz microseconds from the first stamp (TM: s6-5's trace.diff on main;
TY: the same stamps on Y2 of run s7-3). 10 = tile index read (its Q
loaded), 11/12 = first S issued/done (TM), sN = step N issued, 16 = the
tile's last P.V issued (TY: with the next tile's first S), 17 = it is done
(TY: after the next tile's first softmax), 18 = output stored.
usage: timeline.py TRACE.txt..."""
import sys, collections
def load(f):
    seen=set(); ev=collections.defaultdict(list)
    for l in open(f):
        if not l.startswith("TR ") or l in seen: continue
        seen.add(l); _,b,w,code,val,clk=l.split(); ev[(int(b),int(w))].append((int(clk),int(code),int(val)))
    t0=min(e[0] for v in ev.values() for e in v)
    return {k:[((t-t0)/1980.0,c,v) for t,c,v in sorted(v)] for k,v in ev.items()}
for f in sys.argv[1:]:
    ev=load(f); print("==",f.split('/')[-1])
    for (b,w),es in sorted(ev.items()):
        if w==0 or b!=0: continue
        s=[]; last=None
        for t,c,v in es:
            if c==13: s.append(f"{'s'+str(v)}@{t:.2f}")
            elif c in (10,16,17,18,11,12): s.append(f"[{c}:{v if v!=65535 else -1}]@{t:.2f}")
        print(f" b{b} w{w}:"," ".join(s))
