# Session 11, call 1 (H100): L = main as landed (4b02f4d). All 17 BENCH.md shapes, three repetitions, torch-flash/cudnn before and torch-cudnn again after; the matmul ceiling as a burst and sustained, before and after; the SM clock logged throughout. Then fa-native's check, and memcheck/racecheck of the three-consumer running-max softmax (run s10-5 did not run them).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w111; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/L/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,power.limit --format=csv,noheader | tee $W/gpu.txt
Q=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_event_reasons.active
nvidia-smi --query-gpu=$Q --format=csv -lms 200 > $W/smi.csv 2>&1 & SMI=$!
mark() { echo "$(date +%H:%M:%S.%N | cut -c1-12) $1" >> $W/marks.txt; }
mark ceiling1; python3 .device-run/ceiling.py .device-run > $W/ceiling1.txt 2>&1; cat $W/ceiling1.txt
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
mark torch1; timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do mark bench$r; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn L $r ${bs%,*} ${bs#*,} 64,128 16; done; bn L $r 32 577 64 16; bn L $r 8 1025 128 25; bn L $r 4 16384 128 16; snap; done
mark torch2; timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch2.json $A --backends cudnn > $W/torch2.txt 2>&1; echo "torch2 exit $?"
mark ceiling2; python3 .device-run/ceiling.py .device-run > $W/ceiling2.txt 2>&1; cat $W/ceiling2.txt; mark end
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; python3 scripts/tile_table.py $W/ab $W/torch2.json > $W/ab_table2.txt; snap
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native
for bd in fa-native,64 fa-upstream,72; do timeout 80 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend ${bd%,*} --batch 2 --seqlen 2048 --heads 16 --head-size ${bd#*,} --dtype bf16 --scale 30 > $W/san_memcheck_c3_${bd#*,}.txt 2>&1; echo "memcheck c3 ${bd} exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck_c3_${bd#*,}.txt)"; done; snap
timeout 100 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --batch 2 --seqlen 2048 --heads 16 --head-size 64 --dtype bf16 --scale 30 > $W/san_racecheck_c3.txt 2>&1; echo "racecheck c3 exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck_c3.txt)"
kill $SMI; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-150 $W/ab_table.txt; tail -4 $W/ab_table2.txt
rm -rf .device-run/L
