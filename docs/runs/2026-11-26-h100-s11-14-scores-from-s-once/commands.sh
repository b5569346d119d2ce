# Session 11, call 14 (H100): M = main (9d9803c) with the softmax's negate-and-mask of S written once (a lambda the three-consumer redo also calls) instead of twice; its SASS differs from F's in instruction selection and order (same counts). F = main. fa-native/fa-upstream checks of M (incl. negative scale, which the redo path negates again); d=64/128 shapes, two interleaved repetitions.
for f in .device-run/pk/*.gz; do v=$(basename $f .gz); mkdir -p .device-run/$v; gunzip -c $f > .device-run/$v/vit-attn; chmod +x .device-run/$v/vit-attn; done
W=/tmp/w1114; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }; M=.device-run/M/vit-attn
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee $W/gpu.txt
c() { local tag=$1; shift; timeout 60 "$@" > $W/check_$tag.txt 2>&1; echo "check $tag exit $?: $(grep '^check:' $W/check_$tag.txt | tail -1)"; }
c native $M check --device gpu --backend fa-native; c up $M check --device gpu --backend fa-upstream
c neg $M check --device gpu --batch 2 --seqlen 2000 --heads 16 --head-size 64,72,128 --dtype bf16 --scale -3
bn() { timeout 60 .device-run/$1/vit-attn bench --batch $3 --seqlen $4 --head-size 64,128 --dtype bf16 --backend fa-native --device gpu --json $W/ab/$1$2-b$3s$4.json > /dev/null 2>>$W/bench.err; }
for r in 1 2; do for bs in 1,1024 2,1024 1,2048 2,2048; do for v in F M; do bn $v $r ${bs%,*} ${bs#*,}; done; done; snap; done
python3 scripts/tile_table.py $W/ab > $W/ab_table.txt; snap; grep -c "failed the sampled" $W/bench.err; cut -c1-150 $W/ab_table.txt
rm -rf .device-run/F .device-run/M
