//! `fa-upstream`: a FlashAttention-2-class fused forward kernel of our own
//! (mma.sync m16n8k16 fed by ldmatrix, a cp.async K/V ring, online
//! softmax in fp32) for f16/bf16 head sizes that are multiples of 8 up to
//! 256, on compute capability 8.0 and newer. Head sizes are padded to 16 in
//! the kernel only ([`variants`]); inputs are read in place through their
//! strides. On compute capability 9.0, head sizes from 32 run a Hopper
//! kernel instead (kernels/fa_fwd_tma_sm90.cuh, [`sm90`]: TMA, wgmma,
//! warp specialisation), which fa-native instantiates too.
pub mod cluster;
mod error;
mod gpu;
pub mod kv_split;
pub mod launch;
pub mod sm90;
pub mod tma;
pub mod variants;

use attn_core::{
    AttentionBackend, AttentionConfig, AttentionForward, ComputeCapability, DType, Device, KernelInfo, Unsupported,
};
pub use error::FaError;

include!(concat!(env!("OUT_DIR"), "/kernels.rs"));

pub const NAME: &str = "fa-upstream";
pub const PRIORITY: u32 = 30;
/// mma.sync with bf16 and cp.async need Ampere.
pub const MIN_CC: ComputeCapability = ComputeCapability { major: 8, minor: 0 };

pub struct FaUpstream;

fn image(padded_d: usize) -> Result<&'static attn_core::KernelImage, Unsupported> {
    attn_core::KernelImage::find(KERNELS, &variants::image_name(padded_d))
}

/// The head-size and dtype rules alone (no device needed).
pub fn supports_problem(head_size: usize, dtype: DType) -> Result<(), Unsupported> {
    if !matches!(dtype, DType::F16 | DType::BF16) {
        return Err(Unsupported::new(format!("{} inputs: tensor-core kernels take f16 and bf16 only", dtype.name())));
    }
    if head_size % 8 != 0 {
        return Err(Unsupported::new(format!("head_size {head_size} is not a multiple of 8 (16-byte row chunks)")));
    }
    if head_size > variants::MAX_HEAD_SIZE {
        return Err(Unsupported::new(format!(
            "head_size {head_size} exceeds {}: the O accumulators would not fit in registers",
            variants::MAX_HEAD_SIZE
        )));
    }
    Ok(())
}

impl AttentionBackend for FaUpstream {
    fn name(&self) -> &'static str {
        NAME
    }

    fn priority(&self) -> u32 {
        PRIORITY
    }

    fn supports(&self, head_size: usize, dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported> {
        supports_problem(head_size, dtype)?;
        let Some(cc) = cc else {
            return Err(Unsupported::new("GPU only (no CPU path)"));
        };
        supports_device(head_size, cc)
    }

    fn kernel_info(&self) -> KernelInfo {
        let first = image(variants::HEAD_DIM_STEP).expect("the smallest head dim is always instantiated");
        let each = format!(
            "; one per head dim {}..={} step {} ({} fatbins)",
            variants::HEAD_DIM_STEP,
            variants::MAX_HEAD_SIZE,
            variants::HEAD_DIM_STEP,
            KERNELS.len()
        );
        let gpu = first.summary(&each);
        KernelInfo { gpu, cpu: false }
    }

    fn instantiate(&self, config: &AttentionConfig, device: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        match device {
            Device::Cpu => Err(Unsupported::new("GPU only (no CPU path)")),
            Device::Cuda(gpu) => Ok(Box::new(gpu::GpuFa::new(config, gpu, true)?)),
        }
    }
}

#[cfg(feature = "register")]
attn_core::inventory::submit! { attn_core::BackendEntry(&FaUpstream) }

/// The kernels without fa-upstream's multiple-of-8 rule, for backends that
/// borrow them (memeff): any head size up to 256 (loads and stores per
/// element where rows are not whole 16-byte chunks), f16/bf16, cc >= 8.0.
pub fn supports_any_head_size(head_size: usize, dtype: DType, cc: ComputeCapability) -> Result<(), Unsupported> {
    if !matches!(dtype, DType::F16 | DType::BF16) || head_size == 0 || head_size > variants::MAX_HEAD_SIZE {
        return Err(Unsupported::new(format!(
            "tensor-core kernels take f16/bf16 head sizes 1..={}, not {} {head_size}",
            variants::MAX_HEAD_SIZE,
            dtype.name()
        )));
    }
    supports_device(head_size, cc)
}

fn supports_device(head_size: usize, cc: ComputeCapability) -> Result<(), Unsupported> {
    if cc < MIN_CC {
        return Err(Unsupported::new(format!("compute capability {cc} is below {MIN_CC} (mma.sync bf16, cp.async)")));
    }
    image(variants::padded_head_dim(head_size))?.runs_on(cc)
}

/// A forward of the kernels for a problem [`supports_any_head_size`] accepts.
pub fn any_head_size_forward(config: &AttentionConfig, gpu: &attn_core::GpuDevice) -> Result<Box<dyn AttentionForward>, Unsupported> {
    Ok(Box::new(gpu::GpuFa::new(config, gpu, true)?))
}

/// The mma.sync kernels alone, never the Hopper one: fa-native's path on
/// cc 8.x (or forced) and its fallback for views TMA cannot read, beside
/// its own Hopper instantiations.
pub fn mma_sync_forward(config: &AttentionConfig, gpu: &attn_core::GpuDevice) -> Result<Box<dyn AttentionForward>, Unsupported> {
    Ok(Box::new(gpu::GpuFa::new(config, gpu, false)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> Option<ComputeCapability> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn serves_multiples_of_8_up_to_256_in_f16_and_bf16_from_ampere_on() {
        let b = FaUpstream;
        let built = KERNELS.iter().all(|k| k.fatbin.is_some());
        for d in (8..=256).step_by(8) {
            for dt in [DType::F16, DType::BF16] {
                assert!(supports_problem(d, dt).is_ok(), "{d} {dt:?}");
                for gpu in ["8.0", "8.6", "8.9", "9.0"] {
                    assert_eq!(b.supports(d, dt, cc(gpu)).is_ok(), built, "{d} {dt:?} {gpu}");
                }
            }
            assert!(image(variants::padded_head_dim(d)).is_ok(), "every padded head dim has an image: {d}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        let b = FaUpstream;
        let why = |d, dt, c| b.supports(d, dt, c).unwrap_err().0;
        assert!(why(72, DType::F32, cc("9.0")).contains("f16 and bf16"));
        assert!(why(100, DType::BF16, cc("9.0")).contains("not a multiple of 8"));
        assert!(why(264, DType::BF16, cc("9.0")).contains("exceeds 256"));
        assert!(why(72, DType::BF16, cc("7.5")).contains("below 8.0"));
        assert!(why(72, DType::BF16, None).contains("GPU only"));
    }
}
