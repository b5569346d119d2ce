//! The `vit-attn` command line.
mod bench;
mod cases;
mod check;
mod info;
mod select;

use cases::CaseArgs;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "vit-attn",
    version,
    about = "Attention for vision transformers: inspect, select, check and time the backends",
    long_about = "Attention for vision transformers: one non-causal multi-head attention op with several \
backends (fa-native, fa-upstream, memeff, sdpa), the best one for a head size, dtype and GPU picked once.\n\n\
Without a usable GPU every command runs on the CPU path and says so.\n\
Overrides: VIT_ATTN_BACKEND=<name> forces a backend, VIT_ATTN_DISABLE=<a,b> removes some, \
VIT_ATTN_PLUGINS=<a.so:b.so> loads run-time plugins.\n\
Experiments: VIT_ATTN_FA_TILE=auto|wide|narrow|<shape> forces fa-upstream's mma.sync tile shape (also on Hopper), \
VIT_ATTN_FA_NATIVE_PATH=auto|sm80 runs fa-native's Ampere path (fa-upstream's kernels) on Hopper, \
VIT_ATTN_SM90_CLUSTER=auto|1|2 and VIT_ATTN_SM90_CONSUMERS=auto|2|3|4 force the Hopper kernel's cluster size and \
consumer warpgroups, \
VIT_ATTN_MEMEFF_PATH=auto|tensor-core|wmma|fma forces memeff's kernel, \
VIT_ATTN_SDPA_GEMM=classic uses classic cuBLAS in sdpa."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Devices {
    /// The GPU if one is usable, and the CPU.
    All,
    Gpu,
    Cpu,
}

/// Which backends and devices `check` and `bench` run.
#[derive(Args, Clone, Debug)]
pub struct Target {
    /// Only this backend.
    #[arg(long)]
    pub backend: Option<String>,
    #[arg(long, value_enum, default_value_t = Devices::All)]
    pub device: Devices,
}

impl Target {
    /// The linked backends asked for, highest priority first.
    pub fn backends(&self) -> Result<Vec<&'static dyn attn_core::AttentionBackend>, String> {
        let only = self.backend.as_deref();
        let v: Vec<_> = attn_core::registered_backends().into_iter().filter(|b| only.is_none_or(|o| o == b.name())).collect();
        if v.is_empty() {
            return Err(format!("no linked backend is named `{}`", only.unwrap_or_default()));
        }
        Ok(v)
    }
}

/// A handle for `case` on `device` forced to `backend`: Ok(Err(reason)) when
/// the backend cannot serve the case (a skip, not a failure).
pub fn bind(
    case: &crate::harness::Case,
    device: &attn_core::Device,
    backend: &dyn attn_core::AttentionBackend,
) -> Result<Result<attn_core::Attention, String>, String> {
    let built = attn_core::Attention::builder(case.config()).device(device.clone()).force(backend.name()).ignore_env().build();
    match built {
        Ok(a) => Ok(Ok(a)),
        Err(attn_core::AttnError::ForcedBackendUnsupported { reason, .. }) => Ok(Err(reason)),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The GPU (or why there is none), and each backend's kernels and status.
    Info,
    /// Which backend serves a case, and why each other one was passed over.
    Select {
        #[arg(long)]
        head_size: usize,
        #[arg(long, value_parser = cases::parse_dtype)]
        dtype: attn_core::DType,
        /// Decide for this compute capability (e.g. 8.6) instead of the detected device; `cpu` for none.
        #[arg(long)]
        cc: Option<String>,
    },
    /// Run every backend against the fp64 reference (a built-in sweep, or the given shape); exit 1 on any failure.
    Check {
        #[command(flatten)]
        shape: CaseArgs,
        #[command(flatten)]
        target: Target,
        /// Seed of the random inputs (default: a fresh one each run, printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Fill this sequence of the given pack (0-based) with Inf and NaN in q, k and v, and
        /// check that no other sequence's output changes (the built-in sweep has such cases).
        #[arg(long, requires = "head_size")]
        non_finite_seq: Option<usize>,
    },
    /// Time the backends (BENCH.md's grid, or the given shape): GPU time per call, eager per-call time, TFLOP/s.
    Bench {
        #[command(flatten)]
        shape: CaseArgs,
        #[command(flatten)]
        target: Target,
        /// Only the first four grid shapes.
        #[arg(long)]
        quick: bool,
        /// Peak TFLOP/s for the "% of peak" column (default: the GPU's dense bf16 datasheet figure, if known).
        #[arg(long)]
        peak_tflops: Option<f64>,
        /// Also write every row as JSON to this file.
        #[arg(long)]
        json: Option<std::path::PathBuf>,
    },
}

/// Runs the command; the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Info => info::run(),
        Command::Select { head_size, dtype, cc } => select::run(head_size, dtype, cc.as_deref()),
        Command::Check { shape, target, seed, non_finite_seq } => check::run(&shape, &target, seed, non_finite_seq),
        Command::Bench { shape, target, quick, peak_tflops, json } => bench::run(&shape, &target, quick, peak_tflops, json.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

/// The devices a command runs on, each with a line saying why the GPU is missing if it is.
pub fn devices(which: Devices) -> Result<Vec<attn_core::Device>, String> {
    let (detected, why_cpu) = attn_core::Device::detect();
    let gpu = detected.gpu().is_some();
    if let Some(why) = &why_cpu {
        eprintln!("no GPU: {why}; running on the CPU path");
    }
    match which {
        Devices::Cpu => Ok(vec![attn_core::Device::Cpu]),
        Devices::Gpu if !gpu => Err(format!("--device gpu, but {}", why_cpu.unwrap_or_default())),
        Devices::Gpu => Ok(vec![detected]),
        Devices::All if gpu => Ok(vec![detected, attn_core::Device::Cpu]),
        Devices::All => Ok(vec![attn_core::Device::Cpu]),
    }
}
