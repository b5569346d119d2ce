# Session 8, call 8 (H100): F = main (1314c55: four K/V stages up to d=64, as a table entry); G = F with every Hopper tile's K/V ring as deep as shared memory allows, up to 4 (changes d=96 to 3 stages, d=136..192 to 3 or 4, d=224 to 3; d <= 64 stays 4, d=72..128 except 96 and d >= 200 stay 2).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w88-$$; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }; G=.device-run/G/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $G check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $G check --device gpu --backend fa-upstream
c varlen_native $G check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 129,144,145,257,1025,16,1,143,65,80 --layout fused --head-size 96,160,192,224
c varlen_up $G check --device gpu --backend fa-upstream --heads 8 --kv-heads 4 --seqlens 129,144,145,257,1025,16,1,143,65,80 --layout fused --head-size 136,152,168,184
c fixed $G check --device gpu --backend fa-native --batch 2 --seqlen 1024 --heads 3 --head-size 96,160,192,224
timeout 150 compute-sanitizer --tool memcheck --error-exitcode 9 $G check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 129,257,1025,16,1 --head-size 96,160,224 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 150 compute-sanitizer --tool racecheck --error-exitcode 9 $G check --device gpu --backend fa-native --heads 4 --kv-heads 2 --seqlens 129,257,1025,16,1 --head-size 96,192 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads 16 --json $W/$7/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,4096 32,577 32,257; do for v in F G; do bn $v $r ${bs%,*} ${bs#*,} 96,160,192,224 fa-native ab; done; done; snap; done
for r in 1 2; do for bs in 2,1024 32,577; do for v in F G; do bn $v $r ${bs%,*} ${bs#*,} 64,128,144 fa-upstream up; done; done; done
A=""; for bs in 1,1024 2,1024 1,2048 2,4096 32,577 32,257; do for d in 96 160 192 224; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 300 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt $W/up_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
