# Session 20, call 2 (H100): the cost of the fix. P (main's kernels) and F (consumer 0 zeroes the V rows past a sequence's end), three repetitions in alternating order, on shapes whose sequences end inside a key block (fixed and varlen) and two whose do not.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w202; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { local tag=$1 bin=$2 be=$3 shape=$4 h=$5 d=$6; local sh; IFS=, read b s <<< "$shape"; if [ -z "$s" ]; then sh="--seqlens ${shape//:/,}"; else sh="--batch $b --seqlen $s"; fi; timeout 60 .device-run/$bin/vit-attn bench $sh --head-size $d --dtype bf16 --backend $be --device gpu --heads $h --json $W/ab/$tag-${shape//[,:]/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in fa-native/16,257/16/64 fa-native/64,197/12/64 fa-native/32,577/16/64 fa-native/8,1025/25/128 fa-upstream/32,729/16/72 fa-native/1025:513:257:769:1025:385:641:129/16/128 fa-native/577:577:257:197:1025:577:65:577/16/64 fa-native/1,1024/16/64 fa-native/2,2048/16/128; do IFS=/ read be shape h d <<< "$x"; bn $v$r $v $be $shape $h $d; done; }
for r in 1 2 3; do if [ $((r % 2)) = 1 ]; then one P $r; one F $r; else one F $r; one P $r; fi; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(40)+"".join(x.rjust(8) for x in tags)+"   F/P medians")
import statistics as st
for s in sorted(t):
    p=[t[s][x] for x in t[s] if x[0]=="P"]; f=[t[s][x] for x in t[s] if x[0]=="F"]
    print(s[:40].ljust(40)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags)+"   %.3f"%(st.median(f)/st.median(p)))
PY
cat $W/table.txt; snap; rm -rf .device-run/P .device-run/F
