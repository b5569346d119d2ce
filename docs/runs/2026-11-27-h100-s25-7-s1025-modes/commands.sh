# Session 25, call 7 (H100): b=8 s=1025 h=25 d=128 runs in two modes (about 193 and 207-218 us, main and N alike in s25-4/5/6): P (main) and N (the build to land) alternating, eight repetitions each, with b=1 s=4096 d=128 and b=16 s=1025 h=25; SM clock and power logged.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w257; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 100 > $W/smi.csv 2>&1 & SMI=$!
bn() { local tag=$1 bin=$2 shape=$3 h=$4 d=$5; IFS=, read b s <<< "$shape"; date +%T.%N | cut -c1-12 | sed "s/^/$tag $shape /" >> $W/marks.txt; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-${shape//,/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
for r in 1 2 3 4 5 6 7 8; do if [ $((r % 2)) = 1 ]; then o="P N"; else o="N P"; fi; for v in $o; do for x in 8,1025/25/128 16,1025/25/128 1,4096/16/128; do IFS=/ read shape h d <<< "$x"; bn $v$r $v $shape $h $d; done; done; done
kill $SMI
python3 .device-run/ab_table.py $W/ab > $W/table.txt; snap; cat $W/table.txt; rm -rf .device-run/P .device-run/N
