#!/usr/bin/env bash
# One device call of several steps (STEPS, default all below): info/select,
# check (GPU + CPU), bench (BENCH.md grid), bench-classic (same with classic
# cuBLAS GEMMs), torch-graph / torch-eager (the peers on the same grid),
# sanitizer (compute-sanitizer memcheck + racecheck on a check subset),
# compare (ratios). Expects the release binary and torch_sdpa_baseline.py in
# .device-run/ (docs/benchmarking.md); logs and JSON go to $OUT.
set -u
B=.device-run
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1
# cuBLAS for the sdpa GPU path: the toolkit's, else the one PyTorch ships.
for d in /usr/local/cuda/lib64 $(python3 -c "import nvidia,os;[print(os.path.join(p,'cu13/lib')) for p in nvidia.__path__]" 2>/dev/null); do
  [ -d "$d" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
done
DTYPES=${DTYPES:-bf16}
# QUICK=1: only the first 4 grid shapes, for bench and the torch peers alike.
Q=""; [ "${QUICK:-0}" = 1 ] && Q="--quick"
STEPS=${STEPS:-info check bench torch-graph torch-eager compare}
has() { [[ " $STEPS " == *" $1 "* ]]; }
t0=$SECONDS
mark() { echo "--- $1 done at $((SECONDS - t0))s"; }
if has info; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  $B/vit-attn info
  $B/vit-attn select --head-size 72 --dtype bf16
  VIT_ATTN_DISABLE=sdpa $B/vit-attn select --head-size 72 --dtype bf16
  mark info
fi
if has check; then
  $B/vit-attn check --device all > "$OUT/check.txt" 2>&1; echo "check exit $?"
  grep -E "FAIL|^check:" "$OUT/check.txt" | tail -20; mark check
fi
if has bench; then
  $B/vit-attn bench $Q --dtype "$DTYPES" --device gpu --json "$OUT/bench.json" > "$OUT/bench.txt" 2> "$OUT/bench.err"; echo "bench exit $?"; mark bench
fi
if has bench-classic; then
  VIT_ATTN_SDPA_GEMM=classic $B/vit-attn bench $Q --dtype "$DTYPES" --device gpu --json "$OUT/bench_classic.json" > "$OUT/bench_classic.txt" 2>&1; echo "bench-classic exit $?"; mark bench-classic
fi
for mode in graph eager; do
  if has torch-$mode; then
    python3 $B/torch_sdpa_baseline.py $Q --dtypes "$DTYPES" --mode $mode --json "$OUT/torch_$mode.json" > "$OUT/torch_$mode.txt" 2>&1; echo "torch $mode exit $?"; mark torch-$mode
  fi
done
if has sanitizer; then
  for tool in memcheck racecheck; do
    compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --heads 4 --kv-heads 2 --head-size 72,128 --seqlens 1,130,257,64 --layout fused > "$OUT/sanitizer_$tool.txt" 2>&1
    echo "compute-sanitizer $tool exit $?"; grep -E "ERROR SUMMARY|^check:" "$OUT/sanitizer_$tool.txt"
  done
  mark sanitizer
fi
if has compare; then
  [ -f "$OUT/bench.txt" ] && cat "$OUT/bench.txt"
  for g in "$OUT"/torch_graph.json .device-run/torch_graph.json; do [ -f "$g" ] && break; done
  e=""; for f in "$OUT"/torch_eager.json .device-run/torch_eager.json; do [ -f "$f" ] && e=$f && break; done
  for b in bench bench_classic; do
    [ -f "$OUT/$b.json" ] && echo "== $b vs torch ($g $e)" && python3 scripts/compare_bench.py "$OUT/$b.json" "$g" $e | tee "$OUT/compare_$b.txt"
  done
fi
