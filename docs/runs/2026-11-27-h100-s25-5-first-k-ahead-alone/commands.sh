# Session 25, call 5 (H100): which part of s25-4's K gained: O = main with only the first piece's first K loaded ahead of its Q (one Q mbarrier as in main); K = s25-4's K (a Q mbarrier per consumer and the first K ahead). Checks of O (every backend, pairs, split, four consumers, isolation packs); P (main, 7cef2dd), K and O timed on the small and middle grids, three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w255; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/O/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
T=280 c O_all $X check --device gpu
c O_up_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-upstream
c O_native_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c O_native_c4 VIT_ATTN_SM90_CONSUMERS=4 $X check --device gpu --backend fa-native --head-size 64 --seqlens 577,513,640,65,700,1,129,257 --heads 4 --dtype bf16,f16
c O_varlen $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64,128 --dtype bf16,f16 --non-finite-seq 3
snap
bn() { local tag=$1 bin=$2 shape=$3 h=$4 d=$5; IFS=, read b s <<< "$shape"; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-${shape//,/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in 1,1024/16/64 2,1024/16/64 1,2048/16/64 2,2048/16/64 1,4096/16/64 32,577/16/64 1,1024/16/128 2,1024/16/128 1,2048/16/128 2,2048/16/128 1,4096/16/128 8,1025/25/128; do IFS=/ read shape h d <<< "$x"; bn $v$r $v $shape $h $d; done; }
for r in 1 2 3; do case $r in 1) o="P O K";; 2) o="K P O";; 3) o="O K P";; esac; for v in $o; do one $v $r; done; snap; done
kill $SMI
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; snap; cat $W/table.txt; rm -rf .device-run/P .device-run/O .device-run/K
