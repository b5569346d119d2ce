#!/usr/bin/env python3
"""GPU time per shape (rows) and forced fa-upstream tile shape (columns).

usage: tile_table.py DIR_OF_BENCH_JSONS [TORCH_GRAPH.json]
Each DIR/<tile>-<what>.json is `vit-attn bench --json` output with
VIT_ATTN_FA_TILE=<tile>; torch-flash's time is added when a torch json is given."""
import json, os, sys

times, tiles = {}, []
for f in sorted(os.listdir(sys.argv[1])):
    tile = f.rsplit("-", 1)[0]
    if tile not in tiles:
        tiles.append(tile)
    for r in json.load(open(os.path.join(sys.argv[1], f))):
        if r.get("gpu_us") is not None:
            times.setdefault((r["dtype"], r["shape"]), {})[tile] = r["gpu_us"]
flash = {}
if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
    for r in json.load(open(sys.argv[2]))["rows"]:
        if r.get("backend") == "torch-flash" and "ms" in r:
            dt = {"bfloat16": "bf16", "float16": "f16"}.get(r["dtype"], r["dtype"])
            flash[(dt, f"b={r['b']} s={r['s']} h={r['h']} d={r['d']}")] = r["ms"] * 1e3
print(f"{'dtype':5} {'shape':24} " + " ".join(f"{t:>14}" for t in tiles) + f" {'torch-flash':>11}")
for (dt, shape), row in times.items():
    cells = " ".join(f"{row[t]:14.1f}" if t in row else f"{'-':>14}" for t in tiles)
    fl = flash.get((dt, shape))
    print(f"{dt:5} {shape:24} {cells} " + (f"{fl:11.1f}" if fl else f"{'-':>11}"))
