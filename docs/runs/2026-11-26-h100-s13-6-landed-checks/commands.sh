# Session 13, call 6 (H100): L = the build to land (main's kernels; the new VIT_ATTN_SM90_CONSUMERS override and the shared parser of the two overrides). Checks, select, the override's error and both forced tiles against auto at d=64 b=2 s=2048; F = main in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w136; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
X=.device-run/L/vit-attn; c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
c varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577,1025 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CONSUMERS=3 c forced3 $X check --device gpu --backend fa-upstream --batch 2 --seqlen 700 --head-size 40,64,128
for h in 64 72; do $X select --head-size $h --dtype bf16 > $W/select_$h.txt 2>&1; echo "select $h: $(grep -i -m1 'chosen\|selected\|picks' $W/select_$h.txt)"; done
VIT_ATTN_SM90_CONSUMERS=4 $X check --device gpu --backend fa-native --batch 1 --seqlen 64 --head-size 64 > $W/bad_override.txt 2>&1; echo "bad override exit $?: $(grep -m2 -i 'SM90_CONSUMERS' $W/bad_override.txt)"; snap
bn() { timeout 60 env $ENVS .device-run/$1/vit-attn bench --batch 2 --seqlen 2048 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$2$3.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do ENVS= bn F F $r; ENVS= bn L L $r; ENVS=VIT_ATTN_SM90_CONSUMERS=2 bn L Lc2 $r; ENVS=VIT_ATTN_SM90_CONSUMERS=3 bn L Lc3 $r; done
python3 -c "
import json,glob,collections
t=collections.defaultdict(list)
for f in sorted(glob.glob('$W/ab/*.json')):
    v=f.split('/')[-1][:-6]
    for r in json.load(open(f)): t[(r['shape'],v)].append(round(r['gpu_us'],1))
for k in sorted(t): print(k[1].ljust(4), k[0].ljust(34), ' / '.join(map(str,t[k])))
" > $W/table.txt; snap; cat $W/table.txt
rm -rf .device-run/F .device-run/L
