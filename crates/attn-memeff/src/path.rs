//! Which kernel serves a call. f16/bf16 up to head size 256 on Ampere and
//! newer go to fa-upstream's tensor-core kernels (borrowed, not registered:
//! they take any head size there, element-wise where rows are not whole
//! 16-byte chunks); everything else, and every GPU before Ampere, to the FMA
//! kernel. `VIT_ATTN_MEMEFF_PATH=fma` forces the FMA kernel, which is what
//! Volta and Turing run, so that path can be checked on a newer GPU.
use attn_core::{ComputeCapability, DType, Unsupported};

pub const ENV_PATH: &str = "VIT_ATTN_MEMEFF_PATH";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPolicy {
    Auto,
    TensorCore,
    Fma,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelPath {
    TensorCore,
    Fma,
}

impl PathPolicy {
    pub fn from_env() -> Result<Self, Unsupported> {
        match std::env::var(ENV_PATH).as_deref() {
            Err(_) | Ok("") | Ok("auto") => Ok(PathPolicy::Auto),
            Ok("tensor-core") => Ok(PathPolicy::TensorCore),
            Ok("fma") => Ok(PathPolicy::Fma),
            Ok(other) => Err(Unsupported::new(format!("{ENV_PATH}={other}: expected auto, tensor-core or fma"))),
        }
    }
}

pub fn choose_path(head_size: usize, dtype: DType, cc: ComputeCapability, policy: PathPolicy) -> Result<KernelPath, Unsupported> {
    let tensor_core = attn_fa_upstream::supports_any_head_size(head_size, dtype, cc);
    match policy {
        PathPolicy::Fma => Ok(KernelPath::Fma),
        PathPolicy::Auto => Ok(if tensor_core.is_ok() { KernelPath::TensorCore } else { KernelPath::Fma }),
        PathPolicy::TensorCore => tensor_core
            .map(|()| KernelPath::TensorCore)
            .map_err(|why| Unsupported::new(format!("{ENV_PATH}=tensor-core: {}", why.0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> ComputeCapability {
        s.parse().unwrap()
    }

    #[test]
    fn tensor_cores_where_dtype_size_and_gpu_allow_fma_elsewhere() {
        let built = attn_fa_upstream::supports_any_head_size(64, DType::BF16, cc("9.0")).is_ok();
        let auto = |d, dt, c| choose_path(d, dt, cc(c), PathPolicy::Auto).unwrap();
        let tc_if_built = if built { KernelPath::TensorCore } else { KernelPath::Fma };
        for d in [1, 7, 72, 100, 255, 256] {
            assert_eq!(auto(d, DType::BF16, "9.0"), tc_if_built, "{d}");
            assert_eq!(auto(d, DType::F16, "8.0"), tc_if_built, "{d}");
            assert_eq!(auto(d, DType::F32, "9.0"), KernelPath::Fma, "{d}");
            assert_eq!(auto(d, DType::F16, "7.5"), KernelPath::Fma, "{d}");
        }
        assert_eq!(auto(257, DType::BF16, "9.0"), KernelPath::Fma);
        assert_eq!(choose_path(72, DType::BF16, cc("9.0"), PathPolicy::Fma).unwrap(), KernelPath::Fma);
        let forced = choose_path(72, DType::F32, cc("9.0"), PathPolicy::TensorCore).unwrap_err().0;
        assert!(forced.contains("VIT_ATTN_MEMEFF_PATH=tensor-core") && forced.contains("f16/bf16"), "{forced}");
    }
}
