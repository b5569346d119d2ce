# Session 15, call 6 (H100): M = main as landed (278343e), S = M with the heads split between a launch of three-consumer tiles that fills its rounds and one of two-consumer tiles (split_heads: d=64 b=1 s=4096, b=2 s=4096, b=2 s=2048 at h=16 run 12 heads + 4). Checks of S (fa-native, fa-upstream, split shapes fixed and varlen with GQA, memcheck on a split), all 17 BENCH.md shapes M and S interleaved, two repetitions, torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w156; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/S/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 150 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
c split_varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 4 --seqlens 2048,1500 --layout fused --head-size 32,64
c split_fixed $X check --device gpu --backend fa-native --batch 1 --seqlen 4096 --heads 16 --head-size 32,64
c split_up $X check --device gpu --backend fa-upstream --batch 2 --seqlen 2048 --heads 16 --kv-heads 2 --head-size 48,64
timeout 200 compute-sanitizer --tool memcheck --error-exitcode 9 $X check --device gpu --backend fa-native --heads 16 --kv-heads 4 --seqlens 2048,1500 --layout fused --head-size 64 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep -E 'ERROR SUMMARY' $W/san_memcheck.txt)"
snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M S; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 4 16384 128 16; done; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-230 $W/ab_table.txt
rm -rf .device-run/M .device-run/S
