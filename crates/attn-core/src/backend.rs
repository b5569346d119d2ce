use crate::device::{ComputeCapability, Device};
use crate::dtype::DType;
use crate::error::AttnError;
use crate::problem::AttentionConfig;
use crate::validate::ForwardCall;
use std::fmt;

/// Why a backend cannot serve a case, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl Unsupported {
    pub fn new(reason: impl Into<String>) -> Self {
        Unsupported(reason.into())
    }
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a backend carries in this build, for `vit-attn info`.
#[derive(Clone, Debug)]
pub struct KernelInfo {
    /// e.g. "fatbin sm_75 sm_80 sm_90a + compute_75 PTX", or why there is none.
    pub gpu: Result<String, String>,
    /// Whether the backend also runs on the CPU.
    pub cpu: bool,
}

/// One attention implementation. Implementors are unit structs registered
/// with `inventory::submit! { attn_core::BackendEntry(&MyBackend) }`.
///
/// Selection asks `supports` (cheap, no device needed, so `vit-attn select
/// --cc 7.5` works anywhere), then `instantiate` on the chosen device, which
/// loads modules and creates library handles once; the returned
/// [`AttentionForward`] is what the hot path calls.
pub trait AttentionBackend: Sync + 'static {
    /// One of [`crate::BACKEND_NAMES`] for built-ins; unique.
    fn name(&self) -> &'static str;
    /// Higher wins.
    fn priority(&self) -> u32;
    /// `cc` is None for the CPU.
    fn supports(&self, head_size: usize, dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported>;
    fn kernel_info(&self) -> KernelInfo;
    /// Where a run-time plugin was loaded from; None for linked crates.
    fn plugin_path(&self) -> Option<&std::path::Path> {
        None
    }
    /// Prepares to serve `config` on `device`: a failure here (module does not
    /// load, cuBLAS missing) is a reason like any other and selection moves on.
    fn instantiate(&self, config: &AttentionConfig, device: &Device) -> Result<Box<dyn AttentionForward>, Unsupported>;
}

/// A backend bound to one device and config; runs validated calls.
pub trait AttentionForward: Send {
    /// Enqueues (GPU) or computes (CPU) one call. Arguments were validated by
    /// the core: shapes, bounds, dtypes and data placement are as the config says.
    fn forward(&mut self, call: ForwardCall<'_>) -> Result<(), AttnError>;
}

/// The registration record collected by inventory.
pub struct BackendEntry(pub &'static dyn AttentionBackend);

inventory::collect!(BackendEntry);

fn linked_backends() -> Vec<&'static dyn AttentionBackend> {
    inventory::iter::<BackendEntry>.into_iter().map(|e| e.0).collect()
}

pub(crate) fn plugin_registry() -> &'static (Vec<&'static crate::plugin::PluginBackend>, Vec<crate::plugin::PluginFailure>) {
    let linked: Vec<&str> = linked_backends().iter().map(|b| b.name()).collect();
    crate::plugin::registry(&linked)
}

/// Every linked backend and loaded plugin (`VIT_ATTN_PLUGINS`), highest
/// priority first, ties by name (inventory's own order is not stable across builds).
pub fn registered_backends() -> Vec<&'static dyn AttentionBackend> {
    let mut v = linked_backends();
    v.extend(plugin_registry().0.iter().map(|&p| p as &'static dyn AttentionBackend));
    v.sort_by(|a, b| b.priority().cmp(&a.priority()).then_with(|| a.name().cmp(b.name())));
    v
}
