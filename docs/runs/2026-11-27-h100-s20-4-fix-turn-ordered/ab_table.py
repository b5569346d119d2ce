# A table of bench JSON files named <variant><rep>-<shape>.json: one column a file, then each other variant's median over P's (main).
import json, glob, sys, collections, statistics as st
t = collections.defaultdict(dict)
for f in glob.glob(sys.argv[1] + "/*.json"):
    tag = f.split('/')[-1].split('-')[0]
    d = json.load(open(f)); rows = d["rows"] if isinstance(d, dict) else d
    for r in rows: t[r["shape"]][tag] = r["gpu_us"]
tags = sorted({k for v in t.values() for k in v}); vs = sorted({x[0] for x in tags}, key=lambda v: (v != "P", v))
print("shape".ljust(40) + "".join(x.rjust(8) for x in tags) + "".join(("%s/P" % v).rjust(8) for v in vs[1:]))
for s in sorted(t):
    med = {v: st.median([t[s][x] for x in t[s] if x[0] == v]) for v in vs}
    print(s[:40].ljust(40) + "".join((("%.1f" % t[s][x]) if x in t[s] else "-").rjust(8) for x in tags) + "".join(("%.3f" % (med[v] / med["P"])).rjust(8) for v in vs[1:]))
