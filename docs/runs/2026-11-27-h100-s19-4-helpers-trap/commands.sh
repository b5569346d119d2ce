# Session 19, call 4 (H100): warpgroups without rows helping (H, helpers.diff: in d=64's four-consumer tile, a tile whose rows fill at most two warpgroups has each of them helped by one without rows, taking every other key block; partial outputs merged through shared memory) against main (N): checks, sanitizers on helped tiles, timings of helped and of whole-tile shapes.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w194; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/H/vit-attn; C4="VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=0"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_auto $X check --device gpu --backend fa-native
c native_c4 $C4 $X check --device gpu --backend fa-native
c s577 $X check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 64 --dtype bf16,f16
c varlen_c4 $C4 $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64 --dtype bf16,f16
c b2s513_c4 $C4 $X check --device gpu --backend fa-native --batch 2 --seqlen 513 --heads 3 --head-size 64 --dtype bf16,f16
S="$X check --device gpu --backend fa-native --batch 2 --seqlen 577 --heads 3 --head-size 64 --dtype bf16,f16"
for tool in memcheck racecheck synccheck; do timeout 150 env $C4 compute-sanitizer --tool $tool --error-exitcode 9 $S > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
snap
bn() { local tag=$1 bin=$2 b=$3 s=$4; shift 4; timeout 60 env "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag-b${b}s${s}.json > /dev/null 2>>$W/bench_$tag.err; }
for r in 1 2; do
  for bs in 32,577 16,577 64,577 1,2048 2,1024 2,2048 1,4096; do bn N$r N ${bs%,*} ${bs#*,}; bn H$r H ${bs%,*} ${bs#*,}; done
  for s in 513 576 640 704; do bn N4$r N 32 $s $C4; bn H4$r H 32 $s $C4; done
  snap
done
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
cat $W/table.txt; snap; rm -rf .device-run/N .device-run/H
