//! Loading the kernels of one padded head dim and launching them: on Hopper
//! the TMA kernel where the head size and the call's views allow
//! ([`crate::sm90`]), the mma.sync kernels otherwise.
use crate::error::FaError;
use crate::launch::{choose_tile, TilePolicy};
use crate::sm90::{Launched, TmaKernels};
use crate::variants::{image_name, kernel_name, padded_head_dim, smem_bytes, tile_shapes, tma_head_size, TileShape, TMA_PREFIX};
use attn_core::launch::{pack_grid, DeviceCuSeqlens};
use attn_core::{AttentionConfig, AttentionForward, AttnError, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::sys::{CUdevice_attribute, CUfunction_attribute};
use cudarc::driver::{CudaFunction, LaunchConfig, PushKernelArg};

pub struct GpuFa {
    gpu: GpuDevice,
    padded_d: usize,
    /// The loaded tile shapes, widest first, and their kernels.
    shapes: Vec<TileShape>,
    kernels: Vec<CudaFunction>,
    policy: TilePolicy,
    sm_count: usize,
    cu_seqlens: DeviceCuSeqlens,
    /// Hopper (cc 9.x) with a head size the TMA kernel takes, unless a tile policy forces mma.sync.
    tma: Option<TmaKernels>,
}

impl GpuFa {
    /// `hopper_kernel`: take the TMA kernel where it applies (off for callers
    /// that run their own and want only the mma.sync kernels as a fallback).
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice, hopper_kernel: bool) -> Result<Self, Unsupported> {
        let padded_d = padded_head_dim(config.head_size);
        let policy = TilePolicy::from_env(padded_d).map_err(Unsupported::new)?;
        let module = crate::image(padded_d)?.load(gpu)?;
        let attr = |a| gpu.ctx.attribute(a).map_err(|e| Unsupported::new(format!("querying the device: {e}")));
        let smem_limit = attr(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN)? as usize;
        let sm_count = attr(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)? as usize;
        // Shapes that need more shared memory than this GPU gives a block
        // (e.g. d=128's widest, 102 KB, on sm_86/89) are left out.
        let (mut shapes, mut kernels) = (Vec::new(), Vec::new());
        let mut too_big = Vec::new();
        for &t in tile_shapes(padded_d) {
            let smem = smem_bytes(padded_d, t);
            if smem > smem_limit {
                too_big.push(format!("{} needs {smem} bytes", t.suffix()));
                continue;
            }
            let name = kernel_name(config.dtype.name(), padded_d, t);
            let f = module.load_function(&name).map_err(|e| Unsupported::new(format!("kernel {name} missing: {e}")))?;
            f.set_attribute(CUfunction_attribute::CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem as i32)
                .map_err(|e| Unsupported::new(format!("{name}: opting in to {smem} bytes of shared memory: {e}")))?;
            shapes.push(t);
            kernels.push(f);
        }
        let missing = match policy {
            TilePolicy::Exact(t) => !shapes.contains(&t),
            _ => shapes.is_empty(),
        };
        if missing {
            return Err(Unsupported::new(format!(
                "{}: shared memory per block of this device is {smem_limit} bytes; {}",
                image_name(padded_d),
                too_big.join(", ")
            )));
        }
        // wgmma and TMA exist on sm_90 only (not on sm_100, whose PTX JIT
        // would get the kernel's trap body).
        let tma = if hopper_kernel && gpu.cc.major == 9 && tma_head_size(config.head_size) && policy == TilePolicy::Auto {
            Some(TmaKernels::load(&module, TMA_PREFIX, config, gpu)?)
        } else {
            None
        };
        Ok(GpuFa { gpu: gpu.clone(), padded_d, shapes, kernels, policy, sm_count, cu_seqlens: DeviceCuSeqlens::default(), tma })
    }
}

impl AttentionForward for GpuFa {
    fn forward(&mut self, mut call: ForwardCall<'_>) -> Result<(), AttnError> {
        if call.max_seqlen == 0 {
            return Ok(());
        }
        if let Some(tma) = &mut self.tma {
            if let Launched::Yes = tma.forward(&self.gpu, &mut call)? {
                return Ok(());
            }
        }
        let heads = call.config.num_heads;
        let num_seqs = call.seqs.num_seqs();
        let t = choose_tile(&self.shapes, call.max_seqlen, heads * num_seqs, self.sm_count, self.policy);
        let (gx, gy) = pack_grid(t.block_m, call.max_seqlen, num_seqs, heads).map_err(FaError::Launch)?;
        let cfg = LaunchConfig {
            grid_dim: (gx, gy, 1),
            block_dim: (t.threads(), 1, 1),
            shared_mem_bytes: smem_bytes(self.padded_d, t) as u32,
        };
        self.gpu.ctx.bind_to_thread().map_err(FaError::from)?;
        let cu = self.cu_seqlens.upload(&self.gpu, &call.seqs).map_err(FaError::from)?;
        let params = call.kernel_params(cu);
        let f = &self.kernels[self.shapes.iter().position(|s| *s == t).expect("choose_tile picks a loaded shape")];
        // SAFETY: the core validated every view against its buffer, the
        // kernel bounds every access by the params, and the dynamic shared
        // memory matches the kernel's tile (the kernel traps otherwise).
        unsafe { self.gpu.stream.launch_builder(f).arg(&params).launch(cfg) }.map_err(FaError::from)?;
        Ok(())
    }
}
