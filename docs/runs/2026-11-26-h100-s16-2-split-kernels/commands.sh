# Session 16, call 2 (H100): M = main (8f57c4f), N = the tail split (auto) in kernels of its own (_ks), the last piece to arrive writing nothing, F = N with VIT_ATTN_SM90_KV_SPLIT=1 (split wherever allowed). Checks of N forced and auto, sanitizers on a forced split, all 17 BENCH.md shapes M/N/F, then M/N again, torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w162; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/N/vit-attn; FS=VIT_ATTN_SM90_KV_SPLIT=1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 100 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_forced $FS $X check --device gpu --backend fa-native
c up_forced $FS $X check --device gpu --backend fa-upstream
c split_b1s2048 $FS $X check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 16 --head-size 32,64,96,128
c split_fused_gqa $FS $X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 12 --kv-heads 4 --layout fused --head-size 64,128
c split_uniform_varlen $FS $X check --device gpu --backend fa-native --seqlens 777,777,777 --heads 8 --kv-heads 2 --head-size 64,128
c split_1025 $FS $X check --device gpu --backend fa-native --batch 3 --seqlen 1025 --heads 5 --head-size 64,128
c split_up $FS $X check --device gpu --backend fa-upstream --batch 1 --seqlen 3000 --heads 9 --head-size 48,80,112
c auto_b2s2048 VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-native --batch 2 --seqlen 2048 --heads 16 --head-size 64
S0=$FS; S="$X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64,128 --dtype bf16"
timeout 120 env $S0 compute-sanitizer --tool memcheck --error-exitcode 9 $S > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep -E 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 120 env $S0 compute-sanitizer --tool racecheck --error-exitcode 9 $S > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep -E 'RACECHECK SUMMARY|ERROR SUMMARY' $W/san_racecheck.txt)"
snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { local v=$1 e=VIT_ATTN_SM90_KV_SPLIT=auto b=$1; [ $v = F ] && { e=$FS; b=N; }; timeout 90 env $e .device-run/$b/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$v$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M N F; do [ $r = 2 ] && [ $v = F ] && continue; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 4 16384 128 16; done; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/M .device-run/N
