//! `fa-native`: the top-priority backend, for f16/bf16 head sizes that are
//! multiples of 32 up to 256, each an exact instantiation. On Hopper (cc
//! 9.0) it runs its own instantiations of fa-upstream's Hopper kernel
//! template (fa_fwd_tma_sm90.cuh: TMA loads into swizzled shared memory by a
//! producer warpgroup, wgmma on 2-3 consumer warpgroups taking turns,
//! softmax overlapped with P·V, a persistent grid). On Ampere and Ada (cc
//! 8.x) it runs fa-upstream's mma.sync kernels, whose padded head dim equals
//! the head size for these sizes.
mod gpu;
pub mod path;
pub mod variants;

use attn_core::{
    AttentionBackend, AttentionConfig, AttentionForward, ComputeCapability, DType, Device,
    KernelInfo, Unsupported,
};

include!(concat!(env!("OUT_DIR"), "/kernels.rs"));

pub const NAME: &str = "fa-native";
pub const PRIORITY: u32 = 40;
pub const MIN_CC: ComputeCapability = ComputeCapability { major: 8, minor: 0 };
/// The GPUs the own kernel is built for (sm_90a machine code only).
pub const HOPPER: ComputeCapability = ComputeCapability { major: 9, minor: 0 };

pub struct FaNative;

fn image(head_size: usize) -> Result<&'static attn_core::KernelImage, Unsupported> {
    attn_core::KernelImage::find(KERNELS, &variants::image_name(head_size))
}

/// The head-size and dtype rules alone (no device needed).
pub fn supports_problem(head_size: usize, dtype: DType) -> Result<(), Unsupported> {
    if !matches!(dtype, DType::F16 | DType::BF16) {
        return Err(Unsupported::new(format!(
            "{} inputs: tensor-core kernels take f16 and bf16 only",
            dtype.name()
        )));
    }
    if head_size == 0 || head_size % variants::HEAD_SIZE_STEP != 0 {
        return Err(Unsupported::new(format!(
            "head_size {head_size} is not a multiple of {} (exact-size kernels only)",
            variants::HEAD_SIZE_STEP
        )));
    }
    if head_size > variants::MAX_HEAD_SIZE {
        return Err(Unsupported::new(format!(
            "head_size {head_size} exceeds {}",
            variants::MAX_HEAD_SIZE
        )));
    }
    Ok(())
}

/// Whether a GPU of this compute capability runs the Hopper kernel (else fa-upstream's).
pub fn hopper_kernel_runs(head_size: usize, cc: ComputeCapability) -> Result<(), Unsupported> {
    if cc.major != HOPPER.major {
        return Err(Unsupported::new(format!(
            "compute capability {cc}: the TMA/wgmma kernel is built for sm_90a only"
        )));
    }
    image(head_size)?.runs_on(cc)
}

impl AttentionBackend for FaNative {
    fn name(&self) -> &'static str {
        NAME
    }

    fn priority(&self) -> u32 {
        PRIORITY
    }

    fn supports(
        &self,
        head_size: usize,
        dtype: DType,
        cc: Option<ComputeCapability>,
    ) -> Result<(), Unsupported> {
        supports_problem(head_size, dtype)?;
        let Some(cc) = cc else {
            return Err(Unsupported::new("GPU only (no CPU path)"));
        };
        if cc < MIN_CC {
            return Err(Unsupported::new(format!(
                "compute capability {cc} is below {MIN_CC} (mma.sync bf16, cp.async)"
            )));
        }
        // Hopper without this build's sm_90a kernel, and every other GPU, run fa-upstream's.
        if hopper_kernel_runs(head_size, cc).is_ok() {
            return Ok(());
        }
        attn_fa_upstream::supports_any_head_size(head_size, dtype, cc)
    }

    fn kernel_info(&self) -> KernelInfo {
        let first =
            image(variants::HEAD_SIZE_STEP).expect("the smallest head size is always instantiated");
        let each = format!(
            "; one per head size {}..={} step {} ({} fatbins); cc 8.x: fa-upstream's mma.sync kernels",
            variants::HEAD_SIZE_STEP,
            variants::MAX_HEAD_SIZE,
            variants::HEAD_SIZE_STEP,
            KERNELS.len()
        );
        KernelInfo {
            gpu: first.summary(&each),
            cpu: false,
        }
    }

    fn instantiate(
        &self,
        config: &AttentionConfig,
        device: &Device,
    ) -> Result<Box<dyn AttentionForward>, Unsupported> {
        match device {
            Device::Cpu => Err(Unsupported::new("GPU only (no CPU path)")),
            Device::Cuda(gpu) => Ok(Box::new(gpu::GpuNative::new(config, gpu)?)),
        }
    }
}

attn_core::inventory::submit! { attn_core::BackendEntry(&FaNative) }

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> Option<ComputeCapability> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn serves_multiples_of_32_up_to_256_in_f16_and_bf16_from_ampere_on() {
        let b = FaNative;
        let built = KERNELS.iter().all(|k| k.fatbin.is_some());
        for d in (32..=256).step_by(32) {
            for dt in [DType::F16, DType::BF16] {
                for gpu in ["8.0", "8.6", "8.9", "9.0"] {
                    assert_eq!(
                        b.supports(d, dt, cc(gpu)).is_ok(),
                        built,
                        "{d} {dt:?} {gpu}"
                    );
                }
            }
            assert_eq!(
                hopper_kernel_runs(d, HOPPER).is_ok(),
                built,
                "an sm_90a kernel per head size: {d}"
            );
            assert!(hopper_kernel_runs(d, "8.9".parse().unwrap()).is_err());
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        let b = FaNative;
        let why = |d, dt, c| b.supports(d, dt, c).unwrap_err().0;
        assert!(why(72, DType::BF16, cc("9.0")).contains("not a multiple of 32"));
        assert!(why(64, DType::F32, cc("9.0")).contains("f16 and bf16"));
        assert!(why(288, DType::BF16, cc("9.0")).contains("exceeds 256"));
        assert!(why(64, DType::BF16, cc("7.5")).contains("below 8.0"));
        assert!(why(64, DType::BF16, None).contains("GPU only"));
    }
}
