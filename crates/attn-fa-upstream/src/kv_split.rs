//! The device side of the Hopper kernel's tail split ([`KvSplit`]): the
//! kernel argument that describes it and the workspace its pieces leave
//! their partial outputs in and count their arrivals in, the last piece of
//! each cut tile merging the others' outputs.
use crate::variants::{kv_split_slots, kv_split_tail_tiles, sm90_tiles, takes_tail_split, KvSplit};
use attn_core::GpuDevice;
use cudarc::driver::{CudaSlice, DevicePtr, DriverError};

/// Mirror of the kernels' `KvSplitArgs` (fa_fwd_tma_sm90.cuh), passed by value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KvSplitArgs {
    partial: u64,
    arrivals: u64,
    whole_tiles: i32,
    items: i32,
    tail_units: i32,
    unused: i32,
}

impl KvSplitArgs {
    /// Whether the launch splits.
    pub fn splits(&self) -> bool {
        self.items > 0
    }
}

/// Float4s of one slot (`kv_split_slot`): per consumer warpgroup, each of
/// its 128 threads' row maxima and sums, then its `head_size / 8` n8 tiles
/// of O.
fn slot_float4s(head_size: usize, consumers: usize) -> usize {
    consumers * (head_size / 8 + 1) * 128
}

/// Arrival counts of one split: one per warp of rows (four a consumer
/// warpgroup) of each tail tile.
fn arrival_counts(sm_count: usize, consumers: usize) -> usize {
    kv_split_tail_tiles(sm_count) * consumers * 4
}

/// The partial outputs of one head size's splits, sized once for the most
/// slots any split takes ([`kv_split_slots`]) and the widest tile, and
/// their arrival counts (zero between launches: the last piece of each
/// tile zeroes its own): allocated at load, never during a call (which a
/// CUDA graph may be capturing).
pub struct SplitWorkspace {
    _partial: CudaSlice<f32>,
    _arrivals: CudaSlice<u32>,
    partial: u64,
    arrivals: u64,
}

impl SplitWorkspace {
    pub fn new(gpu: &GpuDevice, head_size: usize, sm_count: usize) -> Result<Self, DriverError> {
        let consumers = sm90_tiles(head_size)
            .into_iter()
            .filter(|&t| takes_tail_split(head_size, t))
            .map(|t| t.consumers)
            .max()
            .unwrap_or(0);
        let slots = kv_split_slots(sm_count);
        // SAFETY: a piece's merge reads only slots its tile's other pieces
        // wrote before they arrived.
        let partial = unsafe { gpu.stream.alloc::<f32>(4 * slots * slot_float4s(head_size, consumers)) }?;
        let arrivals = gpu.stream.alloc_zeros::<u32>(arrival_counts(sm_count, consumers))?;
        let (partial_ptr, arrivals_ptr) = (partial.device_ptr(&gpu.stream).0, arrivals.device_ptr(&gpu.stream).0);
        Ok(SplitWorkspace { _partial: partial, _arrivals: arrivals, partial: partial_ptr, arrivals: arrivals_ptr })
    }
}

/// The kernel argument of a launch of `tiles` tiles, split where `split`
/// says and there is a workspace (a head size that takes no split has none).
pub fn launch_args(workspace: Option<&SplitWorkspace>, tiles: usize, split: Option<KvSplit>) -> KvSplitArgs {
    let s = split
        .filter(|_| workspace.is_some())
        .unwrap_or(KvSplit { whole_tiles: tiles, items: 0, tail_units: 1 });
    KvSplitArgs {
        partial: workspace.map_or(0, |w| w.partial),
        arrivals: workspace.map_or(0, |w| w.arrivals),
        whole_tiles: s.whole_tiles as i32,
        items: s.items as i32,
        tail_units: s.tail_units as i32,
        unused: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn args_have_the_kernels_layout() {
        // Two pointers, then four ints (fa_fwd_tma_sm90.cuh's KvSplitArgs).
        assert_eq!(size_of::<KvSplitArgs>(), 32);
        assert_eq!(offset_of!(KvSplitArgs, arrivals), 8);
        assert_eq!(offset_of!(KvSplitArgs, whole_tiles), 16);
        assert_eq!(offset_of!(KvSplitArgs, tail_units), 24);
        let split = Some(KvSplit { whole_tiles: 264, items: 132, tail_units: 88 * 32 });
        let whole = launch_args(None, 352, split);
        assert_eq!((whole.whole_tiles, whole.items, whole.splits()), (352, 0, false), "no workspace: whole");
    }

    #[test]
    fn a_slot_holds_each_threads_stats_and_output() {
        // d=64, three consumers: 3 x 128 threads x (1 + 8) float4s.
        assert_eq!(slot_float4s(64, 3), 3 * 128 * 9);
    }

    #[test]
    fn every_tail_tiles_warps_have_a_count() {
        // A tail is under two rounds of tiles: 263 at most on 132 SMs.
        assert_eq!(arrival_counts(132, 3), 264 * 3 * 4);
    }
}
