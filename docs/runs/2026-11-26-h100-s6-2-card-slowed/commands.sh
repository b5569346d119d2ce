# Session 6, call 2 (H100): P0 = main's kernels; Q = two Q buffers (next tile's Q and first K/V stages load during the current tile) everywhere they fit, d=128 with 128-key stages; N = main with 128-key stages at d=128 (one Q buffer); Q3 = Q with 3 K/V stages at d <= 72.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w31; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }; Q=.device-run/Q/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native_Q $Q check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up_Q $Q check --device gpu --backend fa-upstream
c varlen_Q $Q check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 64,72,88,128
VIT_ATTN_SM90_CLUSTER=2 c pairs_Q $Q check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 72,88
c native_N .device-run/N/vit-attn check --device gpu --backend fa-native --head-size 128
c native_Q3 .device-run/Q3/vit-attn check --device gpu --backend fa-native --head-size 64; snap
bn() { timeout 30 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --json $W/$7/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 Q N Q3; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab; done; done; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 Q; do bn $v 1 ${bs%,*} ${bs#*,} 72,80 fa-upstream up; done; done; snap
S=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 72 80 128; do S="$S ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $S --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap
timeout 90 compute-sanitizer --tool memcheck --error-exitcode 9 $Q check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 90 compute-sanitizer --tool racecheck --error-exitcode 9 $Q check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,88 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
cat $W/ab_table.txt $W/up_table.txt; grep ceiling $W/torch.txt
