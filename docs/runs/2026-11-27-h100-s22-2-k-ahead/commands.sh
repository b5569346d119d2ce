# Session 22, call 2 (H100): K = the producer's K loads run a block ahead of its V loads (separate K and V rings; each K no longer waits for the V stage before it), against P (main, ee442bb). s22-1's d=128 stall samples put 8 % of the step loop's samples on the consumers' K-stage waits. Checks of K (fa-native, fa-upstream, pairs, the isolation pack); P and K timed, three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w222; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/K/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
c K_native $X check --device gpu --backend fa-native
c K_up $X check --device gpu --backend fa-upstream
c K_up_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-upstream
c K_iso $X check --device gpu --backend fa-native --seqlens 200,90,200,129 --heads 3 --head-size 64,128 --dtype bf16 --non-finite-seq 1
snap
bn() { local tag=$1 bin=$2 be=$3 shape=$4 h=$5 d=$6; IFS=, read b s <<< "$shape"; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend $be --device gpu --heads $h --json $W/ab/$tag-${shape//,/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in fa-native/1,2048/16/128 fa-native/2,1024/16/128 fa-native/2,2048/16/128 fa-native/1,4096/16/128 fa-native/8,4096/16/128 fa-native/1,1024/16/128 fa-native/8,1025/25/128 fa-native/1,1024/16/64 fa-native/1,2048/16/64 fa-native/2,2048/16/64 fa-native/8,4096/16/64 fa-native/32,577/16/64 fa-upstream/2,2048/16/72; do IFS=/ read be shape h d <<< "$x"; bn $v$r $v $be $shape $h $d; done; }
for r in 1 2 3; do case $r in 1) o="P K";; 2) o="K P";; 3) o="P K";; esac; for v in $o; do one $v $r; done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; snap; rm -rf .device-run/P .device-run/K
