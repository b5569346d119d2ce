# The dense bf16 matmul ceiling (8192^3) timed two ways, to see whether a
# sustained load lowers the clock: torch_shapes.py's burst (10 reps after 3
# warm-ups, ~20 ms of work), and vit-attn bench's protocol (5 trials of
# ~20 ms each after the same warm-up; median).
import sys, time, torch
sys.path.insert(0, sys.argv[1])
import torch_sdpa_baseline as tb
x = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
y = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
flop = 2 * 8192**3
ms, _ = tb.time_ms(lambda: x @ y, reps=10, warmup=3)
print(f"burst     {flop / ms / 1e9:6.0f} TFLOP/s")
e0, e1 = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
trials = []
for _ in range(5):
    e0.record()
    for _ in range(14):
        x @ y
    e1.record(); e1.synchronize()
    trials.append(e0.elapsed_time(e1) / 14)
trials.sort()
print(f"sustained {flop / trials[2] / 1e9:6.0f} TFLOP/s (trials {' '.join(f'{flop / t / 1e9:.0f}' for t in trials)})")
# As torch_sdpa_baseline.py's graph mode times a shape: 3 + 20 replays of a
# 20-call graph, median (about 0.65 s of matmuls); then a 5 s hold first.
g = torch.cuda.CUDAGraph()
s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
with torch.cuda.stream(s):
    x @ y
torch.cuda.current_stream().wait_stream(s)
with torch.cuda.graph(g):
    for _ in range(20):
        x @ y
ms, _ = tb.time_ms(g.replay, reps=20, warmup=3)
print(f"graph     {flop * 20 / ms / 1e9:6.0f} TFLOP/s (the baseline's graph-mode counts)")
t0 = time.time()
while time.time() - t0 < 5:
    g.replay()
ms, _ = tb.time_ms(g.replay, reps=20, warmup=0)
print(f"held 5 s  {flop * 20 / ms / 1e9:6.0f} TFLOP/s")
