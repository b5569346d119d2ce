#!/usr/bin/env python3
"""GPU time per shape (rows) and variant (columns): a forced fa-upstream tile
shape, or a build of an A/B experiment.

usage: tile_table.py DIR_OF_BENCH_JSONS [TORCH_GRAPH.json]
Each DIR/<variant>-<what>.json is `vit-attn bench --json` output of that
variant; the torch-flash and torch-cudnn times measured in the same call are
added when a torch json is given, and under the table each variant's speed-up
over torch-cudnn (peer time / variant time): geometric mean, lowest, shapes >= 1;
with a ceiling in the torch json (torch_shapes.py --ceiling), the TFLOP/s of
each variant and peer at d=128, s >= 4096 against it (and against the ceiling
timed in graph-mode counts, where the json has one)."""
import json, os, statistics, sys

times, tiles = {}, []
for f in sorted(os.listdir(sys.argv[1])):
    tile = f.rsplit("-", 1)[0]
    if tile not in tiles:
        tiles.append(tile)
    for r in json.load(open(os.path.join(sys.argv[1], f))):
        if r.get("gpu_us") is not None:
            times.setdefault((r["dtype"], r["shape"]), {})[tile] = r["gpu_us"]
peers = ["torch-flash", "torch-cudnn"]
torch, ceiling, ceiling_graph = {}, None, None
if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
    peer_json = json.load(open(sys.argv[2]))
    ceiling = peer_json.get("ceiling_tflops")
    ceiling_graph = peer_json.get("ceiling_graph_tflops")
    for r in peer_json["rows"]:
        if r.get("backend") in peers and "ms" in r:
            dt = {"bfloat16": "bf16", "float16": "f16"}.get(r["dtype"], r["dtype"])
            torch.setdefault((dt, f"b={r['b']} s={r['s']} h={r['h']} d={r['d']}"), {})[r["backend"]] = r["ms"] * 1e3
print(f"{'dtype':5} {'shape':24} " + " ".join(f"{t:>14}" for t in tiles) + "".join(f" {p:>11}" for p in peers))
for (dt, shape), row in times.items():
    cells = " ".join(f"{row[t]:14.1f}" if t in row else f"{'-':>14}" for t in tiles)
    peer = torch.get((dt, shape), {})
    print(f"{dt:5} {shape:24} {cells}" + "".join(f" {peer[p]:11.1f}" if p in peer else f" {'-':>11}" for p in peers))
for p in peers[1:] if torch else []:
    for t in tiles:
        r = [torch[k][p] / row[t] for k, row in times.items() if t in row and p in torch.get(k, {})]
        if r:
            print(f"{t} vs {p}: geomean {statistics.geometric_mean(r):.3f}, min {min(r):.3f}, >= 1.0 on {sum(x >= 1 for x in r)}/{len(r)}")
if ceiling:
    for t in tiles + peers:
        cells = []
        for key, row in times.items():
            us = row.get(t, torch.get(key, {}).get(t))
            f = {k: int(v) for k, v in (x.split("=") for x in key[1].split())}
            if us and f["d"] == 128 and f["s"] >= 4096:
                tf = 4 * f["b"] * f["h"] * f["s"] ** 2 * f["d"] / us / 1e6
                of_graph = f" / {tf / ceiling_graph:.0%}" if ceiling_graph else ""
                cells.append(f"b={f['b']} s={f['s']} {tf:.0f} ({tf / ceiling:.0%}{of_graph})")
        if cells:
            also = f" / the {ceiling_graph:.0f} of its graph-mode timing" if ceiling_graph else ""
            print(f"{t} TFLOP/s at d=128, s >= 4096 (of the {ceiling:.0f} burst matmul ceiling{also}): " + ", ".join(cells))
