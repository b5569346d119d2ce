# Session 7, call 10 (H100): B = main (7dd1a21); D = B with the mma.sync kernels' output store written as the Hopper kernel's pack-then-store (one copy of that code; Hopper kernels' SASS unchanged). Checks of the mma.sync path and a timing of it against B.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w710-$$; mkdir -p $W/sm80; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/D/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
VIT_ATTN_FA_NATIVE_PATH=sm80 c native_sm80 $F check --device gpu --backend fa-native
c up $F check --device gpu --backend fa-upstream
c native $F check --device gpu --backend fa-native
VIT_ATTN_FA_NATIVE_PATH=sm80 c varlen_sm80 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 129,1,257,1025,300,7 --layout fused --head-size 32,64,128,256
for r in 1 2; do for s in 1024 4096; do for v in B D; do VIT_ATTN_FA_NATIVE_PATH=sm80 timeout 60 .device-run/$v/vit-attn bench --batch 2 --seqlen $s --head-size 64,128 --dtype bf16 --backend fa-native --device gpu --json $W/sm80/$v$r-b2s$s.json > /dev/null 2>&1; done; done; done
python3 -c "
import json,glob
for f in sorted(glob.glob('$W/sm80/*.json')):
    j=json.load(open(f)); j=j if isinstance(j,list) else j.get('results',[j])
    for r in j:
        if isinstance(r,dict) and 'gpu_us' in r: print(f.split('/')[-1], r.get('shape'), round(r['gpu_us'],1))
" | tee $W/sm80_times.txt; snap
