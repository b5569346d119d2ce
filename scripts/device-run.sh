#!/usr/bin/env bash
# One device call: info, select, check (GPU + CPU), bench beside the torch
# peers, ratios. Expects the release binary and torch_sdpa_baseline.py in
# .device-run/ (see docs/benchmarking.md); writes logs and JSON to $OUT.
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
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
$B/vit-attn info
$B/vit-attn select --head-size 72 --dtype bf16
VIT_ATTN_DISABLE=sdpa $B/vit-attn select --head-size 72 --dtype bf16
$B/vit-attn check --device all > "$OUT/check.txt" 2>&1; echo "check exit $?"; grep -E "FAIL|^check:" "$OUT/check.txt" | tail -20
$B/vit-attn bench --dtype "$DTYPES" --json "$OUT/bench.json" > "$OUT/bench.txt" 2> "$OUT/bench.err"; echo "bench exit $?"
python3 $B/torch_sdpa_baseline.py --dtypes "$DTYPES" --mode graph --json "$OUT/torch_graph.json" > "$OUT/torch_graph.txt" 2>&1; echo "torch graph exit $?"
if [ "${EAGER:-1}" = 1 ]; then
  python3 $B/torch_sdpa_baseline.py --dtypes "$DTYPES" --mode eager --json "$OUT/torch_eager.json" > "$OUT/torch_eager.txt" 2>&1; echo "torch eager exit $?"
fi
cat "$OUT/bench.txt"
python3 scripts/compare_bench.py "$OUT/bench.json" "$OUT/torch_graph.json" $([ -f "$OUT/torch_eager.json" ] && echo "$OUT/torch_eager.json") | tee "$OUT/compare.txt"
