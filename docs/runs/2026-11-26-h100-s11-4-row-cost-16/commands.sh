# Session 11, call 4 (H100): R = main with the three-consumer row cost refit (ROW_COST 20/16, was 20/17), which moves only s=577 among ViT shapes to the 192-row tile; N = main (387189a). CLIP b=32 s=577 and b=16 s=577 at d=64, three interleaved repetitions, torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w114; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
.device-run/R/vit-attn check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 32,64 --dtype bf16,f16 > $W/check_R.txt 2>&1; echo "check R exit $?: $(grep '^check:' $W/check_R.txt)"
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen 577 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$1$2-b$3.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for v in N R; do bn $v $r 32; bn $v $r 16; done; done; snap
timeout 100 python3 scripts/torch_shapes.py .device-run $W/torch.json 32,577,16,64 16,577,16,64 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-160 $W/ab_table.txt
rm -rf .device-run/N .device-run/R
