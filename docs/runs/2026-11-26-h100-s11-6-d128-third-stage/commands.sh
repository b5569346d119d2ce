# Session 11, call 6 (H100): is d=128 held back by its two-stage K/V ring? S3 = d=128 on one Q buffer, no output buffer (direct stores) and three K/V stages (224 KB); S2 = the same with two stages; L = main (25a9ca5: two Q buffers, output buffer, two stages). S3 against S2 isolates the third stage. Checks of S2/S3 at d=128; seven d=128 shapes, two interleaved repetitions; torch-cudnn in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w116; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
for v in S2 S3; do timeout 60 .device-run/$v/vit-attn check --device gpu --backend fa-native --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,1500 --head-size 128 --dtype bf16,f16 --layout fused > $W/check_$v.txt 2>&1; echo "check $v exit $?: $(grep '^check:' $W/check_$v.txt | tail -1)"; done
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 128 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in L S2 S3; do bn $v $r ${bs%,*} ${bs#*,}; done; done; snap; done
A=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do A="$A ${bs%,*},${bs#*,},16,128"; done
timeout 100 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/L .device-run/S2 .device-run/S3
