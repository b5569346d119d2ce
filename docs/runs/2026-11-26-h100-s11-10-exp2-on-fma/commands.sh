# Session 11, call 10 (H100): some of the running-max softmax's exp2 on the FMA pipe (poly_exp2: the 1.5*2^23 shift, a Chebyshev cubic, the exponent added; FlashAttention-4's trick), to shorten the softmax link of d=64's per-warpgroup chain (run s11-7). E4 = every 4th n8 tile's (16 of 64 a step), E8 = every 8th (8 of 64); L = main (25a9ca5). Checks of E4/E8 incl. scales that force the redo; d=64 (two and three consumers), d=128 and fa-upstream d=72/80 shapes, two interleaved repetitions; torch-cudnn in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w1110; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
for v in E4 E8; do c ${v}_native .device-run/$v/vit-attn check --device gpu --backend fa-native; c ${v}_up .device-run/$v/vit-attn check --device gpu --backend fa-upstream
for sc in 30 -3; do c ${v}_scale$sc .device-run/$v/vit-attn check --device gpu --heads 4 --kv-heads 2 --seqlens 1,130,2000,257,64,700,1500 --head-size 32,64,72,96,128,256 --dtype bf16,f16 --scale $sc; done; done; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --json $W/ab/$1$2-b$3s$4d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in L E4 E8; do bn $v $r 1 1024 64,128 fa-native; bn $v $r 2 1024 64,128 fa-native; bn $v $r 1 2048 64,128 fa-native; bn $v $r 2 2048 64 fa-native; bn $v $r 1 4096 64,128 fa-native; bn $v $r 32 577 64 fa-native; bn $v $r 1 2048 72,80 fa-upstream; done; snap; done
timeout 100 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,128 2,1024,16,64 2,1024,16,128 1,2048,16,64 1,2048,16,128 2,2048,16,64 1,4096,16,64 1,4096,16,128 32,577,16,64 1,2048,16,72 1,2048,16,80 --backends cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/L .device-run/E4 .device-run/E8
