# Session 18, call 3 (H100): the build to land. M = main (6fbfa8c); N = d=64's four-consumer tile (256 rows, 64-key stages) chosen by the cost model (b=1 s=2048/4096, b=2 s=1024/2048 at h=16). Checks (auto, forced four consumers, forced split), sanitizers on the four-consumer tile, select, torch in the same call, all 17 BENCH.md d=64/128 shapes M/N twice interleaved.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w183; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/N/vit-attn; C4=VIT_ATTN_SM90_CONSUMERS=4
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 100 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_auto $X check --device gpu --backend fa-native
c native_c4 $C4 $X check --device gpu --backend fa-native
c native_c4_forced_split $C4 VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c native_forced_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c up_auto $X check --device gpu --backend fa-upstream
c up_c4 $C4 $X check --device gpu --backend fa-upstream
c auto_c4_shapes $X check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 16 --head-size 64 --dtype bf16,f16
c auto_b2s1024 $X check --device gpu --backend fa-native --batch 2 --seqlen 1024 --heads 16 --head-size 64 --dtype bf16
S="$X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64 --dtype bf16,f16"
for tool in memcheck racecheck synccheck; do timeout 150 env $C4 compute-sanitizer --tool $tool --error-exitcode 9 $S > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
for d in 64 72; do timeout 30 $X select --head-size $d --dtype bf16 > $W/select_d$d.txt 2>&1; echo "select $d exit $?: $(head -c 300 $W/select_d$d.txt | tr '\n' '|')"; done
snap
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 220 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M N; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; bn $v $r 4 16384 128 16; done; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"; cut -c1-200 $W/ab_table.txt
rm -rf .device-run/M .device-run/N
