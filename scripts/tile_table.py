#!/usr/bin/env python3
"""GPU time per shape (rows) and variant (columns): a forced fa-upstream tile
shape, or a build of an A/B experiment.

usage: tile_table.py DIR_OF_BENCH_JSONS [TORCH_GRAPH.json]
Each DIR/<variant>-<what>.json is `vit-attn bench --json` output of that
variant; the torch-flash and torch-cudnn times measured in the same call are
added when a torch json is given."""
import json, os, sys

times, tiles = {}, []
for f in sorted(os.listdir(sys.argv[1])):
    tile = f.rsplit("-", 1)[0]
    if tile not in tiles:
        tiles.append(tile)
    for r in json.load(open(os.path.join(sys.argv[1], f))):
        if r.get("gpu_us") is not None:
            times.setdefault((r["dtype"], r["shape"]), {})[tile] = r["gpu_us"]
peers = ["torch-flash", "torch-cudnn"]
torch = {}
if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
    for r in json.load(open(sys.argv[2]))["rows"]:
        if r.get("backend") in peers and "ms" in r:
            dt = {"bfloat16": "bf16", "float16": "f16"}.get(r["dtype"], r["dtype"])
            torch.setdefault((dt, f"b={r['b']} s={r['s']} h={r['h']} d={r['d']}"), {})[r["backend"]] = r["ms"] * 1e3
print(f"{'dtype':5} {'shape':24} " + " ".join(f"{t:>14}" for t in tiles) + "".join(f" {p:>11}" for p in peers))
for (dt, shape), row in times.items():
    cells = " ".join(f"{row[t]:14.1f}" if t in row else f"{'-':>14}" for t in tiles)
    peer = torch.get((dt, shape), {})
    print(f"{dt:5} {shape:24} {cells}" + "".join(f" {peer[p]:11.1f}" if p in peer else f" {'-':>11}" for p in peers))
