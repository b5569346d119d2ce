# Session 18, call 1 (H100): where a tail split's time goes on small d=64 grids. T = main (6fbfa8c) + %globaltimer stamps of every block (trace.diff: producer claims; consumer 0's tile starts, places, steps' end, stores, end), written after each eager launch to VIT_ATTN_TRACE_FILE (the last kept). L = main as landed, timed beside T for the stamps' cost.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w181; mkdir -p $W/ab $W/tr; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
K=VIT_ATTN_SM90_KV_SPLIT; C=VIT_ATTN_SM90_CONSUMERS
bn() { local tag=$1 bin=$2 b=$3 s=$4; shift 4; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}.json > /dev/null 2>>$W/bench_$tag.err; }
for bs in 1,2048 2,1024 1,1024 2,2048; do b=${bs%,*}; s=${bs#*,}
  for cfg in "W2:$K=0 $C=2" "W3:$K=0 $C=3" "F3:$K=1 $C=3" "F2:$K=1 $C=2"; do tag=${cfg%%:*}; e=${cfg#*:}
    VIT_ATTN_TRACE_FILE=$W/tr/$tag-b${b}s$s.txt bn TR$tag T $b $s $e
    python3 .device-run/scripts/trace_pieces.py $W/tr/$tag-b${b}s$s.txt > $W/tr/$tag-b${b}s$s.sum 2>&1; echo "== $tag b$b s$s"; grep -E "^LAUNCH|consumer end|n=" $W/tr/$tag-b${b}s$s.sum | head -12
  done; snap
done
for r in 1 2; do for bs in 1,2048 2,1024 1,1024 2,2048; do b=${bs%,*}; s=${bs#*,}
  for cfg in "W2:$K=0 $C=2" "W3:$K=0 $C=3" "F3:$K=1 $C=3"; do tag=${cfg%%:*}; e=${cfg#*:}; bn L$tag$r L $b $s $e; bn T$tag$r T $b $s $e; done; done; done
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v if not k.startswith('TR')})
print("shape".ljust(26)+"".join(x.rjust(8) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap
rm -rf .device-run/L .device-run/T
