# Session 11, call 11 (H100): the FMA-pipe exp2 only where s11-10 found it faster: two-consumer tiles up to d=64. R8 = one n8 tile in 8 (8 of 64 exp2 a step), R16 = one in 16 (4 of 64); L = main (25a9ca5). Checks of R8/R16 (scales that force the redo); d=64 two-consumer shapes, three interleaved repetitions; torch-cudnn in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w1111; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in R8 R16; do c ${v}_native .device-run/$v/vit-attn check --device gpu --backend fa-native
for sc in 30 -3 8; do c ${v}_scale$sc .device-run/$v/vit-attn check --device gpu --heads 4 --kv-heads 2 --seqlens 1,130,2000,257,64,700,1500 --head-size 32,48,64 --dtype bf16,f16 --scale $sc; done; done; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64 --dtype bf16 --backend fa-native --device gpu --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048; do for v in L R8 R16; do bn $v $r ${bs%,*} ${bs#*,}; done; done; done; snap
timeout 100 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 2,1024,16,64 1,2048,16,64 --backends cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/L .device-run/R8 .device-run/R16
