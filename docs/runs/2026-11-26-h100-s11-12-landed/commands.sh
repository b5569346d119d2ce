# Session 11, call 12 (H100): F = main as landed (c7b0f4e: the FMA-pipe exp2 on two-consumer tiles up to d=64). fa-native/fa-upstream checks, memcheck and racecheck of the changed two-consumer d=64 kernel at scale 30; all 17 BENCH.md shapes, two repetitions, torch-flash/cudnn and both matmul ceilings in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w1112; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/F/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $F check --device gpu --backend fa-native; c up $F check --device gpu --backend fa-upstream
timeout 80 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 32,64 --layout fused --scale 30 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 80 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 32,64 --layout fused --scale 30 > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn F $r ${bs%,*} ${bs#*,} 64,128 16; done; bn F $r 32 577 64 16; bn F $r 8 1025 128 25; bn F $r 4 16384 128 16; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/F
