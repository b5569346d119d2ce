//! Loading memeff's own kernel for a call (FMA or wmma) and launching it.
use crate::error::MemeffError;
use crate::path::KernelPath;
use crate::variants::{kernel_name, wmma_kernel_name};
use attn_core::launch::{pack_grid, DeviceCuSeqlens};
use attn_core::{AttentionConfig, AttentionForward, AttnError, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::{CudaFunction, LaunchConfig, PushKernelArg};

pub struct GpuMemeff {
    gpu: GpuDevice,
    kernel: CudaFunction,
    /// Query rows and threads of a block: memeff_fwd.cuh has 4 warps of 4
    /// rows, memeff_wmma.cuh 2 warps of 16.
    block_m: usize,
    threads: u32,
    cu_seqlens: DeviceCuSeqlens,
}

impl GpuMemeff {
    /// `path` is Fma or Wmma (the tensor-core path is fa-upstream's).
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice, path: KernelPath) -> Result<Self, Unsupported> {
        let (image, name, block_m, threads) = match path {
            KernelPath::Wmma => (crate::image("memeff_wmma"), wmma_kernel_name(config.head_size), 32, 64),
            _ => (crate::image("memeff_fwd"), kernel_name(config.dtype.name(), config.head_size), 16, 128),
        };
        let module = image.load(gpu)?;
        let kernel = module.load_function(&name).map_err(|e| Unsupported::new(format!("kernel {name} missing: {e}")))?;
        Ok(GpuMemeff { gpu: gpu.clone(), kernel, block_m, threads, cu_seqlens: DeviceCuSeqlens::default() })
    }
}

impl AttentionForward for GpuMemeff {
    fn forward(&mut self, mut call: ForwardCall<'_>) -> Result<(), AttnError> {
        if call.max_seqlen == 0 {
            return Ok(());
        }
        let (gx, gy) = pack_grid(self.block_m, call.max_seqlen, call.seqs.num_seqs(), call.config.num_heads).map_err(MemeffError::Launch)?;
        let cfg = LaunchConfig { grid_dim: (gx, gy, 1), block_dim: (self.threads, 1, 1), shared_mem_bytes: 0 };
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
