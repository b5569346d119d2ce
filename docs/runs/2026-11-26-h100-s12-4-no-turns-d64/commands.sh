# Session 12, call 4 (H100): S2 = main + the producer's first tile placed and all four tensor maps prefetched before its griddepcontrol.wait (s12-2's S plus the output map); T = S2 without the consumers' turns up to d=64; L = main. Checks of T and S2; L/S2/T timed interleaved, two repetitions (T at d=64 only).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w124; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in T S2; do X=.device-run/$v/vit-attn; c native_$v $X check --device gpu --backend fa-native; c up_$v $X check --device gpu --backend fa-upstream
c varlen_$v $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256; done
c scale30_T .device-run/T/vit-attn check --device gpu --backend fa-native --batch 2 --seqlen 2100 --head-size 32,64 --scale 30; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in L S2 T; do hs=64,128; [ $v = T ] && hs=64; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096; do bn $v $r ${bs%,*} ${bs#*,} $hs 16; done; bn $v $r 32 577 64 16; bn $v $r 8 4096 64 16; [ $v = T ] || bn $v $r 8 1025 128 25; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0].rstrip('0123456789') if not f.split('/')[-1].startswith('S2') else 'S2'
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(3), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/L .device-run/S2 .device-run/T
