# Session 13, call 1 (H100): F = main (b3c412d's kernels, s12-7's F); A1 = F + S issued a block ahead on two-consumer tiles up to d=64 (S j+1 computes during softmax j, two S register sets in place of the fp32 P; every step ends with S j+1 waited); A2 = A1 but S j+1 stays in flight into the next step (waited there). Checks of A1/A2 with VIT_ATTN_SM90_CONSUMERS=2 (every d<=64 shape on the changed tile), narrow tails, redo (scale 30), pairs; sanitizers on A2; F/A1/A2 timed interleaved, two repetitions; the three-consumer shapes also with A1/A2 forced to two consumers.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w131; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in A1 A2; do X=.device-run/$v/vit-attn
VIT_ATTN_SM90_CONSUMERS=2 c native2_$v $X check --device gpu --backend fa-native
c up_$v $X check --device gpu --backend fa-upstream
VIT_ATTN_SM90_CONSUMERS=2 c tails2_$v $X check --device gpu --backend fa-upstream --heads 16 --kv-heads 2 --seqlens 129,1,257,1025,17,144,145,64,300,2000 --layout fused --head-size 32,40,48,56,64
VIT_ATTN_SM90_CONSUMERS=2 c scale30_$v $X check --device gpu --backend fa-upstream --batch 2 --seqlen 1100 --head-size 32,40,64 --scale 30
VIT_ATTN_SM90_CONSUMERS=2 c scaleneg_$v $X check --device gpu --backend fa-upstream --seqlens 700,129,1 --head-size 48,64 --scale -3 --dtype bf16,f16
VIT_ATTN_SM90_CONSUMERS=2 VIT_ATTN_SM90_CLUSTER=2 c pairs2_$v $X check --device gpu --backend fa-upstream --seqlens 1000,129,300,1 --heads 8 --kv-heads 4 --head-size 40,56 --layout fused
done; snap
for t in memcheck racecheck; do VIT_ATTN_SM90_CONSUMERS=2 timeout 150 compute-sanitizer --tool $t --error-exitcode 9 .device-run/A2/vit-attn check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 129,1,257,64,300 --head-size 40,64 --layout fused > $W/san_$t.txt 2>&1; echo "$t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$t.txt)"; done; snap
bn() { local v=$1 tag=$2; shift 2; timeout 60 env $ENVS .device-run/$v/vit-attn bench --batch $2 --seqlen $3 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$tag$1-b$2s$3.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do
 for v in F A1 A2; do for bs in 1,1024 2,1024 1,2048; do ENVS= bn $v $v $r ${bs%,*} ${bs#*,}; done; done
 for bs in 2,2048 1,4096 32,577 2,4096 8,4096; do ENVS= bn F F $r ${bs%,*} ${bs#*,}; for v in A1 A2; do ENVS=VIT_ATTN_SM90_CONSUMERS=2 bn $v ${v}c2 $r ${bs%,*} ${bs#*,}; done; done; snap; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1].split('-')[0][:-1]
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(4), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/A1 .device-run/A2 .device-run/F
