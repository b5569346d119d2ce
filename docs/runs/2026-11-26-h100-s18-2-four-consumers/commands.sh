# Session 18, call 2 (H100): a four-consumer tile at d <= 64 (256 query rows, 64-key blocks, 112 registers a consumer; probe4c.diff), forced by VIT_ATTN_SM90_CONSUMERS=4, against main (L) on every d=64 BENCH.md shape; checks of the forced tile (whole and split).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w182; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/C4/vit-attn
K=VIT_ATTN_SM90_KV_SPLIT; C=VIT_ATTN_SM90_CONSUMERS
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_c4 $C=4 $K=0 $X check --device gpu --backend fa-native
c native_c4_split $C=4 $K=1 $X check --device gpu --backend fa-native
c up_c4 $C=4 $K=0 $X check --device gpu --backend fa-upstream
c native_auto $X check --device gpu --backend fa-native
c c4_b1s2048 $C=4 $K=0 $X check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 16 --head-size 32,64 --dtype bf16,f16
c c4_b2s1000 $C=4 $K=0 $X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64 --dtype bf16,f16
snap
bn() { local tag=$1 bin=$2 b=$3 s=$4; shift 4; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}.json > /dev/null 2>>$W/bench_$tag.err; }
for r in 1 2; do for bs in 1,1024 1,2048 2,1024 2,2048 1,4096 2,4096 8,4096 32,577; do b=${bs%,*}; s=${bs#*,}
  bn L$r L $b $s; bn A$r C4 $b $s; bn W4$r C4 $b $s $C=4 $K=0; bn F4$r C4 $b $s $C=4 $K=1
done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(8) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap
rm -rf .device-run/L .device-run/C4
