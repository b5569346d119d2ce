# S, built here: main + the s6-8 folder's deferred-release.diff with three differences: two Q buffers at d <= 72 too (sm90_tiles SMALL_D q_stages 2), the issuing thread waits for its store to read the buffer (cp.async.bulk.wait_group.read) in the epilogue, and q_empty counts one arrival per warpgroup (that thread's, after a named barrier) instead of every consumer thread's. racecheck flagged the last (the other threads' reads of the tile index against the producer's next write).
# Session 6, call 6 (H100): P0 = main's kernels; S = two Q buffers where they fit (d <= 128; d=128 with 128-key stages) and each warpgroup's output staged in its rows of the finished tile's Q buffer, stored by TMA (direct stores for rows past a sequence's end).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w35; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }; S=.device-run/S/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; nvidia-smi --query-compute-apps=pid,used_memory --format=csv >> $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native_S $S check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up_S $S check --device gpu --backend fa-upstream
c varlen_S $S check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,128,192 --layout fused --head-size 64,72,88,128
c varlen_native_S $S check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CLUSTER=2 c pairs_S $S check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,256 --layout fused --head-size 72,88; snap
bn() { timeout 30 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --json $W/$7/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 S; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab; done; done; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 S; do bn $v 1 ${bs%,*} ${bs#*,} 72,80 fa-upstream up; done; done; snap
A=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 72 80 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
timeout 100 compute-sanitizer --tool memcheck --error-exitcode 9 $S check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,72,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 100 compute-sanitizer --tool racecheck --error-exitcode 9 $S check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,72,88,128 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
cat $W/ab_table.txt $W/up_table.txt; grep ceiling $W/torch.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -5
