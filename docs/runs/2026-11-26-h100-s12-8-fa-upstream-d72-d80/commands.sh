# Session 12, call 8 (H100): fa-upstream's Hopper kernels at SigLIP's and Qwen2-VL's head sizes (d=72: three consumers up to two rounds, spilling 32 bytes since the published tile place, 24 before; d=80: two consumers, the output staged by stmatrix): F = main as landed (f2741c7), B = the s12-5 build (1661a9d), interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w128; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-upstream --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in F B; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 32,577 8,1025; do bn $v $r ${bs%,*} ${bs#*,} 72,80 16; done; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0].rstrip('0123456789')
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(2), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/B .device-run/F
