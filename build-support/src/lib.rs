//! Build-time helper for vit-attn backend crates: finds nvcc, compiles the
//! crate's `.cu` files to fatbins and writes `$OUT_DIR/kernels.rs`, which the
//! crate includes to get `KERNELS: &[attn_core::KernelImage]`.
//!
//! ```ignore
//! // build.rs
//! fn main() { build_support::CudaKernels::new("kernels").default_archs(&["80", "90a"]).build(); }
//! ```
//!
//! Environment: `NVCC` (path to nvcc, or `none` to build without kernels),
//! `CUDA_HOME` / `CUDA_PATH`, `VIT_ATTN_CUDA_ARCHS` (e.g. `80,90a`: machine
//! code for each, plus PTX of the oldest for newer GPUs), `VIT_ATTN_LEGACY_PTXAS`
//! (the older ptxas for [`CudaKernels::legacy_archs`]). Without nvcc the crate
//! still builds: one cargo warning, no `vit_attn_cuda` cfg, and its backend
//! reports [`MISSING_KERNELS`] as its reason.

mod legacy;
mod nvcc;
pub mod wgmma;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use legacy::{find_legacy_ptxas, LEGACY_PTXAS_ENV};
pub use nvcc::{find_nvcc, Nvcc, Targets};

/// The reason a backend built without nvcc gives.
pub const MISSING_KERNELS: &str =
    "built without CUDA kernels: install nvcc (pip install -r requirements-cuda.txt) and rebuild";

pub const ARCHS_ENV: &str = "VIT_ATTN_CUDA_ARCHS";

/// The kernels of one crate.
pub struct CudaKernels {
    dir: PathBuf,
    default_archs: Vec<String>,
    legacy_archs: Vec<String>,
    extra_flags: Vec<String>,
    generated: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    include_dirs: Vec<PathBuf>,
}

impl CudaKernels {
    /// Every `.cu` file directly under `dir` (relative to the crate root) is
    /// compiled to its own fatbin; `.cuh` files there are headers.
    pub fn new(dir: &str) -> Self {
        CudaKernels {
            dir: PathBuf::from(dir),
            default_archs: vec!["80".into(), "90a".into()],
            legacy_archs: Vec::new(),
            extra_flags: Vec::new(),
            generated: Vec::new(),
            headers: Vec::new(),
            include_dirs: Vec::new(),
        }
    }

    /// Machine-code targets when `VIT_ATTN_CUDA_ARCHS` is unset.
    pub fn default_archs(mut self, archs: &[&str]) -> Self {
        self.default_archs = archs.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Machine code for archs this nvcc no longer targets (e.g. "70"), made
    /// from the PTX of the oldest target by an older ptxas where one is found
    /// (module `legacy`); without one the build warns and leaves them out.
    pub fn legacy_archs(mut self, archs: &[&str]) -> Self {
        self.legacy_archs = archs.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn flag(mut self, flag: &str) -> Self {
        self.extra_flags.push(flag.to_string());
        self
    }

    /// Adds a generated `.cu` source (written to `$OUT_DIR/gen/<stem>.cu`,
    /// compiled like the files in `dir`, which it may `#include`): how a crate
    /// instantiates its kernel templates per head dim without copies in git.
    pub fn generated(mut self, stem: impl Into<String>, source: impl Into<String>) -> Self {
        self.generated.push((stem.into(), source.into()));
        self
    }

    /// Adds a generated header (`$OUT_DIR/gen/<name>`, on the include path),
    /// e.g. [`wgmma::wrappers`].
    pub fn header(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.headers.push((name.into(), text.into()));
        self
    }

    /// Another crate's kernel directory on the include path (its build script
    /// publishes it with `cargo:include=...`; read here as `DEP_<LINKS>_INCLUDE`).
    pub fn include_dep(mut self, links: &str) -> Self {
        let var = format!("DEP_{}_INCLUDE", links.to_uppercase());
        let dir = std::env::var(&var).unwrap_or_else(|_| panic!("{var} is unset: depend on the crate with `links = \"{links}\"`"));
        self.include_dirs.push(PathBuf::from(dir));
        self
    }

    pub fn build(self) {
        let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
        let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR is set by cargo"));
        let src_dir = manifest.join(&self.dir);
        let mut includes = vec![src_dir.clone()];
        if let Ok(core) = std::env::var("DEP_VIT_ATTN_CORE_INCLUDE") {
            includes.push(PathBuf::from(core));
        }
        includes.extend(self.include_dirs.iter().cloned());
        println!("cargo::rustc-check-cfg=cfg(vit_attn_cuda)");
        for var in ["NVCC", "CUDA_HOME", "CUDA_PATH", ARCHS_ENV, LEGACY_PTXAS_ENV] {
            println!("cargo:rerun-if-env-changed={var}");
        }
        for inc in &includes {
            println!("cargo:rerun-if-changed={}", inc.display());
        }
        // A crate whose kernels are all generated from another crate's
        // templates (fa-native) may have no kernel directory of its own.
        let mut sources = if src_dir.exists() || self.generated.is_empty() { cu_files(&src_dir) } else { Vec::new() };
        if !self.generated.is_empty() || !self.headers.is_empty() {
            let gen_dir = out_dir.join("gen");
            std::fs::create_dir_all(&gen_dir).expect("create $OUT_DIR/gen");
            for (name, text) in &self.headers {
                let path = gen_dir.join(name);
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
            }
            includes.push(gen_dir.clone());
            for (stem, text) in &self.generated {
                let path = gen_dir.join(format!("{stem}.cu"));
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
                sources.push(path);
            }
        }
        let (sass, ptx) = archs(&self.default_archs);
        let mut targets = Targets { sass, ptx, legacy: None };
        let images = match find_nvcc() {
            Ok(nvcc) => {
                let mut built_with = nvcc.version.clone();
                if !self.legacy_archs.is_empty() {
                    let legacy = self.legacy_archs.iter().map(|a| format!("sm_{a}")).collect::<Vec<_>>().join(" ");
                    match find_legacy_ptxas() {
                        Ok(ptxas) => {
                            built_with += &format!("; {legacy} by {}", legacy::describe(&ptxas));
                            targets.legacy = Some((ptxas, self.legacy_archs.clone()));
                        }
                        Err(why) => println!("cargo:warning=vit-attn: no {legacy} machine code: {why}"),
                    }
                }
                let fatbins = nvcc.compile_all(&sources, &targets, &includes, &self.extra_flags, &out_dir);
                println!("cargo:rustc-cfg=vit_attn_cuda");
                sources.iter().zip(fatbins).map(|(s, f)| image(s, Some(&f), &targets, &built_with)).collect::<Vec<_>>()
            }
            Err(why) => {
                println!("cargo:warning=vit-attn: {why}; {MISSING_KERNELS}");
                sources.iter().map(|s| image(s, None, &targets, MISSING_KERNELS)).collect()
            }
        };
        let file = format!(
            "/// Generated by build-support: one image per .cu file.\npub static KERNELS: &[::attn_core::KernelImage] = &[\n{}];\n",
            images.concat()
        );
        std::fs::write(out_dir.join("kernels.rs"), file).expect("write kernels.rs");
    }
}

/// (machine-code targets, PTX target) from the environment or the crate's default.
fn archs(default: &[String]) -> (Vec<String>, String) {
    let list: Vec<String> = match std::env::var(ARCHS_ENV) {
        Ok(v) if !v.trim().is_empty() => v.split(',').map(|s| s.trim().trim_start_matches("sm_").to_string()).collect(),
        _ => default.to_vec(),
    };
    for a in &list {
        let digits = a.trim_end_matches('a');
        assert!(
            digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit()),
            "{ARCHS_ENV}: `{a}` is not an architecture like 80 or 90a"
        );
    }
    // PTX of the oldest plain target lets the driver JIT for GPUs newer than any listed.
    let ptx = list
        .iter()
        .filter(|a| !a.ends_with('a'))
        .min_by_key(|a| a.parse::<u32>().unwrap_or(u32::MAX))
        .cloned()
        .unwrap_or_else(|| list[0].trim_end_matches('a').to_string());
    (list, ptx)
}

fn cu_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("kernel directory {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cu"))
        .collect();
    v.sort();
    v
}

fn image(src: &Path, fatbin: Option<&Path>, targets: &Targets, built_with: &str) -> String {
    let name = src.file_stem().unwrap().to_string_lossy();
    let fatbin = match fatbin {
        Some(f) => format!("Some(include_bytes!({:?}))", f.display().to_string()),
        None => "None".to_string(),
    };
    let mut sass = String::new();
    for a in targets.machine_code() {
        write!(sass, "{a:?}, ").unwrap();
    }
    format!(
        "    ::attn_core::KernelImage {{ name: {name:?}, fatbin: {fatbin}, sass: &[{sass}], ptx: Some({:?}), built_with: {built_with:?} }},\n",
        targets.ptx
    )
}
