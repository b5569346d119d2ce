# Session 17, call 4 (H100): the landed build L (the merge's code kept out of the non-split kernels: those are main's instruction for instruction but for the three-consumer ones' register names and two moves) against M = main (0e885e9): checks auto and forced, sanitizers on a forced split, the three-consumer and split shapes twice interleaved.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w174; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/L/vit-attn; FS=VIT_ATTN_SM90_KV_SPLIT=1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 100 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_auto VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-native
c native_forced $FS $X check --device gpu --backend fa-native
c up_forced $FS $X check --device gpu --backend fa-upstream
c up_auto VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-upstream
S="$X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64,128 --dtype bf16"
for tool in memcheck racecheck; do timeout 120 env $FS compute-sanitizer --tool $tool --error-exitcode 9 $S > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
snap
bn() { timeout 90 env VIT_ATTN_SM90_KV_SPLIT=auto .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M L; do bn $v $r 32 577 64 16; for bs in 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64 16; done; bn $v $r 8 4096 128 16; done; snap; done
echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(9) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(9) for x in tags))
PY
cat $W/table.txt; snap
rm -rf .device-run/M .device-run/L
