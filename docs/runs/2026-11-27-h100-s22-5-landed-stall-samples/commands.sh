# Session 22, call 5 (H100): where d=128's warps stall on the landed build (N, 17ba890's kernels: K a block ahead of V), as s22-1 did for main before it: SASS-level samples of d=128 b=1 s=2048 h=16.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w225; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
timeout 150 ncu --clock-control none --set full --import-source no --kernel-name regex:tma --launch-skip 3 --launch-count 1 -o $W/N128 .device-run/N/vit-attn bench --batch 1 --seqlen 2048 --head-size 128 --dtype bf16 --backend fa-native --device gpu > $W/N128.run.txt 2>&1; echo "ncu full exit $?"
timeout 90 ncu -i $W/N128.ncu-rep --page source --csv --print-source sass > $W/N128.source.csv 2>$W/N128.src.err; python3 .device-run/scripts/stall_summary.py $W/N128.source.csv 20 > $W/N128.stalls.txt 2>&1; rm -f $W/N128.ncu-rep; gzip $W/N128.source.csv; head -40 $W/N128.stalls.txt; snap; rm -rf .device-run/N
