# Session 10, call 5 (H100): F = main (03c3504, the landed build); V = F + the running-max softmax on the three-consumer tiles too (P in place of S; a redo re-issues S on the tensor cores, voted by the warpgroup with bar.red.and; the K stage released after the softmax). Checks (V) on grids that run three consumers, at scales that force the redo; d=64 three-consumer shapes and SigLIP d=72, two interleaved repetitions; torch in the same call.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w105; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; V=.device-run/V/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $V check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $V check --device gpu --backend fa-upstream
for sc in 30 -3 0.125; do c c3_scale$sc $V check --device gpu --batch 2 --seqlen 2048 --heads 16 --head-size 32,48,64,72 --dtype bf16 --scale $sc; done
c c3_fused $V check --device gpu --batch 2 --seqlen 2000 --heads 16 --kv-heads 4 --head-size 64,72 --dtype f16 --layout fused --scale 8; snap
bn() { timeout 40 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads 16 --json $W/ab/$1$2-b$3s$4d$5.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 2,2048 1,4096 2,4096 8,4096; do for v in V F; do bn $v $r ${bs%,*} ${bs#*,} 64 fa-native; done; done; for v in V F; do bn $v $r 32 729 72 fa-upstream; done; snap; done
timeout 60 python3 scripts/torch_shapes.py .device-run $W/torch.json 2,2048,16,64 1,4096,16,64 2,4096,16,64 8,4096,16,64 32,729,16,72 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cat $W/ab_table.txt | cut -c1-150
rm -rf .device-run/V .device-run/F
