# Session 24, call 2 (H100): T = the row sums on the tensor cores where P is packed at once into two sets (two consumers, d=104..128): an m64n8k16 wgmma of P times 256 bytes of ones beside each P·V k-step; the running-max check by an integer max over P's bits (VIMNMX3) instead of the sums' FADD. Checks of T (every backend, forced tiles, pairs, split, sharp scales that force the redo, isolation packs, sanitizers); P (main, c2b5b51) and T timed, three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w242; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/T/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
T=280 c T_all $X check --device gpu
c T_up_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-upstream
c T_native_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
for sc in 8 30 -8; do c T_scale$sc $X check --device gpu --backend fa-native --seqlens 1025,513,257,769,129,385 --heads 4 --head-size 128,96,64 --dtype bf16,f16 --scale $sc; c T_scale${sc}_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native --batch 3 --seqlen 1100 --heads 5 --head-size 128 --dtype bf16 --scale $sc; done
c T_up_scale8 $X check --device gpu --backend fa-upstream --seqlens 1025,513,129 --heads 4 --head-size 104,112,120 --dtype bf16,f16 --scale 8
c T_s1025 $X check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c T_s1025_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c T_varlen $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 128 --dtype bf16,f16 --non-finite-seq 3
snap
for tool in memcheck racecheck synccheck; do timeout 150 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-native --seqlens 130,33,257,64 --heads 3 --head-size 128 --dtype bf16 --non-finite-seq 1 > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
snap
bn() { local tag=$1 bin=$2 shape=$3 h=$4 d=$5; local sh; IFS=, read b s <<< "$shape"; if [ -z "$s" ]; then sh="--seqlens ${shape//:/,}"; else sh="--batch $b --seqlen $s"; fi; timeout 60 .device-run/$bin/vit-attn bench $sh --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-${shape//[,:]/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in 1,1024/16/128 2,1024/16/128 1,2048/16/128 2,2048/16/128 1,4096/16/128 2,4096/16/128 8,4096/16/128 8,1025/25/128 1025:513:257:769:1025:385:641:129/16/128 2,2048/16/64; do IFS=/ read shape h d <<< "$x"; bn $v$r $v $shape $h $d; done; }
for r in 1 2 3; do case $r in 1) o="P T";; 2) o="T P";; 3) o="P T";; esac; for v in $o; do one $v $r; done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; snap; rm -rf .device-run/P .device-run/T
