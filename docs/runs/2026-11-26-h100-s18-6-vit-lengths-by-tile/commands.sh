# Session 18, call 6 (H100): data for refitting the tile model at d=64 on ViT lengths with a class token (s=257, 577, 1025) and s=197: the landed build (N, 97d15a0's kernels) automatic against forced two, three and four consumers, two interleaved repetitions.
for f in .device-run/pk/N.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w186; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { local tag=$1 b=$2 s=$3; shift 3; timeout 60 env "$@" .device-run/N/vit-attn bench --batch $b --seqlen $s --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}.json > /dev/null 2>>$W/bench.err; }
C=VIT_ATTN_SM90_CONSUMERS
for r in 1 2; do for bs in 16,577 32,577 64,577 8,257 32,257 8,1025 16,1025 1,197 4,197; do b=${bs%,*}; s=${bs#*,}
  bn A$r $b $s; bn C2_$r $b $s $C=2; bn C3_$r $b $s $C=3; bn C4_$r $b $s $C=4
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
rm -rf .device-run/N
