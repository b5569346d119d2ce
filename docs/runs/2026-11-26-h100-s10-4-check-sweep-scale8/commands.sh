# Session 10, call 4 (H100): G = the landed build (F of s10-3) with check's built-in sweep now also at scale 8 (the running-max softmax's redo path): the whole built-in sweep, every backend, on the GPU.
gunzip -c .device-run/pk/G.gz > /tmp/vit-attn && chmod +x /tmp/vit-attn
W=/tmp/w104; mkdir -p $W; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
timeout 200 /tmp/vit-attn check --device gpu > $W/check_sweep.txt 2>&1; echo "check sweep exit $?: $(grep '^check:' $W/check_sweep.txt | tail -1)"
grep -c 'scale=8 ' $W/check_sweep.txt; grep -v ' ok$' $W/check_sweep.txt | grep -v skipped | head -20; cp $W/* $OUT/
