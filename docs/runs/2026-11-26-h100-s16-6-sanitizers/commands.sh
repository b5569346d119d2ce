# Session 16, call 6 (H100): the device script's sanitizer step (memcheck and racecheck on its fa-upstream, fa-native, forced tail split and memeff subsets) on main as landed (N: f7604b3's build; the later commits changed tests and notes only).
for f in .device-run/pk/N.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w166; mkdir -p $W; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
B=.device-run/N STEPS="sanitizer" OUT=$W timeout 540 bash scripts/device-run.sh 2>&1 | grep -E "exit|done at" ; tar czf $OUT/run.tgz -C $W .
grep -E "^==|ERROR SUMMARY|RACECHECK SUMMARY|^check:" $W/sanitizer.txt | paste - - - | cut -c1-230
rm -rf .device-run/N
