/// Failures of the fa-upstream backend; surfaced as `AttnError::Backend`.
#[derive(Debug, thiserror::Error)]
pub enum FaError {
    #[error("CUDA driver: {0}")]
    Driver(#[from] cudarc::driver::DriverError),
    #[error("{0}")]
    Launch(String),
}

impl From<FaError> for attn_core::AttnError {
    fn from(e: FaError) -> Self {
        attn_core::AttnError::Backend { backend: crate::NAME, message: e.to_string() }
    }
}
