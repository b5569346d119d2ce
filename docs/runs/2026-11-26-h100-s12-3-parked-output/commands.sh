# Session 12, call 3 (H100): D = S + the output map prefetched too + a tile's output parked in free registers and stored during the next tile's first step (two consumers with an output buffer); S = s12-2's S; L = main. Checks of D (fixed, fa-upstream, uneven varlen, fused GQA; memcheck and racecheck at d 64/128); L/S/D timed interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w123; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
D=.device-run/D/vit-attn; c native $D check --device gpu --backend fa-native; c up $D check --device gpu --backend fa-upstream
c varlen $D check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256
c scale30 $D check --device gpu --backend fa-native --batch 2 --seqlen 1100 --head-size 32,64,96,128 --scale 30
for t in memcheck racecheck; do timeout 120 compute-sanitizer --tool $t --error-exitcode 9 $D check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128,640 --head-size 64,128 --layout fused > $W/san_$t.txt 2>&1; echo "$t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$t.txt)"; done; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in L S D; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0]
    for r in json.load(open(f)): t[(r['shape'],v[0])].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(2), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/L .device-run/S .device-run/D
