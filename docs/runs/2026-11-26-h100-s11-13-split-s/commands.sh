# Session 11, call 13 (H100): X = main (c7b0f4e) with each step's S issued as two 64-key halves (two wgmma groups) on two-consumer tiles up to d=64, so the softmax starts on the first half while the second is computed (the second half negated/masked once it arrives); F = main. Checks of X incl. partial last blocks on either side of the half, negative scale, GQA/fused, fa-upstream's d=40..56 (pairs too); memcheck/racecheck; d=64 shapes (2 and 3 consumers), three interleaved repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w1113; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/X/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
for sc in 30 -3 8 0.125; do c scale$sc $X check --device gpu --heads 4 --kv-heads 2 --seqlens 1,65,130,200,257,577,700,1500,2000 --head-size 32,40,48,56,64 --dtype bf16,f16 --scale $sc --layout fused; done
VIT_ATTN_SM90_CLUSTER=2 c pairs $X check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,577 --layout fused --head-size 40,56
timeout 60 compute-sanitizer --tool memcheck --error-exitcode 9 $X check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 1,65,130,700,257,1500 --head-size 32,64 --layout fused --scale -3 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 60 compute-sanitizer --tool racecheck --error-exitcode 9 $X check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 1,65,130,700,257,1500 --head-size 32,64 --layout fused --scale -3 > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64 --dtype bf16 --backend fa-native --device gpu --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,2048 32,577; do for v in F X; do bn $v $r ${bs%,*} ${bs#*,}; done; done; snap; done
python3 scripts/tile_table.py $W/ab > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/F .device-run/X
