//! Loading the Hopper kernel of one head size and launching it over a
//! persistent grid; everything it cannot take goes to fa-upstream's kernels.
use crate::error::NativeError;
use crate::path::PathPolicy;
use crate::tensor_map::{encode, plan, TensorMap};
use crate::variants::{atom_cols, choose_tile, kernel_name, sm90_tiles, smem_bytes, Sm90Tile};
use attn_core::launch::DeviceCuSeqlens;
use attn_core::params::VitAttnParams;
use attn_core::{AttentionConfig, AttentionForward, AttnError, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::sys::{CUdevice_attribute, CUfunction_attribute};
use cudarc::driver::{CudaFunction, LaunchConfig, PushKernelArg};

pub struct GpuNative {
    gpu: GpuDevice,
    config: AttentionConfig,
    /// None off Hopper, without the sm_90a image, or with the sm80 path forced.
    hopper: Option<HopperKernel>,
    /// fa-upstream's kernels: the Ampere path and views TMA cannot read.
    fallback: Box<dyn AttentionForward>,
    cu_seqlens: DeviceCuSeqlens,
}

struct HopperKernel {
    /// Every tile of the head size, in `sm90_tiles` order, with its kernel.
    kernels: Vec<(Sm90Tile, CudaFunction)>,
    sm_count: usize,
}

impl GpuNative {
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let policy = PathPolicy::from_env()?;
        let fallback = attn_fa_upstream::any_head_size_forward(config, gpu)?;
        let hopper = match policy {
            PathPolicy::Auto if crate::hopper_kernel_runs(config.head_size, gpu.cc).is_ok() => Some(HopperKernel::load(config, gpu)?),
            _ => None,
        };
        Ok(GpuNative { gpu: gpu.clone(), config: *config, hopper, fallback, cu_seqlens: DeviceCuSeqlens::default() })
    }
}

impl HopperKernel {
    fn load(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let d = config.head_size;
        let module = crate::image(d)?.load(gpu)?;
        let mut kernels = Vec::new();
        for &t in sm90_tiles(d) {
            let name = kernel_name(config.dtype.name(), d, t);
            let f = module.load_function(&name).map_err(|e| Unsupported::new(format!("kernel {name} missing: {e}")))?;
            let smem = smem_bytes(d, t);
            f.set_attribute(CUfunction_attribute::CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem as i32)
                .map_err(|e| Unsupported::new(format!("{name}: opting in to {smem} bytes of shared memory: {e}")))?;
            kernels.push((t, f));
        }
        let sm_count = gpu
            .ctx
            .attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
            .map_err(|e| Unsupported::new(format!("querying the device: {e}")))? as usize;
        Ok(HopperKernel { kernels, sm_count })
    }

    /// The q, k and v maps of a call, or why TMA cannot read one of its views.
    fn tensor_maps(p: &VitAttnParams, config: &AttentionConfig, tile: Sm90Tile) -> Result<[TensorMap; 3], String> {
        let (d, tokens) = (config.head_size, p.total_tokens as usize);
        let cols = atom_cols(d);
        let q = plan(&p.q, tokens, config.num_heads, d, cols, tile.block_m())?;
        let k = plan(&p.k, tokens, config.num_kv_heads, d, cols, tile.block_n)?;
        let v = plan(&p.v, tokens, config.num_kv_heads, d, cols, tile.block_n)?;
        let enc = |m| encode(&m, config.dtype).map_err(|e| format!("encoding a tensor map: {e}"));
        Ok([enc(q)?, enc(k)?, enc(v)?])
    }
}

impl AttentionForward for GpuNative {
    fn forward(&mut self, mut call: ForwardCall<'_>) -> Result<(), AttnError> {
        if call.max_seqlen == 0 {
            return Ok(());
        }
        let Some(h) = &self.hopper else { return self.fallback.forward(call) };
        let heads_x_seqs = call.seqs.num_seqs() * self.config.num_heads;
        let tile = choose_tile(self.config.head_size, call.max_seqlen, heads_x_seqs, h.sm_count);
        let f = &h.kernels.iter().find(|(t, _)| *t == tile).expect("every tile of the head size is loaded").1;
        let tiles = call.max_seqlen.div_ceil(tile.block_m()) * heads_x_seqs;
        let mut params = call.kernel_params(0);
        let maps = match HopperKernel::tensor_maps(&params, &self.config, tile) {
            Ok(maps) if tiles <= i32::MAX as usize => maps,
            // Unaligned views (and grids past i32) take the cp.async kernels.
            _ => return self.fallback.forward(call),
        };
        let cfg = LaunchConfig {
            grid_dim: (tiles.min(h.sm_count) as u32, 1, 1),
            block_dim: (tile.threads(), 1, 1),
            shared_mem_bytes: smem_bytes(self.config.head_size, tile) as u32,
        };
        self.gpu.ctx.bind_to_thread().map_err(NativeError::from)?;
        params.cu_seqlens = self.cu_seqlens.upload(&self.gpu, &call.seqs).map_err(NativeError::from)?;
        let [mq, mk, mv] = &maps;
        // SAFETY: the core validated every view against its buffer; the maps
        // describe exactly those views (TMA reads nothing outside them and
        // zero-fills past their ends); stores are bounded by the params; the
        // dynamic shared memory matches the kernel's tile (it traps otherwise).
        unsafe { self.gpu.stream.launch_builder(f).arg(mq).arg(mk).arg(mv).arg(&params).launch(cfg) }
            .map_err(NativeError::from)?;
        Ok(())
    }
}
