//! Machine code for GPUs the found nvcc no longer targets (CUDA 13 dropped
//! Volta, sm_70): the crate's PTX for its oldest target is relabelled for the
//! old GPU and assembled by the ptxas of an older toolkit (PyPI's
//! `nvidia-cuda-nvcc-cu12` wheel holds one, without an nvcc), then fatbinary
//! packs it with nvcc's own images. Only kernels whose PTX uses nothing newer
//! than the old GPU has take this road: ptxas refuses the others, and that
//! fails the build.
use crate::nvcc::Nvcc;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Path to the older toolkit's ptxas; otherwise pip's cu12 wheel is searched.
pub const LEGACY_PTXAS_ENV: &str = "VIT_ATTN_LEGACY_PTXAS";
/// The newest PTX ISA that CUDA 12.9's ptxas reads.
const LEGACY_PTX_ISA: &str = "8.8";

pub fn find_legacy_ptxas() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var(LEGACY_PTXAS_ENV) {
        return Some(PathBuf::from(&p)).filter(|p| runs(p)).ok_or_else(|| format!("{LEGACY_PTXAS_ENV}={p} does not run"));
    }
    crate::nvcc::pip_nvidia_dirs()
        .into_iter()
        .map(|root| root.join("cuda_nvcc/bin/ptxas"))
        .find(|p| runs(p))
        .ok_or_else(|| format!("no CUDA 12 ptxas (pip install nvidia-cuda-nvcc-cu12==12.9.86, or set {LEGACY_PTXAS_ENV})"))
}

fn runs(ptxas: &Path) -> bool {
    Command::new(ptxas).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// "ptxas release 12.9, V12.9.86", for `vit-attn info`.
pub fn describe(ptxas: &Path) -> String {
    let out = Command::new(ptxas).arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).to_string()).unwrap_or_default();
    let release = out.lines().find_map(|l| l.split_once("release ").map(|(_, r)| r.trim().to_string()));
    format!("ptxas release {}", release.unwrap_or_else(|| "(unknown)".into()))
}

fn run(mut cmd: Command, what: &str) -> std::process::Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    if !out.status.success() {
        panic!("{what} failed:\n{cmd:?}\n{}", String::from_utf8_lossy(&out.stderr));
    }
    out
}

/// `src` compiled to `out` with machine code for `sass` (by nvcc) and `legacy`
/// (by `ptxas` from the compute_`ptx` PTX), plus that PTX. Returns ptxas's
/// reports of every target, for the notes.
#[allow(clippy::too_many_arguments)]
pub fn compile(
    nvcc: &Nvcc,
    ptxas: &Path,
    src: &Path,
    sass: &[String],
    ptx: &str,
    legacy: &[String],
    flags: &[String],
    out: &Path,
) -> Vec<u8> {
    let work = out.with_extension("parts");
    std::fs::create_dir_all(&work).expect("create the fatbin parts folder");
    let mut report = Vec::new();
    let mut images = Vec::new();
    let nvcc_to = |kind: &str, arch: &str, file: &Path| {
        let mut cmd = Command::new(&nvcc.path);
        cmd.arg(kind).args(flags).arg(format!("-arch={arch}")).arg("-o").arg(file).arg(src);
        run(cmd, "nvcc").stderr
    };
    for a in sass {
        let cubin = work.join(format!("sm_{a}.cubin"));
        report.extend(nvcc_to("-cubin", &format!("sm_{a}"), &cubin));
        images.push(format!("--image3=kind=elf,sm={},file={}", a.trim_end_matches('a'), cubin.display()));
    }
    let ptx_file = work.join(format!("compute_{ptx}.ptx"));
    nvcc_to("-ptx", &format!("compute_{ptx}"), &ptx_file);
    images.push(format!("--image3=kind=ptx,sm={ptx},file={}", ptx_file.display()));
    let text = std::fs::read_to_string(&ptx_file).expect("read the PTX nvcc wrote");
    for a in legacy {
        let relabelled = relabel(&text, a);
        let legacy_ptx = work.join(format!("sm_{a}.ptx"));
        std::fs::write(&legacy_ptx, relabelled).expect("write the relabelled PTX");
        let cubin = work.join(format!("sm_{a}.cubin"));
        let mut cmd = Command::new(ptxas);
        cmd.args(["-O3", "-v", &format!("-arch=sm_{a}"), "-o"]).arg(&cubin).arg(&legacy_ptx);
        report.extend(run(cmd, "the CUDA 12 ptxas").stderr);
        images.push(format!("--image3=kind=elf,sm={a},file={}", cubin.display()));
    }
    let mut cmd = Command::new(nvcc.path.with_file_name("fatbinary"));
    cmd.arg("--64").arg(format!("--create={}", out.display())).args(&images);
    run(cmd, "fatbinary");
    report
}

/// The PTX with its ISA version and target lines set for `arch` and the older
/// ptxas; every other line as it was.
fn relabel(ptx: &str, arch: &str) -> String {
    ptx.lines()
        .map(|l| match l {
            l if l.starts_with(".version ") => format!(".version {LEGACY_PTX_ISA}"),
            l if l.starts_with(".target ") => format!(".target sm_{arch}"),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn relabel_changes_only_the_version_and_target_lines() {
        let ptx = "//\n.version 9.0\n.target sm_75\n.address_size 64\n\t// .target in a comment\n";
        assert_eq!(super::relabel(ptx, "70"), "//\n.version 8.8\n.target sm_70\n.address_size 64\n\t// .target in a comment");
    }
}
