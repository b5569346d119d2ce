# Session 15, call 5 (H100): M = main as landed (278343e), P = M with pair kernels (two-block clusters sharing each K/V stage by TMA multicast) at every head size, run forced (VIT_ATTN_SM90_CLUSTER=2, P2) and by the automatic choice (Pa). Check of P forced into pairs; the long and large grids of BENCH.md at d=64/128, interleaved, two repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w155; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/P/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
VIT_ATTN_SM90_CLUSTER=2 c pairs_native $X check --device gpu --backend fa-native
VIT_ATTN_SM90_CLUSTER=2 c pairs_varlen $X check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128,577 --head-size 32,64,128 --layout fused
snap
bn() { timeout 120 env $3 .device-run/$1/vit-attn bench --batch $4 --seqlen $5 --head-size $6 --dtype bf16 --backend fa-native --device gpu --heads $7 --json $W/ab/$2-b$4s$5h$7d${6//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M:M$r: P:P2$r:VIT_ATTN_SM90_CLUSTER=2 P:Pa$r:; do IFS=: read b tag envs <<< "$v"; for bs in 1,4096 2,4096 8,4096; do bn $b $tag "$envs" ${bs%,*} ${bs#*,} 64,128 16; done; bn $b $tag "$envs" 2 2048 64,128 16; bn $b $tag "$envs" 32 577 64 16; bn $b $tag "$envs" 8 1025 128 25; bn $b $tag "$envs" 4 16384 128 16; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(dict); vs=[]
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0]
    vs.append(v) if v not in vs else None
    for r in json.load(open(f)):
        if r.get('gpu_us') is not None: t[r['shape']][v]=r['gpu_us']
print('shape'.ljust(30)+''.join(v.rjust(10) for v in vs))
for s in t: print(s.ljust(30)+''.join(('%10.1f'%t[s][v]) if v in t[s] else '         -' for v in vs))
" > $W/table.txt; snap; grep -c "failed the sampled" $W/bench.err; cat $W/table.txt
rm -rf .device-run/M .device-run/P
