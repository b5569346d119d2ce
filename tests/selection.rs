//! Selection across head sizes, dtypes and compute capabilities, with three
//! test-only backends registered beside the linked built-ins so that priority
//! order, rejection and fallback are all exercised.
use proptest::prelude::*;
use vit_attn::{
    registered_backends, select, AttentionBackend, AttentionConfig, AttentionForward, AttnError, ComputeCapability,
    DType, Device, KernelInfo, Overrides, Unsupported,
};

#[cfg(feature = "sdpa")]
use attn_sdpa as _;

/// Serves f16/bf16 head sizes % 16 on cc >= 8.0 (a fused-kernel-like rule).
struct Narrow;
/// Serves f32 only, on any device.
struct F32Only;
/// Never serves: its reason must show and it must never win.
struct Never;

fn no_forward() -> Result<Box<dyn AttentionForward>, Unsupported> {
    Err(Unsupported::new("test backends have no forward"))
}

impl AttentionBackend for Narrow {
    fn name(&self) -> &'static str {
        "test-narrow"
    }
    fn priority(&self) -> u32 {
        500
    }
    fn supports(&self, head_size: usize, dtype: DType, cc: Option<ComputeCapability>) -> Result<(), Unsupported> {
        match cc {
            Some(c) if c >= ComputeCapability::new(8, 0) => {}
            _ => return Err(Unsupported::new("needs compute capability >= 8.0")),
        }
        if dtype == DType::F32 {
            return Err(Unsupported::new("no f32"));
        }
        if head_size % 16 != 0 {
            return Err(Unsupported::new(format!("head_size {head_size} is not a multiple of 16")));
        }
        Ok(())
    }
    fn kernel_info(&self) -> KernelInfo {
        KernelInfo { gpu: Err("test".into()), cpu: false }
    }
    fn instantiate(&self, _: &AttentionConfig, _: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        no_forward()
    }
}

impl AttentionBackend for F32Only {
    fn name(&self) -> &'static str {
        "test-f32"
    }
    fn priority(&self) -> u32 {
        300
    }
    fn supports(&self, _: usize, dtype: DType, _: Option<ComputeCapability>) -> Result<(), Unsupported> {
        if dtype == DType::F32 {
            Ok(())
        } else {
            Err(Unsupported::new("f32 only"))
        }
    }
    fn kernel_info(&self) -> KernelInfo {
        KernelInfo { gpu: Err("test".into()), cpu: true }
    }
    fn instantiate(&self, _: &AttentionConfig, _: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        no_forward()
    }
}

impl AttentionBackend for Never {
    fn name(&self) -> &'static str {
        "test-never"
    }
    fn priority(&self) -> u32 {
        1000
    }
    fn supports(&self, _: usize, _: DType, _: Option<ComputeCapability>) -> Result<(), Unsupported> {
        Err(Unsupported::new("never serves"))
    }
    fn kernel_info(&self) -> KernelInfo {
        KernelInfo { gpu: Err("test".into()), cpu: false }
    }
    fn instantiate(&self, _: &AttentionConfig, _: &Device) -> Result<Box<dyn AttentionForward>, Unsupported> {
        no_forward()
    }
}

vit_attn::inventory::submit! { vit_attn::BackendEntry(&Narrow) }
vit_attn::inventory::submit! { vit_attn::BackendEntry(&F32Only) }
vit_attn::inventory::submit! { vit_attn::BackendEntry(&Never) }

const CCS: [Option<(u32, u32)>; 8] =
    [None, Some((7, 0)), Some((7, 5)), Some((8, 0)), Some((8, 6)), Some((8, 9)), Some((9, 0)), Some((10, 0))];

fn cc_strategy() -> impl Strategy<Value = Option<ComputeCapability>> {
    prop::sample::select(CCS.to_vec()).prop_map(|c| c.map(|(a, b)| ComputeCapability::new(a, b)))
}

fn dtype_strategy() -> impl Strategy<Value = DType> {
    prop::sample::select(DType::ALL.to_vec())
}

/// Which devices the linked unfused path covers: None when it is not linked;
/// Some(None) for the CPU only (built without nvcc); Some(Some(cc)) from the
/// oldest target in its fatbin on.
fn sdpa_coverage() -> Option<Option<ComputeCapability>> {
    #[cfg(feature = "sdpa")]
    {
        let img = attn_sdpa::KERNELS.iter().find(|k| k.name == "softmax").unwrap();
        Some(img.fatbin.and_then(|_| img.min_cc()))
    }
    #[cfg(not(feature = "sdpa"))]
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn winner_is_the_first_backend_in_priority_order_that_supports_the_case(
        head_size in 1usize..=512, dtype in dtype_strategy(), cc in cc_strategy(),
    ) {
        let s = select(head_size, dtype, cc, &Overrides::default()).unwrap();
        let ranked = registered_backends();
        let expected = ranked.iter().find(|b| b.supports(head_size, dtype, cc).is_ok()).map(|b| b.name());
        prop_assert_eq!(s.chosen.map(|b| b.name()), expected);
        if let Some(c) = s.chosen {
            // Never chosen for a case it rejects.
            prop_assert!(c.supports(head_size, dtype, cc).is_ok());
            // Every backend above it rejected the case, and said why.
            for b in ranked.iter().take_while(|b| b.name() != c.name()) {
                let p = s.passed_over.iter().find(|p| p.name == b.name()).expect("passed over with a reason");
                prop_assert!(!p.reason.is_empty());
            }
        }
        // Every linked backend other than the winner is listed with a reason.
        prop_assert_eq!(s.passed_over.iter().filter(|p| ranked.iter().any(|b| b.name() == p.name)).count(), ranked.len() - s.chosen.is_some() as usize);
    }

    #[test]
    fn some_backend_serves_every_case_the_build_covers(
        head_size in 1usize..=512, dtype in dtype_strategy(), cc in cc_strategy(),
    ) {
        let covered = match (cc, sdpa_coverage()) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(c), Some(min)) => min.is_some_and(|m| c >= m),
        };
        let s = select(head_size, dtype, cc, &Overrides::default()).unwrap();
        if covered {
            prop_assert!(s.chosen.is_some(), "nothing serves d={head_size} {dtype} cc={cc:?}: {:?}", s.passed_over);
        }
    }

    #[test]
    fn a_disabled_backend_is_never_chosen(
        head_size in 1usize..=512, dtype in dtype_strategy(), cc in cc_strategy(), pick in 0usize..16,
    ) {
        let ranked = registered_backends();
        let off = ranked[pick % ranked.len()].name();
        let o = Overrides { force: None, disable: vec![(off.to_string(), "test".into())] };
        let s = select(head_size, dtype, cc, &o).unwrap();
        prop_assert!(s.chosen.is_none_or(|c| c.name() != off));
        let p = s.passed_over.iter().find(|p| p.name == off).unwrap();
        prop_assert_eq!(&p.reason, "disabled by test");
    }
}

#[test]
fn priority_order_is_stable_highest_first() {
    let names: Vec<_> = registered_backends().iter().map(|b| (b.priority(), b.name())).collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    assert_eq!(names, sorted);
    assert_eq!(names[0].1, "test-never");
}

#[test]
fn narrow_backend_wins_where_it_can_and_falls_back_otherwise() {
    let h100 = Some(ComputeCapability::new(9, 0));
    let s = select(64, DType::BF16, h100, &Overrides::default()).unwrap();
    assert_eq!(s.chosen.unwrap().name(), "test-narrow");
    let s = select(72, DType::BF16, h100, &Overrides::default()).unwrap();
    assert_ne!(s.chosen.map(|b| b.name()), Some("test-narrow"));
    let why = s.passed_over.iter().find(|p| p.name == "test-narrow").unwrap();
    assert_eq!(why.reason, "head_size 72 is not a multiple of 16");
    let s = select(64, DType::F32, None, &Overrides::default()).unwrap();
    assert_eq!(s.chosen.unwrap().name(), "test-f32");
}

fn force(name: &str) -> Overrides {
    Overrides { force: Some((name.to_string(), "TEST_FORCE".into())), disable: vec![] }
}

#[test]
fn forcing_picks_that_backend_or_says_why_not() {
    let h100 = Some(ComputeCapability::new(9, 0));
    let s = select(64, DType::F32, h100, &force("test-f32")).unwrap();
    assert_eq!(s.chosen.unwrap().name(), "test-f32");
    assert!(s.passed_over.iter().any(|p| p.name == "test-narrow" && p.reason == "TEST_FORCE forces `test-f32`"));
    match select(72, DType::BF16, h100, &force("test-narrow")) {
        Err(AttnError::ForcedBackendUnsupported { name, reason, .. }) => {
            assert_eq!(name, "test-narrow");
            assert_eq!(reason, "head_size 72 is not a multiple of 16");
        }
        other => panic!("expected ForcedBackendUnsupported, got {:?}", other.map(|s| s.chosen.map(|b| b.name()))),
    }
    let both = Overrides { disable: vec![("test-f32".into(), "TEST_DISABLE".into())], ..force("test-f32") };
    assert!(matches!(select(64, DType::F32, None, &both), Err(AttnError::ForcedBackendUnsupported { .. })));
}

#[test]
fn unknown_and_absent_names_are_clear_errors() {
    match select(64, DType::BF16, None, &force("flash")) {
        Err(AttnError::UnknownBackend { name, known, .. }) => {
            assert_eq!(name, "flash");
            assert!(known.contains("fa-native") && known.contains("test-narrow"), "{known}");
        }
        _ => panic!("expected UnknownBackend"),
    }
    let deny = Overrides { force: None, disable: vec![("nope".into(), "TEST_DISABLE".into())] };
    assert!(matches!(select(64, DType::BF16, None, &deny), Err(AttnError::UnknownBackend { .. })));
    // A built-in name whose crate is not linked: forcing it says so; listing it shows why.
    let absent = vit_attn::BACKEND_NAMES.iter().find(|n| !registered_backends().iter().any(|b| b.name() == **n));
    if let Some(name) = absent {
        assert!(matches!(select(64, DType::BF16, None, &force(name)), Err(AttnError::ForcedBackendAbsent { .. })));
        let s = select(64, DType::BF16, None, &Overrides::default()).unwrap();
        assert!(s.passed_over.iter().any(|p| p.name == *name && p.reason.contains("not compiled into this build")));
    }
}

#[test]
fn builder_force_wins_over_env_and_deny_lists_add_up() {
    let code = Overrides { force: Some(("sdpa".into(), "code".into())), disable: vec![("a".into(), "code".into())] };
    let env = Overrides { force: Some(("memeff".into(), "env".into())), disable: vec![("b".into(), "env".into())] };
    let merged = code.or_env(env.clone());
    assert_eq!(merged.force.unwrap().0, "sdpa");
    assert_eq!(merged.disable.len(), 2);
    assert_eq!(Overrides::default().or_env(env.clone()).force, env.force);
}
