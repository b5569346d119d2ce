# Session 17, call 1 (H100): where the tail split's ~10 us on small grids goes. M = main (0e885e9); P = M + the combine kernel triggering its dependents at its start + env VIT_ATTN_PROBE_SKIP_COMBINE (the combine not launched: wrong output, timing only). Small grids, whole against forced split, two and three consumers; an nsys trace of forced b=1 s=1024 if nsys is there.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w171; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
echo "nsys: $(which nsys) ncu: $(which ncu)"; ls /usr/local/cuda*/bin 2>/dev/null | grep -i nsys; ls /opt/nvidia 2>/dev/null
# tag binary env...
bn() { local tag=$1 bin=$2 b=$3 s=$4 d=$5; shift 5; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}d${d//,/_}.json > /dev/null 2>>$W/bench_$tag.err; }
K=VIT_ATTN_SM90_KV_SPLIT; C=VIT_ATTN_SM90_CONSUMERS; SK=VIT_ATTN_PROBE_SKIP_COMBINE=1
for r in 1 2; do
 for bs in 1,1024 2,1024 1,2048 2,2048; do b=${bs%,*}; s=${bs#*,}
  bn W$r M $b $s 64,128 $K=0
  bn F$r M $b $s 64,128 $K=1
  bn T$r P $b $s 64,128 $K=1
  bn S$r P $b $s 64,128 $K=1 $SK
  bn W3c$r M $b $s 64 $K=0 $C=3
  bn F3c$r M $b $s 64 $K=1 $C=3
  bn S3c$r P $b $s 64 $K=1 $C=3 $SK
 done; snap
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
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap
if which nsys > /dev/null; then
 for v in F S; do e="$K=1"; bin=M; [ $v = S ] && { bin=P; e="$K=1 $SK"; }
  timeout 120 env $e nsys profile -t cuda -o $W/nsys_$v --force-overwrite true .device-run/$bin/vit-attn bench --batch 1 --seqlen 1024 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 > $W/nsys_$v.log 2>&1
  timeout 60 nsys stats --report cuda_gpu_trace --format csv -o $W/trace_$v $W/nsys_$v.nsys-rep >> $W/nsys_$v.log 2>&1; echo "nsys $v exit $?"; rm -f $W/nsys_$v.nsys-rep $W/nsys_$v.sqlite
 done; snap
fi
rm -rf .device-run/M .device-run/P
