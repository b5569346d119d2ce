#!/usr/bin/env python3
"""Ratios of vit-attn's GPU times to the torch peers measured in the same device call.

usage: compare_bench.py VIT_BENCH.json TORCH_GRAPH.json [TORCH_EAGER.json]
Prints, per shape and dtype, each vit-attn backend's GPU time and speedup
(torch time / ours: > 1 means we are faster) against every torch backend,
and eager per-call time minus GPU time (host overhead a caller sees)."""
import json, sys

def key(dtype, b, s, h, d):
    return (dtype, int(b), int(s), int(h), int(d))

def torch_rows(path):
    rows = {}
    for r in json.load(open(path))["rows"]:
        if "ms" in r:
            dt = {"bfloat16": "bf16", "float16": "f16"}.get(r["dtype"], r["dtype"])
            rows.setdefault(key(dt, r["b"], r["s"], r["h"], r["d"]), {})[r["backend"]] = r["ms"] * 1e3
    return rows

ours = json.load(open(sys.argv[1]))
graph = torch_rows(sys.argv[2])
eager = torch_rows(sys.argv[3]) if len(sys.argv) > 3 else {}
peers = ["torch-flash", "torch-efficient", "torch-cudnn", "torch-math"]
print(f"{'backend':8} {'dtype':5} {'shape':26} {'ours_us':>9} " + " ".join(f"{p[6:]+'/us':>10}" for p in peers)
      + " " + " ".join(f"{'x'+p[6:]:>9}" for p in peers) + f" {'eager-gpu':>9} {'t_eager_math':>12}")
for r in ours:
    if r["device"] != "gpu" or r["gpu_us"] is None:
        continue
    parts = dict(x.split("=") for x in r["shape"].split())
    k = key(r["dtype"], parts["b"], parts["s"], parts["h"], parts["d"])
    t = graph.get(k, {})
    us = r["gpu_us"]
    times = " ".join(f"{t[p]:10.1f}" if p in t else f"{'-':>10}" for p in peers)
    ratios = " ".join(f"{t[p] / us:9.2f}" if p in t else f"{'-':>9}" for p in peers)
    em = eager.get(k, {}).get("torch-math")
    print(f"{r['backend']:8} {r['dtype']:5} {r['shape']:26} {us:9.1f} {times} {ratios} {r['eager_us'] - us:9.1f} "
          + (f"{em:12.1f}" if em else f"{'-':>12}"))
