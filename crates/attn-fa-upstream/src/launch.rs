//! The tile shape of a call, from head dim, sequence length and grid size
//! (the grid itself: `attn_core::launch::pack_grid`). Pure arithmetic, tested on the CPU.
use crate::variants::{tile_shapes, TileShape};

/// Forces an mma.sync tile shape for experiments and checks:
/// `VIT_ATTN_FA_TILE=auto|wide|narrow|m128_n64_s3` (a shape the head dim
/// has). Anything but auto also keeps Hopper off its TMA kernel.
pub const ENV_TILE: &str = "VIT_ATTN_FA_TILE";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TilePolicy {
    Auto,
    /// The widest shape of the head dim.
    Wide,
    /// The narrowest.
    Narrow,
    Exact(TileShape),
}

impl TilePolicy {
    pub fn from_env(padded_d: usize) -> Result<Self, String> {
        match std::env::var(ENV_TILE).as_deref() {
            Err(_) | Ok("") | Ok("auto") => Ok(TilePolicy::Auto),
            Ok("wide") => Ok(TilePolicy::Wide),
            Ok("narrow") => Ok(TilePolicy::Narrow),
            Ok(name) => tile_shapes(padded_d).iter().copied().find(|t| t.suffix() == name).map(TilePolicy::Exact).ok_or_else(|| {
                let have: Vec<String> = tile_shapes(padded_d).iter().map(|t| t.suffix()).collect();
                format!("{ENV_TILE}={name}: head dim {padded_d} has auto, wide, narrow, {}", have.join(", "))
            }),
        }
    }
}

/// Among `shapes` (those of the head dim loaded for this device, widest
/// first): the widest unless its grid would occupy under half the SMs: on the
/// H100, 128-row tiles matched or beat 64-row ones already at 128 blocks on
/// 132 SMs (b=1 s=1024 h=16), so narrow tiles are kept for single small
/// images. An exact policy must name one of `shapes` (checked when the kernels
/// are loaded). Runs on every call: no allocation.
pub fn choose_tile(shapes: &[TileShape], max_seqlen: usize, heads_x_seqs: usize, sm_count: usize, policy: TilePolicy) -> TileShape {
    let widest = shapes[0];
    let narrowest = *shapes.last().expect("every head dim has a shape");
    match policy {
        TilePolicy::Wide => widest,
        TilePolicy::Narrow => narrowest,
        TilePolicy::Exact(t) => t,
        TilePolicy::Auto => {
            if 2 * max_seqlen.div_ceil(widest.block_m) * heads_x_seqs >= sm_count {
                widest
            } else {
                narrowest
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variants::tile_shapes;

    #[test]
    fn small_grids_get_narrow_tiles_and_large_head_dims_their_own() {
        let pick = |d: usize, s, hs, policy| choose_tile(tile_shapes(d), s, hs, 132, policy);
        let wide = |d: usize| tile_shapes(d)[0];
        let narrow = |d: usize| *tile_shapes(d).last().unwrap();
        assert_eq!(pick(64, 1024, 16, TilePolicy::Auto), wide(64));
        // b=1 s=256 h=16: 32 wide blocks on 132 SMs.
        assert_eq!(pick(64, 256, 16, TilePolicy::Auto), narrow(64));
        assert_eq!(pick(80, 4096, 32, TilePolicy::Auto), wide(80));
        assert_eq!(pick(256, 4096, 32, TilePolicy::Auto), wide(256));
        assert_eq!(pick(256, 64, 1, TilePolicy::Wide), narrow(256), "one shape at d=256");
        assert_eq!(pick(64, 4096, 32, TilePolicy::Narrow), narrow(64));
        // A GPU with less shared memory keeps only the narrow d=128 shape.
        assert_eq!(choose_tile(&tile_shapes(128)[1..], 4096, 32, 132, TilePolicy::Auto), narrow(128));
    }
}
