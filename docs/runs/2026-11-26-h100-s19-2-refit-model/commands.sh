# Session 19, call 2 (H100): the refitted tile model (N: a narrow last key block counted as its step, four consumers' row cost 34; kernels byte-identical to main's) against main (L): torch in the same call, all 17 BENCH.md d=64/128 shapes, three interleaved repetitions (b=4 s=16384 in the first only), torch-cudnn again at the end; ViT lengths whose tile changes or must not; SM clock and power logged throughout.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w192; mkdir -p $W/ab $W/vit; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 250 > $W/smi.csv 2>&1 & SMI=$!
.device-run/N/vit-attn select --head-size 64 --dtype bf16 > $W/select.txt 2>&1; .device-run/N/vit-attn select --head-size 72 --dtype bf16 >> $W/select.txt 2>&1
timeout 120 .device-run/N/vit-attn check --device gpu --backend fa-native > $W/check_native.txt 2>&1; echo "check native exit $?: $(grep '^check:' $W/check_native.txt | tail -1)"
timeout 60 .device-run/N/vit-attn check --device gpu --backend fa-native --batch 32 --seqlen 577 --heads 16 --head-size 64 --dtype bf16,f16 > $W/check_577.txt 2>&1; echo "check s577 exit $?: $(grep '^check:' $W/check_577.txt | tail -1)"
A="4,16384,16,128 32,577,16,64 8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do for d in 64 128; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 220 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-native --device gpu --heads $6 --json $W/ab/$1$2-b$3s$4h$6d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2 3; do for v in N L; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096; do bn $v $r ${bs%,*} ${bs#*,} 64,128 16; done; bn $v $r 32 577 64 16; bn $v $r 8 1025 128 25; [ $r = 1 ] && bn $v $r 4 16384 128 16; done; snap; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch2.json $A --backends cudnn > $W/torch2.txt 2>&1; echo "torch2 exit $?"
vb() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64 --dtype bf16 --backend fa-native --device gpu --heads 16 --json $W/vit/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in N L; do for bs in 16,577 64,577 32,257 8,1025 1,197 8,197; do vb $v $r ${bs%,*} ${bs#*,}; done; done; done
kill $SMI
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; python3 scripts/tile_table.py $W/ab $W/torch2.json > $W/ab_table_torch2.txt 2>&1
python3 - $W/vit > $W/vit_table.txt <<'PY'
import json,glob,sys,collections
t=collections.defaultdict(dict)
for f in glob.glob(sys.argv[1]+"/*.json"):
    tag=f.split('/')[-1].split('-')[0]
    d=json.load(open(f)); rows=d["rows"] if isinstance(d,dict) else d
    for r in rows: t[r["shape"]][tag]=r["gpu_us"]
tags=sorted({k for v in t.values() for k in v})
print("shape".ljust(26)+"".join(x.rjust(8) for x in tags))
for s in sorted(t): print(s.ljust(26)+"".join((("%.1f"%t[s][x]) if x in t[s] else "-").rjust(8) for x in tags))
PY
snap; echo "bench sampled-check failures: $(grep -c 'failed the sampled' $W/bench.err)"; cat $W/select.txt | grep -i "pick\|chose\|select" | head -4
cut -c1-150 $W/ab_table.txt; grep "vs torch-cudnn" $W/ab_table_torch2.txt; cat $W/vit_table.txt
rm -rf .device-run/N .device-run/L
