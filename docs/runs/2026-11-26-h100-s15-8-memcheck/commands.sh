# Session 15, call 8 (H100): T = main as landed (aced7ed). memcheck of the kernel with idle warpgroups on the subsets s15-2 ran synccheck and racecheck on (fa-native: fused GQA, uneven varlen, d 32/64/128; fa-upstream: pairs whose second blocks lack rows, d 40/72/216).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w158; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/T/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
timeout 200 compute-sanitizer --tool memcheck --error-exitcode 9 $X check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128,577 --head-size 32,64,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep -E 'ERROR SUMMARY' $W/san_memcheck.txt) $(grep '^check:' $W/san_memcheck.txt)"
timeout 200 compute-sanitizer --tool memcheck --error-exitcode 9 $X check --device gpu --backend fa-upstream --heads 4 --kv-heads 2 --seqlens 1,7,300,129,257 --head-size 40,72,216 --layout fused > $W/san_up_memcheck.txt 2>&1; echo "upstream memcheck exit $?: $(grep -E 'ERROR SUMMARY' $W/san_up_memcheck.txt) $(grep '^check:' $W/san_up_memcheck.txt)"
snap; rm -rf .device-run/T
