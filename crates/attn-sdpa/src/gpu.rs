//! GPU path: Q·Kᵀ and P·V as strided-batched GEMMs (cuBLASLt, see
//! [`crate::gemm`]) reading q, k, v and writing out in place through their
//! strides, with our softmax kernel between them on an fp32 score scratch.
use crate::error::SdpaError;
use crate::gemm::{alignment, GemmShape, Gemms};
use crate::plan::{for_each_chunk, Chunk};
use attn_core::params::VitAttnSoftmaxParams;
use attn_core::{AttentionConfig, AttentionForward, AttnError, DType, Data, DataMut, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::{CudaFunction, CudaSlice, LaunchConfig, PushKernelArg};

/// S + P scratch of one chunk at most; longer problems are cut into more chunks.
pub const WORKSPACE_LIMIT: usize = 1 << 30;
const SOFTMAX_WARPS_PER_BLOCK: usize = 8;

pub struct GpuSdpa {
    gpu: GpuDevice,
    gemms: Gemms,
    softmax: CudaFunction,
    /// The S + P scratch and its raw address (taken once: cudarc's per-access
    /// event tracking would otherwise cost every call).
    workspace: Option<(CudaSlice<u8>, u64)>,
    dtype: DType,
    head_size: usize,
}

impl GpuSdpa {
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let module = crate::softmax_image().load(gpu)?;
        let softmax = module
            .load_function(&format!("vit_attn_softmax_{}", config.dtype.name()))
            .map_err(|e| Unsupported::new(format!("softmax kernel missing from the fatbin: {e}")))?;
        let gemms = Gemms::new(gpu.stream.clone()).map_err(Unsupported::new)?;
        Ok(GpuSdpa { gpu: gpu.clone(), gemms, softmax, workspace: None, dtype: config.dtype, head_size: config.head_size })
    }

    fn ensure_workspace(&mut self, bytes: usize) -> Result<u64, SdpaError> {
        if self.workspace.as_ref().is_none_or(|(w, _)| w.len() < bytes) {
            self.workspace = None; // free the old one first
            // SAFETY: scratch that every chunk fully writes (GEMM 1, softmax) before reading.
            let ws = unsafe { self.gpu.stream.alloc::<u8>(bytes) }?;
            let ptr = {
                use cudarc::driver::DevicePtr as _;
                ws.device_ptr(&self.gpu.stream).0
            };
            self.workspace = Some((ws, ptr));
        }
        Ok(self.workspace.as_ref().expect("allocated above").1)
    }

    /// Enqueues S = Q Kᵀ, P = softmax(scale S), O = P V for one chunk.
    fn run_chunk(&mut self, c: &Chunk, base: [u64; 4], ws: u64, scale_log2: f32) -> Result<(), SdpaError> {
        let es = self.dtype.size_bytes() as u64;
        let addr = |b: u64, off: usize| b + off as u64 * es;
        let (q, k, v, o) = (addr(base[0], c.q.offset), addr(base[1], c.k.offset), addr(base[2], c.v.offset), addr(base[3], c.out.offset));
        let scores = ws;
        let probs = ws + (c.count * c.rows * c.scores_ld * 4) as u64;
        let sstride = (c.rows * c.scores_ld) as i64;
        let batch = i32::try_from(c.count).map_err(|_| SdpaError::Layout(format!("batch of {} exceeds i32", c.count)))?;
        let (d, len, rows) = (self.head_size as u64, c.len as u64, c.rows as u64);
        let bytes = |x: usize, size: u64| x as u64 * size;
        // Column-major view: Sᵀ (len x rows) = K (len x d: Kᵀ stored d x len) · Qᵀ (d x rows).
        let s_shape = GemmShape {
            trans_a: true,
            m: len,
            n: rows,
            k: d,
            ld: [c.k.ld as i64, c.q.ld as i64, c.scores_ld as i64],
            stride: [c.k.batch_stride as i64, c.q.batch_stride as i64, sstride],
            batch,
            ab_type: self.dtype,
            d_type: DType::F32,
            align: [
                alignment(k, &[bytes(c.k.batch_stride, es), bytes(c.k.ld, es)]),
                alignment(q, &[bytes(c.q.batch_stride, es), bytes(c.q.ld, es)]),
                alignment(scores, &[sstride as u64 * 4, bytes(c.scores_ld, 4)]),
            ],
        };
        self.gemms.run(&s_shape, k, q, scores)?;
        let p = VitAttnSoftmaxParams {
            scores,
            probs,
            rows: (c.count * c.rows) as i64,
            scores_ld: c.scores_ld as i64,
            probs_ld: c.scores_ld as i64,
            row_len: c.len as i32,
            scale_log2,
        };
        let blocks = (c.count * c.rows).div_ceil(SOFTMAX_WARPS_PER_BLOCK);
        let cfg = LaunchConfig {
            grid_dim: (u32::try_from(blocks).map_err(|_| SdpaError::Layout(format!("{blocks} softmax blocks")))?, 1, 1),
            block_dim: ((SOFTMAX_WARPS_PER_BLOCK * 32) as u32, 1, 1),
            shared_mem_bytes: 0,
        };
        // SAFETY: the params point into the workspace sized for this chunk.
        unsafe { self.gpu.stream.launch_builder(&self.softmax).arg(&p).launch(cfg) }?;
        // Oᵀ (d x rows) = Vᵀ (d x len) · Pᵀ (len x rows).
        let o_shape = GemmShape {
            trans_a: false,
            m: d,
            n: rows,
            k: len,
            ld: [c.v.ld as i64, c.scores_ld as i64, c.out.ld as i64],
            stride: [c.v.batch_stride as i64, sstride, c.out.batch_stride as i64],
            batch,
            ab_type: self.dtype,
            d_type: self.dtype,
            align: [
                alignment(v, &[bytes(c.v.batch_stride, es), bytes(c.v.ld, es)]),
                alignment(probs, &[sstride as u64 * es, bytes(c.scores_ld, es)]),
                alignment(o, &[bytes(c.out.batch_stride, es), bytes(c.out.ld, es)]),
            ],
        };
        self.gemms.run(&o_shape, v, probs, o)
    }
}

fn device_ptr(d: &Data) -> Result<u64, SdpaError> {
    match d {
        Data::Device(p) => Ok(p.ptr),
        Data::Host(_) => Err(SdpaError::Layout("host memory given to the GPU path".into())),
    }
}

impl AttentionForward for GpuSdpa {
    fn forward(&mut self, call: ForwardCall<'_>) -> Result<(), AttnError> {
        let out = match &call.out.data {
            DataMut::Device(p) => p.ptr,
            DataMut::Host(_) => return Err(SdpaError::Layout("host output given to the GPU path".into()).into()),
        };
        let base = [device_ptr(&call.q.data)?, device_ptr(&call.k.data)?, device_ptr(&call.v.data)?, out];
        let es = self.dtype.size_bytes();
        let mut need = 0;
        for_each_chunk(&call, WORKSPACE_LIMIT, |c| {
            need = need.max(c.workspace_bytes(es));
            Ok::<(), SdpaError>(())
        })?;
        self.gpu.ctx.bind_to_thread().map_err(SdpaError::from)?;
        let ws = self.ensure_workspace(need)?;
        let scale_log2 = call.scale * std::f32::consts::LOG2_E;
        for_each_chunk(&call, WORKSPACE_LIMIT, |c| self.run_chunk(&c, base, ws, scale_log2))?;
        Ok(())
    }
}
