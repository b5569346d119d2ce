# Session 7, call 4 (H100): clock64 timelines (blocks 0 and 1) of TM = main + trace.diff (s6-5) and TY = Y2 (run s7-3) + the same stamps at its steps and tile boundary; M and Y2 timed plainly beside them.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w74-$$; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
for x in 64,2,1024 64,1,2048 128,2,1024 64,8,4096 128,1,2048; do IFS=, read d b s <<< "$x"
for v in TM TY; do VIT_ATTN_TRACE_FILE=$W/trace_${v}_d${d}_b${b}s$s.txt timeout 60 .device-run/$v/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/$v-d${d}b${b}s$s.json > /dev/null 2>&1; echo "$v d$d b$b s$s exit $? lines $(grep -c ^TR $W/trace_${v}_d${d}_b${b}s$s.txt)"; done
for v in M Y2; do timeout 60 .device-run/$v/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --json $W/$v-d${d}b${b}s$s.json > /dev/null 2>&1; done; done; snap
python3 -c "
import json,glob
for f in sorted(glob.glob('$W/*.json')):
    for r in json.load(open(f)): print(f.split('/')[-1], r['shape'], round(r['gpu_us'],1))
"
