# Session 25, call 3 (H100): is a call's fixed cost the inputs' first reads from HBM? The one-round fit of s25-2 (128 two-consumer tiles, 2..32 key blocks a tile) timed with bench's four input sets (P, main) and with one set, which stays in L2 between calls (H: main's kernels, bench reading PROBE_ONE_SET).
for f in .device-run/pk/H.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w253; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
bn() { local tag=$1 s=$2 h=$3 d=$4; shift 4; timeout 60 env "$@" .device-run/H/vit-attn bench --batch 1 --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b1_s${s}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
S="256/64 512/32 1024/16 2048/8 4096/4"
for r in 1 2; do for x in $S; do IFS=/ read s h <<< "$x"; for v in P H; do o=X=1; [ $v = H ] && o=PROBE_ONE_SET=1; bn $v$r $s $h 64 VIT_ATTN_SM90_CONSUMERS=2 $o; bn $v$r $s $h 128 $o; done; done; done
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; snap; rm -rf .device-run/H
