# Session 11, call 8 (H100): what a small grid spends outside its tiles. G = main (25a9ca5) + a launch log (launch.diff): blocks 0 and 1's %globaltimer at entry, after griddepcontrol.wait and when the first consumer warpgroup is done, and the SM cycles between, for the last launches before the 300th (the bench's back-to-back trials). G without the log and L = main timed beside it.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w118; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
for x in 128,2,1024 128,1,2048 128,1,4096 64,1,1024 64,2,1024 64,1,2048; do IFS=, read d b s <<< "$x"
VIT_ATTN_LAUNCH_LOG=$W/log_d${d}_b${b}s$s.txt timeout 60 .device-run/G/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/ab/Glog-d${d}b${b}s$s.json > /dev/null 2>>$W/bench.err; echo "log d$d b$b s$s exit $? lines $(grep -c ^LL $W/log_d${d}_b${b}s$s.txt)"
for v in G L; do timeout 60 .device-run/$v/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/ab/$v-d${d}b${b}s$s.json > /dev/null 2>>$W/bench.err; done; done; snap
python3 -c "
import json,glob
for f in sorted(glob.glob('$W/ab/*.json')):
    for r in json.load(open(f)): print(f.split('/')[-1], r['shape'], round(r['gpu_us'],1))
"
rm -rf .device-run/L .device-run/G
