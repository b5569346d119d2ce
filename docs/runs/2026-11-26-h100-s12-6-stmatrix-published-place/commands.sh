# Session 12, call 6 (H100): B = main (1661a9d, s12-5's F); M = B + the output staged with stmatrix (four 8x8 matrices a store, a quarter of the store instructions; d=120/128 spill 4 bytes, B 56-80); CM = M + the producer publishing each tile's place beside its index (the consumers no longer divide at a tile's start). Checks of M and CM (fa-upstream's odd column-tile counts, d=40/56, take stmatrix.x2), memcheck/racecheck of M; B/M/CM timed interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w126; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in M CM; do X=.device-run/$v/vit-attn; c native_$v $X check --device gpu --backend fa-native; c up_$v $X check --device gpu --backend fa-upstream
c varlen_$v $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256; done
c up40_CM .device-run/CM/vit-attn check --device gpu --backend fa-upstream --batch 2 --seqlen 1100 --head-size 40,56,72,120 --layout fused
for t in memcheck racecheck; do timeout 120 compute-sanitizer --tool $t --error-exitcode 9 .device-run/CM/vit-attn check --device gpu --backend fa-upstream --batch 2 --seqlen 640 --head-size 40,64,128 > $W/san_$t.txt 2>&1; echo "$t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$t.txt)"; done; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in B M CM; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 8 4096 128 16; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0].rstrip('0123456789')
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(3), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/B .device-run/M .device-run/CM
