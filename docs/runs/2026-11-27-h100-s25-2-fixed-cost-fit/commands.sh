# Session 25, call 2 (H100): where a call's fixed cost is. One round of 128 two-consumer tiles (b=1, h x s/128 = 128) at 2..32 key blocks a tile: s=256 h=64, 512/32, 1024/16, 2048/8, 4096/4; d=64 (two consumers forced) and d=128; main (P) and torch-cudnn/flash on the same shapes. A line through time against key blocks gives the per-call cost (intercept) and a block's (slope).
for f in .device-run/pk/P.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w252; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
bn() { local tag=$1 s=$2 h=$3 d=$4; shift 4; timeout 60 env "$@" .device-run/P/vit-attn bench --batch 1 --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b1_s${s}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
S="256/64 512/32 1024/16 2048/8 4096/4"
for r in 1 2; do for x in $S; do IFS=/ read s h <<< "$x"; bn P$r $s $h 64 VIT_ATTN_SM90_CONSUMERS=2; bn P$r $s $h 128 X=1; done; done
snap
A=""; for x in $S; do IFS=/ read s h <<< "$x"; A="$A 1,$s,$h,64 1,$s,$h,128"; done
timeout 200 python3 .device-run/scripts/torch_shapes.py .device-run $W/torch.json $A --backends cudnn,flash > $W/torch.txt 2>&1; echo "torch exit $?"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; cat $W/torch.txt; snap; rm -rf .device-run/P
