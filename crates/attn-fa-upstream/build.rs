// One fatbin per padded head dim (its mma.sync kernels and the Hopper
// kernels of the head sizes it covers), instantiated from src/variants.rs.
#[path = "src/variants.rs"]
#[allow(dead_code)] // the backend uses the rest
mod variants;

fn main() {
    // fa-native includes fa_fwd_tma_sm90.cuh and fa_fwd.cuh from here.
    let kernels_dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("kernels");
    println!("cargo:include={}", kernels_dir.display());
    println!("cargo:rerun-if-changed=src/variants.rs");
    let mut kernels = build_support::CudaKernels::new("kernels")
        .default_archs(&["80", "90a"])
        .header("wgmma_gen.cuh", build_support::wgmma::wrappers(&variants::wgmma_ns((1..=variants::MAX_HEAD_SIZE).filter(|&d| variants::tma_head_size(d)))));
    for d in variants::padded_head_dims() {
        kernels = kernels.generated(variants::image_name(d), variants::instantiation_source(d));
    }
    kernels.build();
}
