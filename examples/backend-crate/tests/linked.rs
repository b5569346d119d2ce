//! With the example crate linked (the one line a user writes below), the
//! registry sees it: chosen where it serves, passed over with its reason where not.
use attn_core::reference::{attention_f64, compare, tolerance};
use attn_core::{select, Attention, AttentionConfig, DType, Device, Layout, Overrides, Sequences, Tensor, TensorMut};

use attn_sdpa as _;
use vit_attn_example_backend as _;

fn reason_for<'a>(sel: &'a attn_core::Selection, name: &str) -> &'a str {
    &sel.passed_over.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} not ranked")).reason
}

#[test]
fn chosen_where_it_serves_passed_over_with_its_reason_elsewhere() {
    let none = Overrides::default();
    let sel = select(64, DType::F32, None, &none).unwrap();
    assert_eq!(sel.chosen.unwrap().name(), "example-cpu");
    assert!(reason_for(&sel, "sdpa").contains("`example-cpu` has higher priority"));

    let sel = select(200, DType::F32, None, &none).unwrap();
    assert_eq!(sel.chosen.unwrap().name(), "sdpa");
    assert_eq!(reason_for(&sel, "example-cpu"), "head_size 200 exceeds example-cpu's 128");

    let sel = select(64, DType::BF16, None, &none).unwrap();
    assert_eq!(sel.chosen.unwrap().name(), "sdpa");
    assert_eq!(reason_for(&sel, "example-cpu"), "example-cpu takes f32 only, not bf16");

    let sel = select(64, DType::F32, Some("9.0".parse().unwrap()), &none).unwrap();
    assert_eq!(reason_for(&sel, "example-cpu"), "example-cpu runs on the CPU only");
}

#[test]
fn runs_through_the_attention_handle_and_matches_the_reference() {
    let config = AttentionConfig::new(4, 40, DType::F32).with_kv_heads(2);
    let mut attn = Attention::builder(config).device(Device::Cpu).ignore_env().build().unwrap();
    assert_eq!(attn.backend_name(), "example-cpu");
    let cu = [0, 5, 6, 30];
    let seqs = Sequences::Varlen { cu_seqlens: &cu, max_seqlen: 24 };
    let [lq, lk, lv] = Layout::fused_qkv(4, 2, 40);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let qkv: Vec<f32> = (0..30 * 8 * 40)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2001) as f32 / 1000.0 - 1.0
        })
        .collect();
    let mut out = vec![f32::NAN; 30 * 4 * 40];
    let (q, k, v) = (Tensor::host(&qkv, lq), Tensor::host(&qkv, lk), Tensor::host(&qkv, lv));
    let lo = Layout::contiguous(4, 40);
    attn.forward(seqs, q, k, v, TensorMut::host(&mut out, lo)).unwrap();
    let exact = attention_f64(&config, &seqs, &q, &k, &v).unwrap();
    let c = compare(&exact, &attn_core::HostSlice::F32(&out), &lo, 4, 40);
    assert_eq!(c.non_finite, 0);
    assert!(c.rel_err <= tolerance(DType::F32), "{}", c.rel_err);
}
