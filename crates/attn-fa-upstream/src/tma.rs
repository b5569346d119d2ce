//! TMA tensor maps of one call's q, k and v views: a 3-D map (head dim,
//! token, head) over the view's own strides, so fused QKV buffers and
//! varlen packs are read in place. [`plan`] is pure arithmetic (tested on the
//! CPU); [`encode`] asks the driver for the opaque map.
use attn_core::params::VitAttnTensor;
use attn_core::DType;
use cudarc::driver::sys;
use cudarc::driver::{DeviceRepr, DriverError};

/// What TMA requires of global memory: 16-byte aligned base and strides.
const ALIGN: u64 = 16;
/// Strides must stay below 2^40 bytes.
const MAX_STRIDE: u64 = 1 << 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapPlan {
    pub ptr: u64,
    /// Elements per dimension: head dim, tokens, heads.
    pub dims: [u64; 3],
    /// Bytes between tokens and between heads.
    pub strides: [u64; 2],
    /// One swizzle atom wide, `rows` tall, one head.
    pub box_dims: [u32; 3],
}

/// The map of a `[tokens, heads, head_size]` view read in boxes of
/// `atom_cols` x `rows`, or why TMA cannot read it (the caller then runs the
/// cp.async kernels, which take any view).
pub fn plan(
    view: &VitAttnTensor,
    tokens: usize,
    heads: usize,
    head_size: usize,
    atom_cols: usize,
    rows: usize,
) -> Result<MapPlan, String> {
    let es = 2u64; // f16 / bf16
    if view.ptr % ALIGN != 0 {
        return Err(format!("address {:#x} is not 16-byte aligned", view.ptr));
    }
    // A dimension of extent 1 is only ever read at coordinate 0: any legal stride will do.
    let stride = |extent: usize, elems: i64, what: &str| -> Result<u64, String> {
        if extent == 1 {
            return Ok(head_size as u64 * es);
        }
        let bytes = u64::try_from(elems).map_err(|_| format!("negative {what} stride"))? * es;
        if bytes == 0 || bytes % ALIGN != 0 || bytes >= MAX_STRIDE {
            return Err(format!(
                "{what} stride of {elems} elements is not a positive multiple of 8 below 2^39"
            ));
        }
        Ok(bytes)
    };
    Ok(MapPlan {
        ptr: view.ptr,
        dims: [head_size as u64, tokens as u64, heads as u64],
        strides: [
            stride(tokens, view.token_stride, "token")?,
            stride(heads, view.head_stride, "head")?,
        ],
        box_dims: [atom_cols as u32, rows as u32, 1],
    })
}

/// An encoded map, passed to the kernel by value as a `__grid_constant__`
/// parameter.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct TensorMap(sys::CUtensorMap);

// SAFETY: a plain 128-byte struct the driver copies into the kernel's
// parameter space, matching `const __grid_constant__ CUtensorMap`.
unsafe impl DeviceRepr for TensorMap {}

/// 128-byte swizzle for 64-column atoms, 64-byte for 32 (kSwizzle in fa_fwd_tma_sm90.cuh).
pub fn encode(plan: &MapPlan, dtype: DType) -> Result<TensorMap, DriverError> {
    use sys::{
        CUtensorMapDataType as Ty, CUtensorMapFloatOOBfill as Fill, CUtensorMapInterleave as Il,
    };
    use sys::{CUtensorMapL2promotion as L2, CUtensorMapSwizzle as Sw};
    let ty = match dtype {
        DType::BF16 => Ty::CU_TENSOR_MAP_DATA_TYPE_BFLOAT16,
        _ => Ty::CU_TENSOR_MAP_DATA_TYPE_FLOAT16,
    };
    let swizzle = if plan.box_dims[0] == 64 {
        Sw::CU_TENSOR_MAP_SWIZZLE_128B
    } else {
        Sw::CU_TENSOR_MAP_SWIZZLE_64B
    };
    let mut map = std::mem::MaybeUninit::<sys::CUtensorMap>::uninit();
    let element_strides = [1u32; 3];
    // SAFETY: every pointer refers to a live local array of the rank's length;
    // the driver only writes `map`. Out-of-bounds boxes read as zeros (fill NONE).
    let status = unsafe {
        sys::cuTensorMapEncodeTiled(
            map.as_mut_ptr(),
            ty,
            3,
            plan.ptr as *mut std::ffi::c_void,
            plan.dims.as_ptr(),
            plan.strides.as_ptr(),
            plan.box_dims.as_ptr(),
            element_strides.as_ptr(),
            Il::CU_TENSOR_MAP_INTERLEAVE_NONE,
            swizzle,
            L2::CU_TENSOR_MAP_L2_PROMOTION_L2_256B,
            Fill::CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE,
        )
    };
    status.result()?;
    // SAFETY: initialised by the successful call above.
    Ok(TensorMap(unsafe { map.assume_init() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(ptr: u64, token_stride: i64, head_stride: i64) -> VitAttnTensor {
        VitAttnTensor {
            ptr,
            token_stride,
            head_stride,
        }
    }

    #[test]
    fn fused_qkv_is_read_in_place_with_its_strides() {
        // [tokens, 3, 16 heads, 64]: token stride 3 * 16 * 64 elements, head stride 64.
        let p = plan(&view(0x1000, 3 * 16 * 64, 64), 1024, 16, 64, 64, 128).unwrap();
        assert_eq!(p.dims, [64, 1024, 16]);
        assert_eq!(p.strides, [3 * 16 * 64 * 2, 128]);
        assert_eq!(p.box_dims, [64, 128, 1]);
    }

    #[test]
    fn views_tma_cannot_read_are_refused_with_the_reason() {
        assert!(plan(&view(0x1002, 1024, 64), 8, 16, 64, 64, 128)
            .unwrap_err()
            .contains("aligned"));
        assert!(plan(&view(0x1000, 1028, 64), 8, 16, 64, 64, 128)
            .unwrap_err()
            .contains("token stride"));
        assert!(plan(&view(0x1000, 1024, 68), 8, 16, 64, 64, 128)
            .unwrap_err()
            .contains("head stride"));
        // A single head or token never moves along that dimension.
        assert!(plan(&view(0x1000, 1024, 3), 8, 1, 64, 64, 128).is_ok());
        assert!(plan(&view(0x1000, 3, 64), 1, 16, 64, 64, 128).is_ok());
    }
}
