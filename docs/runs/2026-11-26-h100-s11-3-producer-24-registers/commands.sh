# Session 11, call 3 (H100): P = main + producer at 24 registers where two consumers keep two packed P sets (d=104..128), so the consumers get 240 (d=128 spills 60 bytes, was 80; d=120 32, was 56); N = main (387189a). Checks of P; d=128 shapes (7 of BENCH.md's grid + b=4 s=16384 + b=8 s=1025 h=25) and fa-upstream d=120/112 small grids, N/P interleaved, two repetitions; torch in the same call (graph-mode ceiling too).
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w113; mkdir -p $W/ab $W/ex; snap() { tar czf $OUT/run.tgz -C $W .; }; F=.device-run/P/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 90 "$@" > $W/check_$tag.txt 2>&1; local r=$?; echo "check $tag exit $r: $(grep '^check:' $W/check_$tag.txt | tail -1)"; return $r; }
c native $F check --device gpu --backend fa-native; [ $? = 124 ] && { echo "hang: stop"; snap; exit 1; }
c up $F check --device gpu --backend fa-upstream
for sc in 30 -3; do c scale$sc $F check --device gpu --heads 4 --kv-heads 2 --seqlens 1,130,2000,257,64,700,1500 --head-size 104,112,120,128 --dtype bf16,f16 --scale $sc; done; snap
bn() { timeout 90 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size $5 --dtype bf16 --backend $6 --device gpu --heads $7 --json $W/$8/$1$2-b$3s$4h$7d${5//,/_}.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for v in N P; do for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 4,16384; do bn $v $r ${bs%,*} ${bs#*,} 128 fa-native 16 ab; done; bn $v $r 8 1025 128 fa-native 25 ab; bn $v $r 2 1024 112,120 fa-upstream 16 ex; bn $v $r 1 2048 112,120 fa-upstream 16 ex; done; snap; done
A="8,1025,25,128"; for bs in 1,1024 2,1024 1,2048 2,2048 1,4096 2,4096 8,4096 4,16384; do A="$A ${bs%,*},${bs#*,},16,128"; done
timeout 150 python3 scripts/torch_shapes.py .device-run $W/torch.json --ceiling $A 2,1024,16,112 2,1024,16,120 1,2048,16,112 1,2048,16,120 --backends flash,cudnn > $W/torch.txt 2>&1; echo "torch exit $?"
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/ab_table.txt; python3 scripts/tile_table.py $W/ex $W/torch.json > $W/ex_table.txt; snap
grep -c "failed the sampled" $W/bench.err; cut -c1-150 $W/ab_table.txt; cut -c1-120 $W/ex_table.txt | tail -8
rm -rf .device-run/N .device-run/P
