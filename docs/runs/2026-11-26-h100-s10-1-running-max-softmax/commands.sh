# Session 10, call 1 (H100): M = main (205fb93) built as it is; R = M + the softmax at the running max (two-consumer tiles whose O, S, P and packed P fit 208 registers: d<=96 and every 64-key tile; d=104..128 SASS as M's). Checks (R) incl. extreme scales that force the redo path; sanitizers; all 17 BENCH.md shapes at d in {64,128} and small grids at d=96/160/192/256 (fa-native), 72/80 (fa-upstream); three interleaved repetitions; torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w101-$$; mkdir -p $W/ab $W/ex; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/R/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $F check --device gpu --backend fa-upstream
c varlen $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,128,192 --layout fused --head-size 32,48,64,72,80,88,96,104,160,200
c varlen_native $F check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CLUSTER=2 c pairs $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,256 --layout fused --head-size 72,88,104
for sc in 30 -30 3 -3 0.5; do c scale$sc $F check --device gpu --heads 4 --kv-heads 2 --seqlens 1,130,2000,257,64,700,1500 --head-size 32,64,72,96,160,256 --dtype bf16,f16 --scale $sc; done
c scale30_all_cpu $F check --device gpu --heads 2 --seqlens 700,300 --head-size 64 --scale 30
$F select --head-size 64 --dtype bf16 > $W/select64.txt 2>&1; $F select --head-size 72 --dtype bf16 > $W/select72.txt 2>&1; head -3 $W/select64.txt $W/select72.txt | cut -c1-160
timeout 120 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,96,160 --layout fused --scale 3 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 120 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,96 --layout fused --scale 3 > $W/san_racecheck_native.txt 2>&1; echo "racecheck native exit $?: $(grep "RACECHECK SUMMARY" $W/san_racecheck_native.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads $8 --json $W/$7/$1$2-b$3s$4h$8d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in M R; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab 16; done; done
for v in M R; do bn $v $r 32 577 64 fa-native ab 16; bn $v $r 8 1025 128 fa-native ab 25; done
for bs in 2,1024 1,2048 32,577; do for v in M R; do bn $v $r ${bs%,*} ${bs#*,} 96,160,192,256 fa-native ex 16; bn $v $r ${bs%,*} ${bs#*,} 72,80 fa-upstream ex 16; done; done; snap; done
for v in M R; do bn $v 1 4 16384 128 fa-native ab 16; done
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done; for bs in 2,1024 1,2048 32,577; do for d in 72 80 96 160 192 256; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 300 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab ex; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt $W/ex_table.txt | cut -c1-200; grep ceiling $W/torch.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
rm -rf .device-run/M .device-run/R
