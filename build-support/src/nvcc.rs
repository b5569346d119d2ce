use std::path::{Path, PathBuf};
use std::process::Command;

/// A working nvcc and its version line.
pub struct Nvcc {
    pub path: PathBuf,
    pub version: String,
}

fn probe(path: &Path) -> Option<Nvcc> {
    let out = Command::new(path).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.lines().rev().find(|l| l.contains("release")).unwrap_or("nvcc").trim().to_string();
    Some(Nvcc { path: path.to_path_buf(), version: format!("nvcc {version}") })
}

/// The `site-packages/nvidia` folders of python3, where pip's CUDA wheels land.
pub(crate) fn pip_nvidia_dirs() -> Vec<PathBuf> {
    let script = "import importlib.util as u\ns = u.find_spec('nvidia')\nprint('\\n'.join(s.submodule_search_locations if s else []))";
    let Ok(out) = Command::new("python3").args(["-c", script]).output() else { return Vec::new() };
    String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect()
}

/// Where pip's `nvidia-cuda-nvcc` wheel puts nvcc (site-packages/nvidia/cu13/bin).
fn wheel_candidates() -> Vec<PathBuf> {
    pip_nvidia_dirs().iter().flat_map(|root| ["cu13", "cu12", "cuda_nvcc"].map(|sub| root.join(sub).join("bin/nvcc"))).collect()
}

/// Looks in `NVCC`, `CUDA_HOME`, `CUDA_PATH`, `PATH`, pip's nvcc wheel and
/// /usr/local/cuda, in that order. `NVCC=none` means: build without kernels.
pub fn find_nvcc() -> Result<Nvcc, String> {
    if let Ok(v) = std::env::var("NVCC") {
        if v == "none" {
            return Err("NVCC=none".into());
        }
        return probe(Path::new(&v)).ok_or_else(|| format!("NVCC={v} does not run"));
    }
    let mut candidates: Vec<PathBuf> = ["CUDA_HOME", "CUDA_PATH"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|root| Path::new(&root).join("bin/nvcc"))
        .collect();
    if let Ok(path) = std::env::var("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join("nvcc")));
    }
    candidates.extend(wheel_candidates());
    candidates.push(PathBuf::from("/usr/local/cuda/bin/nvcc"));
    candidates
        .iter()
        .filter(|p| p.is_file())
        .find_map(|p| probe(p))
        .ok_or_else(|| "nvcc not found (looked in NVCC, CUDA_HOME, CUDA_PATH, PATH, pip's nvidia-cuda-nvcc wheel, /usr/local/cuda)".into())
}

impl Nvcc {
    /// Compiles each source to `out_dir/<stem>.fatbin`, as many at a time as
    /// cargo's job count; panics with nvcc's output on a compile error (a
    /// broken kernel is a build error). `legacy`: an older ptxas and the
    /// archs it adds (see `legacy`).
    pub fn compile_all(&self, sources: &[PathBuf], targets: &Targets, includes: &[PathBuf], extra: &[String], out_dir: &Path) -> Vec<PathBuf> {
        let workers = std::env::var("NUM_JOBS").ok().and_then(|n| n.parse().ok()).unwrap_or(2usize).clamp(1, sources.len().max(1));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::Mutex::new(vec![None; sources.len()]);
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(src) = sources.get(i) else { break };
                    let fatbin = self.compile(src, targets, includes, extra, out_dir);
                    done.lock().expect("no worker panicked holding the lock")[i] = Some(fatbin);
                });
            }
        });
        done.into_inner().expect("workers finished").into_iter().map(|f| f.expect("every source compiled")).collect()
    }

    fn compile(&self, src: &Path, targets: &Targets, includes: &[PathBuf], extra: &[String], out_dir: &Path) -> PathBuf {
        let stem = src.file_stem().unwrap().to_string_lossy().to_string();
        let out = out_dir.join(format!("{stem}.fatbin"));
        let mut flags: Vec<String> = ["-O3", "-std=c++17", "-Xptxas=-v", "--expt-relaxed-constexpr"].map(String::from).to_vec();
        for inc in includes {
            flags.push(format!("-I{}", inc.display()));
        }
        flags.extend(extra.iter().cloned());
        // ptxas -v: registers, shared memory and spills of every kernel, kept for the notes.
        let report = match &targets.legacy {
            Some((ptxas, legacy)) => crate::legacy::compile(self, ptxas, src, &targets.sass, &targets.ptx, legacy, &flags, &out),
            None => {
                let mut cmd = Command::new(&self.path);
                cmd.arg("-fatbin").args(&flags);
                for a in &targets.sass {
                    cmd.arg(format!("-gencode=arch=compute_{a},code=sm_{a}"));
                }
                cmd.arg(format!("-gencode=arch=compute_{p},code=compute_{p}", p = targets.ptx));
                cmd.arg("-o").arg(&out).arg(src);
                let output = cmd.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", self.path.display()));
                if !output.status.success() {
                    panic!("nvcc failed on {}:\n{:?}\n{}", src.display(), cmd, String::from_utf8_lossy(&output.stderr));
                }
                output.stderr
            }
        };
        std::fs::write(out_dir.join(format!("{stem}.ptxas.txt")), report).ok();
        out
    }
}

/// What one fatbin holds: machine code for `sass` and PTX for `ptx` (by
/// nvcc), and machine code for older archs by an older ptxas where one is found.
pub struct Targets {
    pub sass: Vec<String>,
    pub ptx: String,
    pub legacy: Option<(PathBuf, Vec<String>)>,
}

impl Targets {
    /// Every arch with machine code in the fatbin.
    pub fn machine_code(&self) -> Vec<String> {
        let mut all: Vec<String> = self.legacy.iter().flat_map(|(_, l)| l.iter().cloned()).collect();
        all.extend(self.sass.iter().cloned());
        all
    }
}
