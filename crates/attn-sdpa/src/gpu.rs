//! GPU path: Q·Kᵀ and P·V through cuBLAS strided-batched GEMMs reading q, k,
//! v and writing out in place through their strides, with our softmax kernel
//! between them on an fp32 score scratch.
use crate::error::SdpaError;
use crate::plan::{for_each_chunk, Chunk};
use attn_core::params::VitAttnSoftmaxParams;
use attn_core::{AttentionConfig, AttentionForward, AttnError, DType, Data, DataMut, ForwardCall, GpuDevice, Unsupported};
use cudarc::cublas::sys::{cublasComputeType_t, cublasGemmAlgo_t, cublasOperation_t, cudaDataType};
use cudarc::cublas::{result as blas, CudaBlas};
use cudarc::driver::{CudaFunction, CudaSlice, LaunchConfig, PushKernelArg};
use std::ffi::c_void;

/// S + P scratch of one chunk at most; longer problems are cut into more chunks.
pub const WORKSPACE_LIMIT: usize = 1 << 30;
const SOFTMAX_WARPS_PER_BLOCK: usize = 8;

pub struct GpuSdpa {
    gpu: GpuDevice,
    blas: CudaBlas,
    softmax: CudaFunction,
    workspace: Option<CudaSlice<u8>>,
    dtype: DType,
    head_size: usize,
}

fn cuda_type(d: DType) -> cudaDataType {
    match d {
        DType::F16 => cudaDataType::CUDA_R_16F,
        DType::BF16 => cudaDataType::CUDA_R_16BF,
        DType::F32 => cudaDataType::CUDA_R_32F,
    }
}

impl GpuSdpa {
    pub fn new(config: &AttentionConfig, gpu: &GpuDevice) -> Result<Self, Unsupported> {
        let image = crate::KERNELS.iter().find(|k| k.name == "softmax").expect("softmax.cu is in kernels/");
        let module = image.load(gpu)?;
        let softmax = module
            .load_function(&format!("vit_attn_softmax_{}", config.dtype.name()))
            .map_err(|e| Unsupported::new(format!("softmax kernel missing from the fatbin: {e}")))?;
        // SAFETY: only probes whether the library can be opened.
        if !unsafe { cudarc::cublas::sys::is_culib_present() } {
            return Err(Unsupported::new(
                "cuBLAS (libcublas.so) could not be loaded: add the CUDA library directory to LD_LIBRARY_PATH",
            ));
        }
        let blas = CudaBlas::new(gpu.stream.clone()).map_err(|e| Unsupported::new(format!("cuBLAS handle: {e}")))?;
        Ok(GpuSdpa { gpu: gpu.clone(), blas, softmax, workspace: None, dtype: config.dtype, head_size: config.head_size })
    }

    fn ensure_workspace(&mut self, bytes: usize) -> Result<u64, SdpaError> {
        use cudarc::driver::DevicePtr as _;
        if self.workspace.as_ref().is_none_or(|w| w.len() < bytes) {
            self.workspace = None; // free the old one first
            // SAFETY: scratch that every chunk fully writes (GEMM 1, softmax) before reading.
            self.workspace = Some(unsafe { self.gpu.stream.alloc::<u8>(bytes) }?);
        }
        let ws = self.workspace.as_ref().expect("allocated above");
        Ok(ws.device_ptr(&self.gpu.stream).0)
    }

    /// Enqueues S = Q Kᵀ, P = softmax(scale S), O = P V for one chunk.
    fn run_chunk(&self, c: &Chunk, base: [u64; 4], ws: u64, scale_log2: f32) -> Result<(), SdpaError> {
        let es = self.dtype.size_bytes() as u64;
        let ty = cuda_type(self.dtype);
        let addr = |b: u64, off: usize| b + off as u64 * es;
        let scores = ws;
        let probs = ws + (c.count * c.rows * c.scores_ld * 4) as u64;
        let sstride = (c.rows * c.scores_ld) as i64;
        let (one, zero) = (1.0f32, 0.0f32);
        let int = |x: usize| i32::try_from(x).map_err(|_| SdpaError::Layout(format!("GEMM dimension {x} exceeds i32")));
        let h = *self.blas.handle();
        // Column-major view: Sᵀ (len x rows) = K (len x d, from d x len with lda = k pitch) · Qᵀ (d x rows).
        unsafe {
            blas::gemm_strided_batched_ex(
                h, cublasOperation_t::CUBLAS_OP_T, cublasOperation_t::CUBLAS_OP_N,
                int(c.len)?, int(c.rows)?, int(self.head_size)?,
                &one as *const f32 as *const c_void,
                addr(base[1], c.k.offset) as *const c_void, ty, int(c.k.ld)?, c.k.batch_stride as i64,
                addr(base[0], c.q.offset) as *const c_void, ty, int(c.q.ld)?, c.q.batch_stride as i64,
                &zero as *const f32 as *const c_void,
                scores as *mut c_void, cudaDataType::CUDA_R_32F, int(c.scores_ld)?, sstride,
                int(c.count)?, cublasComputeType_t::CUBLAS_COMPUTE_32F, cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
            )?;
        }
        let rows = (c.count * c.rows) as i64;
        let p = VitAttnSoftmaxParams {
            scores,
            probs,
            rows,
            scores_ld: c.scores_ld as i64,
            probs_ld: c.scores_ld as i64,
            row_len: int(c.len)?,
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
        // Oᵀ (d x rows) = Vᵀ (d x len, ld = v pitch) · Pᵀ (len x rows, ld = scores_ld).
        unsafe {
            blas::gemm_strided_batched_ex(
                h, cublasOperation_t::CUBLAS_OP_N, cublasOperation_t::CUBLAS_OP_N,
                int(self.head_size)?, int(c.rows)?, int(c.len)?,
                &one as *const f32 as *const c_void,
                addr(base[2], c.v.offset) as *const c_void, ty, int(c.v.ld)?, c.v.batch_stride as i64,
                probs as *const c_void, ty, int(c.scores_ld)?, sstride,
                &zero as *const f32 as *const c_void,
                addr(base[3], c.out.offset) as *mut c_void, ty, int(c.out.ld)?, c.out.batch_stride as i64,
                int(c.count)?, cublasComputeType_t::CUBLAS_COMPUTE_32F, cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
            )?;
        }
        Ok(())
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
