/// Failures of the sdpa backend; surfaced as `AttnError::Backend`.
#[derive(Debug, thiserror::Error)]
pub enum SdpaError {
    #[error("cuBLAS: {0}")]
    Cublas(#[from] cudarc::cublas::result::CublasError),
    #[error("cuBLASLt: {0}")]
    CublasLt(#[from] cudarc::cublaslt::result::CublasError),
    #[error("CUDA driver: {0}")]
    Driver(#[from] cudarc::driver::DriverError),
    #[error("{0}")]
    Layout(String),
}

impl From<SdpaError> for attn_core::AttnError {
    fn from(e: SdpaError) -> Self {
        attn_core::AttnError::Backend { backend: crate::NAME, message: e.to_string() }
    }
}

impl From<String> for SdpaError {
    fn from(m: String) -> Self {
        SdpaError::Layout(m)
    }
}
