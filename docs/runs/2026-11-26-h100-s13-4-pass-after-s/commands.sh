# Session 13, call 4 (H100): F = main (b3c412d's kernels); P = F with each consumer passing the turn after issuing its S, before its P·V (F: after both), so that the next consumer's S is queued ahead of this one's P·V and its softmax starts up to one P·V earlier. Checks of P; F/P timed interleaved, two repetitions, every grid shape at d=64 and 128 but b=4 s=16384.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w134; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
X=.device-run/P/vit-attn; c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
c varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577,1025 --layout fused --head-size 32,64,96,128,160,256; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in F P; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 8 4096 64,128 16; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0][:-1]
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(2), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/F .device-run/P
