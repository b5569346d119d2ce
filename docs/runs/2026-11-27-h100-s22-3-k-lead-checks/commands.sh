# Session 22, call 3 (H100): N = the build to land (K a block ahead of V where the K and V rings are two stages deep, kKLead; deeper rings load as before). Checks and sanitizers of N as in s21-3; P (main, ee442bb) and N, three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w223; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/N/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt), of them inf/nan: $(grep FAIL $W/check_$tag.txt | grep -c inf/nan)"; }
T=280 c N_all $X check --device gpu
for n in 2 3 4; do c N_native_c$n VIT_ATTN_SM90_CONSUMERS=$n $X check --device gpu --backend fa-native; c N_up_c$n VIT_ATTN_SM90_CONSUMERS=$n $X check --device gpu --backend fa-upstream; done
c N_native_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-native
c N_up_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-upstream
c N_native_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c N_native_c4_split VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
snap
c N_s577 $X check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 64 --dtype bf16,f16 --non-finite-seq 5
c N_s577_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 64 --dtype bf16 --non-finite-seq 5
c N_s1025 $X check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c N_s1025_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c N_s729_up $X check --device gpu --backend fa-upstream --batch 32 --seqlen 729 --heads 16 --head-size 72 --dtype bf16 --non-finite-seq 7
c N_varlen $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64,128 --dtype bf16,f16 --non-finite-seq 3
c N_fused_fixed $X check --device gpu --backend fa-native --batch 4 --seqlen 300 --heads 4 --head-size 64,128 --layout fused --non-finite-seq 2
snap
for S in "--seqlens 130,33,257,64" "--batch 3 --seqlen 200" "--seqlens 200,90,200,129"; do tag=$(echo $S | tr -dc 'a-z0-9'); for tool in memcheck racecheck synccheck; do timeout 150 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-native $S --heads 3 --head-size 64,128 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_$tag.txt 2>&1; echo "$tool $tag exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_$tag.txt | tr '\n' ' ')"; done; done
timeout 150 env VIT_ATTN_SM90_CONSUMERS=4 compute-sanitizer --tool racecheck --error-exitcode 9 $X check --device gpu --backend fa-native --seqlens 130,33,257,64 --heads 3 --head-size 64 --dtype bf16 --non-finite-seq 1 > $W/san_racecheck_c4.txt 2>&1; echo "racecheck c4 exit $?: $(grep -E '^check:|SUMMARY' $W/san_racecheck_c4.txt | tr '\n' ' ')"
for tool in memcheck racecheck synccheck; do timeout 150 env VIT_ATTN_SM90_CLUSTER=2 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-upstream --seqlens 130,33,257,64 --heads 3 --head-size 72 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_pair72.txt 2>&1; echo "$tool pair d72 exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_pair72.txt | tr '\n' ' ')"; done
snap
bn() { local tag=$1 bin=$2 be=$3 shape=$4 h=$5 d=$6; local sh; IFS=, read b s <<< "$shape"; if [ -z "$s" ]; then sh="--seqlens ${shape//:/,}"; else sh="--batch $b --seqlen $s"; fi; timeout 60 .device-run/$bin/vit-attn bench $sh --head-size $d --dtype bf16 --backend $be --device gpu --heads $h --json $W/ab/$tag-${shape//[,:]/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in fa-native/16,257/16/64 fa-native/32,577/16/64 fa-native/8,1025/25/128 fa-upstream/32,729/16/72 fa-upstream/2,2048/16/72 fa-native/2,2048/16/64 fa-native/1,4096/16/128 fa-native/1025:513:257:769:1025:385:641:129/16/128 fa-native/577:577:257:197:1025:577:65:577/16/64 fa-native/1,1024/16/64 fa-native/2,2048/16/128 fa-native/1,2048/16/64 fa-native/1,1024/16/128 fa-native/2,1024/16/64; do IFS=/ read be shape h d <<< "$x"; bn $v$r $v $be $shape $h $d; done; }
for r in 1 2 3; do case $r in 1) o="P N";; 2) o="N P";; 3) o="P N";; esac; for v in $o; do one $v $r; done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; snap; rm -rf .device-run/P .device-run/N
