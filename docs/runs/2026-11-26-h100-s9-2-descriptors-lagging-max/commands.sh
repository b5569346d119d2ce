# Session 9, call 2 (H100): M = main (c95928d); A = M with wgmma descriptors advanced by a 32-bit add of the low word (issue segment of the d=64 step 128 -> 92 SASS instructions, d=128 167 -> 121); AB = A + the running max kept unless a block raises it by more than 8 (log2 units), so O is rarely rescaled. Checks, then all 17 BENCH.md shapes at d in {64, 128} against torch.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w92-$$; mkdir -p $W/ab $W/vit; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 1000 > $W/smi.csv 2>&1 & SMI=$!
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
for v in A AB; do F=.device-run/$v/vit-attn
c ${v}_native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c ${v}_up $F check --device gpu --backend fa-upstream
c ${v}_varlen $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,128,192 --layout fused --head-size 64,72,80,88,104,128
c ${v}_varlen_native $F check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CLUSTER=2 c ${v}_pairs $F check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500,256 --layout fused --head-size 72,88,104
done; snap
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads $8 --json $W/$7/$1$2-b$3s$4h$8.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for v in M A AB; do bn $v $r ${bs%,*} ${bs#*,} 64,128 fa-native ab 16; done; done; snap; done
for r in 1 2 3; do for v in M A AB; do bn $v $r 32 577 64 fa-native ab 16; bn $v $r 8 1025 128 fa-native ab 25; bn $v $r 32 257 64 fa-native vit 16; bn $v $r 16 257 128 fa-native vit 16; done; done; for v in M A AB; do bn $v 1 4 16384 128 fa-native ab 16; done; snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128 32,257,16,64 16,257,16,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 240 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab vit; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; kill $SMI; snap
grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt $W/vit_table.txt; grep ceiling $W/torch.txt; awk -F, 'NR>1{print $2,$5}' $W/smi.csv | sort | uniq -c | sort -rn | head -4
rm -rf .device-run/M .device-run/A .device-run/AB
