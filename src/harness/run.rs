//! Runs one case through an `Attention` handle on its device.
use super::cases::Case;
use super::data::{DevBuf, HostBuf, InputLayout, Rng};
use attn_core::reference::{compare, compare_rows, Comparison};
use attn_core::{Attention, Device};

/// A case with its host inputs drawn.
pub struct Prepared {
    pub case: Case,
    pub cu: Vec<i32>,
    pub layout: InputLayout,
    pub inputs: Vec<HostBuf>,
}

impl Prepared {
    pub fn new(case: &Case, rng: &mut Rng) -> Self {
        let layout = InputLayout::of(case);
        let mut inputs: Vec<HostBuf> = layout.buffer_lens.iter().map(|&n| HostBuf::random(case.dtype, n, rng)).collect();
        if let Some(seq) = case.non_finite_seq {
            let heads = [case.heads, case.kv_heads, case.kv_heads];
            for ((buffer, view), heads) in layout.views.iter().zip(heads) {
                for t in case.token_range(seq) {
                    for h in 0..heads {
                        let row = view.index(t, h);
                        for e in 0..case.head_size {
                            inputs[*buffer].set(row + e, if e % 2 == 0 { f32::INFINITY } else { f32::NAN });
                        }
                    }
                }
            }
        }
        Prepared { case: case.clone(), cu: case.cu_seqlens(), layout, inputs }
    }

    pub fn reference(&self) -> Result<Vec<f64>, attn_core::AttnError> {
        let [q, k, v] = self.layout.host_tensors(&self.inputs);
        attn_core::reference::attention_f64(&self.case.config(), &self.case.sequences(&self.cu), &q, &k, &v)
    }

    /// `out` against `reference`, over every row but those of the case's
    /// non-finite sequence (whose reference is not finite).
    pub fn compare(&self, reference: &[f64], out: &HostBuf) -> Comparison {
        let (heads, d) = (self.case.heads, self.case.head_size);
        let Some(seq) = self.case.non_finite_seq else {
            return compare(reference, &out.slice(), &self.layout.out, heads, d);
        };
        // The kept rows' reference, copied: compare_rows reads it in their order.
        let excluded = self.case.token_range(seq);
        let kept = |t: &usize| !excluded.contains(t);
        let reference: Vec<f64> = reference.chunks(heads * d).enumerate().filter(|(t, _)| kept(t)).flat_map(|(_, r)| r.iter().copied()).collect();
        let rows = (0..self.case.total_tokens()).filter(kept).flat_map(|t| (0..heads).map(move |h| (t, h)));
        compare_rows(&reference, &out.slice(), &self.layout.out, rows, d)
    }
}

/// One call with a poisoned output; returns the output as the host sees it.
pub fn run_once(attn: &mut Attention, p: &Prepared) -> Result<HostBuf, String> {
    let mut out = HostBuf::poison(p.case.dtype, p.layout.out_len);
    let seqs = p.case.sequences(&p.cu);
    match attn.device().clone() {
        Device::Cpu => {
            let [q, k, v] = p.layout.host_tensors(&p.inputs);
            attn.forward(seqs, q, k, v, p.layout.host_out(&mut out)).map_err(|e| e.to_string())?;
        }
        Device::Cuda(gpu) => {
            let err = |e: cudarc::driver::DriverError| format!("CUDA: {e}");
            let bufs = p.inputs.iter().map(|h| DevBuf::upload(&gpu, h)).collect::<Result<Vec<_>, _>>().map_err(err)?;
            let mut dout = DevBuf::upload(&gpu, &out).map_err(err)?;
            let [q, k, v] = p.layout.device_tensors(&bufs);
            attn.forward(seqs, q, k, v, p.layout.device_out(&mut dout)).map_err(|e| e.to_string())?;
            gpu.stream.synchronize().map_err(err)?;
            dout.download(&gpu, &mut out).map_err(err)?;
            gpu.stream.synchronize().map_err(err)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use attn_core::DType;

    #[test]
    fn only_the_non_finite_sequence_is_poisoned_and_left_out_of_the_comparison() {
        let case = Case { non_finite_seq: Some(1), ..Case::fixed(3, 5, 2, 8, DType::F32) };
        let p = Prepared::new(&case, &mut Rng::new(7));
        let poisoned = 5..10;
        for (buffer, view) in &p.layout.views {
            for t in 0..15 {
                for h in 0..2 {
                    let finite = (0..8).filter(|e| p.inputs[*buffer].slice().get_f32(view.index(t, h) + e).is_finite()).count();
                    assert_eq!(finite, if poisoned.contains(&t) { 0 } else { 8 }, "token {t} head {h}");
                }
            }
        }
        let reference = p.reference().unwrap();
        let mut out = HostBuf::poison(DType::F32, p.layout.out_len);
        for t in (0..15).filter(|t| !poisoned.contains(t)) {
            for h in 0..2 {
                for e in 0..8 {
                    out.set(p.layout.out.index(t, h) + e, reference[(t * 2 + h) * 8 + e] as f32);
                }
            }
        }
        assert!(p.compare(&reference, &out).passes(1e-6));
        out.set(p.layout.out.index(10, 1) + 3, f32::NAN);
        assert_eq!(p.compare(&reference, &out).non_finite, 1);
    }
}
