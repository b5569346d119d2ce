//! The fp64 reference every backend is checked against, and the comparison.
use crate::error::AttnError;
use crate::problem::{AttentionConfig, Sequences};
use crate::tensor::{Data, HostSlice, Layout, Tensor};
use crate::validate::check_view;
use std::sync::atomic::{AtomicUsize, Ordering};

fn host<'a>(name: &'static str, t: &Tensor<'a>) -> Result<HostSlice<'a>, AttnError> {
    match t.data {
        Data::Host(h) => Ok(h),
        Data::Device(_) => Err(AttnError::tensor(name, "the reference reads host memory only")),
    }
}

/// Checks the reference's arguments; returns the token count and the host data of q, k, v.
fn host_inputs<'a>(
    config: &AttentionConfig,
    seqs: &Sequences,
    q: &Tensor<'a>,
    k: &Tensor<'a>,
    v: &Tensor<'a>,
) -> Result<(usize, [HostSlice<'a>; 3]), AttnError> {
    config.validate()?;
    let (tokens, _) = seqs.validate()?;
    let (h, hkv, d) = (config.num_heads, config.num_kv_heads, config.head_size);
    for (name, t, heads) in [("q", q, h), ("k", k, hkv), ("v", v, hkv)] {
        check_view(name, &t.layout, t.len(), tokens, heads, d)?;
    }
    Ok((tokens, [host("q", q)?, host("k", k)?, host("v", v)?]))
}

fn gather(src: &HostSlice, layout: &Layout, start: usize, len: usize, head: usize, d: usize) -> Vec<f64> {
    let mut m = Vec::with_capacity(len * d);
    for t in start..start + len {
        let base = layout.index(t, head);
        m.extend((0..d).map(|e| src.get_f32(base + e) as f64));
    }
    m
}

/// softmax(scale * q kᵀ) v in f64 for every sequence and head, from host
/// tensors of any dtype; the result is a dense `[tokens, heads, head_size]`.
pub fn attention_f64(
    config: &AttentionConfig,
    seqs: &Sequences,
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
) -> Result<Vec<f64>, AttnError> {
    let (tokens, [qh, kh, vh]) = host_inputs(config, seqs, q, k, v)?;
    let (h, d) = (config.num_heads, config.head_size);
    let scale = config.softmax_scale() as f64;
    let items: Vec<(usize, usize, usize)> = seqs
        .iter()
        .filter(|&(_, len)| len > 0)
        .flat_map(|(start, len)| (0..h).map(move |head| (start, len, head)))
        .collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    let one = |(start, len, head): (usize, usize, usize)| -> Vec<f64> {
        let kv = head / config.group_size();
        let km = gather(&kh, &k.layout, start, len, kv, d);
        let vm = gather(&vh, &v.layout, start, len, kv, d);
        let qm = gather(&qh, &q.layout, start, len, head, d);
        let mut out = vec![0.0; len * d];
        let mut p = vec![0.0; len];
        for i in 0..len {
            row_f64(&qm[i * d..(i + 1) * d], &km, &vm, scale, &mut p, &mut out[i * d..(i + 1) * d]);
        }
        out
    };
    let mut result = vec![0.0; tokens * h * d];
    let done: Vec<Vec<(usize, Vec<f64>)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&item) = items.get(i) else { break mine };
                        mine.push((i, one(item)));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("reference worker panicked")).collect()
    });
    for (i, block) in done.into_iter().flatten() {
        let (start, len, head) = items[i];
        for t in 0..len {
            let dst = ((start + t) * h + head) * d;
            result[dst..dst + d].copy_from_slice(&block[t * d..(t + 1) * d]);
        }
    }
    Ok(result)
}

/// One query row: out = softmax(scale * q kᵀ) v over the gathered keys/values
/// (`km`, `vm`: [len, d]); `p` is scratch of `len`.
fn row_f64(qi: &[f64], km: &[f64], vm: &[f64], scale: f64, p: &mut [f64], out: &mut [f64]) {
    let d = qi.len();
    for (j, pj) in p.iter_mut().enumerate() {
        *pj = scale * qi.iter().zip(&km[j * d..(j + 1) * d]).map(|(a, b)| a * b).sum::<f64>();
    }
    let m = p.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for pj in p.iter_mut() {
        *pj = (*pj - m).exp();
        sum += *pj;
    }
    out.iter_mut().for_each(|o| *o = 0.0);
    for (j, pj) in p.iter().enumerate() {
        for (o, vv) in out.iter_mut().zip(&vm[j * d..(j + 1) * d]) {
            *o += pj / sum * vv;
        }
    }
}

/// The reference for chosen (token, head) rows only: a cheap check of shapes
/// too large for [`attention_f64`]. Returns the rows one after another.
pub fn attention_rows_f64(
    config: &AttentionConfig,
    seqs: &Sequences,
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    rows: &[(usize, usize)],
) -> Result<Vec<f64>, AttnError> {
    let (_, [qh, kh, vh]) = host_inputs(config, seqs, q, k, v)?;
    let (h, d) = (config.num_heads, config.head_size);
    let mut out = vec![0.0; rows.len() * d];
    for (r, &(token, head)) in rows.iter().enumerate() {
        let Some((start, len)) = seqs.iter().find(|&(s, l)| token >= s && token < s + l) else {
            return Err(AttnError::tensor("q", format!("row token {token} is outside the pack")));
        };
        if head >= h {
            return Err(AttnError::tensor("q", format!("row head {head} >= num_heads {h}")));
        }
        let kv = head / config.group_size();
        let km = gather(&kh, &k.layout, start, len, kv, d);
        let vm = gather(&vh, &v.layout, start, len, kv, d);
        let qi = gather(&qh, &q.layout, token, 1, head, d);
        let mut p = vec![0.0; len];
        row_f64(&qi, &km, &vm, config.softmax_scale() as f64, &mut p, &mut out[r * d..(r + 1) * d]);
    }
    Ok(out)
}

/// How far an output is from the reference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// ||out - ref|| / ||ref|| over finite elements.
    pub rel_err: f64,
    pub max_abs_err: f64,
    /// Elements that are NaN or infinite: unwritten (poisoned) or broken.
    pub non_finite: usize,
}

impl Comparison {
    pub fn passes(&self, tolerance: f64) -> bool {
        self.non_finite == 0 && self.rel_err <= tolerance
    }
}

/// Compares `out` (any dtype, any layout) with a dense reference from [`attention_f64`].
pub fn compare(reference: &[f64], out: &HostSlice, layout: &Layout, heads: usize, head_size: usize) -> Comparison {
    let tokens = reference.len() / (heads * head_size).max(1);
    let rows = (0..tokens).flat_map(|t| (0..heads).map(move |h| (t, h)));
    compare_rows(reference, out, layout, rows, head_size)
}

/// Compares the (token, head) rows of `out` with `reference`, which holds
/// them one after another (as [`attention_rows_f64`] returns them).
pub fn compare_rows(
    reference: &[f64],
    out: &HostSlice,
    layout: &Layout,
    rows: impl IntoIterator<Item = (usize, usize)>,
    head_size: usize,
) -> Comparison {
    let (mut diff2, mut ref2, mut max_abs, mut non_finite) = (0.0f64, 0.0f64, 0.0f64, 0usize);
    for (r, (t, h)) in rows.into_iter().enumerate() {
        let base = layout.index(t, h);
        for e in 0..head_size {
            let want = reference[r * head_size + e];
            let got = out.get_f32(base + e) as f64;
            if !got.is_finite() {
                non_finite += 1;
                continue;
            }
            diff2 += (got - want) * (got - want);
            ref2 += want * want;
            max_abs = max_abs.max((got - want).abs());
        }
    }
    let rel_err = if ref2 > 0.0 { (diff2 / ref2).sqrt() } else { diff2.sqrt() };
    Comparison { rel_err, max_abs_err: max_abs, non_finite }
}

/// Tolerance of a backend's relative error for a dtype: a few times what
/// FlashAttention and cuDNN reach on the same inputs (BENCH.md: bf16 near
/// 2e-3, f16 near 3e-4).
pub fn tolerance(dtype: crate::DType) -> f64 {
    match dtype {
        crate::DType::BF16 => 1e-2,
        crate::DType::F16 => 2e-3,
        crate::DType::F32 => 1e-4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DType;

    #[test]
    fn one_key_returns_its_value_and_equal_scores_average() {
        // One token: softmax over a single key is 1, so out == v.
        let cfg = AttentionConfig::new(1, 2, DType::F32);
        let (q, k, v) = ([0.3f32, -1.0], [2.0f32, 0.5], [7.0f32, -3.0]);
        let l = Layout::contiguous(1, 2);
        let seqs = Sequences::Fixed { batch: 1, seqlen: 1 };
        let out = attention_f64(&cfg, &seqs, &Tensor::host(&q, l), &Tensor::host(&k, l), &Tensor::host(&v, l)).unwrap();
        assert_eq!(out, vec![7.0, -3.0]);
        // Zero queries give equal scores: out is the mean of the values.
        let q = [0.0f32; 4];
        let k = [1.0f32, 2.0, 3.0, 4.0];
        let v = [1.0f32, 10.0, 3.0, 20.0];
        let seqs = Sequences::Fixed { batch: 1, seqlen: 2 };
        let out = attention_f64(&cfg, &seqs, &Tensor::host(&q, l), &Tensor::host(&k, l), &Tensor::host(&v, l)).unwrap();
        assert_eq!(out, vec![2.0, 15.0, 2.0, 15.0]);
    }

    #[test]
    fn two_keys_follow_the_softmax_formula() {
        let cfg = AttentionConfig::new(1, 1, DType::F32).with_scale(0.5);
        let (q, k, v) = ([1.0f32, 2.0], [1.0f32, 3.0], [10.0f32, 20.0]);
        let l = Layout::contiguous(1, 1);
        let seqs = Sequences::Fixed { batch: 1, seqlen: 2 };
        let out = attention_f64(&cfg, &seqs, &Tensor::host(&q, l), &Tensor::host(&k, l), &Tensor::host(&v, l)).unwrap();
        for (i, qi) in q.iter().enumerate() {
            let (a, b) = ((0.5 * qi * 1.0) as f64, (0.5 * qi * 3.0) as f64);
            let want = (a.exp() * 10.0 + b.exp() * 20.0) / (a.exp() + b.exp());
            assert!((out[i] - want).abs() < 1e-12, "{} vs {want}", out[i]);
        }
    }

    #[test]
    fn compare_counts_poison_and_measures_error() {
        let reference = [1.0, 2.0, 3.0, 4.0];
        let out = [1.0f32, 2.0, f32::NAN, 4.5];
        let c = compare(&reference, &HostSlice::F32(&out), &Layout::contiguous(2, 2), 2, 2);
        assert_eq!(c.non_finite, 1);
        assert!((c.max_abs_err - 0.5).abs() < 1e-12);
        assert!(!c.passes(1.0));
    }
}
