# Session 12, call 9 (H100): R = main (f2741c7) but three-consumer tiles compute a tile's place again rather than read the published one (d=72's three-consumer kernel back to 24 bytes of spills, main 32); F = main. Checks of R; fa-upstream d=72 and fa-native d=64 (three-consumer shapes), R and F interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w129; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
X=.device-run/R/vit-attn; c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
c varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $7 --device gpu --heads $6 --json $W/ab/$1$2-$7-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in R F; do for bs in 1,1024 2,1024 1,2048 2,2048 32,577 8,1025; do bn $v $r ${bs%,*} ${bs#*,} 72 16 fa-upstream; done; for bs in 2,2048 1,4096 32,577 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64 16 fa-native; done; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0].rstrip('0123456789')
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(2), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/R .device-run/F
