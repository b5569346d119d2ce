# Session 13, call 3 (H100): why s13-1/s13-2's S-ahead kernels are slow. ncu warp-stall ratios of F (main) and B1 (S ahead, turn passed after the softmax) at d=64 b=1 s=2048 h=16, one launch each; the kernels' code sizes differ (F 63.5 KB, B1 107 KB .text).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w133; mkdir -p $W; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
M='regex:^smsp__average_warps_issue_stalled_.*_per_issue_active\.ratio$,gpu__time_duration.sum,smsp__inst_executed.sum,smsp__cycles_active.avg,sm__pipe_tensor_op_gmma_cycles_active.avg.pct_of_peak_sustained_active,smsp__inst_executed_pipe_xu.avg.pct_of_peak_sustained_active'
for v in F B1; do timeout 150 ncu --clock-control none --kernel-name regex:tma --launch-skip 3 --launch-count 1 --metrics "$M" .device-run/$v/vit-attn bench --batch 1 --seqlen 2048 --head-size 64 --dtype bf16 --backend fa-native --device gpu > $W/ncu_$v.txt 2>&1; echo "ncu $v exit $?"; done; snap
python3 - $W <<'PY'
import sys,re,glob
rows={}
for f in sorted(glob.glob(sys.argv[1]+'/ncu_*.txt')):
    v=f.split('ncu_')[1][:-4]
    for line in open(f):
        m=re.match(r'\s+(\S+)\s+(\S+)\s+([\d.,]+)\s*$',line)
        if m: rows.setdefault(m.group(1),{})[v]=m.group(3)
for k in sorted(rows):
    vals=rows[k]
    if any(float(x.replace(',',''))>0.05 for x in vals.values()): print(k.replace('smsp__average_warps_issue_stalled_','stall_').replace('_per_issue_active.ratio','').ljust(60), '  '.join(f"{v}={vals[v]}" for v in sorted(vals)))
PY
rm -rf .device-run/F .device-run/B1
