//! How the unfused path splits one call into strided-batched GEMM chunks.
//!
//! Per chunk, for `count` (query head, key/value head, sequence) matrices of
//! one sequence length `len`, and query rows [row0, row0 + rows):
//!   S = Q Kᵀ (fp32, workspace) -> P = softmax(scale S) (dtype, workspace) -> O = P V.
//! A chunk is either "one sequence, a strided batch over heads" or, for
//! fixed-length batches with more sequences than heads, "one head, a strided
//! batch over sequences", whichever needs fewer launches. Chunks are cut so
//! the S and P scratch fit the workspace limit. Pure index arithmetic: the
//! CPU tests run it against the reference with a host GEMM.
use attn_core::{ForwardCall, Layout, Sequences};

/// One matrix operand: first element, row pitch, and distance between batch entries (elements).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operand {
    pub offset: usize,
    pub ld: usize,
    pub batch_stride: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub q: Operand,
    pub k: Operand,
    pub v: Operand,
    pub out: Operand,
    /// Batch entries (GEMM batch count).
    pub count: usize,
    /// Keys per sequence.
    pub len: usize,
    /// Query rows of this chunk.
    pub rows: usize,
    /// Row pitch of S and P: `len` rounded up to 4 so softmax rows are 16-byte aligned.
    pub scores_ld: usize,
}

impl Chunk {
    pub fn workspace_bytes(&self, elem: usize) -> usize {
        self.count * self.rows * self.scores_ld * (4 + elem)
    }
}

/// Row pitch of a [rows, head_size] matrix: GEMMs need ld >= head_size, which
/// a single row satisfies whatever its stride.
fn pitch<E: From<String>>(name: &str, stride: usize, rows: usize, d: usize) -> Result<usize, E> {
    if rows <= 1 {
        Ok(stride.max(d))
    } else if stride < d {
        Err(format!("{name}: a token stride of {stride} below head_size {d} (overlapping rows) cannot feed a GEMM").into())
    } else if stride > i32::MAX as usize {
        Err(format!("{name}: token stride {stride} does not fit cuBLAS's 32-bit leading dimension").into())
    } else {
        Ok(stride)
    }
}

/// Calls `f` with every chunk of `call`, in order. `workspace_limit` bounds
/// the bytes of S + P one chunk may need (at least one row is always taken).
pub fn for_each_chunk<E: From<String>>(
    call: &ForwardCall,
    workspace_limit: usize,
    mut f: impl FnMut(Chunk) -> Result<(), E>,
) -> Result<(), E> {
    let cfg = &call.config;
    let (h, g, d) = (cfg.num_heads, cfg.group_size(), cfg.head_size);
    let elem = cfg.dtype.size_bytes();
    let (lq, lk, lv, lo) = (call.q.layout, call.k.layout, call.v.layout, call.out.layout);
    let mut emit = |base: [usize; 4], strides: [usize; 4], count: usize, len: usize| -> Result<(), E> {
        if len == 0 {
            return Ok(());
        }
        let scores_ld = len.div_ceil(4) * 4;
        let per_row = scores_ld * (4 + elem);
        let (count_per, rows_per) = if count * len * per_row <= workspace_limit {
            (count, len)
        } else if len * per_row <= workspace_limit {
            (workspace_limit / (len * per_row), len)
        } else {
            (1, (workspace_limit / per_row).max(1))
        };
        let layouts = [lq, lk, lv, lo];
        let names = ["q", "k", "v", "out"];
        let mut ld = [0; 4];
        for i in 0..4 {
            ld[i] = pitch(names[i], layouts[i].token_stride, len, d)?;
        }
        for b0 in (0..count).step_by(count_per) {
            let bc = count_per.min(count - b0);
            for r0 in (0..len).step_by(rows_per) {
                let rows = rows_per.min(len - r0);
                let op = |i: usize, row0: usize| Operand {
                    offset: base[i] + b0 * strides[i] + row0 * layouts[i].token_stride,
                    ld: ld[i],
                    batch_stride: strides[i],
                };
                f(Chunk { q: op(0, r0), k: op(1, 0), v: op(2, 0), out: op(3, r0), count: bc, len, rows, scores_ld })?;
            }
        }
        Ok(())
    };
    let at = |l: &Layout, token: usize, head: usize| l.offset + token * l.token_stride + head * l.head_stride;
    match call.seqs {
        // One launch per query head, batched over the sequences.
        Sequences::Fixed { batch, seqlen } if h < batch * g => {
            for head in 0..h {
                let kv = head / g;
                let base = [at(&lq, 0, head), at(&lk, 0, kv), at(&lv, 0, kv), at(&lo, 0, head)];
                let strides = [lq, lk, lv, lo].map(|l| seqlen * l.token_stride);
                emit(base, strides, batch, seqlen)?;
            }
        }
        // One launch per sequence and position in a GQA group, batched over the key/value heads.
        _ => {
            for (start, len) in call.seqs.iter() {
                for j in 0..g {
                    let base = [at(&lq, start, j), at(&lk, start, 0), at(&lv, start, 0), at(&lo, start, j)];
                    let strides = [g * lq.head_stride, lk.head_stride, lv.head_stride, g * lo.head_stride];
                    emit(base, strides, cfg.num_kv_heads, len)?;
                }
            }
        }
    }
    Ok(())
}
