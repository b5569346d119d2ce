# Session 20, call 1 (H100): sequence isolation. P = main's kernels (19e26be) with the new check cases (a sequence of Inf and NaN next to others); F = the fix (consumer 0 zeroes the V rows of a tile's last key block past its sequence's end). Checks of both, F under every forced tile, sanitizers, P/F timings on shapes with partial last blocks and on whole ones.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w201; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; P=.device-run/P/vit-attn; F=.device-run/F/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt), of them inf/nan: $(grep FAIL $W/check_$tag.txt | grep -c inf/nan)"; }
c P_native $P check --device gpu --backend fa-native
c P_upstream $P check --device gpu --backend fa-upstream
T=280 c F_all $F check --device gpu
snap
for n in 2 3 4; do c F_native_c$n VIT_ATTN_SM90_CONSUMERS=$n $F check --device gpu --backend fa-native; c F_up_c$n VIT_ATTN_SM90_CONSUMERS=$n $F check --device gpu --backend fa-upstream; done
c F_native_pair VIT_ATTN_SM90_CLUSTER=2 $F check --device gpu --backend fa-native
c F_up_pair VIT_ATTN_SM90_CLUSTER=2 $F check --device gpu --backend fa-upstream
c F_native_split VIT_ATTN_SM90_KV_SPLIT=1 $F check --device gpu --backend fa-native
c F_native_c4_split VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=1 $F check --device gpu --backend fa-native
snap
c F_s577 $F check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 64 --dtype bf16,f16 --non-finite-seq 5
c F_s1025 $F check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c F_s1025_split VIT_ATTN_SM90_KV_SPLIT=1 $F check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c F_varlen $F check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64,128 --dtype bf16,f16 --non-finite-seq 3
snap
S="$F check --device gpu --backend fa-native --seqlens 130,33,257,64 --heads 3 --head-size 64,128 --dtype bf16 --non-finite-seq 1"
for tool in memcheck racecheck synccheck; do timeout 150 compute-sanitizer --tool $tool --error-exitcode 9 $S > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
timeout 150 env VIT_ATTN_SM90_CONSUMERS=4 compute-sanitizer --tool racecheck --error-exitcode 9 $S > $W/san_racecheck_c4.txt 2>&1; echo "racecheck c4 exit $?: $(grep -E '^check:|SUMMARY' $W/san_racecheck_c4.txt | tr '\n' ' ')"
snap
bn() { local tag=$1 bin=$2 b=$3 s=$4 h=$5 d=$6; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b${b}s${s}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
for r in 1 2; do for v in P F; do for x in 32,577,16,64 64,197,12,64 8,1025,25,128 16,257,16,64 1,1024,16,64 2,2048,16,128 1,4096,16,128; do IFS=, read b s h d <<< "$x"; bn $v$r $v $b $s $h $d; done; done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(34)+"".join(x.rjust(8) for x in tags))
for s in sorted(t): print(s.ljust(34)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
cat $W/table.txt; snap; rm -rf .device-run/P .device-run/F
