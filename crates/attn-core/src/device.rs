use crate::error::AttnError;
use cudarc::driver::{CudaContext, CudaStream};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// A CUDA compute capability such as 9.0 (H100) or 7.5 (T4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComputeCapability {
    pub major: u32,
    pub minor: u32,
}

impl ComputeCapability {
    pub const fn new(major: u32, minor: u32) -> Self {
        ComputeCapability { major, minor }
    }
}

impl fmt::Display for ComputeCapability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for ComputeCapability {
    type Err = String;
    /// Accepts `9.0`, `90` and `sm_90`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("bad compute capability `{s}` (expected e.g. 8.0, 86 or sm_90)");
        let t = s.trim().trim_start_matches("sm_");
        let (major, minor) = match t.split_once('.') {
            Some((a, b)) => (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?),
            None if t.len() >= 2 && t.bytes().all(|b| b.is_ascii_digit()) => {
                let (a, b) = t.split_at(t.len() - 1);
                (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?)
            }
            None => return Err(bad()),
        };
        if minor > 9 || major == 0 {
            return Err(bad());
        }
        Ok(ComputeCapability { major, minor })
    }
}

/// One CUDA GPU with the stream the handle's work is ordered on.
#[derive(Clone)]
pub struct GpuDevice {
    pub ctx: Arc<CudaContext>,
    pub stream: Arc<CudaStream>,
    pub cc: ComputeCapability,
    pub name: String,
    pub ordinal: usize,
}

impl fmt::Debug for GpuDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GpuDevice({} #{}, cc {})", self.name, self.ordinal, self.cc)
    }
}

/// Where an attention handle runs: the host CPU, or one CUDA GPU.
#[derive(Clone, Debug)]
pub enum Device {
    Cpu,
    Cuda(GpuDevice),
}

impl Device {
    /// GPU `ordinal` on a new stream of its primary context. Never panics:
    /// a missing driver library or device is an error that says so.
    pub fn cuda(ordinal: usize) -> Result<Device, AttnError> {
        // SAFETY: only probes whether the driver library can be opened.
        if !unsafe { cudarc::driver::sys::is_culib_present() } {
            return Err(AttnError::NoDevice("the CUDA driver library (libcuda) is not present".into()));
        }
        let count = CudaContext::device_count()
            .map_err(|e| AttnError::NoDevice(format!("the CUDA driver did not initialise: {e}")))?;
        if ordinal >= count.max(0) as usize {
            return Err(AttnError::NoDevice(format!("GPU #{ordinal} asked for, {count} present")));
        }
        let ctx = CudaContext::new(ordinal)?;
        let (major, minor) = ctx.compute_capability()?;
        let name = ctx.name()?;
        let stream = ctx.new_stream()?;
        Ok(Device::Cuda(GpuDevice {
            ctx,
            stream,
            cc: ComputeCapability::new(major as u32, minor as u32),
            name,
            ordinal,
        }))
    }

    /// GPU 0 when one can be used, else the CPU with the reason why not.
    pub fn detect() -> (Device, Option<String>) {
        match Device::cuda(0) {
            Ok(d) => (d, None),
            Err(e) => (Device::Cpu, Some(e.to_string())),
        }
    }

    pub fn cc(&self) -> Option<ComputeCapability> {
        match self {
            Device::Cpu => None,
            Device::Cuda(g) => Some(g.cc),
        }
    }

    pub fn gpu(&self) -> Option<&GpuDevice> {
        match self {
            Device::Cpu => None,
            Device::Cuda(g) => Some(g),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Device::Cpu => "CPU".to_string(),
            Device::Cuda(g) => format!("GPU #{} {} (cc {})", g.ordinal, g.name, g.cc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compute_capabilities() {
        for (s, want) in [("9.0", (9, 0)), ("86", (8, 6)), ("sm_90", (9, 0)), ("10.0", (10, 0)), ("100", (10, 0))] {
            let cc: ComputeCapability = s.parse().unwrap();
            assert_eq!((cc.major, cc.minor), want, "{s}");
        }
        for bad in ["", "9", "x.y", "8.10", "0.5"] {
            assert!(bad.parse::<ComputeCapability>().is_err(), "{bad}");
        }
    }
}
