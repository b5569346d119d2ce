# Session 11, call 9 (H100): Z = main (25a9ca5) with the producer's first pass through the K/V ring not waiting on the empty barriers (fresh stages are free; run s11-7 saw the first wait take 2643 cycles at d=128, 653 at d=64, later ones ~170); L = main. Check of Z; small grids at d=64/128, three interleaved repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w119; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
timeout 60 .device-run/Z/vit-attn check --device gpu --backend fa-native > $W/check_Z.txt 2>&1; echo "check Z exit $?: $(grep '^check:' $W/check_Z.txt | tail -1)"
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64,128 --dtype bf16 --backend fa-native --device gpu --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048; do for v in L Z; do bn $v $r ${bs%,*} ${bs#*,}; done; done; done; snap
python3 scripts/tile_table.py $W/ab > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/L .device-run/Z
