# Session 13, call 8 (H100): where A1's warps wait (s13-1's S-ahead kernel, turn passed after the issue) against main (L), d=64 b=1 s=2048 h=16: SASS-level warp-stall samples (ncu --set full, --page source), summarised with scripts/stall_summary.py.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w138; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
for v in L A1; do timeout 150 ncu --clock-control none --set full --import-source no --kernel-name regex:tma --launch-skip 3 --launch-count 1 -o $W/$v .device-run/$v/vit-attn bench --batch 1 --seqlen 2048 --head-size 64 --dtype bf16 --backend fa-native --device gpu > $W/$v.run.txt 2>&1; echo "ncu $v exit $?"; timeout 90 ncu -i $W/$v.ncu-rep --page source --csv --print-source sass > $W/$v.source.csv 2>$W/$v.src.err; echo "rows $(wc -l < $W/$v.source.csv)"; python3 .device-run/scripts/stall_summary.py $W/$v.source.csv 14 > $W/$v.stalls.txt 2>&1; rm -f $W/$v.ncu-rep; done
gzip $W/*.csv; snap; for v in L A1; do echo "== $v"; head -45 $W/$v.stalls.txt; done
rm -rf .device-run/L .device-run/A1
