//! VIT_ATTN_BACKEND / VIT_ATTN_DISABLE, read by the builder. One test in its
//! own binary: it sets process environment variables.
use vit_attn::{Attention, AttentionConfig, AttnError, DType, Device, Overrides};

#[cfg(feature = "sdpa")]
use attn_sdpa as _;

#[test]
fn environment_overrides_are_parsed_and_applied() {
    // SAFETY (edition 2021: safe fn): no other thread runs in this test binary.
    std::env::set_var("VIT_ATTN_BACKEND", " sdpa ");
    std::env::set_var("VIT_ATTN_DISABLE", "memeff, fa-upstream,,");
    let o = Overrides::from_env();
    assert_eq!(o.force, Some(("sdpa".to_string(), "VIT_ATTN_BACKEND".to_string())));
    let names: Vec<_> = o.disable.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(names, ["memeff", "fa-upstream"]);

    let cfg = AttentionConfig::new(4, 72, DType::F32);
    if cfg!(feature = "sdpa") {
        let a = Attention::builder(cfg).device(Device::Cpu).build().unwrap();
        assert_eq!(a.backend_name(), "sdpa");
    }
    std::env::set_var("VIT_ATTN_BACKEND", "flash-attn");
    match Attention::builder(cfg).device(Device::Cpu).build() {
        Err(AttnError::UnknownBackend { name, source_of_name, .. }) => {
            assert_eq!(name, "flash-attn");
            assert_eq!(source_of_name, "VIT_ATTN_BACKEND");
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("an unknown forced backend must be an error"),
    }
    // ignore_env() leaves the environment out.
    if cfg!(feature = "sdpa") {
        assert!(Attention::builder(cfg).device(Device::Cpu).ignore_env().build().is_ok());
    }
    std::env::set_var("VIT_ATTN_BACKEND", "");
    std::env::set_var("VIT_ATTN_DISABLE", "sdpa");
    match Attention::builder(cfg).device(Device::Cpu).build() {
        Err(AttnError::NoBackend { reasons, .. }) => assert!(reasons.contains("sdpa: disabled by VIT_ATTN_DISABLE"), "{reasons}"),
        Err(e) => panic!("wrong error: {e}"),
        Ok(a) => panic!("sdpa is disabled, yet {} was built", a.backend_name()),
    }
}
