# Session 9, call 7 (H100): L = the landed build (afd6d71) against M = c95928d at d=128, s >= 4096 (the ceiling target), three interleaved repetitions (b=4 s=16384 once), torch-cudnn and the matmul ceiling in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w97-$$; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
timeout 60 .device-run/L/vit-attn check --device gpu --backend fa-native --head-size 128 > $W/check_L_d128.txt 2>&1; echo "check L d128 exit $?: $(grep '^check:' $W/check_L_d128.txt | tail -1)"
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 128 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,4096 2,4096 8,4096; do for v in L M; do bn $v $r ${bs%,*} ${bs#*,}; done; done; done; for v in L M; do bn $v 1 4 16384; done; snap
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling 1,4096,16,128 2,4096,16,128 8,4096,16,128 4,16384,16,128 --backends cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
rm -rf .device-run/M .device-run/L
