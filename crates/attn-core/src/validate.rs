use crate::device::Device;
use crate::error::AttnError;
use crate::params::{VitAttnParams, VitAttnTensor};
use crate::problem::{AttentionConfig, Sequences};
use crate::tensor::{Data, DataMut, Layout, Tensor, TensorMut};

/// One call whose every argument has been checked against its config and
/// device. Only [`validate`] makes one (non-exhaustive: no other crate can
/// build it), so a backend can trust it.
#[derive(Debug)]
#[non_exhaustive]
pub struct ForwardCall<'a> {
    pub config: AttentionConfig,
    pub seqs: Sequences<'a>,
    pub total_tokens: usize,
    /// The longest sequence actually present (<= the caller's max_seqlen).
    pub max_seqlen: usize,
    pub scale: f32,
    pub q: Tensor<'a>,
    pub k: Tensor<'a>,
    pub v: Tensor<'a>,
    pub out: TensorMut<'a>,
}

/// Where a tensor's data lives, for the placement check.
fn on_device(d: &Data) -> bool {
    matches!(d, Data::Device(_))
}

pub(crate) fn check_view(
    name: &'static str,
    layout: &Layout,
    len: usize,
    tokens: usize,
    heads: usize,
    head_size: usize,
) -> Result<(usize, usize), AttnError> {
    let end = layout.end(tokens, heads, head_size).ok_or_else(|| {
        AttnError::tensor(name, format!("extent of {tokens} tokens x {heads} heads overflows usize with {layout:?}"))
    })?;
    if end > len {
        return Err(AttnError::tensor(
            name,
            format!("view needs {end} elements ({tokens} tokens x {heads} heads x {head_size} with {layout:?}) but the buffer holds {len}"),
        ));
    }
    if i64::try_from(end).is_err() {
        return Err(AttnError::tensor(name, format!("extent {end} does not fit in i64")));
    }
    Ok((layout.offset, end))
}

/// The output must not write one element twice: with its two strides sorted,
/// the inner one must clear a row and the outer one a whole inner span.
fn check_out_disjoint(layout: &Layout, tokens: usize, heads: usize, head_size: usize) -> Result<(), AttnError> {
    let mut dims = [(layout.token_stride, tokens), (layout.head_stride, heads)];
    dims.sort();
    let mut span = head_size; // elements covered by the dims placed so far
    for (stride, n) in dims.into_iter().filter(|&(_, n)| n > 1) {
        if stride < span {
            return Err(AttnError::tensor(
                "out",
                format!("strides {layout:?} make output elements overlap (a stride of {stride} under a span of {span})"),
            ));
        }
        span += stride * (n - 1);
    }
    Ok(())
}

/// Checks everything a kernel relies on. Nothing is read or written here.
#[allow(clippy::too_many_arguments)]
pub fn validate<'a>(
    config: &AttentionConfig,
    device: &Device,
    seqs: Sequences<'a>,
    q: Tensor<'a>,
    k: Tensor<'a>,
    v: Tensor<'a>,
    out: TensorMut<'a>,
) -> Result<ForwardCall<'a>, AttnError> {
    config.validate()?;
    let (total_tokens, max_seqlen) = seqs.validate()?;
    let gpu = device.gpu().is_some();
    let out_on_device = matches!(out.data, DataMut::Device(_));
    for (name, dev) in [("q", on_device(&q.data)), ("k", on_device(&k.data)), ("v", on_device(&v.data)), ("out", out_on_device)] {
        if dev != gpu {
            let (is, want) = if dev { ("device", "host") } else { ("host", "device") };
            return Err(AttnError::tensor(name, format!("is {is} memory but the handle runs on {} and needs {want} memory", device.describe())));
        }
    }
    let (h, hkv, d) = (config.num_heads, config.num_kv_heads, config.head_size);
    // Device byte ranges of q, k, v (a fixed array: the hot path allocates nothing).
    let mut ranges = [None; 3];
    for (i, (name, t, heads)) in [("q", &q, h), ("k", &k, hkv), ("v", &v, hkv)].into_iter().enumerate() {
        if t.dtype() != config.dtype {
            return Err(AttnError::DTypeMismatch { tensor: name, expected: config.dtype, found: t.dtype() });
        }
        let (first, end) = check_view(name, &t.layout, t.len(), total_tokens, heads, d)?;
        if let Data::Device(p) = t.data {
            check_device_ptr(name, p.ptr, p.dtype.size_bytes(), end)?;
            ranges[i] = Some((name, p.byte_range(first, end)));
        }
    }
    if out.dtype() != config.dtype {
        return Err(AttnError::DTypeMismatch { tensor: "out", expected: config.dtype, found: out.dtype() });
    }
    let (first, end) = check_view("out", &out.layout, out.len(), total_tokens, h, d)?;
    check_out_disjoint(&out.layout, total_tokens, h, d)?;
    if let DataMut::Device(p) = &out.data {
        check_device_ptr("out", p.ptr, p.dtype.size_bytes(), end)?;
        let (o0, o1) = p.byte_range(first, end);
        for (name, (i0, i1)) in ranges.into_iter().flatten() {
            if total_tokens > 0 && o0 < i1 && i0 < o1 {
                return Err(AttnError::tensor("out", format!("overlaps the memory of `{name}`: the output must not alias an input")));
            }
        }
    }
    Ok(ForwardCall {
        config: *config,
        seqs,
        total_tokens,
        max_seqlen,
        scale: config.softmax_scale(),
        q,
        k,
        v,
        out,
    })
}

fn check_device_ptr(name: &'static str, ptr: u64, elem: usize, end: usize) -> Result<(), AttnError> {
    if end > 0 && ptr == 0 {
        return Err(AttnError::tensor(name, "device pointer is null"));
    }
    if ptr % elem as u64 != 0 {
        return Err(AttnError::tensor(name, format!("device pointer {ptr:#x} is not aligned to its {elem}-byte elements")));
    }
    if ptr.checked_add((end * elem) as u64).is_none() {
        return Err(AttnError::tensor(name, "device address range wraps around"));
    }
    Ok(())
}

impl ForwardCall<'_> {
    /// The kernel-parameter struct: device addresses for device tensors, host
    /// addresses for host ones (plugins on the CPU). `cu_seqlens` is the
    /// device copy of a varlen pack, or 0. `&mut`: the output address is
    /// written through.
    pub fn kernel_params(&mut self, cu_seqlens: u64) -> VitAttnParams {
        fn desc(data_ptr: Option<(u64, usize)>, l: &Layout) -> VitAttnTensor {
            let ptr = data_ptr.map(|(p, es)| p + (l.offset * es) as u64).unwrap_or(0);
            VitAttnTensor { ptr, token_stride: l.token_stride as i64, head_stride: l.head_stride as i64 }
        }
        let es = self.config.dtype.size_bytes();
        let dev = |t: &Tensor| match &t.data {
            Data::Device(p) => Some((p.ptr, es)),
            Data::Host(h) => Some((h.addr(), es)),
        };
        let out_dev = match &mut self.out.data {
            DataMut::Device(p) => Some((p.ptr, es)),
            DataMut::Host(h) => Some((h.addr(), es)),
        };
        let fixed_seqlen = match self.seqs {
            Sequences::Fixed { seqlen, .. } => seqlen as i32,
            Sequences::Varlen { .. } => 0,
        };
        VitAttnParams {
            q: desc(dev(&self.q), &self.q.layout),
            k: desc(dev(&self.k), &self.k.layout),
            v: desc(dev(&self.v), &self.v.layout),
            out: desc(out_dev, &self.out.layout),
            cu_seqlens,
            num_seqs: self.seqs.num_seqs() as i32,
            fixed_seqlen,
            max_seqlen: self.max_seqlen as i32,
            total_tokens: self.total_tokens as i32,
            num_heads: self.config.num_heads as i32,
            num_kv_heads: self.config.num_kv_heads as i32,
            head_size: self.config.head_size as i32,
            dtype: self.config.dtype.abi_code(),
            scale: self.scale,
            scale_log2: self.scale * std::f32::consts::LOG2_E,
        }
    }
}
