//! The example plugin and the broken fixtures (build.rs) go through the real
//! registry: VIT_ATTN_PLUGINS is set before anything looks at it, as a user's
//! environment would be. One test, so that nothing races the first look.
use attn_core::reference::{attention_f64, compare, tolerance};
use attn_core::{
    plugin_failures, registered_backends, select, Attention, AttentionConfig, AttnError, DType, Device, Layout,
    Overrides, Sequences, Tensor, TensorMut, ENV_PLUGINS,
};
use std::path::PathBuf;

/// The cdylib cargo built for this package, beside the test binary's directory.
fn example_plugin() -> PathBuf {
    let file = format!("{}vit_attn_example_plugin{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    [deps.join(&file), deps.parent().unwrap().join(&file)]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{file} not found near {}", deps.display()))
}

fn broken(mode: &str) -> PathBuf {
    let file = format!("{}broken_{mode}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
    PathBuf::from(env!("VIT_ATTN_BROKEN_PLUGINS")).join(file)
}

fn random(n: usize, mut state: u64) -> Vec<f32> {
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2001) as f32 / 1000.0 - 1.0
        })
        .collect()
}

#[test]
fn plugins_register_fail_with_reasons_and_run_through_the_registry() {
    let good = example_plugin();
    let missing = PathBuf::from("/nonexistent/libno_such_plugin.so");
    let modes = ["missing_symbol", "null_table", "wrong_abi", "name_clash", "forward_error"];
    let mut paths = vec![good.clone(), missing.clone()];
    paths.extend(modes.iter().map(|m| broken(m)));
    std::env::set_var(ENV_PLUGINS, std::env::join_paths(&paths).unwrap());

    // Loaded: the example and the plugin whose forward fails; never a built-in name.
    let backends = registered_backends();
    let plugin = backends.iter().find(|b| b.name() == "example-cpu-plugin").expect("example plugin registered");
    assert_eq!(plugin.plugin_path(), Some(good.as_path()));
    assert_eq!(plugin.priority(), 15);
    assert!(backends.iter().any(|b| b.name() == "failing-plugin"));
    assert!(backends.iter().all(|b| b.name() != "sdpa"), "the clashing plugin must not register as sdpa");

    // Skipped, each with its reason.
    let reason = |p: &PathBuf| plugin_failures().iter().find(|f| &f.path == p).map(|f| f.reason.clone());
    assert!(reason(&missing).unwrap().starts_with("cannot load the library"));
    assert!(reason(&broken("missing_symbol")).unwrap().contains("no `vit_attn_plugin_entry_v1` symbol"));
    assert_eq!(reason(&broken("null_table")).unwrap(), "the entry returned a null table");
    assert_eq!(reason(&broken("wrong_abi")).unwrap(), "ABI version 99 in its table; this vit-attn speaks 1");
    assert_eq!(reason(&broken("name_clash")).unwrap(), "its name `sdpa` is already a backend's");
    assert_eq!(plugin_failures().len(), 5);

    // Ranked like any backend; failures shown among the passed over.
    let no_failing = Overrides { force: None, disable: vec![("failing-plugin".into(), "test".into())] };
    let sel = select(72, DType::F32, None, &no_failing).unwrap();
    assert_eq!(sel.chosen.unwrap().name(), "example-cpu-plugin");
    assert!(sel.passed_over.iter().any(|p| p.name == format!("plugin {}", broken("wrong_abi").display())));
    let sel = select(300, DType::F32, None, &no_failing).unwrap();
    let why = &sel.passed_over.iter().find(|p| p.name == "example-cpu-plugin").unwrap().reason;
    assert_eq!(why, "head_size 300 is outside the example plugin's 1..=256");
    let why = plugin.supports(72, DType::BF16, Some("9.0".parse().unwrap())).unwrap_err().0;
    assert_eq!(why, "the example plugin runs on the CPU only");

    // The example plugin computes attention: varlen, GQA, fused QKV read in place.
    let config = AttentionConfig::new(4, 24, DType::F32).with_kv_heads(2);
    let mut attn = Attention::builder(config).device(Device::Cpu).ignore_env().disable("failing-plugin").build().unwrap();
    assert_eq!(attn.backend_name(), "example-cpu-plugin");
    let cu = [0, 1, 17, 40];
    let seqs = Sequences::Varlen { cu_seqlens: &cu, max_seqlen: 23 };
    let [lq, lk, lv] = Layout::fused_qkv(4, 2, 24);
    let qkv = random(40 * 8 * 24, 0x9e37_79b9_7f4a_7c15);
    let (q, k, v) = (Tensor::host(&qkv, lq), Tensor::host(&qkv, lk), Tensor::host(&qkv, lv));
    let lo = Layout::contiguous(4, 24);
    let mut out = vec![f32::NAN; 40 * 4 * 24];
    attn.forward(seqs, q, k, v, TensorMut::host(&mut out, lo)).unwrap();
    let exact = attention_f64(&config, &seqs, &q, &k, &v).unwrap();
    let c = compare(&exact, &attn_core::HostSlice::F32(&out), &lo, 4, 24);
    assert_eq!(c.non_finite, 0);
    assert!(c.rel_err <= tolerance(DType::F32), "{}", c.rel_err);

    // A plugin's forward error is the call's error, with its message.
    let mut failing = Attention::builder(config).device(Device::Cpu).ignore_env().force("failing-plugin").build().unwrap();
    match failing.forward(seqs, q, k, v, TensorMut::host(&mut out, lo)) {
        Err(AttnError::Backend { backend, message }) => {
            assert_eq!(backend, "failing-plugin");
            assert_eq!(message, "the failing example plugin refuses every call");
        }
        other => panic!("expected the plugin's error, got {other:?}"),
    }
}
