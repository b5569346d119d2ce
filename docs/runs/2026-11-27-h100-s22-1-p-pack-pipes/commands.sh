# Session 22, call 1 (H100): I = P packed for P·V by an integer round (VIADDMNMX + PRMT, bf16 only) in place of F2FP, against P (main, ee442bb). Which pipe F2FP takes on sm_90 (ncu instruction counts by pipe, P and I, d=128 and d=64 b=1 s=2048); where d=128's warps stall (P, SASS-level samples); checks of I; P and I timed, three repetitions in rotating order.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w221; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
M=smsp__inst_executed.sum,smsp__inst_executed_pipe_xu.sum,smsp__inst_executed_pipe_alu.sum,smsp__inst_executed_pipe_fma.sum,smsp__inst_executed_pipe_fmaheavy.sum,smsp__inst_executed_pipe_fmalite.sum,smsp__inst_executed_pipe_uniform.sum,sm__inst_executed_pipe_xu.avg.pct_of_peak_sustained_active,sm__pipe_alu_cycles_active.avg.pct_of_peak_sustained_active,sm__pipe_fma_cycles_active.avg.pct_of_peak_sustained_active,sm__cycles_elapsed.avg,smsp__cycles_active.avg
for v in P I; do for d in 128 64; do timeout 90 ncu --clock-control none --kernel-name regex:tma --launch-skip 3 --launch-count 1 --metrics $M --section InstructionStats --print-details all .device-run/$v/vit-attn bench --batch 1 --seqlen 2048 --head-size $d --dtype bf16 --backend fa-native --device gpu > $W/ncu_${v}_d$d.txt 2>&1; echo "ncu $v d$d exit $?"; done; done
grep -E "inst_executed_pipe_xu.sum|inst_executed.sum |F2FP|MUFU" $W/ncu_*.txt | head -40
timeout 150 ncu --clock-control none --set full --import-source no --kernel-name regex:tma --launch-skip 3 --launch-count 1 -o $W/P128 .device-run/P/vit-attn bench --batch 1 --seqlen 2048 --head-size 128 --dtype bf16 --backend fa-native --device gpu > $W/P128.run.txt 2>&1; echo "ncu full exit $?"
timeout 90 ncu -i $W/P128.ncu-rep --page source --csv --print-source sass > $W/P128.source.csv 2>$W/P128.src.err; python3 .device-run/scripts/stall_summary.py $W/P128.source.csv 20 > $W/P128.stalls.txt 2>&1; rm -f $W/P128.ncu-rep; gzip $W/P128.source.csv; head -40 $W/P128.stalls.txt; snap
X=.device-run/I/vit-attn
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
c I_native $X check --device gpu --backend fa-native
c I_up $X check --device gpu --backend fa-upstream
c I_varlen $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64,128 --dtype bf16,f16 --non-finite-seq 3
snap
bn() { local tag=$1 bin=$2 be=$3 shape=$4 h=$5 d=$6; IFS=, read b s <<< "$shape"; timeout 60 .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend $be --device gpu --heads $h --json $W/ab/$tag-${shape//,/_}h${h}d$d.json > /dev/null 2>>$W/bench_$tag.err; }
one() { local v=$1 r=$2; for x in fa-native/1,2048/16/128 fa-native/2,1024/16/128 fa-native/2,2048/16/128 fa-native/1,4096/16/128 fa-native/1,1024/16/128 fa-native/1,1024/16/64 fa-native/1,2048/16/64 fa-native/2,2048/16/64 fa-native/32,577/16/64 fa-upstream/2,2048/16/72; do IFS=/ read be shape h d <<< "$x"; bn $v$r $v $be $shape $h $d; done; }
for r in 1 2 3; do case $r in 1) o="P I";; 2) o="I P";; 3) o="P I";; esac; for v in $o; do one $v $r; done; snap; done
echo "bench sampled-check failures: $(cat $W/bench_*.err | grep -c 'failed the sampled')"
python3 .device-run/ab_table.py $W/ab > $W/table.txt; cat $W/table.txt; snap; rm -rf .device-run/P .device-run/I
