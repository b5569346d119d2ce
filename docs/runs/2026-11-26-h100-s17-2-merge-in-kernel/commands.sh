# Session 17, call 2 (H100): M = main (0e885e9); N = the tail split merged in the forward kernel by each cut tile's last piece to arrive (per-warp acq_rel counts), no combine kernel; F = N forced (VIT_ATTN_SM90_KV_SPLIT=1), F3 = F on three consumers. Checks auto and forced, sanitizers on forced splits, bench's sampled check stressed on forced splits, then timings for the model's refit.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w172; mkdir -p $W/ab $W/stress; snap() { tar czf $OUT/run.tgz -C $W .; }; X=.device-run/N/vit-attn; FS=VIT_ATTN_SM90_KV_SPLIT=1; C3=VIT_ATTN_SM90_CONSUMERS=3
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 100 env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native_auto VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-native
c native_forced $FS $X check --device gpu --backend fa-native
c up_forced $FS $X check --device gpu --backend fa-upstream
c split_b2s1000 $FS $X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64,128
c split_b1s1024 $FS $X check --device gpu --backend fa-native --batch 1 --seqlen 1024 --heads 16 --head-size 64,128
c split_b1s2048 $FS $X check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 16 --head-size 32,64,96,128
c split3_b1s2048 $FS $C3 $X check --device gpu --backend fa-native --batch 1 --seqlen 2048 --heads 16 --head-size 32,64
c split3_b2s1024 $FS $C3 $X check --device gpu --backend fa-native --batch 2 --seqlen 1024 --heads 16 --head-size 64 --dtype bf16,f16
c split_fused_gqa $FS $X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 12 --kv-heads 4 --layout fused --head-size 64,128
c split_uniform_varlen $FS $X check --device gpu --backend fa-native --seqlens 777,777,777 --heads 8 --kv-heads 2 --head-size 64,128
c split_1025 $FS $X check --device gpu --backend fa-native --batch 3 --seqlen 1025 --heads 5 --head-size 64,128
c split_up $FS $X check --device gpu --backend fa-upstream --batch 1 --seqlen 3000 --heads 9 --head-size 48,80,112
c auto_b2s4096 VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-native --batch 2 --seqlen 4096 --heads 16 --head-size 64
c auto_b8s4096 VIT_ATTN_SM90_KV_SPLIT=auto $X check --device gpu --backend fa-native --batch 8 --seqlen 4096 --heads 16 --head-size 128 --dtype bf16
snap
S="$X check --device gpu --backend fa-native --batch 2 --seqlen 1000 --heads 3 --head-size 64,128 --dtype bf16"
S3="$X check --device gpu --backend fa-native --batch 1 --seqlen 1100 --heads 5 --head-size 64 --dtype bf16"
for tool in memcheck racecheck synccheck; do timeout 120 env $FS compute-sanitizer --tool $tool --error-exitcode 9 $S > $W/san_$tool.txt 2>&1; echo "$tool exit $?: $(grep -E '^check:|SUMMARY' $W/san_$tool.txt | tr '\n' ' ')"; done
timeout 120 env $FS $C3 compute-sanitizer --tool memcheck --error-exitcode 9 $S3 > $W/san_memcheck3.txt 2>&1; echo "memcheck 3c exit $?: $(grep -E '^check:|SUMMARY' $W/san_memcheck3.txt | tr '\n' ' ')"
snap
for r in 1 2; do for bs in 1,1024 2,1024 1,2048; do timeout 60 env $FS $X bench --batch ${bs%,*} --seqlen ${bs#*,} --head-size 64,128 --dtype bf16,f16 --backend fa-native --device gpu --heads 16 --json $W/stress/F$r-b${bs%,*}s${bs#*,}.json > /dev/null 2>>$W/stress.err; echo -n "$? "; done; done; echo "(stress exits)"
echo "stress sampled-check failures: $(grep -c 'failed the sampled' $W/stress.err)"
snap
bn() { local tag=$1 bin=$2 b=$3 s=$4 d=$5 h=$6; shift 6; timeout 90 env VIT_ATTN_SM90_KV_SPLIT=auto "$@" .device-run/$bin/vit-attn bench --batch $b --seqlen $s --head-size $d --dtype bf16 --backend fa-native --device gpu --heads $h --json $W/ab/$tag-b${b}s${s}h${h}d${d//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do
 for v in M N F F3; do
  [ $r = 2 ] && [ $v = F3 ] && continue
  bin=N; e=""; [ $v = M ] && bin=M; [ $v = F ] && e=$FS; [ $v = F3 ] && e="$FS $C3"
  for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do
   d=64,128; [ $v = F3 ] && d=64
   [ $r = 2 ] && [ ${bs#*,} != 4096 ] && continue
   bn $v$r $bin ${bs%,*} ${bs#*,} $d 16 $e
  done
  [ $v = F3 ] && { bn $v$r $bin 32 577 64 16 $e; continue; }
  [ $r = 1 ] && { bn $v$r $bin 32 577 64 16 $e; bn $v$r $bin 8 1025 128 25 $e; }
  bn $v$r $bin 4 16384 128 16 $e
 done; snap
done
echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"
python3 - $W/ab > $W/table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(9) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(9) for x in tags))
PY
cat $W/table.txt; snap
rm -rf .device-run/M .device-run/N
