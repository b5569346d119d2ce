# Session 8, call 5 (H100): M = main (05b8e52); T3 / T4 = main with 3 / 4 K/V stages in the d <= 64 tiles (s8-4: the consumers' waits for K at a tile's first S took 7 % of the warp samples at d=64 b=1 s=2048).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w85-$$; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
for v in T3 T4; do F=.device-run/$v/vit-attn
c ${v}_native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c ${v}_up $F check --device gpu --backend fa-upstream --head-size 32,40,48,56,64
c ${v}_varlen $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 129,144,145,257,1025,16,1,143,65,80 --layout fused --head-size 32,64
c ${v}_fixed $F check --device gpu --backend fa-native --batch 2 --seqlen 2048 --heads 3 --head-size 64
done
timeout 150 compute-sanitizer --tool racecheck --error-exitcode 9 .device-run/T3/vit-attn check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 129,257,1025,16,1 --head-size 64 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"
timeout 150 compute-sanitizer --tool memcheck --error-exitcode 9 .device-run/T3/vit-attn check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 129,257,1025,16,1 --head-size 32,64 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 32,577 32,257 8,1025; do for v in M T3 T4; do bn $v $r ${bs%,*} ${bs#*,} 64 16; done; done; snap; done
A=""; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 32,577 32,257 8,1025; do A="$A ${bs%,*},${bs#*,},16,64"; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
