# Session 25, call 6 (H100): N = the build to land (s25-4's K: a Q mbarrier per consumer, each warpgroup's 64 rows one TMA box, and the first piece's first K loaded ahead of its Q). Forced-tile checks, sanitizers as in s22-3, select; then N against torch-cudnn in pairs as in s23-3 (scripts/paired_torch.py, 17 shapes, three repetitions, torch-flash once).
mkdir -p .device-run/N && gunzip -c .device-run/pk/N.gz > .device-run/N/vit-attn && chmod +x .device-run/N/vit-attn; X=.device-run/N/vit-attn
W=/tmp/w256; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,serial,pci.bus_id,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
for n in 2 3 4; do c N_native_c$n VIT_ATTN_SM90_CONSUMERS=$n $X check --device gpu --backend fa-native; done
c N_up_c3 VIT_ATTN_SM90_CONSUMERS=3 $X check --device gpu --backend fa-upstream
c N_native_c4_split VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
for S in "--seqlens 130,33,257,64" "--seqlens 200,90,200,129"; do tag=$(echo $S | tr -dc 'a-z0-9'); for tool in memcheck racecheck synccheck; do timeout 150 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-native $S --heads 3 --head-size 64,128 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_$tag.txt 2>&1; echo "$tool $tag exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_$tag.txt | tr '\n' ' ')"; done; done
timeout 150 env VIT_ATTN_SM90_CONSUMERS=4 compute-sanitizer --tool racecheck --error-exitcode 9 $X check --device gpu --backend fa-native --seqlens 130,33,257,64 --heads 3 --head-size 64 --dtype bf16 --non-finite-seq 1 > $W/san_racecheck_c4.txt 2>&1; echo "racecheck c4 exit $?: $(grep -E '^check:|SUMMARY' $W/san_racecheck_c4.txt | tr '\n' ' ')"
for tool in memcheck racecheck; do timeout 150 env VIT_ATTN_SM90_CLUSTER=2 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-upstream --seqlens 130,33,257,64 --heads 3 --head-size 72 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_pair72.txt 2>&1; echo "$tool pair d72 exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_pair72.txt | tr '\n' ' ')"; done
for d in 64 72; do timeout 30 $X select --head-size $d --dtype bf16 > $W/select_d$d.txt 2>&1; echo "select $d exit $?: $(head -c 300 $W/select_d$d.txt | tr '\n' '|')"; done
snap
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 500 python3 .device-run/scripts/paired_torch.py $W/pairs --baseline .device-run --vit-attn $X $A --reps 3 --flash > $W/pairs.txt 2>&1; echo "pairs exit $?"
kill $SMI; snap
python3 .device-run/scripts/paired_torch.py $W/pairs --report | tail -24
rm -rf .device-run/N
