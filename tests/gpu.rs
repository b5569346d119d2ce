//! GPU paths against the fp64 reference. A plain `main` (harness = false)
//! so that its one skip line shows in `cargo test` output where no CUDA
//! device can be used (as on CI). `vit-attn check` is the full GPU sweep.
use vit_attn::harness::{check_sweep, run_once, Prepared, Rng};
use vit_attn::reference::tolerance;
use vit_attn::{registered_backends, Attention, AttnError, Device};

#[cfg(feature = "sdpa")]
use attn_sdpa as _;

fn main() {
    let device = match Device::cuda(0) {
        Ok(d) => d,
        Err(e) => {
            println!("gpu tests: skipped: {e}");
            return;
        }
    };
    let mut rng = Rng::new(Rng::fresh_seed());
    let mut ran = 0;
    for case in check_sweep() {
        let p = Prepared::new(&case, &mut rng);
        let reference = p.reference().unwrap();
        for b in registered_backends() {
            let built = Attention::builder(case.config()).device(device.clone()).force(b.name()).ignore_env().build();
            let mut attn = match built {
                Ok(a) => a,
                Err(AttnError::ForcedBackendUnsupported { .. }) => continue,
                Err(e) => panic!("{e}"),
            };
            let out = run_once(&mut attn, &p).unwrap();
            let c = p.compare(&reference, &out);
            assert!(c.passes(tolerance(case.dtype)), "{} {}: {c:?}", b.name(), case.shape_label());
            assert_eq!(p.layout.writes_outside_view(&out, &case), 0, "{} {}", b.name(), case.shape_label());
            ran += 1;
        }
    }
    assert!(ran > 0, "a GPU is present but no backend ran on it");
    println!("gpu tests: {ran} backend x case runs passed on {}", device.describe());
}
