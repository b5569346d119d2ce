//! vit-attn core: what every backend shares.
//!
//! A caller describes the op once ([`AttentionConfig`]), builds an
//! [`Attention`] handle (which picks a backend by priority and records why
//! the others were passed over), then calls [`Attention::forward`] with
//! strided [`Tensor`] views and a [`Sequences`] pack. Every argument is checked
//! in [`validate`] before any pointer reaches a kernel.

mod attention;
mod backend;
mod device;
mod dtype;
mod error;
mod kernels;
pub mod launch;
pub mod params;
pub mod plugin;
mod problem;
pub mod reference;
mod select;
mod tensor;
mod validate;

pub use attention::{Attention, AttentionBuilder};
pub use backend::{
    registered_backends, AttentionBackend, AttentionForward, BackendEntry, KernelInfo, Unsupported,
};
pub use device::{ComputeCapability, Device, GpuDevice};
pub use dtype::{DType, Element};
pub use error::AttnError;
pub use kernels::KernelImage;
pub use plugin::{plugin_failures, PluginFailure, ENV_PLUGINS};
pub use problem::{AttentionConfig, Sequences, MAX_HEAD_SIZE};
pub use select::{rank, select, Overrides, PassedOver, Ranking, Selection, BACKEND_NAMES, ENV_DISABLE, ENV_FORCE};
pub use tensor::{AsHostSlice, Data, DataMut, DevicePtr, HostSlice, HostSliceMut, Layout, Tensor, TensorMut};
pub use validate::{validate, ForwardCall};

// Backend crates register with `inventory::submit!`; re-exported so they need
// no direct dependency on inventory's version.
pub use inventory;
