mod cli;

use vit_attn::harness;

// Keep every enabled backend linked so its registration is seen.
#[cfg(feature = "fa-native")]
use attn_fa_native as _;
#[cfg(feature = "fa-upstream")]
use attn_fa_upstream as _;
#[cfg(feature = "memeff")]
use attn_memeff as _;
#[cfg(feature = "sdpa")]
use attn_sdpa as _;

fn main() {
    restore_sigpipe();
    std::process::exit(cli::main());
}

/// Rust ignores SIGPIPE, so `vit-attn info | head` would panic on the closed
/// pipe; a command-line tool should just stop, as the C library's default does.
fn restore_sigpipe() {
    #[cfg(unix)]
    {
        extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: resetting one signal to its default disposition at start-up,
        // before any other thread exists.
        unsafe { signal(SIGPIPE, SIG_DFL) };
    }
}
