# Session 8, call 3 (H100): ncu profiles of main (05b8e52, M) and torch-cudnn on the shapes where main still loses (d=64 and d=128, b=1 s=2048 h=16), one launch each, for the next session.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w83-$$; mkdir -p $W/ncu; snap() { tar czf $OUT/run.tgz -C $W .; }; A=.device-run/M/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
NCU="ncu --clock-control none --set full --import-source no"
p() { f=$1; shift; timeout 120 $NCU "$@" > $W/ncu/$f.txt 2>&1; echo "ncu $f exit $?"; }
p M_d64_b1s2048 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 1 --seqlen 2048 --head-size 64 --dtype bf16 --backend fa-native --device gpu
p M_d128_b1s2048 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 1 --seqlen 2048 --head-size 128 --dtype bf16 --backend fa-native --device gpu
p cudnn_d64_b1s2048 --profile-from-start off python3 scripts/ncu_torch.py 1,2048,16,64 cudnn
p cudnn_d128_b1s2048 --profile-from-start off python3 scripts/ncu_torch.py 1,2048,16,128 cudnn
snap
for f in $W/ncu/*.txt; do echo "== $(basename $f .txt)"; grep -E "^\s+(Duration|SM Frequency|Compute \(SM\) Throughput|L2 Cache Throughput|DRAM Throughput|Issue Slots Busy|Executed Ipc Active|No Eligible|Registers Per Thread|Grid Size|Block Size|Dynamic Shared Memory Per Block|Executed Instructions|Warp Cycles Per Issued Instruction)\s" $f | awk '{$1=$1};1' | tr '\n' ';'; echo; grep -h "highest-utilized pipeline" -A1 $f | head -2; grep -h "  cudnn\|  vit_attn" $f | head -1; done | tee $W/ncu_summary.txt; snap
