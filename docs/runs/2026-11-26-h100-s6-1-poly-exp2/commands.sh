# Built here: P0, P2, P3, P4 = main with poly.diff applied and VIT_ATTN_POLY_EIGHTHS 0, 2, 3, 4 (cargo build --release each); binaries carried gzipped in .device-run/pk.
# Session 6, call 1 (H100): P0 = main's kernels; P2/P3/P4 = 2/8, 3/8, 4/8 of the exp2 of each S row on the FMA pipes (poly_exp2), the rest on the MUFU.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w30; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native_P3 .device-run/P3/vit-attn check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c native_P2 .device-run/P2/vit-attn check --device gpu --backend fa-native
c native_P4 .device-run/P4/vit-attn check --device gpu --backend fa-native
c varlen_P3 .device-run/P3/vit-attn check --device gpu --backend fa-native --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 64,128,256; snap
bn() { timeout 30 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64,128 --dtype bf16 --backend fa-native --device gpu --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in P0 P2 P3 P4; do bn $v $r ${bs%,*} ${bs#*,}; done; done; done; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling 1,1024,16,64 1,1024,16,128 2,1024,16,64 2,1024,16,128 1,2048,16,64 1,2048,16,128 2,2048,16,64 2,2048,16,128 1,4096,16,64 1,4096,16,128 2,4096,16,64 2,4096,16,128 8,4096,16,64 8,4096,16,128 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap
M=sm__inst_executed_pipe_xu.avg.pct_of_peak_sustained_active,sm__pipe_tensor_op_hmma_cycles_active.avg.pct_of_peak_sustained_active,sm__pipe_fma_cycles_active.avg.pct_of_peak_sustained_active,sm__pipe_alu_cycles_active.avg.pct_of_peak_sustained_active,sm__inst_issued.avg.pct_of_peak_sustained_active,gpu__time_duration.sum
for v in P0 P3; do timeout 60 ncu --metrics $M --kernel-name regex:tma --launch-skip 3 --launch-count 1 .device-run/$v/vit-attn bench --batch 8 --seqlen 4096 --head-size 64 --dtype bf16 --backend fa-native --device gpu > $W/ncu_$v.txt 2>&1; echo "ncu $v exit $?"; done; snap
grep -hE "pipe|duration|inst_issued" $W/ncu_P*.txt; cat $W/ab_table.txt; grep ceiling $W/torch.txt
