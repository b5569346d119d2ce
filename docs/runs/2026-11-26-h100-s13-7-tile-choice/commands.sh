# Session 13, call 7 (H100): L = main as landed (84ded5d's build = main's kernels). Is the tile choice (three or two consumers, sm90_tile_cost's ROW_COST) still right after sessions 11-12's changes? Every d=64 grid shape (fa-native) and d=72 ViT shapes (fa-upstream) with VIT_ATTN_SM90_CONSUMERS=2, =3 and auto, interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w137; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { timeout 60 env VIT_ATTN_SM90_CONSUMERS=$1 .device-run/L/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads 16 --json $W/ab/c$1$2-$6-b$3s$4d$5.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for c in auto 2 3; do
 for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 32,577 8,4096; do bn $c $r ${bs%,*} ${bs#*,} 64 fa-native; done
 for bs in 1,1024 2,2048 32,577 8,1025; do bn $c $r ${bs%,*} ${bs#*,} 72 fa-upstream; done
done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0][:-1]
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(6), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/L
