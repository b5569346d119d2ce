//! Strided-batched GEMMs of the GPU path, through cuBLASLt with one plan per
//! shape (descriptors + the heuristic's algorithm, made on first use), so a
//! repeated call costs one cublasLtMatmul; classic cuBLAS where Lt has no
//! algorithm (or VIT_ATTN_SDPA_GEMM=classic, kept to compare the two).
use crate::error::SdpaError;
use attn_core::DType;
use cudarc::cublas::sys as blas_sys;
use cudarc::cublas::{result as blas, CudaBlas};
use cudarc::cublaslt::result as lt;
use cudarc::cublaslt::sys as lt_sys;
use cudarc::driver::{CudaSlice, CudaStream};
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Arc;

/// cuBLASLt scratch; NVIDIA recommends 32 MiB on Hopper.
const LT_WORKSPACE: usize = 32 << 20;
/// Plans kept at most: varlen packs of many distinct lengths must not grow the cache without bound.
const MAX_PLANS: usize = 512;

/// D (m x n) = op(A) · B in column-major terms, for `batch` matrices at fixed
/// strides; A is m x k (k x m stored when `trans_a`), B is k x n. Alignments
/// (bytes, capped at 256) of each operand's batch starts are part of the
/// shape: Lt's heuristic must only pick algorithms they allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GemmShape {
    pub trans_a: bool,
    pub m: u64,
    pub n: u64,
    pub k: u64,
    pub ld: [i64; 3],
    pub stride: [i64; 3],
    pub batch: i32,
    pub ab_type: DType,
    pub d_type: DType,
    pub align: [u32; 3],
}

/// Largest power of two (<= 256) dividing the address and every step from it.
pub fn alignment(ptr: u64, steps: &[u64]) -> u32 {
    let bits = steps.iter().fold(ptr | 256, |acc, s| acc | s);
    1 << bits.trailing_zeros().min(8)
}

fn cuda_type(d: DType) -> blas_sys::cudaDataType {
    match d {
        DType::F16 => blas_sys::cudaDataType::CUDA_R_16F,
        DType::BF16 => blas_sys::cudaDataType::CUDA_R_16BF,
        DType::F32 => blas_sys::cudaDataType::CUDA_R_32F,
    }
}

fn lt_type(d: DType) -> lt_sys::cudaDataType {
    match d {
        DType::F16 => lt_sys::cudaDataType::CUDA_R_16F,
        DType::BF16 => lt_sys::cudaDataType::CUDA_R_16BF,
        DType::F32 => lt_sys::cudaDataType::CUDA_R_32F,
    }
}

struct LtPlan {
    desc: lt_sys::cublasLtMatmulDesc_t,
    layouts: [lt_sys::cublasLtMatrixLayout_t; 3],
    algo: lt_sys::cublasLtMatmulAlgo_t,
}

impl Drop for LtPlan {
    fn drop(&mut self) {
        // SAFETY: created by LtPlan::new and destroyed only here.
        unsafe {
            for l in self.layouts {
                let _ = lt::destroy_matrix_layout(l);
            }
            let _ = lt::destroy_matmul_desc(self.desc);
        }
    }
}

unsafe fn set<T>(f: impl FnOnce(*const c_void, usize) -> Result<(), lt::CublasError>, v: &T) -> Result<(), SdpaError> {
    Ok(f(v as *const T as *const c_void, std::mem::size_of::<T>())?)
}

impl LtPlan {
    /// None when the heuristic offers no algorithm for the shape.
    fn new(handle: lt_sys::cublasLtHandle_t, s: &GemmShape) -> Result<Option<Self>, SdpaError> {
        use lt_sys::cublasLtMatmulDescAttributes_t as D;
        use lt_sys::cublasLtMatmulPreferenceAttributes_t as P;
        use lt_sys::cublasLtMatrixLayoutAttribute_t as L;
        let desc = lt::create_matmul_desc(lt_sys::cublasComputeType_t::CUBLAS_COMPUTE_32F, lt_sys::cudaDataType::CUDA_R_32F)?;
        let (a_rows, a_cols) = if s.trans_a { (s.k, s.m) } else { (s.m, s.k) };
        let dims = [(s.ab_type, a_rows, a_cols), (s.ab_type, s.k, s.n), (s.d_type, s.m, s.n)];
        let mut layouts = [std::ptr::null_mut(); 3];
        for (i, &(ty, rows, cols)) in dims.iter().enumerate() {
            layouts[i] = lt::create_matrix_layout(lt_type(ty), rows, cols, s.ld[i])?;
        }
        // From here the plan owns what was created, and Drop frees it on any error.
        let mut plan = LtPlan { desc, layouts, algo: lt_sys::cublasLtMatmulAlgo_t { data: [0; 8] } };
        let pref = lt::create_matmul_pref()?;
        let found = unsafe {
            let op_t: i32 = if s.trans_a { 1 } else { 0 };
            set(|p, n| lt::set_matmul_desc_attribute(desc, D::CUBLASLT_MATMUL_DESC_TRANSA, p, n), &op_t)?;
            for (i, l) in layouts.iter().enumerate() {
                set(|p, n| lt::set_matrix_layout_attribute(*l, L::CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, p, n), &s.batch)?;
                set(|p, n| lt::set_matrix_layout_attribute(*l, L::CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, p, n), &s.stride[i])?;
            }
            let ws = LT_WORKSPACE as u64;
            set(|p, n| lt::set_matmul_pref_attribute(pref, P::CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, p, n), &ws)?;
            let attrs = [
                P::CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES,
                P::CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES,
                P::CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES,
            ];
            for (attr, a) in attrs.into_iter().zip(s.align) {
                set(|p, n| lt::set_matmul_pref_attribute(pref, attr, p, n), &a)?;
            }
            set(|p, n| lt::set_matmul_pref_attribute(pref, P::CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, p, n), &s.align[2])?;
            let r = lt::get_matmul_algo_heuristic(handle, desc, layouts[0], layouts[1], layouts[2], layouts[2], pref);
            let _ = lt::destroy_matmul_pref(pref);
            r
        };
        match found {
            Ok(h) => {
                plan.algo = h.algo;
                Ok(Some(plan))
            }
            Err(_) => Ok(None),
        }
    }
}

struct Lt {
    handle: lt_sys::cublasLtHandle_t,
    _workspace: CudaSlice<u8>,
    workspace: u64,
    plans: HashMap<GemmShape, Option<LtPlan>>,
}

impl Drop for Lt {
    fn drop(&mut self) {
        self.plans.clear();
        // SAFETY: created in Gemms::new, destroyed only here, after its plans.
        unsafe {
            let _ = lt::destroy_handle(self.handle);
        }
    }
}

/// The GEMM engine of one GPU handle.
pub struct Gemms {
    stream: Arc<CudaStream>,
    blas: CudaBlas,
    lt: Option<Lt>,
}

// SAFETY: the raw cuBLASLt handles are used by one thread at a time (the
// owning Attention handle is `&mut` for every call).
unsafe impl Send for Gemms {}

impl Gemms {
    pub fn new(stream: Arc<CudaStream>) -> Result<Self, String> {
        // SAFETY: only probe whether the libraries can be opened.
        if !unsafe { cudarc::cublas::sys::is_culib_present() } {
            return Err("cuBLAS (libcublas.so) could not be loaded: add the CUDA library directory to LD_LIBRARY_PATH".into());
        }
        let blas = CudaBlas::new(stream.clone()).map_err(|e| format!("cuBLAS handle: {e}"))?;
        let want_lt = std::env::var("VIT_ATTN_SDPA_GEMM").map_or(true, |v| v != "classic");
        // SAFETY: as above.
        let lt = if want_lt && unsafe { lt_sys::is_culib_present() } {
            let handle = lt::create_handle().map_err(|e| format!("cuBLASLt handle: {e}"))?;
            // SAFETY: scratch for cuBLASLt, never read by us.
            let ws = unsafe { stream.alloc::<u8>(LT_WORKSPACE) }.map_err(|e| format!("cuBLASLt workspace: {e}"))?;
            let ptr = {
                use cudarc::driver::DevicePtr as _;
                ws.device_ptr(&stream).0
            };
            Some(Lt { handle, _workspace: ws, workspace: ptr, plans: HashMap::new() })
        } else {
            None
        };
        Ok(Gemms { stream, blas, lt })
    }

    /// Enqueues D = op(A)·B (alpha 1, beta 0, fp32 accumulation) on the stream.
    pub fn run(&mut self, s: &GemmShape, a: u64, b: u64, d: u64) -> Result<(), SdpaError> {
        let (one, zero) = (1.0f32, 0.0f32);
        if let Some(lt_state) = self.lt.as_mut() {
            let handle = lt_state.handle;
            if !lt_state.plans.contains_key(s) {
                if lt_state.plans.len() >= MAX_PLANS {
                    lt_state.plans.clear();
                }
                let plan = LtPlan::new(handle, s)?;
                lt_state.plans.insert(*s, plan);
            }
            if let Some(plan) = &lt_state.plans[s] {
                // SAFETY: pointers come from validated views; the plan matches `s`.
                unsafe {
                    lt::matmul(
                        handle, plan.desc,
                        &one as *const f32 as *const c_void, &zero as *const f32 as *const c_void,
                        a as *const c_void, plan.layouts[0], b as *const c_void, plan.layouts[1],
                        d as *const c_void, plan.layouts[2], d as *mut c_void, plan.layouts[2],
                        &plan.algo, lt_state.workspace as *mut c_void, LT_WORKSPACE,
                        self.stream.cu_stream() as lt_sys::cudaStream_t,
                    )?;
                }
                return Ok(());
            }
        }
        let int = |x: u64| i32::try_from(x).map_err(|_| SdpaError::Layout(format!("GEMM dimension {x} exceeds i32")));
        let ld = |x: i64| i32::try_from(x).map_err(|_| SdpaError::Layout(format!("leading dimension {x} exceeds i32")));
        let op_a = if s.trans_a { blas_sys::cublasOperation_t::CUBLAS_OP_T } else { blas_sys::cublasOperation_t::CUBLAS_OP_N };
        // SAFETY: as above.
        unsafe {
            blas::gemm_strided_batched_ex(
                *self.blas.handle(), op_a, blas_sys::cublasOperation_t::CUBLAS_OP_N,
                int(s.m)?, int(s.n)?, int(s.k)?,
                &one as *const f32 as *const c_void,
                a as *const c_void, cuda_type(s.ab_type), ld(s.ld[0])?, s.stride[0],
                b as *const c_void, cuda_type(s.ab_type), ld(s.ld[1])?, s.stride[1],
                &zero as *const f32 as *const c_void,
                d as *mut c_void, cuda_type(s.d_type), ld(s.ld[2])?, s.stride[2],
                s.batch, blas_sys::cublasComputeType_t::CUBLAS_COMPUTE_32F, blas_sys::cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::alignment;

    #[test]
    fn alignment_is_the_weakest_of_base_and_steps() {
        assert_eq!(alignment(0x1000, &[]), 256);
        assert_eq!(alignment(0x1000, &[144]), 16);
        assert_eq!(alignment(0x1002, &[256]), 2);
        assert_eq!(alignment(0x1000, &[72 * 2, 16 * 72 * 2]), 16);
    }
}
