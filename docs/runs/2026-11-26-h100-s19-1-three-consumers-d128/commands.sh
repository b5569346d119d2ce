# Session 19, call 1 (H100): three-consumer tiles at d=128 on 64-key stages (probe_3c128.diff; P), forced by VIT_ATTN_SM90_CONSUMERS=3 and VIT_ATTN_PROBE_TILE (s2q2o1: 2 stages, 2 Q buffers, output buffer; s4q1o1; s4q2o0), against the landed build (N) on the d=128 BENCH.md shapes; checks of the forced tiles; torch-cudnn in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w191; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/P/vit-attn
K=VIT_ATTN_SM90_KV_SPLIT; C=VIT_ATTN_SM90_CONSUMERS; T=VIT_ATTN_PROBE_TILE
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 100 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in s2q2o1 s4q1o1 s4q2o0; do c c3_$v $C=3 $T=$v $K=0 $X check --device gpu --backend fa-native --head-size 128 --dtype bf16,f16; done
c c3_s2q2o1_split $C=3 $T=s2q2o1 $K=1 $X check --device gpu --backend fa-native --head-size 128 --dtype bf16,f16
c c3_b2s1000 $C=3 $T=s4q1o1 $K=0 $X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 128 --dtype bf16,f16
snap
A=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do A="$A ${bs%,*},${bs#*,},16,128"; done; A="$A 8,1025,25,128"
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { local tag=$1 bin=$2 b=$3 s=$4 h=$5; shift 5; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size 128 --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b${b}s${s}h$h.json > /dev/null 2>>$W/bench_$tag.err; }
for r in 1 2; do for bsh in 1,1024,16 2,1024,16 1,2048,16 2,2048,16 1,4096,16 2,4096,16 8,4096,16 8,1025,25; do IFS=, read b s h <<< "$bsh"
  bn N$r N $b $s $h; bn Pa$r P $b $s $h $C=3 $T=s2q2o1 $K=0; bn Pb$r P $b $s $h $C=3 $T=s4q1o1 $K=0; bn Pc$r P $b $s $h $C=3 $T=s4q2o0 $K=0; bn Ps$r P $b $s $h $C=3 $T=s4q1o1
done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 - $W/ab $W/torch.json > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tj=json.load(open(sys.argv[2]))
for r in tj["rows"]:
    if r.get("backend")=="torch-cudnn" and r.get("ms"): t["b=%d s=%d h=%d d=%d"%(r["b"],r["s"],r["h"],r["d"])]["cudnn"]=r["ms"]*1000
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(8) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap
rm -rf .device-run/N .device-run/P
