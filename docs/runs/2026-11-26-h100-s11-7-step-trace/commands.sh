# Session 11, call 7 (H100): where the time goes inside a launch. T = main (25a9ca5) + clock64 stamps of blocks 0 and 1 (trace.diff: producer before/after each K-stage wait and after each V issue; each consumer step at its turn, S ready, softmax done, P·V done; tile start and output stored), written after each eager launch to VIT_ATTN_TRACE_FILE (the last launch's kept). d=128 and d=64 shapes; T without the file and L = main timed beside it for the stamps' cost.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w117; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
for x in 128,1,4096 128,2,1024 128,1,2048 64,1,2048 64,2,1024 64,1,4096 64,8,4096; do IFS=, read d b s <<< "$x"
VIT_ATTN_TRACE_FILE=$W/trace_d${d}_b${b}s$s.txt timeout 60 .device-run/T/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu > /dev/null 2>>$W/bench.err; echo "trace d$d b$b s$s exit $? lines $(grep -c ^TR $W/trace_d${d}_b${b}s$s.txt)"
for v in T L; do timeout 60 .device-run/$v/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/ab/$v-d${d}b${b}s$s.json > /dev/null 2>>$W/bench.err; done; done; snap
python3 -c "
import json,glob
for f in sorted(glob.glob('$W/ab/*.json')):
    for r in json.load(open(f)): print(f.split('/')[-1], r['shape'], round(r['gpu_us'],1))
"
rm -rf .device-run/L .device-run/T
