# Session 26, call 2 (H100): main as it stands (1d315ae, H) against torch-cudnn in pairs (scripts/paired_torch.py, 17 shapes, three repetitions, torch-flash once, which side goes first alternating); SM clock and power logged.
mkdir -p .device-run/H && gunzip -c .device-run/pk/H.gz > .device-run/H/vit-attn && chmod +x .device-run/H/vit-attn; X=.device-run/H/vit-attn
W=/tmp/w262; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,serial,pci.bus_id,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 420 python3 .device-run/scripts/paired_torch.py $W/pairs --baseline .device-run --vit-attn $X $A --reps 3 --flash > $W/pairs.txt 2>&1; echo "pairs exit $?"
kill $SMI; snap
python3 .device-run/scripts/paired_torch.py $W/pairs --report | tail -24
rm -rf .device-run/H
