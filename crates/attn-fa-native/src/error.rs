/// Failures of the fa-native backend; surfaced as `AttnError::Backend`.
#[derive(Debug, thiserror::Error)]
pub enum NativeError {
    #[error("CUDA driver: {0}")]
    Driver(#[from] cudarc::driver::DriverError),
    #[error("{0}")]
    Launch(String),
}

impl From<NativeError> for attn_core::AttnError {
    fn from(e: NativeError) -> Self {
        attn_core::AttnError::Backend { backend: crate::NAME, message: e.to_string() }
    }
}
