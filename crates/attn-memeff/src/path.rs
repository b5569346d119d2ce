//! Which kernel serves a call. f16/bf16 up to head size 256 on Ampere and
//! newer go to fa-upstream's tensor-core kernels (borrowed, not registered:
//! they take any head size there, element-wise where rows are not whole
//! 16-byte chunks); f16 up to head size 128 on Volta and Turing to our wmma
//! kernel; everything else to the FMA kernel. `VIT_ATTN_MEMEFF_PATH=wmma|fma`
//! forces one of the paths older GPUs run, so it can be checked on a newer one.
use crate::variants::WMMA_MAX_HEAD_SIZE;
use attn_core::{ComputeCapability, DType, Unsupported};

pub const ENV_PATH: &str = "VIT_ATTN_MEMEFF_PATH";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPolicy {
    Auto,
    TensorCore,
    Wmma,
    Fma,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelPath {
    TensorCore,
    Wmma,
    Fma,
}

const WMMA_MIN_CC: ComputeCapability = ComputeCapability { major: 7, minor: 0 };

fn wmma_serves(head_size: usize, dtype: DType, cc: ComputeCapability) -> Result<(), Unsupported> {
    if dtype != DType::F16 || head_size > WMMA_MAX_HEAD_SIZE || cc < WMMA_MIN_CC {
        return Err(Unsupported::new(format!(
            "the wmma kernel takes f16 head sizes 1..={WMMA_MAX_HEAD_SIZE} from compute capability {WMMA_MIN_CC}, not {} {head_size} on {cc}",
            dtype.name()
        )));
    }
    Ok(())
}

impl PathPolicy {
    pub fn from_env() -> Result<Self, Unsupported> {
        match std::env::var(ENV_PATH).as_deref() {
            Err(_) | Ok("") | Ok("auto") => Ok(PathPolicy::Auto),
            Ok("tensor-core") => Ok(PathPolicy::TensorCore),
            Ok("wmma") => Ok(PathPolicy::Wmma),
            Ok("fma") => Ok(PathPolicy::Fma),
            Ok(other) => Err(Unsupported::new(format!("{ENV_PATH}={other}: expected auto, tensor-core, wmma or fma"))),
        }
    }
}

pub fn choose_path(head_size: usize, dtype: DType, cc: ComputeCapability, policy: PathPolicy) -> Result<KernelPath, Unsupported> {
    let tensor_core = attn_fa_upstream::supports_any_head_size(head_size, dtype, cc);
    match policy {
        PathPolicy::Fma => Ok(KernelPath::Fma),
        PathPolicy::Auto if tensor_core.is_ok() => Ok(KernelPath::TensorCore),
        PathPolicy::Auto => Ok(if wmma_serves(head_size, dtype, cc).is_ok() { KernelPath::Wmma } else { KernelPath::Fma }),
        PathPolicy::Wmma => wmma_serves(head_size, dtype, cc)
            .map(|()| KernelPath::Wmma)
            .map_err(|why| Unsupported::new(format!("{ENV_PATH}=wmma: {}", why.0))),
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
            let older = if d <= 128 { KernelPath::Wmma } else { KernelPath::Fma };
            assert_eq!(auto(d, DType::BF16, "9.0"), tc_if_built, "{d}");
            // Without fa-upstream's kernels (a build without nvcc), f16 falls to the next path.
            assert_eq!(auto(d, DType::F16, "8.0"), if built { KernelPath::TensorCore } else { older }, "{d}");
            assert_eq!(auto(d, DType::F32, "9.0"), KernelPath::Fma, "{d}");
            assert_eq!(auto(d, DType::F16, "7.5"), older, "{d}");
            assert_eq!(auto(d, DType::F16, "7.0"), older, "{d}");
            assert_eq!(auto(d, DType::F32, "7.0"), KernelPath::Fma, "{d}");
        }
        assert_eq!(choose_path(100, DType::F16, cc("9.0"), PathPolicy::Wmma).unwrap(), KernelPath::Wmma);
        assert!(choose_path(100, DType::BF16, cc("9.0"), PathPolicy::Wmma).unwrap_err().0.contains("takes f16"));
        assert!(choose_path(200, DType::F16, cc("7.5"), PathPolicy::Wmma).is_err());
        assert_eq!(crate::variants::wmma_kernel_name(72), "vit_attn_memeff_wmma_f16_d80");
        assert_eq!(auto(257, DType::BF16, "9.0"), KernelPath::Fma);
        assert_eq!(choose_path(72, DType::BF16, cc("9.0"), PathPolicy::Fma).unwrap(), KernelPath::Fma);
        let forced = choose_path(72, DType::F32, cc("9.0"), PathPolicy::TensorCore).unwrap_err().0;
        assert!(forced.contains("VIT_ATTN_MEMEFF_PATH=tensor-core") && forced.contains("f16/bf16"), "{forced}");
    }
}
