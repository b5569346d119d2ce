// sm_75 is the oldest target nvcc 13 compiles; with an nvcc 12 set
// VIT_ATTN_CUDA_ARCHS=70,75,80,90a to serve Volta too.
fn main() {
    build_support::CudaKernels::new("kernels").default_archs(&["75", "80", "90a"]).build();
}
