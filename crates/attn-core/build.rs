// Publishes include/ (the kernel-parameter header and common device code) to
// backend crates as DEP_VIT_ATTN_CORE_INCLUDE.
fn main() {
    let include = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("include");
    println!("cargo:include={}", include.display());
    println!("cargo:rerun-if-changed=build.rs");
}
