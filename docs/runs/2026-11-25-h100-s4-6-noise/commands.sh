# Session 4, call 6 (warm, short): noise check, A vs E interleaved 3x at d=128 b1 s4096 / b2 s2048 (fa-native E) and d=72 b2 s1024 (fa-upstream), torch flash beside.
W=/tmp/w; mkdir -p $W/ab; snap() { tar czf $OUT/run.tgz -C $W .; }
for r in 1 2 3; do for bs in 1,4096 2,2048; do b=${bs%,*}; s=${bs#*,}
 timeout 15 .device-run/A/vit-attn bench --batch $b --seqlen $s --head-size 128 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/A$r-b${b}s$s.json >/dev/null 2>>$W/err
 timeout 15 .device-run/E/vit-attn bench --batch $b --seqlen $s --head-size 128 --dtype bf16 --backend fa-native --device gpu --json $W/ab/E$r-b${b}s$s.json >/dev/null 2>>$W/err; done
 for v in A E; do timeout 15 .device-run/$v/vit-attn bench --batch 2 --seqlen 1024 --head-size 72 --dtype bf16 --backend fa-upstream --device gpu --json $W/ab/$v$r-b2s1024.json >/dev/null 2>>$W/err; done; done; snap
timeout 40 python3 scripts/torch_shapes.py .device-run $W/torch.json 2,1024,16,72 1,4096,16,128 2,2048,16,128 --backends flash,cudnn > $W/torch.txt 2>&1
python3 scripts/tile_table.py $W/ab $W/torch.json > $W/t.txt; snap; cat $W/t.txt
