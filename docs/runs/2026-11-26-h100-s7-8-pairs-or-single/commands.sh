# Session 7, call 8 (H100): H = main as landed (8ff2ad8). fa-upstream at the head sizes with pair kernels (72, 88, 104): the cluster choice as shipped (A, pairs where the grid keeps its rounds) against single blocks forced (S: VIT_ATTN_SM90_CLUSTER=1), two interleaved repetitions, BENCH.md grid.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w78-$$; mkdir -p $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
bn() { env $1 timeout 60 .device-run/H/vit-attn bench --batch $4 --seqlen $5 --head-size 72,88,104 --dtype bf16 --backend fa-upstream --device gpu --heads 16 --json $W/up/$2$3-b$4s$5h16.json > /dev/null 2>&1; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn VIT_ATTN_SM90_CLUSTER=auto A $r ${bs%,*} ${bs#*,}; bn VIT_ATTN_SM90_CLUSTER=1 S $r ${bs%,*} ${bs#*,}; done; done; snap
A=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 72 88 104; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/up $W/torch.json > $W/up_table.txt; kill $SMI; snap
cat $W/up_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -3
