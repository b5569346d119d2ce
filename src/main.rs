mod cli;

use vit_attn::harness;

// Keep every enabled backend linked so its registration is seen.
#[cfg(feature = "sdpa")]
use attn_sdpa as _;

fn main() {
    std::process::exit(cli::main());
}
