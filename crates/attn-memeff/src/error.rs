/// Failures of the memeff backend; surfaced as `AttnError::Backend`.
#[derive(Debug, thiserror::Error)]
pub enum MemeffError {
    #[error("CUDA driver: {0}")]
    Driver(#[from] cudarc::driver::DriverError),
    #[error("{0}")]
    Launch(String),
}

impl From<MemeffError> for attn_core::AttnError {
    fn from(e: MemeffError) -> Self {
        attn_core::AttnError::Backend { backend: crate::NAME, message: e.to_string() }
    }
}
