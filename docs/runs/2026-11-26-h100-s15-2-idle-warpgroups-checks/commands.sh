# Session 15, call 2 (H100): checks of F = E with the idle warpgroup waiting for each stage to land before releasing it (E hung in fa-upstream's check at d=216, a pair whose second block had no rows: its releases ran ahead into the stages' previous rounds). fa-native, fa-upstream (whole), uneven varlen, pairs with idle second blocks, forced 3 and 2 consumers; synccheck and racecheck on both crates' subsets.
for f in .device-run/pk/F.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w152; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/F/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 200 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $X check --device gpu --backend fa-native; snap; c up $X check --device gpu --backend fa-upstream; snap
c varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577,1025,257,129,385 --layout fused --head-size 32,64,96,128,160,256
c pairs $X check --device gpu --backend fa-upstream --heads 4 --kv-heads 2 --seqlens 1,7,300,129,257,577,65 --layout fused --head-size 40,56,72,88,104,200,216,248
VIT_ATTN_SM90_CONSUMERS=3 c forced3 $X check --device gpu --backend fa-upstream --heads 4 --seqlens 700,577,257,65,193,1,385 --head-size 40,64,72
VIT_ATTN_SM90_CONSUMERS=2 c forced2 $X check --device gpu --backend fa-native --heads 4 --seqlens 1025,130,65,1,200 --head-size 32,64,128
snap
for t in synccheck racecheck; do timeout 100 compute-sanitizer --tool $t --error-exitcode 9 $X check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128,577 --head-size 32,64,128 --layout fused > $W/san_$t.txt 2>&1; echo "$t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$t.txt)"; done
for t in synccheck racecheck; do timeout 100 compute-sanitizer --tool $t --error-exitcode 9 $X check --device gpu --backend fa-upstream --heads 4 --kv-heads 2 --seqlens 1,7,300,129,257 --head-size 40,72,216 --layout fused > $W/san_up_$t.txt 2>&1; echo "upstream $t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_up_$t.txt)"; done
snap; grep -h -c " ok$" $W/check_*.txt | tr '\n' ' '; echo; grep -h -v " ok$" $W/check_*.txt | grep "^gpu " | grep -v skipped | head
rm -rf .device-run/F
