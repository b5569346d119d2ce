# Session 5, call 4 (H100): A = main (0102916); E = pair kernels (kCluster = 2, compile time) for head sizes not a multiple of 16, chosen by choose_cluster; single kernels SASS-identical to A's.
W=/tmp/w16; mkdir -p $W/ab $W/rep $W/pairs; snap() { tar czf $OUT/run.tgz -C $W .; }
A=.device-run/A/vit-attn; E=.device-run/E/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
VL="--heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --layout fused --head-size"
c up $E check --device gpu --backend fa-upstream; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c native $E check --device gpu --backend fa-native
c varlen $E check --device gpu --backend fa-upstream $VL 40,56,64,72,80,88,104,128,136,248
VIT_ATTN_SM90_CLUSTER=1 c varlen_single $E check --device gpu --backend fa-upstream $VL 40,72,88,248; snap
SAN="check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,88 --layout fused"
for tool in memcheck racecheck; do timeout 90 compute-sanitizer --tool $tool --error-exitcode 9 $E $SAN > $W/san_$tool.txt 2>&1; echo "sanitizer $tool exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$tool.txt | tail -1)"; done
{ timeout 20 $E select --head-size 72 --dtype bf16; VIT_ATTN_DISABLE=fa-upstream timeout 20 $E select --head-size 72 --dtype bf16; } > $W/select.txt 2>&1; snap
bn() { local v=$1 bin=$2 b=$3 s=$4 d=$5 dir=$6; timeout 30 $bin bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-upstream --device gpu --json $W/$dir/$v-b${b}s$s.json > /dev/null 2>>$W/bench.err; }
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 32,729; do b=${bs%,*}; s=${bs#*,}
 bn A $A $b $s 72 ab; bn E $E $b $s 64,72,80,128 ab; done; snap
for r in 1 2 3; do for v in A E; do bn $v$r .device-run/$v/vit-attn 2 1024 72 rep; done; done; snap
for bs in 2,1024 1,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; VIT_ATTN_SM90_CLUSTER=1 bn single $E $b $s 40,56,88,104 pairs; bn auto $E $b $s 40,56,88,104 pairs; done; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,64 8,4096,16,72 8,4096,16,80 8,4096,16,128 32,729,16,72 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
for t in ab rep pairs; do python3 scripts/tile_table.py $W/$t $W/torch.json > $W/${t}_table.txt; done; snap; cat $W/select.txt | grep -v "^\s*$" | head -20; cat $W/ab_table.txt $W/rep_table.txt $W/pairs_table.txt
