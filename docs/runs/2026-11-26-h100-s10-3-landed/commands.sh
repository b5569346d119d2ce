# Session 10, call 3 (H100): M = main (205fb93) built as it is; F = the build to land: the running-max softmax on every two-consumer tile, fp32 P of its own at d<=96 and on the 64-key tiles (s10-1's R, SASS-identical there), P packed at once into two register sets at d=104..128 (s10-2's N, but the first block's exact softmax lagging as at d=96). Checks, sanitizers, select (F); all 17 BENCH.md shapes M/F two interleaved repetitions; small grids at d=72..256 once; torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w103-$$; mkdir -p $W/ab $W/ex; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/F/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $F check --device gpu --backend fa-upstream
c varlen $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,128,192 --layout fused --head-size 32,48,64,72,80,88,96,104,120,128
c varlen_native $F check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CLUSTER=2 c pairs $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,256 --layout fused --head-size 72,88,104
for sc in 30 -3; do c scale$sc $F check --device gpu --heads 4 --kv-heads 2 --seqlens 1,130,2000,257,64,700,1500 --head-size 32,64,96,112,128,160,256 --dtype bf16,f16 --scale $sc; done
$F select --head-size 64 --dtype bf16 > $W/select64.txt 2>&1; $F select --head-size 72 --dtype bf16 > $W/select72.txt 2>&1; head -3 $W/select64.txt $W/select72.txt | cut -c1-160
timeout 100 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,88,104,128 --layout fused --scale 3 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 100 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,128 --layout fused --scale 3 > $W/san_racecheck_native.txt 2>&1; echo "racecheck native exit $?: $(grep "RACECHECK SUMMARY" $W/san_racecheck_native.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads $8 --json $W/$7/$1$2-b$3s$4h$8d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in M F; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab 16; done; done
for v in M F; do bn $v $r 32 577 64 fa-native ab 16; bn $v $r 8 1025 128 fa-native ab 25; done; snap; done
for v in M F; do bn $v 1 4 16384 128 fa-native ab 16; done
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; cat $W/ab_table.txt | cut -c1-150
for bs in 2,1024 1,2048 32,577; do for v in M F; do bn $v 1 ${bs%,*} ${bs#*,} 96,160,192,256 fa-native ex 16; bn $v 1 ${bs%,*} ${bs#*,} 72,80 fa-upstream ex 16; done; done; snap
B=""; for bs in 2,1024 1,2048 32,577; do for d in 72 80 96 160 192 256; do B="$B ${bs%,*},${bs#*,},16,$d"; done; done
timeout 120 python3 scripts/torch_shapes.py .device-run $W/torch_ex.json $B --backends flash,cudnn > $W/torch_ex.txt 2>&1; echo "torch ex exit $?"
python3 scripts/tile_table.py $W/ex $W/torch_ex.json > $W/ex_table.txt; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ex_table.txt | cut -c1-150; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -3
rm -rf .device-run/M .device-run/F
