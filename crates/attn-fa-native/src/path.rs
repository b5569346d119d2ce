//! Which kernels serve a call: the Hopper kernel on compute capability 9.0
//! where this build has it, fa-upstream's mma.sync kernels (at the exact
//! head size) elsewhere and for views TMA cannot read.
//! `VIT_ATTN_FA_NATIVE_PATH=sm80` forces the latter, so that the Ampere path
//! can be checked on a Hopper GPU.
use attn_core::Unsupported;

pub const ENV_PATH: &str = "VIT_ATTN_FA_NATIVE_PATH";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPolicy {
    Auto,
    Sm80,
}

impl PathPolicy {
    pub fn from_env() -> Result<Self, Unsupported> {
        match std::env::var(ENV_PATH).as_deref() {
            Err(_) | Ok("") | Ok("auto") => Ok(PathPolicy::Auto),
            Ok("sm80") => Ok(PathPolicy::Sm80),
            Ok(other) => Err(Unsupported::new(format!(
                "{ENV_PATH}={other}: expected auto or sm80"
            ))),
        }
    }
}
