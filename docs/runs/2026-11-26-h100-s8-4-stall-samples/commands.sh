# Session 8, call 4 (H100): SASS-level warp-stall samples (ncu --page source) of main (M) and torch-cudnn at b=1 s=2048 h=16, d=64 and d=128: where each kernel's warps wait.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w84-$$; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }; A=.device-run/M/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
NCU="ncu --clock-control none --set full --import-source no"
p() { f=$1; shift; timeout 120 $NCU -o $W/$f "$@" > $W/$f.run.txt 2>&1; echo "ncu $f exit $?"; timeout 90 ncu -i $W/$f.ncu-rep --page source --csv --print-source sass > $W/$f.source.csv 2>$W/$f.src.err; echo "source rows $(wc -l < $W/$f.source.csv)"; rm -f $W/$f.ncu-rep; }
for d in 64 128; do
p M_d${d} --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 1 --seqlen 2048 --head-size $d --dtype bf16 --backend fa-native --device gpu
p cudnn_d${d} --profile-from-start off python3 scripts/ncu_torch.py 1,2048,16,$d cudnn
done
gzip $W/*.csv; snap; ls -la $W
