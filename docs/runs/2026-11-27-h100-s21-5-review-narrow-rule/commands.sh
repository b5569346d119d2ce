# Session 21, call 5 (H100): R = the landed build with the narrow-last-block rule in one helper (review mend; SASS differs from M's only in the polarity of four selects and compares a kernel). Checks of R: every backend, fa-native and fa-upstream with the split and pairs forced, the isolation packs.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w215; mkdir -p $W; X=.device-run/R/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout ${T:-150} env "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1) | failed: $(grep -c FAIL $W/check_$tag.txt)"; }
T=280 c R_all $X check --device gpu
c R_native_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c R_native_c4_split VIT_ATTN_SM90_CONSUMERS=4 VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native
c R_up_pair VIT_ATTN_SM90_CLUSTER=2 $X check --device gpu --backend fa-upstream
c R_s1025_split VIT_ATTN_SM90_KV_SPLIT=1 $X check --device gpu --backend fa-native --batch 8 --seqlen 1025 --heads 25 --head-size 128 --dtype bf16 --non-finite-seq 3
c R_varlen $X check --device gpu --backend fa-native --seqlens 577,513,640,65,700,1,129,257 --heads 4 --head-size 64,128 --dtype bf16,f16 --non-finite-seq 3
tar czf $OUT/run.tgz -C $W .; rm -rf .device-run/R
