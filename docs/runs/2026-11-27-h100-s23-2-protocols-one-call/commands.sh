# Session 23, call 2 (H100): the two protocols in one call on one card, main as landed (0c02e65): (U) as s22-4, a torch pass over the 17 shapes (flash and cudnn, ceiling first), then vit-attn over the 17; (P) scripts/paired_torch.py, two repetitions of pairs. Which moved s23-1's geometric mean (1.131 paired against 1.144-1.166 unpaired in s19-s22): the protocol or the card?
mkdir -p .device-run/N && gunzip -c .device-run/pk/N.gz > .device-run/N/vit-attn && chmod +x .device-run/N/vit-attn
W=/tmp/w232; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
date +%T > $W/marks.txt
timeout 200 python3 .device-run/scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; date +%T >> $W/marks.txt
bn() { timeout 90 .device-run/N/vit-attn bench --batch $2 --seqlen $3 --head-size $4 --dtype bf16 --backend fa-native --device gpu --heads $5 --json $W/ab/$1-b$2s$3h$5d${4//,/_}.json > /dev/null 2>>$W/bench.err; }
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn U ${bs%,*} ${bs#*,} 64,128 16; done; bn U 32 577 64 16; bn U 8 1025 128 25; bn U 4 16384 128 16
date +%T >> $W/marks.txt; snap
timeout 330 python3 .device-run/scripts/paired_torch.py $W/pairs --baseline .device-run --vit-attn .device-run/N/vit-attn $A --reps 2 > $W/pairs.txt 2>&1; echo "pairs exit $?"; date +%T >> $W/marks.txt
kill $SMI; python3 .device-run/scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt 2>&1; snap
echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"
tail -6 $W/ab_table.txt | cut -c1-200
python3 .device-run/scripts/paired_torch.py $W/pairs --report | tail -22
rm -rf .device-run/N
