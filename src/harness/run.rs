//! Runs one case through an `Attention` handle on its device.
use super::cases::Case;
use super::data::{DevBuf, HostBuf, InputLayout, Rng};
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
        let inputs = layout.buffer_lens.iter().map(|&n| HostBuf::random(case.dtype, n, rng)).collect();
        Prepared { case: case.clone(), cu: case.cu_seqlens(), layout, inputs }
    }

    pub fn reference(&self) -> Result<Vec<f64>, attn_core::AttnError> {
        let [q, k, v] = self.layout.host_tensors(&self.inputs);
        attn_core::reference::attention_f64(&self.case.config(), &self.case.sequences(&self.cu), &q, &k, &v)
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
