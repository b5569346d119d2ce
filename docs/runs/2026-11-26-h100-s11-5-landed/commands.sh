# Session 11, call 5 (H100): L = main as landed (25a9ca5). fa-native and fa-upstream checks, select 64/72, HGMMA in the sm_90a SASS where cuobjdump exists; all 17 BENCH.md shapes with the graph-mode-count bench, two repetitions, torch-flash/cudnn and both matmul ceilings in the same call; the SM clock logged.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w115; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/L/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,power.limit --format=csv,noheader | tee $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_event_reasons.active --format=csv -lms 200 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $F check --device gpu --backend fa-upstream
c varlen_native $F check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577 --layout fused --head-size 32,64,96,128,160,256
$F select --head-size 64 --dtype bf16 > $W/select64.txt 2>&1; $F select --head-size 72 --dtype bf16 > $W/select72.txt 2>&1; head -4 $W/select64.txt $W/select72.txt | cut -c1-160; snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn L $r ${bs%,*} ${bs#*,} 64,128 16; done; bn L $r 32 577 64 16; bn L $r 8 1025 128 25; bn L $r 4 16384 128 16; snap; done
kill $SMI; python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/L
