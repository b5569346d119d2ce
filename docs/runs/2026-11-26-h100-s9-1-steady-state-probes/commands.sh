# Session 9, call 1 (H100): where the steady state's time goes. M = main (c95928d); X = M with exp2 replaced by the identity (no MUFU); Y = M with the whole softmax skipped (S converted to P as it is). X and Y are timing probes: their outputs are wrong by design.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w91-$$; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4d$5.json > /dev/null 2>>$W/bench.err; }
S="1,2048,128 1,4096,128 8,4096,128 2,1024,128 1,2048,64 8,4096,64 2,1024,64 32,577,64"
for r in 1 2 3; do for x in $S; do IFS=, read b s d <<< "$x"; for v in M X Y; do bn $v $r $b $s $d 16; done; done; snap; done
A=""; for x in $S; do IFS=, read b s d <<< "$x"; A="$A $b,$s,16,$d"; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends cudnn --ceiling > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
rm -rf .device-run/M .device-run/X .device-run/Y
