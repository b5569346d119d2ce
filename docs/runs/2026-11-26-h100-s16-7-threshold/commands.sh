# Session 16, call 7 (H100): the landed build (N) with its tail split automatic (A) against forced (F) on the two shapes the 2 % threshold decides by the narrowest margins (b=4 s=16384 d=128: model 1.4 %, left whole; b=8 s=4096 d=64: model 2.0 %, left whole) and b=2 s=4096 d=128 (0 %), three interleaved repetitions.
for f in .device-run/pk/N.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w167; mkdir -p $W/ab; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
bn() { local e=VIT_ATTN_SM90_KV_SPLIT=auto; [ $1 = F ] && e=VIT_ATTN_SM90_KV_SPLIT=1; timeout 90 env $e .device-run/N/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$1$2-b$3s$4d$5.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for v in A F; do bn $v $r 4 16384 128; bn $v $r 8 4096 64; bn $v $r 2 4096 128; done; done
python3 scripts/tile_table.py $W/ab > $W/ab_table.txt; tar czf $OUT/run.tgz -C $W .; echo "sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"; cat $W/ab_table.txt
rm -rf .device-run/N
