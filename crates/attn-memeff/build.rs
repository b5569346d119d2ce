// Instantiations generated from src/variants.rs. sm_75 is the oldest target
// nvcc 13 compiles; Volta's sm_70 machine code comes from the same PTX through
// CUDA 12.9's ptxas (build-support's legacy_archs).
#[path = "src/variants.rs"]
#[allow(dead_code)] // the backend uses the rest
mod variants;

fn main() {
    println!("cargo:rerun-if-changed=src/variants.rs");
    let mut kernels = build_support::CudaKernels::new("kernels").default_archs(&["75", "80", "90a"]).legacy_archs(&["70"]);
    for (name, source) in variants::instantiation_sources() {
        kernels = kernels.generated(name, source);
    }
    kernels.build();
}
