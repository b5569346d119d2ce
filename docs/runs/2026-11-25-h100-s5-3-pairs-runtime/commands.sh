# Session 5, call 3 (H100): A = main (0102916); D = two-block clusters for head sizes not a multiple of 16 (choose_cluster), remote releases at CTA scope, final cluster barrier. D1/D2 force the cluster size.
W=/tmp/w15; mkdir -p $W/ab $W/rep; snap() { tar czf $OUT/run.tgz -C $W .; }
A=.device-run/A/vit-attn; D=.device-run/D/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
VL="--heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --head-size 64,72,80,128 --layout fused"
c D_up $D check --device gpu --backend fa-upstream; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c D_native $D check --device gpu --backend fa-native
c D_varlen $D check --device gpu --backend fa-upstream $VL
VIT_ATTN_SM90_CLUSTER=2 c D2_up $D check --device gpu --backend fa-upstream
VIT_ATTN_SM90_CLUSTER=2 c D2_varlen $D check --device gpu --backend fa-upstream $VL; snap
SAN="check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,128 --layout fused"
for cl in 1 2; do for tool in memcheck racecheck; do VIT_ATTN_SM90_CLUSTER=$cl timeout 90 compute-sanitizer --tool $tool --error-exitcode 9 $D $SAN > $W/san_c${cl}_$tool.txt 2>&1; echo "sanitizer cluster $cl $tool exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_c${cl}_$tool.txt | tail -1)"; done; done; snap
bn() { local v=$1 bin=$2 b=$3 s=$4 d=$5 dir=$6; timeout 30 $bin bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-upstream --device gpu --json $W/$dir/$v-b${b}s$s.json > /dev/null 2>>$W/bench.err; }
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 32,729; do b=${bs%,*}; s=${bs#*,}
 bn A $A $b $s 64,72,80,128 ab; bn D $D $b $s 64,72,80,128 ab
 VIT_ATTN_SM90_CLUSTER=1 bn D1 $D $b $s 72 ab; VIT_ATTN_SM90_CLUSTER=2 bn D2 $D $b $s 72 ab; done; snap
for r in 1 2 3; do for v in A D; do bin=.device-run/$v/vit-attn; bn $v$r $bin 2 1024 72,80 rep; done; done; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,64 8,4096,16,72 8,4096,16,80 8,4096,16,128 32,729,16,72 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; python3 scripts/tile_table.py $W/rep $W/torch.json > $W/rep_table.txt; snap; cat $W/ab_table.txt $W/rep_table.txt
