//! vit-attn: non-causal multi-head attention for vision encoders, with the
//! best linked backend for the head size, dtype and GPU picked once at init.
//!
//! ```no_run
//! use vit_attn::{Attention, AttentionConfig, DType, Device};
//! let (device, _why_cpu) = Device::detect();
//! let attn = Attention::builder(AttentionConfig::new(16, 72, DType::BF16)).device(device).build()?;
//! println!("using {}", attn.backend_name());
//! # Ok::<(), vit_attn::AttnError>(())
//! ```
pub use attn_core::*;

// inventory only sees registrations of crates that are linked: reference each
// enabled backend so that its `submit!` is kept.
#[cfg(feature = "fa-native")]
use attn_fa_native as _;
#[cfg(feature = "fa-upstream")]
use attn_fa_upstream as _;
#[cfg(feature = "memeff")]
use attn_memeff as _;
#[cfg(feature = "sdpa")]
use attn_sdpa as _;

pub mod harness;
