//! Shapes given on the command line.
use crate::harness::{Case, QkvLayout, SeqShape};
use attn_core::DType;
use clap::Args;

/// Shapes given on the command line; lists multiply out.
#[derive(Args, Clone, Debug)]
pub struct CaseArgs {
    /// Sequence lengths of a variable-length pack, e.g. 729,577,1 (instead of --batch/--seqlen).
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["batch", "seqlen"])]
    pub seqlens: Option<Vec<usize>>,
    /// Fixed-length batch size.
    #[arg(long, requires = "seqlen")]
    pub batch: Option<usize>,
    /// Tokens per sequence of a fixed-length batch (batch defaults to 1).
    #[arg(long)]
    pub seqlen: Option<usize>,
    /// Query heads.
    #[arg(long, default_value_t = 16)]
    pub heads: usize,
    /// Key/value heads (GQA/MQA); defaults to --heads.
    #[arg(long)]
    pub kv_heads: Option<usize>,
    /// Head sizes, e.g. 64,72,80.
    #[arg(long, value_delimiter = ',')]
    pub head_size: Vec<usize>,
    /// Element types, e.g. bf16,f16 (f32 too); alone, it narrows the built-in grid or sweep.
    #[arg(long, value_delimiter = ',', value_parser = parse_dtype)]
    pub dtype: Vec<DType>,
    /// Softmax scale (any finite value; default 1/sqrt(head_size)).
    #[arg(long, allow_negative_numbers = true)]
    pub scale: Option<f32>,
    /// How q, k and v are stored.
    #[arg(long, value_enum, default_value_t = QkvLayout::Separate)]
    pub layout: QkvLayout,
}

pub fn parse_dtype(s: &str) -> Result<DType, String> {
    s.parse()
}

impl CaseArgs {
    /// True when the user gave a shape; then only their cases run.
    pub fn given(&self) -> bool {
        self.seqlens.is_some() || self.seqlen.is_some() || !self.head_size.is_empty()
    }

    pub fn cases(&self, default_dtypes: &[DType]) -> Result<Vec<Case>, String> {
        let seqs = match (&self.seqlens, self.seqlen) {
            (Some(l), _) if l.is_empty() => return Err("--seqlens needs at least one length".into()),
            (Some(l), _) => SeqShape::Varlen(l.clone()),
            (None, Some(s)) => SeqShape::Fixed { batch: self.batch.unwrap_or(1), seqlen: s },
            (None, None) => return Err("give --seqlen (with --batch) or --seqlens".into()),
        };
        if self.head_size.is_empty() {
            return Err("give --head-size".into());
        }
        let dtypes = if self.dtype.is_empty() { default_dtypes.to_vec() } else { self.dtype.clone() };
        let mut out = Vec::new();
        for &dtype in &dtypes {
            for &head_size in &self.head_size {
                out.push(Case {
                    seqs: seqs.clone(),
                    heads: self.heads,
                    kv_heads: self.kv_heads.unwrap_or(self.heads),
                    head_size,
                    dtype,
                    layout: self.layout,
                    padded_out: false,
                    scale: self.scale,
                    non_finite_seq: None,
                });
            }
        }
        Ok(out)
    }
}

