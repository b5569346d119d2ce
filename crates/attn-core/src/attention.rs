use crate::backend::{AttentionBackend, AttentionForward};
use crate::device::Device;
use crate::error::AttnError;
use crate::problem::{AttentionConfig, Sequences};
use crate::select::{rank, Overrides, PassedOver};
use crate::tensor::{Tensor, TensorMut};
use crate::validate::validate;

/// An attention op bound to one backend, chosen once at construction.
pub struct Attention {
    config: AttentionConfig,
    device: Device,
    backend: &'static dyn AttentionBackend,
    imp: Box<dyn AttentionForward>,
    passed_over: Vec<PassedOver>,
}

impl Attention {
    pub fn builder(config: AttentionConfig) -> AttentionBuilder {
        AttentionBuilder { config, device: None, overrides: Overrides::default(), use_env: true }
    }

    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// Every other backend (ranked above or below the chosen one, absent
    /// built-ins, plugins that did not load) with the reason it was not used.
    pub fn passed_over(&self) -> &[PassedOver] {
        &self.passed_over
    }

    pub fn config(&self) -> &AttentionConfig {
        &self.config
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    /// out = softmax(scale * q kᵀ) v for every sequence and head. On a GPU
    /// the work is enqueued on the device's stream; on the CPU it is done on
    /// return. Any invalid argument is an error and nothing is written.
    pub fn forward<'a>(
        &mut self,
        seqs: Sequences<'a>,
        q: Tensor<'a>,
        k: Tensor<'a>,
        v: Tensor<'a>,
        out: TensorMut<'a>,
    ) -> Result<(), AttnError> {
        let call = validate(&self.config, &self.device, seqs, q, k, v, out)?;
        if call.total_tokens == 0 {
            return Ok(());
        }
        self.imp.forward(call)
    }
}

pub struct AttentionBuilder {
    config: AttentionConfig,
    device: Option<Device>,
    overrides: Overrides,
    use_env: bool,
}

impl AttentionBuilder {
    /// Defaults to [`Device::detect`]: GPU 0, else the CPU.
    pub fn device(mut self, device: Device) -> Self {
        self.device = Some(device);
        self
    }

    /// Use this backend or fail with the reason it cannot serve the config.
    pub fn force(mut self, backend: &str) -> Self {
        self.overrides.force = Some((backend.to_string(), "the builder's force()".to_string()));
        self
    }

    pub fn disable(mut self, backend: &str) -> Self {
        self.overrides.disable.push((backend.to_string(), "the builder's disable()".to_string()));
        self
    }

    /// Ignore VIT_ATTN_BACKEND / VIT_ATTN_DISABLE (they apply by default;
    /// the builder's own force() wins over the environment's).
    pub fn ignore_env(mut self) -> Self {
        self.use_env = false;
        self
    }

    pub fn build(self) -> Result<Attention, AttnError> {
        self.config.validate()?;
        let device = self.device.unwrap_or_else(|| Device::detect().0);
        let overrides = if self.use_env { self.overrides.or_env(Overrides::from_env()) } else { self.overrides };
        let (d, dtype) = (self.config.head_size, self.config.dtype);
        let ranking = rank(d, dtype, device.cc(), &overrides)?;
        let mut passed_over = Vec::new();
        let mut candidates = ranking.candidates.into_iter();
        while let Some((backend, verdict)) = candidates.next() {
            let reason = match verdict {
                Ok(()) => match backend.instantiate(&self.config, &device) {
                    Ok(imp) => {
                        // The lower-priority ones too, so that every backend's verdict is on record.
                        passed_over.extend(candidates.map(|(b, v)| PassedOver {
                            name: b.name().to_string(),
                            reason: v.err().unwrap_or_else(|| format!("supports this case, but `{}` has higher priority", backend.name())),
                        }));
                        passed_over.extend(ranking.absent);
                        return Ok(Attention { config: self.config, device, backend, imp, passed_over });
                    }
                    Err(u) => u.0,
                },
                Err(reason) => reason,
            };
            if let Some((forced, src)) = &overrides.force {
                if forced == backend.name() {
                    return Err(AttnError::ForcedBackendUnsupported { name: forced.clone(), source_of_name: src.clone(), reason });
                }
            }
            passed_over.push(PassedOver { name: backend.name().to_string(), reason });
        }
        passed_over.extend(ranking.absent);
        let reasons = passed_over.iter().map(|p| format!("{}: {}", p.name, p.reason)).collect::<Vec<_>>().join("; ");
        Err(AttnError::NoBackend { head_size: d, dtype, device: device.describe(), reasons })
    }
}
