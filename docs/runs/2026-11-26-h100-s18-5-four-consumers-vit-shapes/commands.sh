# Session 18, call 5 (H100): shapes outside BENCH.md's grid where the landed model (N, 75628c9's kernels) newly picks d=64's four-consumer tile (ViT-B/16's s=197 at b=8/32/64, s=1024 at b=4/16/32, b=4 s=2048), against main (M, 6fbfa8c), two interleaved repetitions, plus three-consumer forced on N for the same shapes; checks of N on them.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w185; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/N/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
timeout 100 $X check --device gpu --backend fa-native --batch 8 --seqlen 197 --heads 16 --head-size 64 --dtype bf16,f16 > $W/check_s197.txt 2>&1; echo "check s197 exit $?: $(grep '^check:' $W/check_s197.txt | tail -1)"
bn() { local tag=$1 bin=$2 b=$3 s=$4; shift 4; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 8,197 32,197 64,197 4,1024 16,1024 32,1024 4,2048; do b=${bs%,*}; s=${bs#*,}
  bn M$r M $b $s; bn N$r N $b $s; bn N3c$r N $b $s VIT_ATTN_SM90_CONSUMERS=3; bn N2c$r N $b $s VIT_ATTN_SM90_CONSUMERS=2
done; snap; done
echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"
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
rm -rf .device-run/M .device-run/N
