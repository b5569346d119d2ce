# Session 9, call 5 (H100): the lagging running max alone (s9-4's C without the descriptor change, which cost the d=64 three-consumer kernel 1.5-7 %). M = main (c95928d); D = M + lagging max in the Hopper kernels above d=64; E = D + lagging max in the three-consumer d<=72 kernels too. Checks, sanitizers (D); d=128/96 (fa-native), d=72/80 (fa-upstream) small grids and the d=64 three-consumer shapes, three interleaved repetitions, torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w95-$$; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
for v in D E; do F=.device-run/$v/vit-attn
c ${v}_native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c ${v}_up $F check --device gpu --backend fa-upstream
c ${v}_varlen $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,128,192 --layout fused --head-size 64,72,80,88,104,128
c ${v}_varlen_native $F check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CLUSTER=2 c ${v}_pairs $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,256 --layout fused --head-size 72,88,104
done
F=.device-run/D/vit-attn
timeout 120 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,72,88,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"
timeout 120 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128 --head-size 64,128 --layout fused > $W/san_racecheck_native.txt 2>&1; echo "racecheck native exit $?: $(grep "RACECHECK SUMMARY" $W/san_racecheck_native.txt)"; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads $7 --json $W/ab/$1$2-b$3s$4h$7d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do
for x in 1,1024,128 2,1024,128 1,2048,128 2,2048,128 1,1024,96 1,2048,96 2,2048,96 32,577,96 1,4096,64 2,4096,64 8,4096,64; do IFS=, read b s d <<< "$x"; for v in M D E; do bn $v $r $b $s $d fa-native 16; done; done
for v in M D E; do bn $v $r 8 1025 128 fa-native 25; done
for x in 1,1024 1,2048 2,2048 32,577; do IFS=, read b s <<< "$x"; for v in M D E; do bn $v $r $b $s 72,80 fa-upstream 16; done; done; snap; done
A="8,1025,25,128"; for x in 1,1024,128 2,1024,128 1,2048,128 2,2048,128 1,1024,96 1,2048,96 2,2048,96 32,577,96 1,4096,64 2,4096,64 8,4096,64 1,1024,72 1,2048,72 2,2048,72 32,577,72 1,1024,80 1,2048,80 2,2048,80 32,577,80; do IFS=, read b s d <<< "$x"; A="$A $b,$s,16,$d"; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
rm -rf .device-run/M .device-run/D .device-run/E
