use crate::dtype::DType;

/// Every failure of the core and, wrapped, of a backend.
#[derive(Debug, thiserror::Error)]
pub enum AttnError {
    #[error("invalid attention config: {0}")]
    InvalidConfig(String),
    #[error("invalid sequences: {0}")]
    InvalidSequences(String),
    #[error("tensor `{tensor}`: {problem}")]
    InvalidTensor { tensor: &'static str, problem: String },
    #[error("tensor `{tensor}` has dtype {found}, the handle was built for {expected}")]
    DTypeMismatch { tensor: &'static str, expected: DType, found: DType },
    #[error("unknown backend `{name}` in {source_of_name} (known: {known})")]
    UnknownBackend { name: String, source_of_name: String, known: String },
    #[error("backend `{name}` was forced by {source_of_name} but is not compiled into this build")]
    ForcedBackendAbsent { name: String, source_of_name: String },
    #[error("backend `{name}` was forced by {source_of_name} but cannot serve this case: {reason}")]
    ForcedBackendUnsupported { name: String, source_of_name: String, reason: String },
    #[error("no backend can serve head_size {head_size}, {dtype}, {device}: {reasons}")]
    NoBackend { head_size: usize, dtype: DType, device: String, reasons: String },
    #[error("no usable CUDA device: {0}")]
    NoDevice(String),
    #[error("CUDA driver call failed: {0}")]
    Driver(#[from] cudarc::driver::DriverError),
    #[error("backend `{backend}` failed: {message}")]
    Backend { backend: &'static str, message: String },
}

impl AttnError {
    pub(crate) fn tensor(tensor: &'static str, problem: impl Into<String>) -> Self {
        AttnError::InvalidTensor { tensor, problem: problem.into() }
    }
}
