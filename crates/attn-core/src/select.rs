use crate::backend::{registered_backends, AttentionBackend};
use crate::device::ComputeCapability;
use crate::dtype::DType;
use crate::error::AttnError;

/// The built-in backends, highest priority first (their Cargo features carry the same names).
pub const BACKEND_NAMES: [&str; 4] = ["fa-native", "fa-upstream", "memeff", "sdpa"];
/// Forces one backend by name: `VIT_ATTN_BACKEND=sdpa`.
pub const ENV_FORCE: &str = "VIT_ATTN_BACKEND";
/// Removes backends from selection: `VIT_ATTN_DISABLE=fa-upstream,memeff`.
pub const ENV_DISABLE: &str = "VIT_ATTN_DISABLE";

/// Overrides of the priority order, from the environment or the builder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// (backend, where the name came from)
    pub force: Option<(String, String)>,
    pub disable: Vec<(String, String)>,
}

impl Overrides {
    pub fn from_env() -> Overrides {
        let var = |k| std::env::var(k).ok().filter(|v: &String| !v.trim().is_empty());
        let force = var(ENV_FORCE).map(|v| (v.trim().to_string(), ENV_FORCE.to_string()));
        let disable = var(ENV_DISABLE)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), ENV_DISABLE.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Overrides { force, disable }
    }

    /// `self` (the code's choice) wins over `env` for `force`; disable lists add up.
    pub fn or_env(mut self, env: Overrides) -> Overrides {
        if self.force.is_none() {
            self.force = env.force;
        }
        self.disable.extend(env.disable);
        self
    }

    fn disabled_by(&self, name: &str) -> Option<&str> {
        self.disable.iter().find(|(n, _)| n == name).map(|(_, src)| src.as_str())
    }
}

/// A backend that was not chosen, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassedOver {
    pub name: String,
    pub reason: String,
}

/// Every registered backend in the order selection tries them, each with
/// Ok (may serve) or the reason it may not.
pub struct Ranking {
    pub candidates: Vec<(&'static dyn AttentionBackend, Result<(), String>)>,
    /// Built-in names not linked into this build, and plugins that did not load.
    pub absent: Vec<PassedOver>,
}

/// The outcome of [`select`]: what `vit-attn select` prints.
pub struct Selection {
    pub chosen: Option<&'static dyn AttentionBackend>,
    pub passed_over: Vec<PassedOver>,
}

fn check_names(overrides: &Overrides, linked: &[&'static dyn AttentionBackend]) -> Result<(), AttnError> {
    let known = |n: &str| BACKEND_NAMES.contains(&n) || linked.iter().any(|b| b.name() == n);
    let all = || {
        let mut names: Vec<&str> = BACKEND_NAMES.to_vec();
        names.extend(linked.iter().map(|b| b.name()).filter(|n| !BACKEND_NAMES.contains(n)));
        names.join(", ")
    };
    for (name, src) in overrides.force.iter().chain(overrides.disable.iter()) {
        if !known(name) {
            return Err(AttnError::UnknownBackend { name: name.clone(), source_of_name: src.clone(), known: all() });
        }
    }
    Ok(())
}

/// Orders the linked backends for a case and gives each its verdict.
/// Errors only for overrides that name an unknown backend, or force one that
/// is absent, disabled or unable to serve the case.
pub fn rank(
    head_size: usize,
    dtype: DType,
    cc: Option<ComputeCapability>,
    overrides: &Overrides,
) -> Result<Ranking, AttnError> {
    let linked = registered_backends();
    check_names(overrides, &linked)?;
    let absent = BACKEND_NAMES
        .iter()
        .filter(|n| !linked.iter().any(|b| b.name() == **n))
        .map(|n| PassedOver { name: n.to_string(), reason: format!("not compiled into this build (Cargo feature `{n}` off)") })
        .chain(crate::plugin::plugin_failures().iter().map(|f| PassedOver {
            name: format!("plugin {}", f.path.display()),
            reason: format!("not loaded: {}", f.reason),
        }))
        .collect();
    if let Some((forced, src)) = &overrides.force {
        let Some(&b) = linked.iter().find(|b| b.name() == forced) else {
            return Err(AttnError::ForcedBackendAbsent { name: forced.clone(), source_of_name: src.clone() });
        };
        let unsupported = |reason: String| AttnError::ForcedBackendUnsupported {
            name: forced.clone(),
            source_of_name: src.clone(),
            reason,
        };
        if let Some(dsrc) = overrides.disabled_by(forced) {
            return Err(unsupported(format!("it is also disabled by {dsrc}")));
        }
        b.supports(head_size, dtype, cc).map_err(|u| unsupported(u.0))?;
        let mut candidates = vec![(b, Ok(()))];
        candidates.extend(
            linked.iter().filter(|o| o.name() != forced).map(|&o| (o, Err(format!("{src} forces `{forced}`")))),
        );
        return Ok(Ranking { candidates, absent });
    }
    let candidates = linked
        .into_iter()
        .map(|b| {
            let verdict = match overrides.disabled_by(b.name()) {
                Some(src) => Err(format!("disabled by {src}")),
                None => b.supports(head_size, dtype, cc).map_err(|u| u.0),
            };
            (b, verdict)
        })
        .collect();
    Ok(Ranking { candidates, absent })
}

/// The static choice for a case: the highest-priority backend whose
/// `supports` is Ok, with the reasons of all the others. Needs no device.
pub fn select(
    head_size: usize,
    dtype: DType,
    cc: Option<ComputeCapability>,
    overrides: &Overrides,
) -> Result<Selection, AttnError> {
    let ranking = rank(head_size, dtype, cc, overrides)?;
    let mut chosen: Option<&'static dyn AttentionBackend> = None;
    let mut passed_over = Vec::new();
    for (b, verdict) in ranking.candidates {
        match (verdict, chosen) {
            (Ok(()), None) => chosen = Some(b),
            (Ok(()), Some(c)) => passed_over.push(PassedOver {
                name: b.name().into(),
                reason: format!("supports this case, but `{}` has higher priority", c.name()),
            }),
            (Err(reason), _) => passed_over.push(PassedOver { name: b.name().into(), reason }),
        }
    }
    passed_over.extend(ranking.absent);
    Ok(Selection { chosen, passed_over })
}
