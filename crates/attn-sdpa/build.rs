// sm_75 is the oldest target nvcc 13 compiles; Volta's sm_70 machine code comes
// from the same PTX through CUDA 12.9's ptxas (build-support's legacy_archs).
fn main() {
    build_support::CudaKernels::new("kernels").default_archs(&["75", "80", "90a"]).legacy_archs(&["70"]).build();
}
