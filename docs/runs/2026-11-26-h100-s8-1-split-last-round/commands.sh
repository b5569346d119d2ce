# Session 8, call 1 (H100): M = main (05b8e52) built as it is; S = the grid's last partial round split into key ranges on the idle SMs (TileSplit), pieces merged by the last warp, 192-row tiles at d=64 where that finishes first; S0 = S with VIT_ATTN_SM90_SPLIT=off.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w81-$$; mkdir -p $W/ab $W/vit; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/S/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c split_native $F check --device gpu --backend fa-native --batch 1 --seqlen 1024 --heads 4 --head-size 32,64,96,128,160,192,224,256; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c split_tail $F check --device gpu --backend fa-native --batch 1 --seqlen 1025 --heads 4 --head-size 32,64,128,256
c split_c3 $F check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 4 --kv-heads 2 --layout fused --head-size 64
c split_scale $F check --device gpu --backend fa-native --batch 1 --seqlen 1024 --heads 4 --head-size 64,128 --scale -0.07
c split_zero $F check --device gpu --backend fa-native --batch 1 --seqlen 1024 --heads 4 --head-size 64,128 --scale 0
c split_up $F check --device gpu --backend fa-upstream --batch 1 --seqlen 1024 --heads 4 --head-size 48,80,96,144,208
c native $F check --device gpu --backend fa-native
c up $F check --device gpu --backend fa-upstream
c varlen $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 129,144,145,257,1025,16,1,143,65,80 --layout fused --head-size 32,64,128,256
timeout 150 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-native --batch 1 --seqlen 1025 --heads 4 --head-size 64,128 > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 150 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 4 --head-size 64 > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
bn() { local v=$1 exe=.device-run/$1/vit-attn; [ $v = S0 ] && exe="env VIT_ATTN_SM90_SPLIT=off .device-run/S/vit-attn"; timeout 60 $exe bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $7 --json $W/$6/$1$2-b$3s$4h$7.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in M S S0; do bn $v $r ${bs%,*} ${bs#*,} 64,128 ab 16; done; done; for v in M S S0; do bn $v $r 32 577 64 ab 16; bn $v $r 8 1025 128 ab 25; bn $v $r 32 257 64 vit 16; bn $v $r 16 257 128 vit 16; done; snap; done
A="32,577,16,64 8,1025,25,128 32,257,16,64 16,257,16,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab vit; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
cat $W/ab_table.txt $W/vit_table.txt; grep ceiling $W/torch.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
