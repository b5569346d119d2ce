use crate::dtype::DType;
use crate::error::AttnError;

/// Largest head size any backend is asked to serve; the reference and the
/// unfused path handle it, fused kernels state their own limits in `supports`.
pub const MAX_HEAD_SIZE: usize = 512;

/// What stays fixed for the life of an [`crate::Attention`] handle: the model's
/// attention shape. Sequence lengths vary per call ([`Sequences`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AttentionConfig {
    pub num_heads: usize,
    /// Divides `num_heads` (GQA/MQA); equal to it for plain multi-head attention.
    pub num_kv_heads: usize,
    pub head_size: usize,
    pub dtype: DType,
    /// Softmax scale; `None` means 1/sqrt(head_size).
    pub scale: Option<f32>,
}

impl AttentionConfig {
    pub fn new(num_heads: usize, head_size: usize, dtype: DType) -> Self {
        AttentionConfig { num_heads, num_kv_heads: num_heads, head_size, dtype, scale: None }
    }

    pub fn with_kv_heads(mut self, num_kv_heads: usize) -> Self {
        self.num_kv_heads = num_kv_heads;
        self
    }

    pub fn with_scale(mut self, scale: f32) -> Self {
        self.scale = Some(scale);
        self
    }

    pub fn softmax_scale(&self) -> f32 {
        self.scale.unwrap_or_else(|| 1.0 / (self.head_size as f32).sqrt())
    }

    /// Query heads sharing one key/value head.
    pub fn group_size(&self) -> usize {
        self.num_heads / self.num_kv_heads
    }

    pub fn validate(&self) -> Result<(), AttnError> {
        let bad = |m: String| Err(AttnError::InvalidConfig(m));
        if self.num_heads == 0 || self.num_kv_heads == 0 {
            return bad(format!("num_heads ({}) and num_kv_heads ({}) must be >= 1", self.num_heads, self.num_kv_heads));
        }
        if self.num_heads % self.num_kv_heads != 0 {
            return bad(format!("num_kv_heads ({}) must divide num_heads ({})", self.num_kv_heads, self.num_heads));
        }
        if self.num_heads > i32::MAX as usize {
            return bad(format!("num_heads {} does not fit in i32", self.num_heads));
        }
        if self.head_size == 0 || self.head_size > MAX_HEAD_SIZE {
            return bad(format!("head_size {} is outside 1..={MAX_HEAD_SIZE}", self.head_size));
        }
        if let Some(s) = self.scale {
            if !s.is_finite() {
                return bad(format!("softmax scale {s} is not finite"));
            }
        }
        Ok(())
    }
}

/// The sequences of one call, laid out one after another along the token axis.
#[derive(Clone, Copy, Debug)]
pub enum Sequences<'a> {
    /// `batch` sequences of `seqlen` tokens each: sequence i is tokens [i*seqlen, (i+1)*seqlen).
    Fixed { batch: usize, seqlen: usize },
    /// A variable-length pack: sequence i is tokens [cu_seqlens[i], cu_seqlens[i+1]).
    /// `max_seqlen` must be at least the longest sequence (kernels size their grids by it).
    Varlen { cu_seqlens: &'a [i32], max_seqlen: usize },
}

impl Sequences<'_> {
    pub fn num_seqs(&self) -> usize {
        match self {
            Sequences::Fixed { batch, .. } => *batch,
            Sequences::Varlen { cu_seqlens, .. } => cu_seqlens.len().saturating_sub(1),
        }
    }

    /// (first token, length) of sequence `i`; `i < num_seqs()`, and only
    /// meaningful after validation.
    pub fn seq(&self, i: usize) -> (usize, usize) {
        match self {
            Sequences::Fixed { seqlen, .. } => (i * seqlen, *seqlen),
            Sequences::Varlen { cu_seqlens, .. } => {
                let start = cu_seqlens[i] as usize;
                (start, cu_seqlens[i + 1] as usize - start)
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.num_seqs()).map(move |i| self.seq(i))
    }

    /// Validates the pack and returns (total tokens, longest sequence).
    pub fn validate(&self) -> Result<(usize, usize), AttnError> {
        let bad = |m: String| Err(AttnError::InvalidSequences(m));
        match *self {
            Sequences::Fixed { batch, seqlen } => match batch.checked_mul(seqlen) {
                Some(t) if t <= i32::MAX as usize && batch <= i32::MAX as usize => {
                    Ok((t, if batch == 0 { 0 } else { seqlen }))
                }
                _ => bad(format!("batch {batch} x seqlen {seqlen} tokens do not fit in i32")),
            },
            Sequences::Varlen { cu_seqlens, max_seqlen } => {
                let Some((&first, rest)) = cu_seqlens.split_first() else {
                    return bad("cu_seqlens is empty: it needs num_seqs + 1 entries starting at 0".into());
                };
                if rest.len() > i32::MAX as usize {
                    return bad(format!("{} sequences do not fit in i32", rest.len()));
                }
                if first != 0 {
                    return bad(format!("cu_seqlens[0] is {first}, must be 0"));
                }
                let mut prev = 0i32;
                let mut longest = 0usize;
                for (i, &c) in rest.iter().enumerate() {
                    if c < prev {
                        return bad(format!("cu_seqlens decreases at index {}: {prev} then {c}", i + 1));
                    }
                    longest = longest.max((c - prev) as usize);
                    prev = c;
                }
                if max_seqlen < longest {
                    return bad(format!("max_seqlen {max_seqlen} is less than the longest sequence ({longest})"));
                }
                if max_seqlen > prev as usize && max_seqlen > longest {
                    return bad(format!("max_seqlen {max_seqlen} exceeds the pack's {prev} tokens"));
                }
                Ok((prev as usize, longest))
            }
        }
    }

    /// 4 * sum(len^2) * heads * head_size: the FLOPs of both matrix products.
    pub fn flops(&self, num_heads: usize, head_size: usize) -> f64 {
        let sq: f64 = self.iter().map(|(_, l)| (l as f64) * (l as f64)).sum();
        4.0 * sq * num_heads as f64 * head_size as f64
    }
}
