//! `memeff`: memory-efficient attention, the GPU fallback that takes what the
//! other fused kernels do not: f32, any head size from 1 to 512, and GPUs
//! before Ampere (bf16 only where the GPU has it). Tiled with an online
//! softmax: nothing of size seq x seq reaches global memory. Three kernels
//! ([`path`]): fa-upstream's tensor-core kernels for f16/bf16 up to head size
//! 256 on Ampere and newer, our wmma kernel for f16 up to 128 on Volta and
//! Turing, our FMA kernel for the rest.
mod error;
mod gpu;
pub mod path;
pub mod variants;

use attn_core::{
    AttentionBackend, AttentionConfig, AttentionForward, ComputeCapability, DType, Device, KernelInfo, Unsupported,
};
pub use error::MemeffError;

include!(concat!(env!("OUT_DIR"), "/kernels.rs"));

pub const NAME: &str = "memeff";
pub const PRIORITY: u32 = 20;
/// The per-warp output accumulators hold 512 columns; past that they would spill.
pub const MAX_HEAD_SIZE: usize = 512;
const BF16_MIN_CC: ComputeCapability = ComputeCapability { major: 8, minor: 0 };

/// "memeff_fwd" (FMA) or "memeff_wmma": the images build.rs generates (variants.rs).
fn image(name: &str) -> &'static attn_core::KernelImage {
    KERNELS.iter().find(|k| k.name == name).expect("build.rs generates this image")
}

pub struct Memeff;

impl AttentionBackend for Memeff {
    fn name(&self) -> &'static str {
        NAME
    }

    fn priority(&self) -> u32 {
        PRIORITY
    }

    fn supports(&self, head_size: usize, dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported> {
        if head_size == 0 || head_size > MAX_HEAD_SIZE {
            return Err(Unsupported::new(format!(
                "head_size {head_size} is outside 1..={MAX_HEAD_SIZE} (per-lane output accumulators)"
            )));
        }
        let Some(cc) = cc else {
            return Err(Unsupported::new("GPU only (no CPU path)"));
        };
        if dtype == DType::BF16 && cc < BF16_MIN_CC {
            return Err(Unsupported::new(format!("bf16 needs compute capability {BF16_MIN_CC}, this GPU has {cc}")));
        }
        image("memeff_fwd").runs_on(cc)
    }

    fn kernel_info(&self) -> KernelInfo {
        let tensor_cores = "; f16 head sizes <= 128 on sm_70/sm_75 through wmma (memeff_wmma, same archs); \
                            f16/bf16 head sizes <= 256 on sm_80+ through fa-upstream's tensor-core kernels";
        KernelInfo { gpu: image("memeff_fwd").summary(tensor_cores), cpu: false }
    }

    fn instantiate(&self, config: &AttentionConfig, device: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        match device {
            Device::Cpu => Err(Unsupported::new("GPU only (no CPU path)")),
            Device::Cuda(gpu) => {
                match path::choose_path(config.head_size, config.dtype, gpu.cc, path::PathPolicy::from_env()?)? {
                    path::KernelPath::TensorCore => attn_fa_upstream::any_head_size_forward(config, gpu),
                    own => Ok(Box::new(gpu::GpuMemeff::new(config, gpu, own)?)),
                }
            }
        }
    }
}

attn_core::inventory::submit! { attn_core::BackendEntry(&Memeff) }

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> Option<ComputeCapability> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn every_head_size_maps_to_a_kernel_that_holds_it() {
        use variants::*;
        for d in 1..=MAX_HEAD_SIZE {
            let b = head_dim_bucket(d);
            assert!(b >= d && BUCKETS.contains(&b), "{d} -> {b}");
        }
        assert_eq!(kernel_name("f32", 72), "vit_attn_memeff_fwd_f32_d128");
        for d in 1..=WMMA_MAX_HEAD_SIZE {
            let name = wmma_kernel_name(d);
            assert!(wmma_dims().any(|w| w >= d && name.ends_with(&format!("_d{w}"))), "{d} -> {name}");
        }
    }

    #[test]
    fn serves_any_head_size_and_dtype_where_the_gpu_can_with_reasons_otherwise() {
        let m = Memeff;
        let built = image("memeff_fwd").fatbin.is_some();
        for d in [1, 17, 72, 100, 257, 512] {
            for dt in DType::ALL {
                assert_eq!(m.supports(d, dt, cc("9.0")).is_ok(), built, "{d} {dt:?}");
            }
        }
        assert!(m.supports(513, DType::F32, cc("9.0")).unwrap_err().0.contains("outside 1..=512"));
        assert!(m.supports(64, DType::BF16, cc("7.5")).unwrap_err().0.contains("bf16 needs compute capability 8.0"));
        assert_eq!(m.supports(64, DType::F16, cc("7.5")).is_ok(), built);
        assert!(m.supports(64, DType::F32, None).unwrap_err().0.contains("GPU only"));
        // Volta's machine code needs CUDA 12's ptxas at build time (build.rs).
        let volta = m.supports(64, DType::F32, cc("7.0"));
        if image("memeff_fwd").sass.contains(&"70") {
            assert!(volta.is_ok());
        } else if built {
            assert!(volta.unwrap_err().0.contains("cannot run on compute capability 7.0"));
        }
    }
}
