# Session 4, call 1: checks (fa-native incl. the mma.sync fallback forced), A/B/C timings at d=64/72/80, ncu profiles.
# A = main 618b177; B = ROW_COST c3 13 (192-row tiles win ties); C = 32-column atoms (64-byte swizzle) for every d % 64 != 0.
W=/tmp/w; mkdir -p $W/ab $W/ncu; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader
A=.device-run/A/vit-attn
timeout 60 $A check --device gpu --backend fa-native > $W/check_native.txt 2>&1; echo "check fa-native exit $?"; grep "^check:" $W/check_native.txt | tail -1
VIT_ATTN_FA_NATIVE_PATH=sm80 timeout 60 $A check --device gpu --backend fa-native > $W/check_native_sm80.txt 2>&1; echo "check fa-native sm80 exit $?"; grep "^check:" $W/check_native_sm80.txt | tail -1
timeout 90 .device-run/C/vit-attn check --device gpu --backend fa-upstream > $W/check_C.txt 2>&1; echo "check C fa-upstream exit $?"; grep "^check:" $W/check_C.txt | tail -1; snap
for v in A B C; do for bs in 1,1024 2,1024 1,2048 2,4096 32,729; do timeout 40 .device-run/$v/vit-attn bench --batch ${bs%,*} --seqlen ${bs#*,} --heads 16 --head-size 64,72,80 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/$v-b${bs%,*}s${bs#*,}.json > /dev/null 2>>$W/bench.err; done; done
S=""; for bs in 1,1024 2,1024 1,2048 2,4096 32,729; do for d in 64 72 80; do S="$S ${bs%,*},${bs#*,},16,$d"; done; done
timeout 120 python3 scripts/torch_shapes.py .device-run $W/torch.json $S --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap
NCU="ncu --clock-control none --set full --import-source no"
p() { f=$1; shift; timeout 90 $NCU "$@" > $W/ncu/$f.txt 2>&1; echo "ncu $f exit $?"; }
p A_d72_b2s1024 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 2 --seqlen 1024 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu
p A_d80_b2s1024 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 2 --seqlen 1024 --head-size 80 --dtype bf16 --backend fa-upstream --device gpu
p B_d72_b2s1024 --kernel-name regex:tma --launch-skip 3 --launch-count 1 .device-run/B/vit-attn bench --batch 2 --seqlen 1024 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu
p C_d72_b2s1024 --kernel-name regex:tma --launch-skip 3 --launch-count 1 .device-run/C/vit-attn bench --batch 2 --seqlen 1024 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu
snap
p A_d64_b1s2048 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 1 --seqlen 2048 --head-size 64 --dtype bf16 --backend fa-native --device gpu
p A_d128_b1s4096 --kernel-name regex:tma --launch-skip 3 --launch-count 1 $A bench --batch 1 --seqlen 4096 --head-size 128 --dtype bf16 --backend fa-native --device gpu
p cudnn_d64_b1s2048 --profile-from-start off python3 scripts/ncu_torch.py 1,2048,16,64 cudnn
p cudnn_d128_b1s4096 --profile-from-start off python3 scripts/ncu_torch.py 1,4096,16,128 cudnn
snap
for f in $W/ncu/*.txt; do echo "== $(basename $f .txt)"; grep -E "^\s+(Duration|SM Frequency|Compute \(SM\) Throughput|L2 Cache Throughput|DRAM Throughput|Issue Slots Busy|No Eligible|Registers Per Thread|Grid Size)\s" $f | awk '{$1=$1};1' | tr '\n' ';'; echo; done | tee $W/ncu_summary.txt
cat $W/ab_table.txt; snap
