# Session 23, call 3 (H100): s23-1 again on whatever card this call gets (its UUID logged), main as landed against torch-cudnn in pairs (scripts/paired_torch.py): each of the 17 BENCH.md d=64/128 shapes timed by torch-cudnn and vit-attn back to back, which goes first alternating, three repetitions (shapes reversed in the second), torch-flash once; SM clock and power logged.
mkdir -p .device-run/N && gunzip -c .device-run/pk/N.gz > .device-run/N/vit-attn && chmod +x .device-run/N/vit-attn
W=/tmp/w233; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,serial,pci.bus_id,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 500 python3 .device-run/scripts/paired_torch.py $W/pairs --baseline .device-run --vit-attn .device-run/N/vit-attn $A --reps 3 --flash > $W/pairs.txt 2>&1; echo "pairs exit $?"
kill $SMI; snap
python3 .device-run/scripts/paired_torch.py $W/pairs --report | tail -24
rm -rf .device-run/N
