# Session 13, call 5 (H100): F = main (b3c412d's kernels); M1 = s13-1's A1 (S a block ahead on two-consumer tiles up to d=64) with the turn passed halfway through each running-max softmax (A1: right after the issue, the two softmaxes ran together; B1: after the softmax, they ran one after the other). Checks of M1 forced to two consumers; F/M1 timed interleaved, two repetitions; two three-consumer shapes with M1 forced to two consumers.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w135; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
X=.device-run/M1/vit-attn
VIT_ATTN_SM90_CONSUMERS=2 c native2 $X check --device gpu --backend fa-native
VIT_ATTN_SM90_CONSUMERS=2 c tails2 $X check --device gpu --backend fa-upstream --heads 16 --kv-heads 2 --seqlens 129,1,257,1025,17,144,145,64,300,2000 --layout fused --head-size 32,40,48,56,64
VIT_ATTN_SM90_CONSUMERS=2 c scale30 $X check --device gpu --backend fa-upstream --batch 2 --seqlen 1100 --head-size 32,40,64 --scale 30; snap
bn() { local v=$1 tag=$2; shift 2; timeout 60 env $ENVS .device-run/$v/vit-attn bench --batch $2 --seqlen $3 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag$1-b$2s$3.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do
 for v in F M1; do for bs in 1,1024 2,1024 1,2048; do ENVS= bn $v $v $r ${bs%,*} ${bs#*,}; done; done
 for bs in 2,2048 8,4096; do ENVS= bn F F $r ${bs%,*} ${bs#*,}; ENVS=VIT_ATTN_SM90_CONSUMERS=2 bn M1 M1c2 $r ${bs%,*} ${bs#*,}; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0][:-1]
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(4), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/F .device-run/M1
