//! `sdpa`: the unfused math path, lowest priority, serves every case.
//! GPU: cuBLAS GEMM + our softmax kernel + cuBLAS GEMM ([`gpu`]); CPU: a
//! multithreaded blocked implementation ([`cpu`]).
mod cpu;
mod error;
mod gemm;
mod gpu;
pub mod plan;

use attn_core::{
    AttentionBackend, AttentionConfig, AttentionForward, ComputeCapability, DType, Device, KernelInfo, Unsupported,
};
pub use error::SdpaError;

include!(concat!(env!("OUT_DIR"), "/kernels.rs"));

pub const NAME: &str = "sdpa";
pub const PRIORITY: u32 = 10;

pub struct Sdpa;

fn softmax_image() -> &'static attn_core::KernelImage {
    KERNELS.iter().find(|k| k.name == "softmax").expect("softmax.cu is in kernels/")
}

impl AttentionBackend for Sdpa {
    fn name(&self) -> &'static str {
        NAME
    }

    fn priority(&self) -> u32 {
        PRIORITY
    }

    fn supports(&self, _head_size: usize, _dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported> {
        // Every head size (cuBLAS takes any) and dtype; on a GPU, whatever the fatbin runs on.
        match cc {
            None => Ok(()),
            Some(cc) => softmax_image().runs_on(cc),
        }
    }

    fn kernel_info(&self) -> KernelInfo {
        let gemms = "; GEMMs through cuBLASLt with cached plans (classic cuBLAS where Lt has no algorithm, or with VIT_ATTN_SDPA_GEMM=classic)";
        KernelInfo { gpu: softmax_image().summary(gemms), cpu: true }
    }

    fn instantiate(&self, config: &AttentionConfig, device: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        match device {
            Device::Cpu => Ok(Box::new(cpu::CpuSdpa::new())),
            Device::Cuda(gpu) => Ok(Box::new(gpu::GpuSdpa::new(config, gpu)?)),
        }
    }
}

attn_core::inventory::submit! { attn_core::BackendEntry(&Sdpa) }
