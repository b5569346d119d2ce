// One fatbin per head size, instantiated from src/variants.rs; sm_90a only
// (the other GPUs run fa-upstream's kernels). fa_fwd.cuh's softmax and store
// helpers come from fa-upstream's kernel directory.
#[path = "src/variants.rs"]
#[allow(dead_code)] // the backend uses the rest
mod variants;

fn main() {
    println!("cargo:rerun-if-changed=src/variants.rs");
    let mut kernels = build_support::CudaKernels::new("kernels")
        .default_archs(&["90a"])
        .include_dep("vit_attn_fa_upstream")
        .header("wgmma_gen.cuh", build_support::wgmma::wrappers(&variants::wgmma_ns()));
    for d in variants::head_sizes() {
        kernels = kernels.generated(variants::image_name(d), variants::instantiation_source(d));
    }
    kernels.build();
}
