# Session 12, call 2 (H100): S = main + the producer's first tile placed and the tensor maps prefetched before its griddepcontrol.wait (each warpgroup waits on its own), L = main. DL2/DS2 = L/S + a finer steady-state start log (producer start path, the tile-boundary store in steps). Checks of S (fixed, fa-upstream, uneven varlen, fused GQA); logs on six small shapes; L/S timed interleaved, three repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w122; mkdir -p $W/ab $W/log; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
S=.device-run/S/vit-attn; c native $S check --device gpu --backend fa-native; c up $S check --device gpu --backend fa-upstream
c varlen $S check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256; snap
for x in 128,1,1024 128,2,1024 128,1,2048 64,1,1024 64,2,1024 64,1,2048; do IFS=, read d b s <<< "$x"; for v in DL2 DS2; do
VIT_ATTN_START_LOG=$W/log/$v-d${d}b${b}s$s.txt timeout 60 .device-run/$v/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/ab/$v-d${d}b${b}s$s.json > /dev/null 2>>$W/bench.err; done; done; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for v in L S; do for bs in 1,1024 2,1024 1,2048; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 2 2048 64,128 16; done; snap; done
for f in $W/log/*.txt; do echo "== $(basename $f)"; python3 .device-run/start_log.py $f; done > $W/startlog.txt 2>&1; snap
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0]
    for r in json.load(open(f)): t[(r['shape'],v.rstrip('0123456789') if v[0] in 'LS' else v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(4), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; awk '/^==/{print} /^block 0/{print; getline l; print l}' $W/startlog.txt | cut -c1-1100; cat $W/table.txt
rm -rf .device-run/L .device-run/S .device-run/DL2 .device-run/DS2 .device-run/P
