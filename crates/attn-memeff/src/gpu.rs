//! Loading the memeff kernel of one (dtype, head-dim bucket) and launching it.
use crate::error::MemeffError;
use crate::kernel_name;
use attn_core::launch::{pack_grid, DeviceCuSeqlens};
use attn_core::{AttentionConfig, AttentionForward, AttnError, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::{CudaFunction, LaunchConfig, PushKernelArg};

/// Must match memeff_fwd.cu: 4 warps of 4 query rows.
const BLOCK_M: usize = 16;
const THREADS: u32 = 128;

pub struct GpuMemeff {
    gpu: GpuDevice,
    kernel: CudaFunction,
    cu_seqlens: DeviceCuSeqlens,
}

impl GpuMemeff {
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let module = crate::image().load(gpu)?;
        let name = kernel_name(config.dtype, config.head_size);
        let kernel = module.load_function(&name).map_err(|e| Unsupported::new(format!("kernel {name} missing: {e}")))?;
        Ok(GpuMemeff { gpu: gpu.clone(), kernel, cu_seqlens: DeviceCuSeqlens::default() })
    }
}

impl AttentionForward for GpuMemeff {
    fn forward(&mut self, mut call: ForwardCall<'_>) -> Result<(), AttnError> {
        if call.max_seqlen == 0 {
            return Ok(());
        }
        let (gx, gy) = pack_grid(BLOCK_M, call.max_seqlen, call.seqs.num_seqs(), call.config.num_heads).map_err(MemeffError::Launch)?;
        let cfg = LaunchConfig { grid_dim: (gx, gy, 1), block_dim: (THREADS, 1, 1), shared_mem_bytes: 0 };
        self.gpu.ctx.bind_to_thread().map_err(MemeffError::from)?;
        let cu = self.cu_seqlens.upload(&self.gpu, &call.seqs).map_err(MemeffError::from)?;
        let params = call.kernel_params(cu);
        // SAFETY: the core validated every view against its buffer and the
        // kernel bounds every access by the params (rows by the sequence
        // length, columns by the head size).
        unsafe { self.gpu.stream.launch_builder(&self.kernel).arg(&params).launch(cfg) }.map_err(MemeffError::from)?;
        Ok(())
    }
}
