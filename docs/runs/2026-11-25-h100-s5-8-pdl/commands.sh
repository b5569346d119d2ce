# Session 5, call 8 (H100): E = f73ef91 (main's kernels); I = E launched with programmatic stream serialisation (griddepcontrol: set-up overlaps the previous kernel, global memory after griddepcontrol.wait).
W=/tmp/w20; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }
E=.device-run/E/vit-attn; I=.device-run/I/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $I check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $I check --device gpu --backend fa-upstream
c varlen $I check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 64,72,88,128
timeout 90 compute-sanitizer --tool memcheck --error-exitcode 9 $I check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"; snap
bn() { local v=$1 bin=$2 b=$3 s=$4 be=$5 d=$6 dir=$7; timeout 30 $bin bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend $be --device gpu --json $W/$dir/$v-b${b}s$s.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; bn E$r $E $b $s fa-native 64,128 ab; bn I$r $I $b $s fa-native 64,128 ab; done; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; bn E $E $b $s fa-upstream 72,80 up; bn I $I $b $s fa-upstream 72,80 up; done; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,64 8,4096,16,72 8,4096,16,80 8,4096,16,128 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap; cat $W/ab_table.txt $W/up_table.txt
VIT_ATTN_SM90_CLUSTER=2 timeout 60 $I check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 72,88 > $W/check_pairs.txt 2>&1; echo "check pairs exit $?: $(grep '^check:' $W/check_pairs.txt)"
timeout 90 compute-sanitizer --tool racecheck --error-exitcode 9 $I check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,88 --layout fused > $W/san_racecheck.txt 2>&1; echo "racecheck exit $?: $(grep 'RACECHECK SUMMARY' $W/san_racecheck.txt)"; snap
