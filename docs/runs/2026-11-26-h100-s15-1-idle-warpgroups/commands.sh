# Session 15, call 1 (H100): L = main (6e76d2f), E = idle warpgroups skip a tile's steps (a consumer whose 64 rows all lie past the sequence's end keeps the turns and releases the stages, computing only the tile's first block and last P·V). Checks of E (fa-native, fa-upstream, uneven varlen with partial tiles, forced 3 and 2 consumers; synccheck and racecheck), all 17 BENCH.md shapes L and E interleaved, two repetitions, torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w151; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/E/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 120 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $X check --device gpu --backend fa-native; c up $X check --device gpu --backend fa-upstream
c varlen $X check --device gpu --backend fa-native --heads 16 --kv-heads 2 --seqlens 64,1,193,1024,320,17,577,1025,257,129,385 --layout fused --head-size 32,64,96,128,160,256
VIT_ATTN_SM90_CONSUMERS=3 c forced3 $X check --device gpu --backend fa-upstream --heads 4 --seqlens 700,577,257,65,193,1,385 --head-size 40,64,72
VIT_ATTN_SM90_CONSUMERS=2 c forced2 $X check --device gpu --backend fa-native --heads 4 --seqlens 1025,130,65,1,200 --head-size 32,64,128
for t in synccheck racecheck; do timeout 100 compute-sanitizer --tool $t --error-exitcode 9 $X check --device gpu --backend fa-native --heads 8 --kv-heads 2 --seqlens 1,130,700,257,64,1500,128,577 --head-size 32,64,128 --layout fused > $W/san_$t.txt 2>&1; echo "$t exit $?: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $W/san_$t.txt)"; done
snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in L E; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 4 16384 128 16; done; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-230 $W/ab_table.txt
rm -rf .device-run/L .device-run/E
