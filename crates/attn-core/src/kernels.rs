use crate::backend::Unsupported;
use crate::device::{ComputeCapability, GpuDevice};
use cudarc::driver::CudaModule;
use std::sync::Arc;

/// One fatbin embedded by build-support (see its generated `kernels.rs`).
#[derive(Clone, Copy, Debug)]
pub struct KernelImage {
    /// The .cu file stem it came from.
    pub name: &'static str,
    /// None when the crate was built without nvcc.
    pub fatbin: Option<&'static [u8]>,
    /// Machine-code targets, e.g. ["75", "80", "90a"].
    pub sass: &'static [&'static str],
    /// The PTX target kept for JIT on newer GPUs, e.g. Some("75").
    pub ptx: Option<&'static str>,
    /// nvcc's version line, or why there is no fatbin.
    pub built_with: &'static str,
}

fn parse_arch(a: &str) -> Option<(ComputeCapability, bool)> {
    let arch_specific = a.ends_with('a');
    let digits = a.trim_end_matches('a');
    let cc: ComputeCapability = digits.parse().ok()?;
    Some((cc, arch_specific))
}

impl KernelImage {
    /// The image called `name` among a crate's `KERNELS`.
    pub fn find(images: &'static [KernelImage], name: &str) -> Result<&'static KernelImage, Unsupported> {
        images.iter().find(|k| k.name == name).ok_or_else(|| Unsupported::new(format!("no kernel image {name} in this build")))
    }

    /// Ok when the driver can run this image on `cc`: machine code for the
    /// same major version and no newer minor (an `a` target only on its exact
    /// cc), or PTX no newer than `cc`.
    pub fn runs_on(&self, cc: ComputeCapability) -> Result<(), Unsupported> {
        if self.fatbin.is_none() {
            return Err(Unsupported::new(self.built_with));
        }
        let sass_ok = self.sass.iter().filter_map(|a| parse_arch(a)).any(|(t, exact)| {
            if exact {
                t == cc
            } else {
                t.major == cc.major && t.minor <= cc.minor
            }
        });
        let ptx_ok = self.ptx.and_then(parse_arch).is_some_and(|(t, _)| t <= cc);
        if sass_ok || ptx_ok {
            Ok(())
        } else {
            Err(Unsupported::new(format!("kernels built for {} cannot run on compute capability {cc}", self.describe())))
        }
    }

    /// The oldest compute capability this image runs on.
    pub fn min_cc(&self) -> Option<ComputeCapability> {
        self.sass.iter().chain(self.ptx.iter()).filter_map(|a| parse_arch(a)).map(|(c, _)| c).min()
    }

    /// What `vit-attn info` says of this image: "fatbin <archs> (<nvcc>)"
    /// (`extra` appended), or why there is none.
    pub fn summary(&self, extra: &str) -> Result<String, String> {
        match self.fatbin {
            Some(_) => Ok(format!("fatbin {} ({}){extra}", self.describe(), self.built_with)),
            None => Err(self.built_with.to_string()),
        }
    }

    pub fn describe(&self) -> String {
        let mut s: Vec<String> = self.sass.iter().map(|a| format!("sm_{a}")).collect();
        if let Some(p) = self.ptx {
            s.push(format!("compute_{p} PTX"));
        }
        s.join(" ")
    }

    pub fn load(&self, gpu: &GpuDevice) -> Result<Arc<CudaModule>, Unsupported> {
        self.runs_on(gpu.cc)?;
        let bytes = self.fatbin.expect("runs_on checked the fatbin is present");
        gpu.ctx
            .load_module(cudarc::nvrtc::Ptx::from_binary(bytes.to_vec()))
            .map_err(|e| Unsupported::new(format!("loading the `{}` kernels failed: {e}", self.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMG: KernelImage =
        KernelImage { name: "t", fatbin: Some(&[0]), sass: &["75", "80", "90a"], ptx: Some("75"), built_with: "nvcc" };

    #[test]
    fn arch_coverage_follows_cuda_compatibility_rules() {
        let cc = |s: &str| s.parse::<ComputeCapability>().unwrap();
        for ok in ["7.5", "8.0", "8.6", "8.9", "9.0", "10.0", "12.0"] {
            assert!(IMG.runs_on(cc(ok)).is_ok(), "{ok}");
        }
        for bad in ["7.0", "6.1"] {
            assert!(IMG.runs_on(cc(bad)).is_err(), "{bad}");
        }
        let sass_only = KernelImage { ptx: None, ..IMG };
        assert!(sass_only.runs_on(cc("8.6")).is_ok());
        assert!(sass_only.runs_on(cc("10.0")).is_err(), "sm_90a machine code runs on 9.0 only");
        let missing = KernelImage { fatbin: None, built_with: "built without CUDA kernels", ..IMG };
        assert_eq!(missing.runs_on(cc("9.0")).unwrap_err().0, "built without CUDA kernels");
        assert_eq!(IMG.min_cc(), Some(cc("7.5")));
    }
}
