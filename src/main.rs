mod cli;

use vit_attn::harness;

// Keep every enabled backend linked so its registration is seen.
#[cfg(feature = "fa-upstream")]
use attn_fa_upstream as _;
#[cfg(feature = "memeff")]
use attn_memeff as _;
#[cfg(feature = "sdpa")]
use attn_sdpa as _;

fn main() {
    std::process::exit(cli::main());
}
