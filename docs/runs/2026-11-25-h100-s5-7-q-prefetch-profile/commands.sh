# Session 5, call 7 (H100): E = f73ef91 (main's kernels); H = E + the next tile's Q prefetched into L2 when it is claimed (cp.async.bulk.prefetch.tensor). Plus an ncu source-level profile of E at d=64 b=2 s=1024.
W=/tmp/w19; mkdir -p $W/ab $W/up; snap() { tar czf $OUT/run.tgz -C $W .; }
E=.device-run/E/vit-attn; H=.device-run/H/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $H check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $H check --device gpu --backend fa-upstream
c varlen $H check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size 64,72,88,128
timeout 90 compute-sanitizer --tool memcheck --error-exitcode 9 $H check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,128 --layout fused > $W/san_memcheck.txt 2>&1; echo "memcheck exit $?: $(grep 'ERROR SUMMARY' $W/san_memcheck.txt)"; snap
bn() { local v=$1 bin=$2 b=$3 s=$4 be=$5 d=$6 dir=$7; timeout 30 $bin bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend $be --device gpu --json $W/$dir/$v-b${b}s$s.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; bn E$r $E $b $s fa-native 64,128 ab; bn H$r $H $b $s fa-native 64,128 ab; done; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; bn E $E $b $s fa-upstream 72,80 up; bn H $H $b $s fa-upstream 72,80 up; done; snap
timeout 120 ncu --clock-control none --set full --kernel-name regex:tma --launch-skip 3 --launch-count 1 -o $W/ours $E bench --batch 2 --seqlen 1024 --head-size 64 --dtype bf16 --backend fa-native --device gpu > $W/ncu_run.txt 2>&1; echo "ncu exit $?"
timeout 60 ncu -i $W/ours.ncu-rep --page source --csv --print-source sass > $W/ours_source.csv 2>$W/ncu_src.err || timeout 60 ncu -i $W/ours.ncu-rep --page source --csv > $W/ours_source.csv 2>>$W/ncu_src.err; echo "source rows $(wc -l < $W/ours_source.csv)"; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,64 8,4096,16,72 8,4096,16,80 8,4096,16,128 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab up; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap; cat $W/ab_table.txt $W/up_table.txt
