# Session 11, call 2 (H100): the bench's timing protocol. N = main with vit-attn bench timing as the torch baseline's graph mode does (3 + 20 trials of 20 calls, median); L = main as landed (5 trials of ~20 ms). Same kernels. 17 BENCH.md shapes: torch first, then N, L, N; the matmul ceiling as a burst, in the baseline's graph-mode counts, and after a 5 s hold; SM clock and power logged every 100 ms.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w112; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,power.limit --format=csv,noheader | tee $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_event_reasons.active --format=csv -lms 100 > $W/smi.csv 2>&1 & SMI=$!
mark() { echo "$(date +%H:%M:%S.%N | cut -c1-12) $1" >> $W/marks.txt; }
mark ceiling1; python3 .device-run/ceiling.py .device-run > $W/ceiling1.txt 2>&1; cat $W/ceiling1.txt
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
mark torch; timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { mark "$1$2 b$3 s$4 d$5"; timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
rep() { for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $1 $2 ${bs%,*} ${bs#*,} 64,128 16; done; bn $1 $2 32 577 64 16; bn $1 $2 8 1025 128 25; bn $1 $2 4 16384 128 16; snap; }
rep N 1; rep L 1; rep N 2
mark ceiling2; python3 .device-run/ceiling.py .device-run > $W/ceiling2.txt 2>&1; cat $W/ceiling2.txt; mark end
kill $SMI; python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-150 $W/ab_table.txt
rm -rf .device-run/L .device-run/N
