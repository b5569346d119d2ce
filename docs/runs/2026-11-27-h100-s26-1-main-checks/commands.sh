# Session 26, call 1 (H100): main as it stands (1d315ae, H: release build of HEAD) for issue 5's closing checks. Every backend's check, fa-native's with two, three and four consumers forced and with the tail split forced, fa-upstream with three; memcheck, racecheck and synccheck on uneven packs with a non-finite sequence (d=64 and 128), racecheck on four consumers, memcheck and racecheck on forced pairs at d=72; select at head sizes 64 and 72.
mkdir -p .device-run/H && gunzip -c .device-run/pk/H.gz > .device-run/H/vit-attn && chmod +x .device-run/H/vit-attn; X=.device-run/H/vit-attn
W=/tmp/w261; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt; nvidia-smi --query-gpu=uuid,serial,pci.bus_id,power.limit,clocks.max.sm --format=csv | tee $W/card.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
c H_all $X check --device gpu
c H_native $X check --device gpu --backend fa-native
for n in 2 3 4; do c H_native_c$n VIT_ATTN_SM90_CONSUMERS=$n $X check --device gpu --backend fa-native; done
c H_native_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c H_up_c3 VIT_ATTN_SM90_CONSUMERS=3 $X check --device gpu --backend fa-upstream
snap
for S in "--seqlens 130,33,257,64" "--seqlens 200,90,200,129"; do tag=$(echo $S | tr -dc 'a-z0-9'); for tool in memcheck racecheck synccheck; do timeout 150 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-native $S --heads 3 --head-size 64,128 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_$tag.txt 2>&1; echo "$tool $tag exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_$tag.txt | tr '\n' ' ')"; done; done
timeout 150 env VIT_ATTN_SM90_CONSUMERS=4 compute-sanitizer --tool racecheck --error-exitcode 9 $X check --device gpu --backend fa-native --seqlens 130,33,257,64 --heads 3 --head-size 64 --dtype bf16 --non-finite-seq 1 > $W/san_racecheck_c4.txt 2>&1; echo "racecheck c4 exit $?: $(grep -E '^check:|SUMMARY' $W/san_racecheck_c4.txt | tr '\n' ' ')"
for tool in memcheck racecheck; do timeout 150 env VIT_ATTN_SM90_CLUSTER=2 compute-sanitizer --tool $tool --error-exitcode 9 $X check --device gpu --backend fa-upstream --seqlens 130,33,257,64 --heads 3 --head-size 72 --dtype bf16 --non-finite-seq 1 > $W/san_${tool}_pair72.txt 2>&1; echo "$tool pair d72 exit $?: $(grep -E '^check:|SUMMARY' $W/san_${tool}_pair72.txt | tr '\n' ' ')"; done
for d in 64 72; do timeout 30 $X select --head-size $d --dtype bf16 > $W/select_d$d.txt 2>&1; echo "select $d exit $?: $(head -c 400 $W/select_d$d.txt | tr '\n' '|')"; done
snap
rm -rf .device-run/H
