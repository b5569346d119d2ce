// sm_75 is the oldest target nvcc 13 compiles (the Volta path needs an nvcc 12
// build: VIT_ATTN_CUDA_ARCHS=70,75,80,90a).
fn main() {
    build_support::CudaKernels::new("kernels").default_archs(&["75", "80", "90a"]).build();
}
