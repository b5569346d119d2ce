//! The shapes `check`, `bench` and the tests run.
use attn_core::{AttentionConfig, DType, Sequences};
use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QkvLayout {
    /// q, k and v in three dense [tokens, heads, head_size] buffers.
    Separate,
    /// One projection buffer [tokens, heads + 2*kv_heads, head_size], read in place.
    Fused,
    /// Three buffers (and the output) whose rows start at odd element offsets:
    /// no 16-byte alignment anywhere, for kernels' unaligned paths.
    Unaligned,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeqShape {
    Fixed { batch: usize, seqlen: usize },
    Varlen(Vec<usize>),
}

#[derive(Clone, Debug)]
pub struct Case {
    pub seqs: SeqShape,
    pub heads: usize,
    pub kv_heads: usize,
    pub head_size: usize,
    pub dtype: DType,
    pub layout: QkvLayout,
    pub padded_out: bool,
    /// Softmax scale; None is 1/sqrt(head_size).
    pub scale: Option<f32>,
    /// A sequence whose q, k and v hold Inf and NaN: no other sequence's
    /// output may change (a kernel that reads past a sequence's end must not
    /// let 0 * Inf reach its O). That sequence's own rows are not compared.
    pub non_finite_seq: Option<usize>,
}

impl Case {
    pub fn fixed(batch: usize, seqlen: usize, heads: usize, head_size: usize, dtype: DType) -> Self {
        Case {
            seqs: SeqShape::Fixed { batch, seqlen },
            heads,
            kv_heads: heads,
            head_size,
            dtype,
            layout: QkvLayout::Separate,
            padded_out: false,
            scale: None,
            non_finite_seq: None,
        }
    }

    pub fn config(&self) -> AttentionConfig {
        let config = AttentionConfig::new(self.heads, self.head_size, self.dtype).with_kv_heads(self.kv_heads);
        match self.scale {
            Some(s) => config.with_scale(s),
            None => config,
        }
    }

    pub fn cu_seqlens(&self) -> Vec<i32> {
        match &self.seqs {
            SeqShape::Fixed { .. } => Vec::new(),
            SeqShape::Varlen(lens) => {
                std::iter::once(0).chain(lens.iter().scan(0i32, |acc, &l| {
                    *acc += l as i32;
                    Some(*acc)
                })).collect()
            }
        }
    }

    /// The pack as the op takes it; `cu` is [`Case::cu_seqlens`].
    pub fn sequences<'a>(&self, cu: &'a [i32]) -> Sequences<'a> {
        match &self.seqs {
            SeqShape::Fixed { batch, seqlen } => Sequences::Fixed { batch: *batch, seqlen: *seqlen },
            SeqShape::Varlen(lens) => Sequences::Varlen { cu_seqlens: cu, max_seqlen: lens.iter().copied().max().unwrap_or(0) },
        }
    }

    /// Sequences in the pack.
    pub fn sequence_count(&self) -> usize {
        match &self.seqs {
            SeqShape::Fixed { batch, .. } => *batch,
            SeqShape::Varlen(lens) => lens.len(),
        }
    }

    /// The tokens of sequence `seq` in the pack.
    pub fn token_range(&self, seq: usize) -> std::ops::Range<usize> {
        match &self.seqs {
            SeqShape::Fixed { seqlen, .. } => seq * seqlen..(seq + 1) * seqlen,
            SeqShape::Varlen(lens) => {
                let start = lens[..seq].iter().sum();
                start..start + lens[seq]
            }
        }
    }

    pub fn total_tokens(&self) -> usize {
        match &self.seqs {
            SeqShape::Fixed { batch, seqlen } => batch * seqlen,
            SeqShape::Varlen(lens) => lens.iter().sum(),
        }
    }

    pub fn flops(&self) -> f64 {
        let sq: f64 = match &self.seqs {
            SeqShape::Fixed { batch, seqlen } => (*batch as f64) * (*seqlen as f64).powi(2),
            SeqShape::Varlen(lens) => lens.iter().map(|&l| (l as f64).powi(2)).sum(),
        };
        4.0 * sq * self.heads as f64 * self.head_size as f64
    }

    pub fn shape_label(&self) -> String {
        let seqs = match &self.seqs {
            SeqShape::Fixed { batch, seqlen } => format!("b={batch} s={seqlen}"),
            SeqShape::Varlen(l) if l.len() <= 4 => format!("varlen {l:?}"),
            SeqShape::Varlen(l) => format!("varlen {} seqs, {} tok", l.len(), l.iter().sum::<usize>()),
        };
        let kv = if self.kv_heads != self.heads { format!("/{}kv", self.kv_heads) } else { String::new() };
        let lay = match (self.layout, self.padded_out) {
            (QkvLayout::Unaligned, _) => " unaligned",
            (QkvLayout::Fused, true) => " fused+padded-out",
            (QkvLayout::Fused, false) => " fused",
            (QkvLayout::Separate, true) => " padded-out",
            (QkvLayout::Separate, false) => "",
        };
        let scale = self.scale.map(|s| format!(" scale={s}")).unwrap_or_default();
        let poisoned = self.non_finite_seq.map(|i| format!(" inf/nan seq {i}")).unwrap_or_default();
        format!("{seqs} h={}{kv} d={} {}{lay}{scale}{poisoned}", self.heads, self.head_size, self.dtype)
    }
}

const LAYOUTS: [QkvLayout; 3] = [QkvLayout::Separate, QkvLayout::Fused, QkvLayout::Unaligned];
const HEAD_GROUPS: [(usize, usize); 4] = [(4, 4), (8, 2), (4, 1), (3, 3)];
/// Mostly the default; now and then a negative, a zero (uniform weights), a
/// sharper-than-default and a very sharp scale, which kernels may treat
/// specially (at 8, later key blocks' scores rise far past a row's running
/// max: the Hopper kernel's softmax must redo those blocks).
const CHECK_SCALES: [Option<f32>; 8] = [None, None, Some(-0.3), None, Some(0.0), None, Some(0.4), Some(8.0)];

/// `check`'s default sweep: head sizes from 1 to 512 (multiples of 8 and
/// 32 and odd ones), every dtype, fixed and varlen packs (length 1, lengths
/// that are not multiples of any tile, very unequal), separate, fused and
/// unaligned inputs, padded outputs, GQA and MQA; then every multiple of 8 up
/// to 256 in f16 and bf16 for the tensor-core kernels, and every other head
/// size up to 256 in every dtype (memeff's two kernels) on small packs; last,
/// sequence isolation ([`isolation_cases`]). Small enough for the fp64
/// reference.
pub fn check_sweep() -> Vec<Case> {
    let head_sizes = [1, 8, 17, 32, 40, 64, 72, 80, 96, 100, 128, 160, 200, 256, 512];
    let shapes = [
        SeqShape::Fixed { batch: 2, seqlen: 67 },
        SeqShape::Varlen(vec![1, 130, 33, 257, 64]),
        SeqShape::Fixed { batch: 1, seqlen: 1 },
        SeqShape::Varlen(vec![300, 7]),
    ];
    let mut cases = rotated(head_sizes.into_iter(), &DType::ALL, &shapes, |n, _| n, 0);
    let tensor_core_shapes = [
        SeqShape::Varlen(vec![1, 130, 33, 257, 64]),
        SeqShape::Fixed { batch: 2, seqlen: 67 },
        SeqShape::Varlen(vec![300, 1, 7]),
        SeqShape::Fixed { batch: 3, seqlen: 128 },
        SeqShape::Varlen(vec![64, 1000]),
    ];
    cases.extend(rotated((8..=256).step_by(8), &[DType::F16, DType::BF16], &tensor_core_shapes, |n, j| n / 2 + j, 1));
    // Two key blocks even of 128-key tiles, one partial query tile, length 1.
    let small_shapes = [SeqShape::Varlen(vec![1, 37, 150]), SeqShape::Fixed { batch: 2, seqlen: 45 }, SeqShape::Varlen(vec![90, 3])];
    let not_multiples_of_8 = (1..=256).filter(|d| d % 8 != 0);
    cases.extend(rotated(not_multiples_of_8, &DType::ALL, &small_shapes, |n, _| n, 2));
    cases.extend(isolation_cases());
    cases
}

/// Packs whose second sequence holds Inf and NaN while the last key block of
/// the first reaches into it, whole or narrow, on 64- and 128-key tiles
/// (130 = 128 + 2; 200 = 128 + 72 = 3 x 64 + 8; 67 = 64 + 3), and the last
/// block of the third, read shifted back to end at its sequence's end, must
/// not reach back into it (200 after 90). Over the head sizes of the Hopper
/// kernel's tile and swizzle kinds, separate and fused (TMA reads both in
/// place).
pub fn isolation_cases() -> Vec<Case> {
    let packs = [SeqShape::Varlen(vec![130, 33, 257, 64]), SeqShape::Fixed { batch: 3, seqlen: 67 }, SeqShape::Varlen(vec![200, 90, 200, 129])];
    let mut cases = Vec::new();
    for (i, head_size) in [32, 64, 72, 96, 128, 160, 256].into_iter().enumerate() {
        for (j, seqs) in packs.iter().enumerate() {
            let n = i * packs.len() + j;
            let (heads, kv_heads) = HEAD_GROUPS[n % 2];
            cases.push(Case {
                seqs: seqs.clone(),
                heads,
                kv_heads,
                head_size,
                dtype: [DType::F16, DType::BF16][n % 2],
                layout: [QkvLayout::Separate, QkvLayout::Fused][n / 2 % 2],
                padded_out: false,
                scale: None,
                non_finite_seq: Some(1),
            });
        }
    }
    cases
}

/// Every (head size, dtype) once, rotating packs, head groupings (`group`
/// of the case index and dtype index), layouts and output padding so that
/// each meets several of them.
fn rotated(
    head_sizes: impl Iterator<Item = usize>,
    dtypes: &[DType],
    shapes: &[SeqShape],
    group: impl Fn(usize, usize) -> usize,
    padded_phase: usize,
) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, head_size) in head_sizes.enumerate() {
        for (j, &dtype) in dtypes.iter().enumerate() {
            let n = i * dtypes.len() + j;
            let (heads, kv_heads) = HEAD_GROUPS[group(n, j) % HEAD_GROUPS.len()];
            cases.push(Case {
                seqs: shapes[n % shapes.len()].clone(),
                heads,
                kv_heads,
                head_size,
                dtype,
                layout: LAYOUTS[n % LAYOUTS.len()],
                padded_out: n % 4 == padded_phase,
                scale: CHECK_SCALES[n % CHECK_SCALES.len()],
                non_finite_seq: None,
            });
        }
    }
    cases
}

/// BENCH.md's grid: b in {1, 2}, s in {1024, 2048, 4096}, h = 16,
/// d in {64, 72, 80, 128}, the large ones, and real encoders.
pub fn bench_grid(dtypes: &[DType]) -> Vec<Case> {
    let mut shapes = Vec::new();
    for b in [1, 2] {
        for s in [1024, 2048, 4096] {
            for d in [64, 72, 80, 128] {
                shapes.push((b, s, 16, d));
            }
        }
    }
    shapes.extend([(8, 4096, 16, 128), (8, 4096, 16, 64), (4, 16384, 16, 128)]);
    // SigLIP 384px, CLIP ViT-L/14 336px, Qwen2-VL ViT, InternViT-6B.
    shapes.extend([(32, 729, 16, 72), (32, 577, 16, 64), (8, 1024, 16, 80), (8, 1025, 25, 128)]);
    dtypes.iter().flat_map(|&dt| shapes.iter().map(move |&(b, s, h, d)| Case::fixed(b, s, h, d, dt))).collect()
}

/// What a CPU can time in a few minutes: a ViT-sized slice of the grid.
pub fn cpu_bench_grid(dtypes: &[DType]) -> Vec<Case> {
    let shapes = [(1, 256, 16, 64), (1, 256, 16, 72), (1, 577, 16, 64), (1, 1024, 16, 80)];
    dtypes.iter().flat_map(|&dt| shapes.iter().map(move |&(b, s, h, d)| Case::fixed(b, s, h, d, dt))).collect()
}
