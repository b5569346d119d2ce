//! The harness `vit-attn check`/`bench` and the tests share: case shapes,
//! seeded random inputs, device buffers, and running one case with a
//! poisoned output.
mod cases;
mod data;
mod run;

pub use cases::{bench_grid, check_sweep, cpu_bench_grid, Case, QkvLayout, SeqShape};
pub use data::{DevBuf, HostBuf, InputLayout, Rng};
pub use run::{run_once, Prepared};
