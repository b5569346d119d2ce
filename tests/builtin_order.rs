//! The built-in backends' order on the cases the issues name, decided for a
//! compute capability (no device needed): on Hopper fa-native takes head
//! sizes that are multiples of 32, fa-upstream SigLIP's 72, each passed-over
//! backend with its reason.
#![cfg(all(feature = "fa-native", feature = "fa-upstream"))]
use attn_fa_native as _;
use attn_fa_upstream as _;
use vit_attn::{select, ComputeCapability, DType, Overrides, Selection};

fn reason<'a>(s: &'a Selection, name: &str) -> &'a str {
    &s.passed_over.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} passed over")).reason
}

#[test]
fn hopper_picks_fa_native_at_64_and_fa_upstream_at_72() {
    let h100 = Some(ComputeCapability::new(9, 0));
    // Without nvcc at build time the kernels are absent and both say so.
    let built = attn_fa_native::hopper_kernel_runs(64, ComputeCapability::new(9, 0)).is_ok();
    let s = select(64, DType::BF16, h100, &Overrides::default()).unwrap();
    if built {
        assert_eq!(s.chosen.unwrap().name(), "fa-native");
        assert!(reason(&s, "fa-upstream").contains("higher priority"), "{}", reason(&s, "fa-upstream"));
    } else {
        assert!(reason(&s, "fa-native").contains("without CUDA kernels"), "{}", reason(&s, "fa-native"));
    }
    let s = select(72, DType::BF16, h100, &Overrides::default()).unwrap();
    assert_eq!(reason(&s, "fa-native"), "head_size 72 is not a multiple of 32 (exact-size kernels only)");
    if built {
        assert_eq!(s.chosen.unwrap().name(), "fa-upstream");
    }
}
