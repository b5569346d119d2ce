# Session 16, call 5 (H100): M = main before session 16 (8f57c4f), N = main as landed (f7604b3: the tail split). The device script's new check-kv-split step on N; fa-upstream's shapes of BENCH.md's grid (d=72, 80; b 1/2, s 1024/2048/4096; SigLIP b=32 s=729 d=72; Qwen2-VL b=8 s=1024 d=80), M and N interleaved, two repetitions, torch in the same call; select at head sizes 64 and 72 on N.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w165; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
B=.device-run/N STEPS="check-kv-split" OUT=$W bash scripts/device-run.sh 2>&1 | tail -8
for h in 64 72; do .device-run/N/vit-attn select --head-size $h --dtype bf16 > $W/select_$h.txt 2>&1; echo "select $h exit $?"; done
A="32,729,16,72 8,1024,16,80"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096; do for d in 72 80; do A="$A ${bs%,*},${bs#*,},16,$d"; done; done
timeout 200 python3 scripts/torch_shapes.py .device-run $W/torch.json $A --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend fa-upstream --device gpu --heads 16 --json $W/ab/$1$2-b$3s$4d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in M N; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096; do bn $v $r ${bs%,*} ${bs#*,} 72,80; done; bn $v $r 32 729 72; bn $v $r 8 1024 80; done; snap; done
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-200 $W/ab_table.txt; head -30 $W/select_64.txt
rm -rf .device-run/M .device-run/N
