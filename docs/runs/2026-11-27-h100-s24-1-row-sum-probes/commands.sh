# Session 24, call 1 (H100): timing probes of the d=64 softmax's row sums (outputs wrong by design). P = main (c2b5b51); R = P without the row sums' FADDs (part sums 0, the redo never taken); S = R with P·V at N = 72 at d=64 (the extra 8 columns read V's first 8 again: LBO 0), the cost a ones column beside V would add. Three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w241; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
bn() { local tag=$1 bin=$2 shape=$3 h=$4 d=$5; IFS=, read b s <<< "$shape"; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-${shape//,/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in 1,1024/64 2,1024/64 1,2048/64 2,2048/64 1,4096/64 8,4096/64 32,577/64 2,2048/128 1,4096/128 8,4096/128; do IFS=/ read shape d <<< "$x"; bn $v$r $v $shape 16 $d; done; }
for r in 1 2 3; do case $r in 1) o="P R S";; 2) o="S R P";; 3) o="R P S";; esac; for v in $o; do one $v $r; done; snap; done
kill $SMI
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; snap; cat $W/table.txt; rm -rf .device-run/P .device-run/R .device-run/S
