# Session 22, call 4 (H100): the build to land (N: K a block ahead of V on two-stage K/V rings) against main (P, ee442bb) and torch in the same call: all 17 BENCH.md d=64/128 shapes, two repetitions each in alternating order (b=4 s=16384 in the first only), torch-flash and torch-cudnn before, torch-cudnn again after; select.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w224; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
for d in 64 72; do timeout 30 .device-run/N/vit-attn select --head-size $d --dtype bf16 > $W/select_d$d.txt 2>&1; echo "select $d exit $?: $(head -c 400 $W/select_d$d.txt | tr '\n' '|')"; done
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 220 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
all() { for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $1 $2 ${bs%,*} ${bs#*,} 64,128 16; done; bn $1 $2 32 577 64 16; bn $1 $2 8 1025 128 25; [ $2 = 1 ] && bn $1 $2 4 16384 128 16; }
all N 1; all P 1; snap; all P 2; all N 2; snap
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch2.json $A --backends cudnn > $W/torch2.txt 2>&1; echo "torch2 exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; python3 scripts/tile_table.py $W/ab $W/torch2.json > $W/ab_table_torch2.txt 2>&1
snap; echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"
cut -c1-120 $W/ab_table.txt; grep "vs torch-cudnn" $W/ab_table_torch2.txt
rm -rf .device-run/P .device-run/N
