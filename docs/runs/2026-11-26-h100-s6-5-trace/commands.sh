# Session 6, call 5 (H100): T = main's kernel + branch-free clock64 stamps of blocks 0 and 1 (trace.diff; the file holds the last eager launch's), P0 = main, timed side by side.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w34; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
for x in 128,1,4096 128,2,1024 128,2,2048 128,1,2048 64,1,2048 64,2,1024 64,8,4096 64,1,4096; do IFS=, read d b s <<< "$x"
VIT_ATTN_TRACE_FILE=$W/trace_d${d}_b${b}s$s.txt timeout 60 .device-run/T/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/T-d${d}b${b}s$s.json > /dev/null 2>&1; echo "T d$d b$b s$s exit $? lines $(grep -c ^TR $W/trace_d${d}_b${b}s$s.txt)"
timeout 60 .device-run/P0/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/P0-d${d}b${b}s$s.json > /dev/null 2>&1; done; snap
python3 -c "
import json,glob
for f in sorted(glob.glob('$W/*.json')):
    for r in json.load(open(f)): print(f.split('/')[-1], r['shape'], round(r['gpu_us'],1))
"
