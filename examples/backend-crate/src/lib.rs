//! An example third-party backend, written as a crate outside vit-attn
//! would be: it depends on `attn-core` only, implements `AttentionBackend`,
//! and registers itself with `inventory`. It serves f32 on the CPU for head
//! sizes up to 128 (computing through the core's fp64 reference, so it is
//! exact and slow), with a priority above sdpa so that it wins where it serves.
//!
//! A user links it with one line where the engine is built:
//! `use vit_attn_example_backend as _;` (a crate nothing names is dropped by
//! the linker, and its registration with it).
use attn_core::reference::attention_f64;
use attn_core::{
    AttentionBackend, AttentionConfig, AttentionForward, AttnError, ComputeCapability, DType, DataMut, Device,
    ForwardCall, HostSliceMut, KernelInfo, Unsupported,
};

pub const NAME: &str = "example-cpu";
pub const PRIORITY: u32 = 15;
pub const MAX_HEAD_SIZE: usize = 128;

pub struct ExampleCpu;

impl AttentionBackend for ExampleCpu {
    fn name(&self) -> &'static str {
        NAME
    }

    fn priority(&self) -> u32 {
        PRIORITY
    }

    fn supports(&self, head_size: usize, dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported> {
        if cc.is_some() {
            return Err(Unsupported::new("example-cpu runs on the CPU only"));
        }
        if dtype != DType::F32 {
            return Err(Unsupported::new(format!("example-cpu takes f32 only, not {}", dtype.name())));
        }
        if head_size > MAX_HEAD_SIZE {
            return Err(Unsupported::new(format!("head_size {head_size} exceeds example-cpu's {MAX_HEAD_SIZE}")));
        }
        Ok(())
    }

    fn kernel_info(&self) -> KernelInfo {
        KernelInfo { gpu: Err("CPU-only example backend".into()), cpu: true }
    }

    fn instantiate(&self, _config: &AttentionConfig, device: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        match device {
            Device::Cpu => Ok(Box::new(ExampleForward)),
            Device::Cuda(_) => Err(Unsupported::new("example-cpu runs on the CPU only")),
        }
    }
}

struct ExampleForward;

impl AttentionForward for ExampleForward {
    fn forward(&mut self, call: ForwardCall<'_>) -> Result<(), AttnError> {
        let config = call.config.with_scale(call.scale);
        let exact = attention_f64(&config, &call.seqs, &call.q, &call.k, &call.v)?;
        let (heads, d) = (config.num_heads, config.head_size);
        let layout = call.out.layout;
        let DataMut::Host(HostSliceMut::F32(out)) = call.out.data else {
            return Err(AttnError::Backend { backend: NAME, message: "expected an f32 host output".into() });
        };
        for (row, values) in exact.chunks(d).enumerate() {
            let at = layout.index(row / heads, row % heads);
            for (o, &x) in out[at..at + d].iter_mut().zip(values) {
                *o = x as f32;
            }
        }
        Ok(())
    }
}

attn_core::inventory::submit! { attn_core::BackendEntry(&ExampleCpu) }
