# Session 8, call 6 (H100): confirm s8-5 on the same (warm) machine. M = main (05b8e52); T3 / T4 = main with 3 / 4 K/V stages in the d <= 64 tiles; fa-upstream's sweep too (s8-5 passed it a shape-less --head-size).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w86-$$; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
for v in T3 T4; do F=.device-run/$v/vit-attn
c ${v}_up $F check --device gpu --backend fa-upstream; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c ${v}_up_varlen $F check --device gpu --backend fa-upstream --heads 8 --kv-heads 4 --seqlens 129,144,145,257,1025,16,1,143,65,80 --layout fused --head-size 32,40,48,56,64
done; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $7 --device gpu --heads $6 --json $W/$8/$1$2-b$3s$4h$6.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,2048 2,2048 8,4096 32,577 32,257 8,1025; do for v in M T3 T4; do bn $v $r ${bs%,*} ${bs#*,} 64 16 fa-native ab; done; done; for v in M T3 T4; do bn $v $r 8 4096 32,48 16 fa-upstream up; bn $v $r 32 577 32,48 16 fa-upstream up; done; snap; done
A=""; for bs in 1,2048 2,2048 8,4096 32,577 32,257 8,1025; do A="$A ${bs%,*},${bs#*,},16,64"; done; A="$A 8,4096,16,32 8,4096,16,48 32,577,16,32 32,577,16,48"
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt $W/up_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
