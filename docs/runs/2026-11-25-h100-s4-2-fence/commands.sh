# Session 4, call 2: A = main 618b177, D = softmax pinned ahead of wgmma_wait<0> by fence.acq_rel.cta (ptxas had hoisted the wait above it).
W=/tmp/w; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
D=.device-run/D/vit-attn
for be in fa-native fa-upstream; do timeout 90 $D check --device gpu --backend $be > $W/check_D_$be.txt 2>&1; echo "check D $be exit $?"; grep "^check:" $W/check_D_$be.txt | tail -1; done
VIT_ATTN_FA_NATIVE_PATH=sm80 timeout 60 $D check --device gpu --backend fa-native > $W/check_D_native_sm80.txt 2>&1; echo "check D fa-native sm80 exit $?"; grep "^check:" $W/check_D_native_sm80.txt | tail -1; snap
timeout 120 .device-run/A/vit-attn bench --backend fa-upstream --dtype bf16 --device gpu --json $W/A_up.json > $W/A_up.txt 2>/dev/null; echo "bench A exit $?"; snap
timeout 120 $D bench --backend fa-upstream --dtype bf16 --device gpu --json $W/D_up.json > $W/D_up.txt 2>/dev/null; echo "bench D exit $?"; snap
timeout 90 $D bench --backend fa-native --dtype bf16 --device gpu --json $W/D_native.json > $W/D_native.txt 2>/dev/null; echo "bench D native exit $?"; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,128 8,4096,16,64 4,16384,16,128 32,729,16,72 32,577,16,64 8,1024,16,80 8,1025,25,128 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
mkdir -p $W/ab; cp $W/A_up.json $W/ab/A-up.json; cp $W/D_up.json $W/ab/D-up.json; cp $W/D_native.json $W/ab/E-native.json
python3 scripts/tile_table.py $W/ab $W/torch.json | tee $W/ab_table.txt; snap
