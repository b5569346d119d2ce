# Session 5, call 1: A = main (0102916); B = two-block clusters sharing K/V by TMA multicast (VIT_ATTN_SM90_CLUSTER=1|2 forces the cluster size).
W=/tmp/w13; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
A=.device-run/A/vit-attn; B=.device-run/B/vit-attn
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $W/gpu.txt; cat $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
VIT_ATTN_SM90_CLUSTER=2 c B2_up $B check --device gpu --backend fa-upstream; [ $? = 124 ] && { echo "pairs hang: stop"; snap; exit 1; }
VIT_ATTN_SM90_CLUSTER=2 c B2_native $B check --device gpu --backend fa-native
VIT_ATTN_SM90_CLUSTER=2 c B2_varlen $B check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --head-size 64,72,80,128 --layout fused
c B1_up $B check --device gpu --backend fa-upstream
c B1_native $B check --device gpu --backend fa-native
c B1_varlen $B check --device gpu --backend fa-upstream --heads 16 --kv-heads 4 --seqlens 1,130,2000,257,64,700,5,1500 --head-size 64,72,80,128 --layout fused; snap
for tool in memcheck racecheck; do VIT_ATTN_SM90_CLUSTER=2 timeout 90 compute-sanitizer --tool $tool --error-exitcode 9 $B check --device gpu --backend fa-upstream --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500 --head-size 64,72,128 --layout fused > $W/san2_$tool.txt 2>&1; echo "sanitizer pairs $tool exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san2_$tool.txt | tail -1)"; done; snap
for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do b=${bs%,*}; s=${bs#*,}; n=b${b}s$s
 timeout 30 $A bench --batch $b --seqlen $s --head-size 64,72,80,128 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/A-$n.json > /dev/null 2>>$W/bench.err
 for cl in 1 2; do VIT_ATTN_SM90_CLUSTER=$cl timeout 30 $B bench --batch $b --seqlen $s --head-size 64,72,80,128 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/B$cl-$n.json > /dev/null 2>>$W/bench.err; done; done; snap
for cl in 1 2; do VIT_ATTN_SM90_CLUSTER=$cl timeout 20 $B bench --batch 32 --seqlen 729 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/B$cl-b32s729.json >/dev/null 2>>$W/bench.err; done
timeout 20 $A bench --batch 32 --seqlen 729 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/A-b32s729.json >/dev/null 2>>$W/bench.err; snap
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json 1,1024,16,64 1,1024,16,72 1,1024,16,80 1,1024,16,128 2,1024,16,64 2,1024,16,72 2,1024,16,80 2,1024,16,128 1,2048,16,64 1,2048,16,72 1,2048,16,80 1,2048,16,128 2,2048,16,64 2,2048,16,72 2,2048,16,80 2,2048,16,128 1,4096,16,64 1,4096,16,72 1,4096,16,80 1,4096,16,128 2,4096,16,64 2,4096,16,72 2,4096,16,80 2,4096,16,128 8,4096,16,64 8,4096,16,72 8,4096,16,80 8,4096,16,128 32,729,16,72 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; cat $W/ab_table.txt
