#!/usr/bin/env python3
"""`vit-attn bench` and torch-cudnn timed in pairs, shape by shape, so that both
sides of each ratio run in the same power and clock state of the card.

usage: paired_torch.py OUT_DIR --baseline DIR --vit-attn BIN B,S,H,D [B,S,H,D ...] [--reps 4]
                       [--backend fa-native] [--dtype bf16] [--flash]
       paired_torch.py OUT_DIR --report   (the table again from OUT_DIR/pairs.json, after a timeout too)
       paired_torch.py OUT_DIR --report --with DIR [--with DIR ...]   (one table over several calls' pairs)

The long shapes run at the card's power cap, and its clock there moves by up to
10 % between repetitions (notes, s19-6), so a pass of every shape under torch
and then every shape under vit-attn lets the clock pick the ratio. Here each
repetition visits the shapes in turn (reversed every other repetition) and
times torch-cudnn (torch_sdpa_baseline.py's run_case, graph mode) and
`vit-attn bench` (the same counts) back to back, which of the two goes first
alternating, so that with an even number of repetitions each shape has each
order equally often: whichever runs first after a change of shape may run in
a worse power state (runs s23-2, s23-3: the ratio 1.3-1.7 % lower where
vit-attn ran first; b=1 s=4096 d=128 ~8 % slower on either side when first).
--flash also times torch-flash once per shape, in the first repetition. Both
ends time the baseline's dense bf16 matmul (8192^3), as a burst and in the
graph-mode counts: the ceilings TFLOP/s are compared with.

Writes OUT_DIR/pairs.json (every timing) and OUT_DIR/bench/*.json (vit-attn's
own output); prints per shape the median ratio over the repetitions, and the
geometric mean of torch-cudnn / vit-attn per repetition, over all pairs, and
over the pairs where each side ran first."""
import argparse, json, os, statistics, subprocess, sys
from statistics import geometric_mean as geomean

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # torch_shapes.py, its neighbour


def measure(a, shapes, save):
    sys.path.insert(0, a.baseline)
    import torch
    import torch_sdpa_baseline as tb
    from torch_shapes import matmul_ceilings

    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}[a.dtype]
    os.makedirs(os.path.join(a.out_dir, "bench"), exist_ok=True)

    def time_torch(shape, backend):
        b, s, h, d = shape
        ms, _, rel = tb.run_case(b, s, h, d, dtype, tb.BACKENDS[backend], "graph")
        if rel > 1e-2:
            raise SystemExit(f"{backend} {shape}: relative error {rel:.1e}")
        return ms * 1e3

    def time_ours(shape, rep):
        b, s, h, d = shape
        path = os.path.join(a.out_dir, "bench", f"r{rep}-b{b}s{s}h{h}d{d}.json")
        cmd = [a.vit_attn, "bench", "--batch", str(b), "--seqlen", str(s), "--heads", str(h), "--head-size", str(d),
               "--dtype", a.dtype, "--backend", a.backend, "--device", "gpu", "--json", path]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
        if done.returncode != 0 or "failed the sampled" in done.stderr:
            raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr[-2000:]}")
        [row] = [r for r in json.load(open(path)) if r.get("gpu_us") is not None]
        return row["gpu_us"]

    result = dict(device=torch.cuda.get_device_name(0), backend=a.backend, shapes=shapes, ceilings=[matmul_ceilings(torch, tb)],
                  pairs=[], flash={})
    print(f"bf16 matmul 8192^3, TFLOP/s: {result['ceilings'][0]}", flush=True)
    for rep in range(a.reps):
        for i, shape in enumerate(shapes if rep % 2 == 0 else shapes[::-1]):
            if a.flash and rep == 0:
                result["flash"][str(shape)] = time_torch(shape, "torch-flash")
            torch_first = (rep + i) % 2 == 0
            if torch_first:
                cudnn = time_torch(shape, "torch-cudnn")
                ours = time_ours(shape, rep)
            else:
                ours = time_ours(shape, rep)
                cudnn = time_torch(shape, "torch-cudnn")
            result["pairs"].append(dict(rep=rep, shape=shape, cudnn_us=cudnn, ours_us=ours,
                                        first="torch-cudnn" if torch_first else a.backend))
            print(f"rep {rep} b={shape[0]} s={shape[1]} h={shape[2]} d={shape[3]}: torch-cudnn {cudnn:9.1f} us, "
                  f"{a.backend} {ours:9.1f} us, ratio {cudnn / ours:.3f}", flush=True)
            save(result)
    result["ceilings"].append(matmul_ceilings(torch, tb))
    save(result)
    return result


def report(result):
    shapes = [tuple(s) for s in result["shapes"]]
    backend, pairs = result["backend"], result["pairs"]
    burst = max(c["burst"] for c in result["ceilings"])
    graph = max(c["graph"] for c in result["ceilings"])
    print("\nmatmul ceiling, TFLOP/s (start, end): burst " + " / ".join(f"{c['burst']:.0f}" for c in result["ceilings"])
          + ", graph-mode counts " + " / ".join(f"{c['graph']:.0f}" for c in result["ceilings"])
          + "; the TFLOP/s below are of the higher of each")
    print(f"{'shape':24} {'cudnn us':>9} {backend + ' us':>14} {'ratio med':>9} {'min':>6} {'max':>6} {'flash x':>7}"
          "  TFLOP/s (of burst / graph ceiling)")
    medians = []
    for shape in shapes:
        ps = [p for p in pairs if tuple(p["shape"]) == shape]
        if not ps:
            continue
        ratios = [p["cudnn_us"] / p["ours_us"] for p in ps]
        ours = statistics.median(p["ours_us"] for p in ps)
        medians.append(statistics.median(ratios))
        b, s, h, d = shape
        tf = 4 * b * h * s * s * d / ours / 1e6
        flash = result["flash"].get(str(shape))
        print(f"b={b} s={s} h={h} d={d}".ljust(24) + f" {statistics.median(p['cudnn_us'] for p in ps):9.1f} {ours:14.1f}"
              f" {medians[-1]:9.3f} {min(ratios):6.3f} {max(ratios):6.3f} {f'{flash / ours:.2f}' if flash else '-':>7}"
              f"  {tf:.0f} ({tf / burst:.0%} / {tf / graph:.0%})")
    for rep in sorted({p["rep"] for p in pairs}):
        ratios = [p["cudnn_us"] / p["ours_us"] for p in pairs if p["rep"] == rep]
        print(f"rep {rep}: geomean torch-cudnn / {backend} {geomean(ratios):.3f} over {len(ratios)} shapes, "
              f"min {min(ratios):.3f}, >= 1.0 on {sum(r >= 1 for r in ratios)}/{len(ratios)}")
    print(f"geomean of the per-shape medians: {geomean(medians):.3f}, >= 1.0 on {sum(r >= 1 for r in medians)}/{len(medians)}")
    print(f"geomean over all {len(pairs)} pairs: {geomean([p['cudnn_us'] / p['ours_us'] for p in pairs]):.3f}")
    for side in ["torch-cudnn", backend]:
        ratios = [p["cudnn_us"] / p["ours_us"] for p in pairs if first_of(p, shapes, backend) == side]
        if ratios:
            print(f"geomean over the {len(ratios)} pairs {side} ran first in: {geomean(ratios):.3f}")


def pooled(results):
    """One result of several calls': their pairs with the repetitions numbered on
    from call to call (each pair's first side resolved in its own call), every
    call's ceilings, the first call's shapes and torch-flash timings."""
    head, pairs = results[0], []
    for result in results:
        shapes, offset = [tuple(s) for s in result["shapes"]], len({p["rep"] for p in pairs})
        pairs += [dict(p, rep=p["rep"] + offset, first=first_of(p, shapes, result["backend"])) for p in result["pairs"]]
    return dict(head, pairs=pairs, ceilings=[c for r in results for c in r["ceilings"]])


def first_of(pair, shapes, backend):
    """Which side ran first in a pair (measure()'s rule, for pairs.json files
    written before the field was)."""
    if "first" in pair:
        return pair["first"]
    i = shapes.index(tuple(pair["shape"]))
    place = i if pair["rep"] % 2 == 0 else len(shapes) - 1 - i
    return "torch-cudnn" if (pair["rep"] + place) % 2 == 0 else backend


ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("out_dir")
ap.add_argument("shapes", nargs="*", help="B,S,H,D")
ap.add_argument("--report", action="store_true", help="print the table of OUT_DIR/pairs.json only")
ap.add_argument("--baseline", help="the folder of torch_sdpa_baseline.py")
ap.add_argument("--vit-attn", help="the vit-attn binary")
ap.add_argument("--reps", type=int, default=4, help="an even number gives each shape each order equally often")
ap.add_argument("--backend", default="fa-native")
ap.add_argument("--dtype", default="bf16")
ap.add_argument("--flash", action="store_true", help="also torch-flash, once per shape")
ap.add_argument("--with", dest="more", action="append", default=[], metavar="DIR",
                help="with --report: pool the pairs of DIR/pairs.json too, each call's repetitions numbered on")
a = ap.parse_intermixed_args()
pairs_json = os.path.join(a.out_dir, "pairs.json")
if a.more and not a.report:
    ap.error("--with pools recorded pairs: it goes with --report")
if a.report:
    report(pooled([json.load(open(p)) for p in [pairs_json] + [os.path.join(d, "pairs.json") for d in a.more]]))
else:
    if not (a.baseline and a.vit_attn and a.shapes):
        ap.error("measuring needs --baseline, --vit-attn and shapes")
    shapes = [tuple(map(int, s.split(","))) for s in a.shapes]
    report(measure(a, shapes, lambda result: json.dump(result, open(pairs_json, "w"), indent=1)))
