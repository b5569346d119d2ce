//! Without `use vit_attn_example_backend as _;` the crate is not linked into
//! this test binary, so its registration does not exist: selection never sees it.
use attn_core::{registered_backends, select, DType, Overrides};

use attn_sdpa as _;

#[test]
fn absent_when_not_linked() {
    let names: Vec<&str> = registered_backends().iter().map(|b| b.name()).collect();
    assert!(names.contains(&"sdpa"), "{names:?}");
    assert!(!names.contains(&"example-cpu"), "{names:?}");
    let sel = select(64, DType::F32, None, &Overrides::default()).unwrap();
    assert_eq!(sel.chosen.unwrap().name(), "sdpa");
    assert!(sel.passed_over.iter().all(|p| p.name != "example-cpu"));
}
