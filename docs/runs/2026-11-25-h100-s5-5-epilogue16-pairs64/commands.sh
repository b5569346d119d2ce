# Session 5, call 5 (H100): E = f73ef91 (pairs for d%16 != 0); F = E + 16-byte output stores (quad transpose) for head sizes that are multiples of 32, + pair kernels at multiples of 64 (used only when forced: F2 = VIT_ATTN_SM90_CLUSTER=2).
W=/tmp/w17; mkdir -p $W/ab $W/rep; snap() { tar czf $OUT/run.tgz -C $W .; }
E=.device-run/E/vit-attn; F=.device-run/F/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $F check --device gpu --backend fa-upstream
VIT_ATTN_SM90_CLUSTER=2 c native_pairs $F check --device gpu --backend fa-native
c varlen $F check --device gpu --backend fa-native --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 32,64,96,128,256; snap
VIT_ATTN_SM90_CLUSTER=2 timeout 90 compute-sanitizer --tool racecheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,128 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck pairs exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"
timeout 90 compute-sanitizer --tool memcheck --error-exitcode 9 $F check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"; snap
bn() { local v=$1 bin=$2 b=$3 s=$4 dir=$5; timeout 30 $bin bench --batch $b --seqlen $s --head-size 64,128 --dtype bf16 --backend fa-native --device gpu --json $W/$dir/$v-b${b}s$s.json > /dev/null 2>>$W/bench.err; }
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; bn E $E $b $s ab; bn F $F $b $s ab; VIT_ATTN_SM90_CLUSTER=2 bn F2 $F $b $s ab; done; snap
for r in 1 2 3; do for bs in 1,1024 2,1024 1,2048 1,4096; do b=${bs%,*}; s=${bs#*,}; bn E$r $E $b $s rep; bn F$r $F $b $s rep; VIT_ATTN_SM90_CLUSTER=2 bn Fp$r $F $b $s rep; done; done; snap
timeout 120 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,128 2,1024,16,64 2,1024,16,128 1,2048,16,64 1,2048,16,128 2,2048,16,64 2,2048,16,128 1,4096,16,64 1,4096,16,128 2,4096,16,64 2,4096,16,128 8,4096,16,64 8,4096,16,128 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab rep; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap; cat $W/ab_table.txt $W/rep_table.txt
