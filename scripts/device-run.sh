#!/usr/bin/env bash
# One device call of several steps (STEPS, default all below): info/select,
# check (GPU + CPU), check-tiles (fa-upstream with each mma.sync tile shape forced),
# bench (BENCH.md grid; BENCH_ARGS e.g. "--backend fa-upstream"), bench-tiles
# (fa-upstream per forced tile shape), bench-classic (sdpa with classic cuBLAS
# GEMMs), torch-graph / torch-eager (the peers on the same grid), sanitizer
# (compute-sanitizer memcheck + racecheck on a check subset), check-old-paths
# (memeff with its FMA, then its wmma kernel forced: the Volta/Turing paths),
# check-kv-split (the Hopper kernels with their tail split forced wherever a
# call allows one), compare (ratios). Expects
# the release binary and torch_sdpa_baseline.py in .device-run/ (B= another
# folder for a second binary; docs/benchmarking.md); logs and JSON go to $OUT.
set -u
B=${B:-.device-run}
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
  $B/vit-attn select --head-size 64 --dtype bf16
  $B/vit-attn select --head-size 72 --dtype bf16
  VIT_ATTN_DISABLE=fa-native $B/vit-attn select --head-size 64 --dtype bf16
  VIT_ATTN_DISABLE=fa-upstream $B/vit-attn select --head-size 72 --dtype bf16
  VIT_ATTN_DISABLE=fa-upstream,sdpa $B/vit-attn select --head-size 72 --dtype bf16
  mark info
fi
if has check; then
  $B/vit-attn check --device all > "$OUT/check.txt" 2>&1; echo "check exit $?"
  grep -E "FAIL|^check:" "$OUT/check.txt" | tail -20; mark check
fi
if has check-old-paths; then
  for path in fma wmma; do
    VIT_ATTN_MEMEFF_PATH=$path $B/vit-attn check --device gpu --backend memeff > "$OUT/check_$path.txt" 2>&1; echo "check (memeff $path kernel forced) exit $?"
    grep -E "FAIL|^check:" "$OUT/check_$path.txt" | tail -10
  done
  mark check-old-paths
fi
if has check-kv-split; then
  # The built-in sweep's grids are too small for the model to split; forced,
  # every fixed-length case of fa-native and fa-upstream's single blocks splits.
  for backend in fa-native fa-upstream; do
    VIT_ATTN_SM90_KV_SPLIT=1 $B/vit-attn check --device gpu --backend $backend > "$OUT/check_kv_split_$backend.txt" 2>&1
    echo "check ($backend, tail split forced) exit $?"; grep -E "FAIL|^check:" "$OUT/check_kv_split_$backend.txt" | tail -10
  done
  mark check-kv-split
fi
if has sanitizer; then
  # GQA, varlen with length 1 and partial tiles; fused, unaligned; the widest and narrowest fa tiles.
  for tool in memcheck racecheck; do
    for run in "auto fused" "wide fused" "narrow unaligned"; do
      set -- $run
      echo "== $tool, VIT_ATTN_FA_TILE=$1, $2" >> "$OUT/sanitizer.txt"
      VIT_ATTN_FA_TILE=$1 compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend fa-upstream --heads 4 --kv-heads 2 --head-size 72,128,256 --seqlens 1,130,257,64 --layout $2 >> "$OUT/sanitizer.txt" 2>&1
      echo "compute-sanitizer $tool ($1 tiles, $2) exit $?"
    done
  done
  # The Hopper kernel with more tiles than SMs (tiles claimed at run time), skipped tiles of
  # short sequences, GQA, fused.
  for tool in memcheck racecheck; do
    # Run-time tile claims; d=72 and 88 run as two-block clusters (pairs) on this grid.
    echo "== $tool, fa-upstream claims and pairs" >> "$OUT/sanitizer.txt"
    compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --head-size 64,72,88,128 --seqlens 1,130,700,257,64,1500 --layout fused >> "$OUT/sanitizer.txt" 2>&1
    echo "compute-sanitizer $tool (fa-upstream claims and pairs) exit $?"
  done
  if $B/vit-attn info 2>/dev/null | grep -q "^  fa-native "; then
    # The Hopper tiles: 128 rows (small grids), 192 rows (d=64, >= 132 tiles); d=64's 256 forced below.
    for tool in memcheck racecheck; do
      for run in "--heads 4 --kv-heads 2 --head-size 32,96,160,256 --seqlens 1,130,257,64 --layout fused" "--heads 16 --batch 2 --seqlen 1536 --head-size 64"; do
        echo "== $tool, fa-native $run" >> "$OUT/sanitizer.txt"
        compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend fa-native $run >> "$OUT/sanitizer.txt" 2>&1
        echo "compute-sanitizer $tool (fa-native $run) exit $?"
      done
      # The tail split (forced): pieces of tiles cut across blocks, merged by each tile's last piece.
      run="--heads 3 --batch 2 --seqlen 1000 --head-size 64,128 --dtype bf16"
      echo "== $tool, fa-native tail split forced $run" >> "$OUT/sanitizer.txt"
      VIT_ATTN_SM90_KV_SPLIT=1 compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend fa-native $run >> "$OUT/sanitizer.txt" 2>&1
      echo "compute-sanitizer $tool (fa-native tail split forced) exit $?"
      # d=64's four-consumer tile (256 rows, 64-key stages), forced.
      run="--heads 3 --batch 2 --seqlen 1000 --head-size 64 --dtype bf16,f16"
      echo "== $tool, fa-native four consumers forced $run" >> "$OUT/sanitizer.txt"
      VIT_ATTN_SM90_CONSUMERS=4 compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend fa-native $run >> "$OUT/sanitizer.txt" 2>&1
      echo "compute-sanitizer $tool (fa-native four consumers forced) exit $?"
    done
  fi
  if $B/vit-attn info 2>/dev/null | grep -q "^  memeff "; then
    # memeff: head sizes that are no multiple of 8, its tensor-core and its FMA kernel.
    for tool in memcheck racecheck; do
      for run in "auto fused" "auto unaligned" "fma fused" "fma unaligned"; do
        set -- $run
        echo "== $tool, memeff VIT_ATTN_MEMEFF_PATH=$1, $2" >> "$OUT/sanitizer.txt"
        VIT_ATTN_MEMEFF_PATH=$1 compute-sanitizer --tool $tool --error-exitcode 9 $B/vit-attn check --device gpu --backend memeff --heads 4 --kv-heads 2 --head-size 1,17,100,255 --seqlens 1,130,257,64 --layout $2 >> "$OUT/sanitizer.txt" 2>&1
        echo "compute-sanitizer $tool (memeff $1, $2) exit $?"
      done
    done
  fi
  grep -E "^==|ERROR SUMMARY|^check:" "$OUT/sanitizer.txt"
  mark sanitizer
fi
# fa-upstream with each tile shape in TILES forced (VIT_ATTN_FA_TILE): check
# (bf16 sweep) and bench (the QUICK grid plus BENCH_SHAPE, e.g. "--batch 2
# --seqlen 4096 --head-size 64,72,80,128"); tile_table.py prints time per shape x tile.
TILES=${TILES:-wide narrow}
if has check-tiles; then
  for tile in $TILES; do
    echo "== VIT_ATTN_FA_TILE=$tile" >> "$OUT/check_tiles.txt"
    VIT_ATTN_FA_TILE=$tile $B/vit-attn check --device gpu --backend fa-upstream --dtype bf16 >> "$OUT/check_tiles.txt" 2>&1; echo "check ($tile tiles) exit $?"
  done
  grep -E "FAIL|^check:|^==" "$OUT/check_tiles.txt" | tail -40
  mark check-tiles
fi
if has bench-tiles; then
  mkdir -p /tmp/tiles
  for tile in $TILES; do
    VIT_ATTN_FA_TILE=$tile $B/vit-attn bench --quick --backend fa-upstream --dtype "$DTYPES" --device gpu --json /tmp/tiles/${TAG:-}$tile-grid.json > /dev/null 2>> "$OUT/bench_tiles.err"; echo "bench ($tile tiles) exit $?"
    if [ -n "${BENCH_SHAPE:-}" ]; then
      VIT_ATTN_FA_TILE=$tile $B/vit-attn bench $BENCH_SHAPE --backend fa-upstream --dtype "$DTYPES" --device gpu --json /tmp/tiles/${TAG:-}$tile-shape.json > /dev/null 2>> "$OUT/bench_tiles.err"; echo "bench $BENCH_SHAPE ($tile tiles) exit $?"
    fi
  done
  python3 scripts/tile_table.py /tmp/tiles ${TORCH_JSON:-.device-run/torch_graph.json} | tee "$OUT/tiles.txt"
  mark bench-tiles
fi
BENCH_ARGS=${BENCH_ARGS:-}
if has bench; then
  $B/vit-attn bench $Q $BENCH_ARGS --dtype "$DTYPES" --device gpu --json "$OUT/bench.json" > "$OUT/bench.txt" 2> /tmp/bench.err; echo "bench exit $?"; tail -2 /tmp/bench.err; mark bench
fi
if has bench-classic; then
  VIT_ATTN_SDPA_GEMM=classic $B/vit-attn bench $Q --dtype "$DTYPES" --device gpu --json "$OUT/bench_classic.json" > "$OUT/bench_classic.txt" 2>&1; echo "bench-classic exit $?"; mark bench-classic
fi
for mode in graph eager; do
  if has torch-$mode; then
    python3 $B/torch_sdpa_baseline.py $Q --dtypes "$DTYPES" --mode $mode --json "$OUT/torch_$mode.json" > "$OUT/torch_$mode.txt" 2>&1; echo "torch $mode exit $?"; mark torch-$mode
  fi
done
if has compare; then
  [ -f "$OUT/bench.txt" ] && cat "$OUT/bench.txt"
  for g in "$OUT"/torch_graph.json .device-run/torch_graph.json; do [ -f "$g" ] && break; done
  e=""; for f in "$OUT"/torch_eager.json .device-run/torch_eager.json; do [ -f "$f" ] && e=$f && break; done
  for b in bench bench_classic; do
    [ -f "$OUT/$b.json" ] && echo "== $b vs torch ($g $e)" && python3 scripts/compare_bench.py "$OUT/$b.json" "$g" $e | tee "$OUT/compare_$b.txt"
  done
fi
