#!/usr/bin/env python3
"""The torch peers on chosen shapes only, timed by torch_sdpa_baseline.py's own
run_case (same method as its grid), for quick experiments beside `vit-attn bench`.

usage: torch_shapes.py BASELINE_DIR OUT.json B,S,H,D [B,S,H,D ...] [--backends flash,efficient] [--dtype bf16] [--ceiling]
--ceiling also times the baseline's dense bf16 matmul (8192^3), the ceiling the
attention TFLOP/s are compared with: as a burst (13 calls, "ceiling_tflops") and
in the graph-mode counts the attention is timed with ("ceiling_graph_tflops").
Writes the baseline's JSON layout ({"rows": [...]}), so tile_table.py and
compare_bench.py read it."""
import argparse, json, sys


def matmul_ceilings(torch, tb):
    """The baseline's dense bf16 matmul (8192^3) in TFLOP/s: as a burst (13 calls,
    as torch_sdpa_baseline.py times it) and in the graph-mode counts the attention
    is timed with (and vit-attn bench since session 11): 3 + 20 replays of 20
    calls, about 0.65 s, long enough for the power cap to lower the clock (run
    s11-2)."""
    x = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
    y = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
    burst_ms, _ = tb.time_ms(lambda: x @ y, reps=10, warmup=3)
    g = torch.cuda.CUDAGraph()
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        x @ y
    torch.cuda.current_stream().wait_stream(side)
    with torch.cuda.graph(g):
        for _ in range(20):
            x @ y
    graph_ms, _ = tb.time_ms(g.replay, reps=20, warmup=3)
    return dict(burst=2 * 8192**3 / burst_ms / 1e9, graph=20 * 2 * 8192**3 / graph_ms / 1e9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("baseline_dir")
    ap.add_argument("json")
    ap.add_argument("shapes", nargs="+")
    ap.add_argument("--backends", default="flash,efficient")
    ap.add_argument("--dtype", default="bf16")
    ap.add_argument("--ceiling", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.baseline_dir)
    import torch
    import torch_sdpa_baseline as tb

    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}[a.dtype]
    out = dict(device=torch.cuda.get_device_name(0))
    if a.ceiling:
        c = matmul_ceilings(torch, tb)
        out["ceiling_tflops"], out["ceiling_graph_tflops"] = c["burst"], c["graph"]
        print(f"bf16 matmul 8192^3: {c['burst']:.0f} TFLOP/s (measured ceiling)", flush=True)
        print(f"bf16 matmul 8192^3 in graph-mode counts: {c['graph']:.0f} TFLOP/s", flush=True)
    rows = []
    for shape in a.shapes:
        b, s, h, d = map(int, shape.split(","))
        for name in a.backends.split(","):
            backend = f"torch-{name}"
            med, sd, rel = tb.run_case(b, s, h, d, dtype, tb.BACKENDS[backend], "graph")
            rows.append(dict(mode="graph", dtype=str(dtype).split(".")[-1], b=b, s=s, h=h, d=d, backend=backend, ms=med,
                             sd=sd, tflops=4 * b * h * s * s * d / med / 1e9, rel_err=rel))
            print(f"{backend:16} b={b} s={s} h={h} d={d} {med * 1e3:9.1f} us rel {rel:.1e}", flush=True)
    json.dump(dict(out, rows=rows), open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
