# Session 19, call 3 (H100): what a sequence's last, partly empty tile costs (the premise of warpgroups with no rows helping those with rows): the refitted build (N) at lengths just under, at and past a tile's rows, d=64 on four consumers (256 rows; forced) and d=128 (two consumers, 128 rows), two repetitions.
for f in .device-run/pk/N.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w193; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { local tag=$1 b=$2 s=$3 h=$4 d=$5; shift 5; timeout 60 env "$@" .device-run/N/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b${b}s${s}h${h}d$d.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do
  for s in 512 513 528 529 576 577 640 704 768; do bn C4_$r 32 $s 16 64 VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=0; done
  for s in 1024 1025 1040 1041 1088 1152; do bn C2_$r 8 $s 25 128 VIT_ATTN_SM90_KV_SPLIT=0; done
  snap
done
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(8) for x in tags))
key=lambda s:(int(s.split('d=')[1]),int(s.split(' s=')[1].split()[0]))
for s in sorted(t,key=key): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap; rm -rf .device-run/N
