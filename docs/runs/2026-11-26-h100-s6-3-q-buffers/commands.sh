# Built here from main + q-buffers.diff with sm90_tiles set per binary: Q = that diff as it is; N = every tile one Q buffer, d 97..128 (2, 128, 2, 1); Q3 = Q with 3 K/V stages at d <= 72.
# Session 6, call 3 (H100; call 2 ran on a card that slowed mid-run, torch-cudnn 3x its own figures): the same binaries: P0 = main's kernels; Q = two Q buffers (next tile's Q and first K/V stages load during the current tile) everywhere they fit, d=128 with 128-key stages; N = main with 128-key stages at d=128 (one Q buffer); Q3 = Q with 3 K/V stages at d <= 72.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w32; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }; Q=.device-run/Q/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; nvidia-smi --query-compute-apps=pid,used_memory --format=csv >> $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,utilization.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native_Q $Q check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c native_N .device-run/N/vit-attn check --device gpu --backend fa-native
c native_Q3 .device-run/Q3/vit-attn check --device gpu --backend fa-native; snap
bn() { timeout 30 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --json $W/$7/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 Q N Q3; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab; done; done; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 Q; do bn $v 1 ${bs%,*} ${bs#*,} 72,80 fa-upstream up; done; done; snap
S=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 72 80 128; do S="$S ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $S --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap
kill $SMI; snap; cat $W/ab_table.txt $W/up_table.txt; grep ceiling $W/torch.txt; awk -F, 'NR>1{print $2,$6}' $W/smi.csv | sort | uniq -c | sort -rn | head -8
