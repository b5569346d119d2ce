//! Which kernels fa-native builds: one fatbin per head size (multiples of 32
//! up to 256), each holding fa-upstream's Hopper kernel template
//! (fa_fwd_tma_sm90.cuh) instantiated at exactly that head size, with
//! fa-upstream's tiles. Shared by build.rs and the backend.

pub const HEAD_SIZE_STEP: usize = 32;
pub const MAX_HEAD_SIZE: usize = 256;
/// Kernel-name prefix of fa-native's instantiations (fa-upstream's are "fa").
pub const TMA_PREFIX: &str = "native";

pub fn head_sizes() -> impl Iterator<Item = usize> {
    (1..=MAX_HEAD_SIZE / HEAD_SIZE_STEP).map(|i| i * HEAD_SIZE_STEP)
}

pub fn image_name(head_size: usize) -> String {
    format!("fa_native_d{head_size}")
}
