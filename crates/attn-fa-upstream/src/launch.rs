//! The tile shape of a call, from head dim, sequence length and grid size
//! (the grid itself: `attn_core::launch::pack_grid`). Pure arithmetic, tested on the CPU.
use crate::variants::{tile_shapes, wgmma_by_default, TileShape, SM90_TILE};

/// Forces a tile shape for experiments and checks:
/// `VIT_ATTN_FA_TILE=auto|wide|narrow|m128_n64_s3|wg_m128_n64_s2` (a shape
/// the head dim has; wide and narrow are mma.sync shapes).
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
            Ok(name) => all_shapes(padded_d, padded_d).into_iter().find(|t| t.suffix() == name).map(TilePolicy::Exact).ok_or_else(|| {
                let have: Vec<String> = all_shapes(padded_d, padded_d).iter().map(|t| t.suffix()).collect();
                format!("{ENV_TILE}={name}: head dim {padded_d} has auto, wide, narrow, {}", have.join(", "))
            }),
        }
    }
}

/// Every shape of a padded head dim for compute capability 9.0: the mma.sync
/// shapes widest first, and the wgmma shape first where it is the default for
/// this head size, last (taken only when named) where it is not.
pub fn all_shapes(padded_d: usize, head_size: usize) -> Vec<TileShape> {
    let mut shapes = tile_shapes(padded_d).to_vec();
    if wgmma_by_default(padded_d, head_size) {
        shapes.insert(0, SM90_TILE);
    } else {
        shapes.push(SM90_TILE);
    }
    shapes
}

/// Among `shapes` (those of the head dim loaded for this device, ordered as
/// [`all_shapes`]): the wgmma shape where it comes first; else the widest
/// mma.sync shape unless its grid would occupy under half the SMs: on the
/// H100, 128-row tiles matched or beat 64-row ones already at 128 blocks on
/// 132 SMs (b=1 s=1024 h=16), so narrow tiles are kept for single small
/// images. An exact policy must name one of `shapes` (checked when the kernels
/// are loaded). Runs on every call: no allocation.
pub fn choose_tile(shapes: &[TileShape], max_seqlen: usize, heads_x_seqs: usize, sm_count: usize, policy: TilePolicy) -> TileShape {
    if policy == TilePolicy::Auto && shapes[0].wgmma {
        return shapes[0];
    }
    let mut classic = shapes.iter().copied().filter(|t| !t.wgmma);
    let widest = classic.next().expect("every head dim has an mma.sync shape");
    let narrowest = classic.next_back().unwrap_or(widest);
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
        // Hopper: the wgmma shape up to d=96, unless a policy names an mma.sync one.
        let hopper = all_shapes(80, 72);
        assert!(choose_tile(&hopper, 64, 1, 132, TilePolicy::Auto).wgmma);
        assert_eq!(choose_tile(&hopper, 4096, 32, 132, TilePolicy::Wide), wide(80));
        assert_eq!(choose_tile(&hopper, 4096, 32, 132, TilePolicy::Narrow), narrow(80));
        // Head sizes that are no multiple of 8 (memeff's) keep mma.sync.
        assert_eq!(choose_tile(&all_shapes(32, 17), 4096, 32, 132, TilePolicy::Auto), wide(32));
        let hopper = all_shapes(128, 128);
        assert_eq!(choose_tile(&hopper, 4096, 32, 132, TilePolicy::Auto), wide(128));
        assert_eq!(choose_tile(&hopper, 4096, 32, 132, TilePolicy::Exact(SM90_TILE)), SM90_TILE);
    }
}
