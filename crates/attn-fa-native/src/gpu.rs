//! fa-native's forward: its own Hopper kernels through fa-upstream's
//! launcher ([`attn_fa_upstream::sm90`]), and fa-upstream's kernels for
//! everything else (other GPUs, views TMA cannot read).
use crate::path::PathPolicy;
use crate::variants::TMA_PREFIX;
use attn_core::{
    AttentionConfig, AttentionForward, AttnError, ForwardCall, GpuDevice, Unsupported,
};
use attn_fa_upstream::sm90::{Launched, TmaKernels};

pub struct GpuNative {
    gpu: GpuDevice,
    /// None off Hopper, without the sm_90a image, or with the sm80 path forced.
    hopper: Option<TmaKernels>,
    /// fa-upstream's mma.sync kernels: the Ampere path and views TMA cannot read.
    fallback: Box<dyn AttentionForward>,
}

impl GpuNative {
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let policy = PathPolicy::from_env()?;
        let fallback = attn_fa_upstream::mma_sync_forward(config, gpu)?;
        let hopper = match policy {
            PathPolicy::Auto if crate::hopper_kernel_runs(config.head_size, gpu.cc).is_ok() => {
                let module = crate::image(config.head_size)?.load(gpu)?;
                Some(TmaKernels::load(&module, TMA_PREFIX, config, gpu)?)
            }
            _ => None,
        };
        Ok(GpuNative {
            gpu: gpu.clone(),
            hopper,
            fallback,
        })
    }
}

impl AttentionForward for GpuNative {
    fn forward(&mut self, mut call: ForwardCall<'_>) -> Result<(), AttnError> {
        if call.max_seqlen == 0 {
            return Ok(());
        }
        if let Some(h) = &mut self.hopper {
            if let Launched::Yes = h.forward(&self.gpu, &mut call)? {
                return Ok(());
            }
        }
        self.fallback.forward(call)
    }
}
