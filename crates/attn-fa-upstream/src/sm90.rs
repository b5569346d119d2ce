//! Launching the Hopper kernel (kernels/fa_fwd_tma_sm90.cuh) of one head
//! size, fa-upstream's instantiation or fa-native's: its tiles' functions,
//! the tile, cluster and persistent grid of a call, and the TMA maps of the
//! call's views. A call whose views TMA cannot read is handed back to the
//! caller, which runs the cp.async kernels.
use crate::cluster::ClusterLaunch;
use crate::error::FaError;
use crate::kv_split::{launch_args, KvSplitArgs, SplitWorkspace};
use crate::tma::{encode, plan, TensorMap};
use crate::variants::{
    atom_cols, choose_cluster, has_pair_kernels, has_tail_split, sm90_plan, sm90_tiles, split_heads, takes_tail_split, tile_count,
    tma_kernel_name, tma_smem_bytes, Sm90Tile, TmaVariant, CONSUMER_ROWS,
};
use attn_core::launch::DeviceCuSeqlens;
use attn_core::Sequences;
use attn_core::params::{VitAttnParams, VitAttnTensor};
use attn_core::{AttentionConfig, AttnError, ForwardCall, GpuDevice, Unsupported};
use cudarc::driver::sys::{CUdevice_attribute, CUfunction_attribute};
use cudarc::driver::{CudaFunction, CudaModule, CudaSlice, DevicePtr};
use std::ffi::c_void;
use std::sync::Arc;

/// Forces the cluster size of the Hopper kernel, for measurements:
/// `VIT_ATTN_SM90_CLUSTER=1|2` (unset or `auto`: [`choose_cluster`]); 2
/// only where the head size has pair kernels ([`has_pair_kernels`]).
pub const ENV_CLUSTER: &str = "VIT_ATTN_SM90_CLUSTER";

/// Forces the consumer warpgroups of the Hopper kernel's tile, for
/// measurements: `VIT_ATTN_SM90_CONSUMERS=2|3|4` (unset or `auto`: the tile of
/// least [`sm90_tile_cost`]). A head size with no tile of that many
/// consumers keeps the automatic choice. Any of these overrides keeps a
/// call in one launch ([`split_heads`] is the automatic choice's).
pub const ENV_CONSUMERS: &str = "VIT_ATTN_SM90_CONSUMERS";

/// Forces the tail split of the Hopper kernel on or off, for measurements:
/// `VIT_ATTN_SM90_KV_SPLIT=0|1` (unset or `auto`: where [`sm90_plan`]
/// promises a gain). 1 splits wherever the call allows a split at all
/// (its sequences of one length, a tile of [`takes_tail_split`]).
pub const ENV_KV_SPLIT: &str = "VIT_ATTN_SM90_KV_SPLIT";

/// A measurement override's value: unset, empty or `auto` leave the choice
/// to the cost model; otherwise one of `allowed`.
fn parse_forced(var: &str, value: Option<&str>, allowed: &[usize]) -> Result<Option<usize>, String> {
    match value {
        None | Some("") | Some("auto") => Ok(None),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if allowed.contains(&n) => Ok(Some(n)),
            _ => {
                let listed: Vec<String> = allowed.iter().map(|n| n.to_string()).collect();
                Err(format!("{var}={v}: expected {} or auto", listed.join(", ")))
            }
        },
    }
}

struct TileKernel {
    tile: Sm90Tile,
    f: CudaFunction,
    /// The pair's kernel where the head size has one, and how many of its
    /// two-block clusters the device holds at once.
    pair: Option<(CudaFunction, usize)>,
    /// The tail split's kernel where the head size has one.
    split: Option<CudaFunction>,
}

pub struct TmaKernels {
    /// Every tile of the head size, in `sm90_tiles` order, with its kernel.
    kernels: Vec<TileKernel>,
    cluster_override: Option<usize>,
    consumers_override: Option<usize>,
    config: AttentionConfig,
    sm_count: usize,
    cu_seqlens: DeviceCuSeqlens,
    /// The kernels' `TileCounter` (two u32, zero between launches: the last
    /// block of each launch resets them) and its address, taken once.
    tile_counter: (CudaSlice<u32>, u64),
    kv_split_override: Option<bool>,
    /// Where the head size takes the tail split.
    split_workspace: Option<SplitWorkspace>,
}

/// What a call's views allow.
pub enum Launched {
    Yes,
    /// TMA cannot read a view (unaligned address or stride): the reason.
    NotTma(String),
}

impl TmaKernels {
    /// `prefix`: whose instantiation ([`crate::variants::TMA_PREFIX`] or fa-native's).
    pub fn load(
        module: &Arc<CudaModule>,
        prefix: &str,
        config: &AttentionConfig,
        gpu: &GpuDevice,
    ) -> Result<Self, Unsupported> {
        let d = config.head_size;
        let forced = |var: &str, allowed: &[usize]| {
            parse_forced(var, std::env::var(var).ok().as_deref(), allowed).map_err(Unsupported::new)
        };
        let cluster_override = forced(ENV_CLUSTER, &[1, 2])?;
        let consumers_override = forced(ENV_CONSUMERS, &[2, 3, 4])?;
        let kv_split_override = forced(ENV_KV_SPLIT, &[0, 1])?.map(|on| on == 1);
        let mut kernels = Vec::new();
        let load = |t: Sm90Tile, variant: TmaVariant| -> Result<CudaFunction, Unsupported> {
            let name = tma_kernel_name(prefix, config.dtype.name(), d, t, variant);
            let f = module
                .load_function(&name)
                .map_err(|e| Unsupported::new(format!("kernel {name} missing: {e}")))?;
            let smem = tma_smem_bytes(d, t);
            f.set_attribute(CUfunction_attribute::CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem as i32)
                .map_err(|e| Unsupported::new(format!("{name}: opting in to {smem} bytes of shared memory: {e}")))?;
            Ok(f)
        };
        for t in sm90_tiles(d) {
            let pair = if has_pair_kernels(d) {
                let f = load(t, TmaVariant::Pair)?;
                let pairs = ClusterLaunch {
                    blocks: 2,
                    cluster: 2,
                    threads: t.threads(),
                    shared_mem_bytes: tma_smem_bytes(d, t) as u32,
                    overlap_previous: false,
                };
                // A device that cannot say (or hold a pair) runs single blocks:
                // 0 resident pairs never chooses them.
                let resident = pairs.max_resident_clusters(&f, &gpu.stream).unwrap_or(0);
                Some((f, resident as usize))
            } else {
                None
            };
            let split = if takes_tail_split(d, t) { Some(load(t, TmaVariant::Split)?) } else { None };
            kernels.push(TileKernel { tile: t, f: load(t, TmaVariant::Single)?, pair, split });
        }
        let sm_count = gpu
            .ctx
            .attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
            .map_err(|e| Unsupported::new(format!("querying the device: {e}")))?
            as usize;
        let counter = gpu
            .stream
            .alloc_zeros::<u32>(2)
            .map_err(|e| Unsupported::new(format!("allocating the tile counter: {e}")))?;
        let counter_ptr = counter.device_ptr(&gpu.stream).0;
        let consumers_override = consumers_override.filter(|&c| kernels.iter().any(|k| k.tile.consumers == c));
        let split_workspace = if !has_tail_split(d) {
            None
        } else {
            Some(
                SplitWorkspace::new(gpu, d, sm_count)
                    .map_err(|e| Unsupported::new(format!("allocating the tail split's workspace: {e}")))?,
            )
        };
        Ok(TmaKernels {
            kernels,
            cluster_override,
            consumers_override,
            config: *config,
            sm_count,
            cu_seqlens: DeviceCuSeqlens::default(),
            tile_counter: (counter, counter_ptr),
            kv_split_override,
            split_workspace,
        })
    }

    /// Enqueues the call when TMA can read its views (max_seqlen > 0): in one
    /// launch, or in two over a split of the heads ([`split_heads`]).
    pub fn forward(
        &mut self,
        gpu: &GpuDevice,
        call: &mut ForwardCall<'_>,
    ) -> Result<Launched, AttnError> {
        let heads = self.config.num_heads;
        let group = heads / self.config.num_kv_heads;
        let uniform = uniform_lengths(&call.seqs, call.max_seqlen);
        let split = match (self.consumers_override, self.cluster_override, self.kv_split_override) {
            (None, None, None) => split_heads(
                self.config.head_size,
                call.max_seqlen,
                call.seqs.num_seqs(),
                heads,
                group,
                self.sm_count,
                uniform,
            ),
            _ => None,
        };
        let params = call.kernel_params(0);
        let es = self.config.dtype.size_bytes();
        // Nothing is launched unless TMA can read every part's views.
        let parts = match split {
            Some(s) => [(0, s.heads, s.first), (s.heads, heads - s.heads, s.rest)]
                .into_iter()
                .map(|(first, count, tile)| {
                    self.prepare(&head_range(&params, es, group, first, count), call.max_seqlen, Some(tile), false)
                })
                .collect::<Result<Vec<_>, _>>(),
            None => self.prepare(&params, call.max_seqlen, None, uniform).map(|part| vec![part]),
        };
        let mut parts = match parts {
            Ok(parts) => parts,
            Err(why) => return Ok(Launched::NotTma(why)),
        };
        gpu.ctx.bind_to_thread().map_err(FaError::from)?;
        let cu_seqlens = self
            .cu_seqlens
            .upload(gpu, &call.seqs)
            .map_err(FaError::from)?;
        for part in &mut parts {
            part.params.cu_seqlens = cu_seqlens;
            self.launch(gpu, part)?;
        }
        Ok(Launched::Yes)
    }

    /// The launch of the heads `params` covers: on `tile` where the call is
    /// split by heads, else on the tile of least cost (or the forced one)
    /// with its tail split (where `uniform_lengths`); or why TMA cannot read
    /// its views.
    fn prepare(
        &self,
        params: &VitAttnParams,
        max_seqlen: usize,
        tile: Option<Sm90Tile>,
        uniform_lengths: bool,
    ) -> Result<Part, String> {
        let d = self.config.head_size;
        let heads_x_seqs = params.num_seqs as usize * params.num_heads as usize;
        // choose_sm90_tile's rule over the loaded tiles (sm90_tiles' order):
        // no tile list rebuilt per call.
        let plan = |t: Sm90Tile| {
            sm90_plan(d, t, max_seqlen, heads_x_seqs, self.sm_count, uniform_lengths, self.kv_split_override)
        };
        let (kernel, kv_split) = match tile {
            Some(t) => self.kernels.iter().find(|k| k.tile == t).map(|k| (k, None)),
            None => self
                .kernels
                .iter()
                .filter(|k| self.consumers_override.is_none_or(|c| k.tile.consumers == c))
                .map(|k| (k, plan(k.tile)))
                .min_by_key(|&(_, (cost, _))| cost)
                .map(|(k, (_, split))| (k, split)),
        }
        .expect("load loads every tile of the head size, at least one");
        let tile = kernel.tile;
        let resident_pairs = kernel.pair.as_ref().map_or(0, |p| p.1);
        let cluster = match self.cluster_override {
            Some(c) if c == 1 || resident_pairs > 0 => c,
            _ => choose_cluster(d, tile, max_seqlen, heads_x_seqs, self.sm_count, resident_pairs),
        };
        // A tile spans the rows of the cluster's blocks; a pair never splits.
        let tiles = tile_count(max_seqlen, tile.block_m() * cluster, heads_x_seqs);
        let kv_split = kv_split.filter(|_| cluster == 1 && kernel.split.is_some());
        let claims = kv_split.map_or(tiles, |s| s.whole_tiles + s.items);
        if claims > i32::MAX as usize {
            return Err(format!("{claims} tiles exceed the kernel's i32 tile index"));
        }
        let maps = tensor_maps(params, &self.config, tile)?;
        let (f, resident_clusters) = match (&kernel.pair, &kernel.split) {
            (Some((f, resident)), _) if cluster == 2 => (f, *resident),
            (_, Some(f)) if kv_split.is_some() => (f, self.sm_count),
            _ => (&kernel.f, self.sm_count),
        };
        // Where the output view is one TMA can write; elsewhere the kernel
        // stores directly and never reads the map it is given.
        let out_map = if tile.stages_output(cluster) {
            output_map(params, &self.config)
        } else {
            None
        };
        Ok(Part {
            f: f.clone(),
            launch: ClusterLaunch {
                blocks: (claims.min(resident_clusters) * cluster) as u32,
                cluster: cluster as u32,
                threads: tile.threads(),
                shared_mem_bytes: tma_smem_bytes(d, tile) as u32,
                overlap_previous: true,
            },
            params: *params,
            maps,
            out_map,
            kv_split: launch_args(self.split_workspace.as_ref(), tiles, kv_split),
        })
    }

    fn launch(&self, gpu: &GpuDevice, part: &Part) -> Result<(), AttnError> {
        let [mq, mk, mv] = &part.maps;
        let out_by_tma = i32::from(part.out_map.is_some());
        let mo = part.out_map.as_ref().unwrap_or(mq);
        fn arg<T>(v: &T) -> *mut c_void {
            v as *const T as *mut c_void
        }
        let mut args = [
            arg(mq),
            arg(mk),
            arg(mv),
            arg(mo),
            arg(&part.params),
            arg(&self.tile_counter.1),
            arg(&part.kv_split),
            arg(&out_by_tma),
        ];
        // SAFETY: the arguments are the kernel's (four maps, the params, the
        // counter's address, the tail split, whether the output map is real),
        // in order. A split's slots and arrival counts lie in this
        // launcher's workspace, sized for any split (kv_split_slots,
        // kv_split_tail_tiles), used by one launch at a time and its counts
        // left zeroed by each (as the tile counter, below). The
        // core validated every view against its buffer, and a part's views
        // are the heads it covers of those (head_range); the maps describe
        // exactly a part's views (TMA reads nothing outside them and
        // zero-fills past their ends); the kernel stores through the output
        // map only boxes of rows inside one sequence, and directly only rows
        // the params bound; the dynamic shared memory matches the kernel's
        // tile (it traps otherwise); the tile counter is this launcher's own,
        // used by one launch at a time and left zeroed by each (launched to
        // overlap the previous kernel, a split's second part included, the
        // kernel touches global memory, the counter included, only after
        // griddepcontrol.wait, which waits for the previous grid's end:
        // stream order holds).
        unsafe { part.launch.launch(&part.f, &gpu.stream, &mut args) }.map_err(FaError::from)?;
        Ok(())
    }
}

/// One launch of a call, ready to go.
struct Part {
    f: CudaFunction,
    launch: ClusterLaunch,
    params: VitAttnParams,
    maps: [TensorMap; 3],
    out_map: Option<TensorMap>,
    kv_split: KvSplitArgs,
}

/// Whether every sequence of a call is `max_seqlen` long, as the tail
/// split's even cut of key blocks needs.
fn uniform_lengths(seqs: &Sequences<'_>, max_seqlen: usize) -> bool {
    match seqs {
        Sequences::Fixed { seqlen, .. } => *seqlen == max_seqlen,
        Sequences::Varlen { cu_seqlens, .. } => cu_seqlens.windows(2).all(|w| (w[1] - w[0]) as usize == max_seqlen),
    }
}

/// The params of heads [first, first + count) of a call (`es` bytes an
/// element, `group` query heads a K/V head; `first` and `count` whole
/// groups): the views start at their first head (q and out) and its K/V
/// head, and the kernel sees only those heads.
fn head_range(p: &VitAttnParams, es: usize, group: usize, first: usize, count: usize) -> VitAttnParams {
    let at = |t: &VitAttnTensor, head: usize| VitAttnTensor {
        ptr: t.ptr.wrapping_add_signed(head as i64 * t.head_stride * es as i64),
        ..*t
    };
    VitAttnParams {
        q: at(&p.q, first),
        k: at(&p.k, first / group),
        v: at(&p.v, first / group),
        out: at(&p.out, first),
        num_heads: count as i32,
        num_kv_heads: (count / group) as i32,
        ..*p
    }
}

/// The output's map, written in boxes of one warpgroup's rows, or None
/// where TMA cannot write the view.
fn output_map(p: &VitAttnParams, config: &AttentionConfig) -> Option<TensorMap> {
    let d = config.head_size;
    let m = plan(&p.out, p.total_tokens as usize, p.num_heads as usize, d, atom_cols(d), CONSUMER_ROWS).ok()?;
    encode(&m, config.dtype).ok()
}

/// The q, k and v maps of a call, or why TMA cannot read one of its views.
fn tensor_maps(
    p: &VitAttnParams,
    config: &AttentionConfig,
    tile: Sm90Tile,
) -> Result<[TensorMap; 3], String> {
    let (d, tokens, cols) = (
        config.head_size,
        p.total_tokens as usize,
        atom_cols(config.head_size),
    );
    let (heads, kv_heads) = (p.num_heads as usize, p.num_kv_heads as usize);
    // In boxes of one consumer's rows, each landing on its own barrier.
    let q = plan(&p.q, tokens, heads, d, cols, CONSUMER_ROWS)?;
    let k = plan(&p.k, tokens, kv_heads, d, cols, tile.block_n)?;
    let v = plan(&p.v, tokens, kv_heads, d, cols, tile.block_n)?;
    let enc = |m| encode(&m, config.dtype).map_err(|e| format!("encoding a tensor map: {e}"));
    Ok([enc(q)?, enc(k)?, enc(v)?])
}

#[cfg(test)]
mod tests {
    use super::{head_range, parse_forced, uniform_lengths};
    use crate::variants::*;
    use attn_core::params::{VitAttnParams, VitAttnTensor};

    #[test]
    fn forced_choices_parse_or_say_what_is_expected() {
        assert_eq!(parse_forced("V", None, &[2, 3]), Ok(None));
        assert_eq!(parse_forced("V", Some(""), &[2, 3]), Ok(None));
        assert_eq!(parse_forced("V", Some("auto"), &[2, 3]), Ok(None));
        assert_eq!(parse_forced("V", Some("3"), &[2, 3]), Ok(Some(3)));
        assert_eq!(parse_forced("V", Some("1"), &[2, 3]), Err("V=1: expected 2, 3 or auto".to_string()));
        assert_eq!(parse_forced("V", Some("two"), &[1, 2]), Err("V=two: expected 1, 2 or auto".to_string()));
        assert_eq!(parse_forced("V", Some("4"), &[2, 3, 4]), Ok(Some(4)));
        assert_eq!(parse_forced("V", Some("5"), &[2, 3, 4]), Err("V=5: expected 2, 3, 4 or auto".to_string()));
    }

    #[test]
    fn taller_tiles_only_where_the_grid_finishes_sooner() {
        // Whole tiles (a varlen pack of uneven lengths): d=64 on 132 SMs, h=16.
        let consumers = |seqlen, heads_x_seqs| choose_sm90_tile(64, seqlen, heads_x_seqs, 132, false).0.consumers;
        // b=1 s=1024: one round either way, 128 rows < 192 (and 64 tiles of
        // 256 rows would leave half the SMs idle).
        assert_eq!(consumers(1024, 16), 2);
        // b=1 s=2048: 176 tall tiles take 2 rounds, as 256 short ones do;
        // 128 tiles of four consumers one (run s18-2: 10 % faster). So do
        // b=2 s=1024 (7.5 %) and, in 2 rounds against 3 and 4, b=2 s=2048 (4 %).
        assert_eq!(consumers(2048, 16), 4);
        assert_eq!(consumers(1024, 32), 4);
        assert_eq!(consumers(2048, 32), 4);
        // b=1 s=4096: 2 rounds of four consumers, 3 of three, 4 of two.
        assert_eq!(consumers(4096, 16), 4);
        // b=8 s=4096: 22 rounds of three consumers, 16 of four (2.7 % slower in run s18-2).
        assert_eq!(consumers(4096, 16 * 8), 3);
        // The four-consumer tile is d=64's alone.
        assert_eq!(choose_sm90_tile(48, 2048, 16, 132, false).0.consumers, 2);
        // CLIP b=32 s=577: 12 rounds of four consumers (3 tiles a sequence,
        // 9 steps of 64 keys and a narrow one), 16 of three (4 tiles, 5 steps
        // of 128 keys), 20 of two (run s18-6: four 1-2 % faster).
        assert_eq!(consumers(577, 16 * 32), 4);
        // s=257 and s=1025 end in one row past 256 or 1024, a four-consumer
        // tile with one warpgroup of rows (9-15 % slower there, run s18-6).
        assert_eq!(consumers(257, 16 * 32), 3);
        assert_eq!(consumers(1025, 16 * 8), 3);
        // ViT-B/16's s=197: one round of short tiles at b=1; at b=8 four
        // consumers' 128 tiles take one round, short ones two (run s18-5).
        assert_eq!(consumers(197, 16), 2);
        assert_eq!(consumers(197, 16 * 8), 4);
        assert_eq!(choose_sm90_tile(128, 64, 1, 132, false), (sm90_tiles(128)[0], None), "one tile for d=128");
    }

    #[test]
    fn tall_tiles_with_a_tail_split_where_all_sequences_are_one_length() {
        let tall = sm90_tiles(64)[0];
        // b=2 s=4096 d=64 h=16: 704 tall tiles are 5.33 rounds of 32 key
        // blocks; 528 run whole, the other 176 in 132 runs of 42.7 blocks.
        let (tile, split) = choose_sm90_tile(64, 4096, 32, 132, true);
        assert_eq!(tile, tall);
        assert_eq!(split, Some(KvSplit { whole_tiles: 528, items: 132, tail_units: 176 * 32 }));
        // b=1 s=2048: short grids gain less than a split costs (~10 us); d=64
        // runs one round of its four-consumer tile, which takes no split.
        assert_eq!(choose_sm90_tile(48, 2048, 16, 132, true), (sm90_tiles(48)[1], None));
        assert_eq!(choose_sm90_tile(64, 2048, 16, 132, true), (sm90_tiles(64)[2], None));
        assert!(!takes_tail_split(64, sm90_tiles(64)[2]) && takes_tail_split(64, sm90_tiles(64)[0]));
        // b=1 s=4096: two rounds of four consumers beat three's split (run
        // s18-2: 128.2 against 130-134 us).
        assert_eq!(choose_sm90_tile(64, 4096, 16, 132, true), (sm90_tiles(64)[2], None));
        // b=8 s=4096 d=128: 4096 tiles are 31.03 rounds; the last 4 alone
        // would be cut into single blocks, so a full round goes with them.
        let (_, split) = choose_sm90_tile(128, 4096, 16 * 8, 132, true);
        assert_eq!(split, Some(KvSplit { whole_tiles: 4096 - 136, items: 132, tail_units: 136 * 32 }));
        // Whole rounds, and head sizes without the split, stay whole.
        assert_eq!(choose_sm90_tile(128, 1024, 132, 132, true).1, None);
        assert_eq!(choose_sm90_tile(72, 4096, 16, 132, true).1, None, "d=72 has pairs");
        assert_eq!(choose_sm90_tile(256, 4096, 16, 132, true).1, None);
    }

    /// The kernel's pieces of a split (fa_fwd_tma_sm90.cuh's item_start,
    /// item_of_unit and tail_piece, restated): (tail tile, first block, end
    /// block, slot, the tile's first slot, its pieces) of every item.
    fn pieces(s: KvSplit, key_blocks: usize) -> Vec<(usize, usize, usize, usize, usize, usize)> {
        let start = |i: usize| i * s.tail_units / s.items;
        let item_of = |u: usize| ((u + 1) * s.items - 1) / s.tail_units;
        let mut out = Vec::new();
        for item in 0..s.items {
            let (mut unit, end) = (start(item), start(item + 1));
            while unit < end {
                let t = unit / key_blocks;
                let j0 = unit - t * key_blocks;
                let j1 = key_blocks.min(j0 + end - unit);
                let first = item_of(t * key_blocks);
                let count = item_of(t * key_blocks + key_blocks - 1) - first + 1;
                out.push((t, j0, j1, item + t, first + t, count));
                unit += j1 - j0;
            }
        }
        out
    }

    #[test]
    fn a_splits_pieces_cover_each_tail_tile_once_in_slots_of_its_own() {
        let sm = 132;
        let calls = [(64, 2048, 16), (64, 4096, 32), (128, 4096, 128), (128, 2048, 16), (64, 1024, 16), (128, 16384, 64), (32, 577, 7)];
        for (d, seqlen, heads_x_seqs) in calls {
            for t in sm90_tiles(d) {
                let Some((_, s)) = kv_split(t, seqlen, heads_x_seqs, sm) else { continue };
                let key_blocks = seqlen.div_ceil(t.block_n);
                let tail = tile_count(seqlen, t.block_m(), heads_x_seqs) - s.whole_tiles;
                assert_eq!(s.tail_units, tail * key_blocks);
                let all = pieces(s, key_blocks);
                let mut covered = vec![0usize; tail];
                let mut slots = std::collections::HashSet::new();
                for &(tile, j0, j1, slot, first, count) in &all {
                    covered[tile] += j1 - j0;
                    assert!(slot < kv_split_slots(sm) && slots.insert(slot), "slot {slot} of {s:?}");
                    assert!((first..first + count).contains(&slot) && count <= 255);
                    // The piece's word (piece_word) and its tile's arrival counts.
                    assert!(tile < kv_split_tail_tiles(sm) && tile < 1 << 15 && s.items < 1 << 15);
                    // The tile's count is its number of pieces.
                    assert_eq!(all.iter().filter(|p| p.0 == tile).count(), count, "{s:?} tile {tile}");
                }
                assert!(covered.iter().all(|&c| c == key_blocks), "{s:?}: {covered:?}");
                assert!(s.tail_units * s.items < 1 << 31);
            }
        }
    }

    #[test]
    fn heads_split_where_the_tall_tiles_last_round_would_be_mostly_empty() {
        // d=48 (d=64 runs these shapes whole on its four-consumer tile).
        let (tall, short) = (sm90_tiles(48)[0], sm90_tiles(48)[1]);
        assert_eq!((tall.consumers, short.consumers), (3, 2));
        let twelve = Some(HeadSplit { heads: 12, first: tall, rest: short });
        // h=16 on 132 SMs. b=1 s=4096: 352 tall tiles take 3 rounds (2.67);
        // 12 heads' 264 take 2, the other 4 heads' 128 short tiles 1.
        // Sequences of uneven lengths (no tail split):
        assert_eq!(split_heads(48, 4096, 1, 16, 1, 132, false), twelve);
        // b=2 s=4096: 5.33 rounds as 4 + 2.
        assert_eq!(split_heads(48, 4096, 2, 16, 1, 132, false), twelve);
        // Whole K/V groups only: with 4 query heads a group, 12 is still one.
        assert_eq!(split_heads(48, 4096, 1, 16, 4, 132, false), twelve);
        assert_eq!(split_heads(48, 4096, 1, 16, 16, 132, false), None, "one group: nothing to split");
        // Sequences of one length take the tail split instead, one launch.
        assert_eq!(split_heads(48, 4096, 1, 16, 1, 132, true), None);
        // One launch where its rounds are (nearly) full: short tiles in one or
        // two rounds, b=8 s=4096 (21.3 rounds), CLIP's b=32 s=577 (15.5); or
        // where they are short beside a launch's start: b=2 s=2048 (2.67
        // rounds of 16 key blocks).
        for (seqs, seqlen) in [(1, 1024), (2, 1024), (1, 2048), (8, 4096), (32, 577), (2, 2048)] {
            assert_eq!(split_heads(48, seqlen, seqs, 16, 1, 132, false), None, "b={seqs} s={seqlen}");
        }
        // d=64's four-consumer tile runs b=1 s=4096 in 2 rounds, one launch;
        // at b=2 the split's promise over its 4 rounds falls under the 2 %.
        assert_eq!(split_heads(64, 4096, 1, 16, 1, 132, false), None);
        assert_eq!(split_heads(64, 4096, 2, 16, 1, 132, false), None);
        // Head sizes with one tile, or with pairs (d=72), are never split.
        assert_eq!(split_heads(128, 4096, 1, 16, 1, 132, false), None);
        assert_eq!(split_heads(72, 4096, 1, 16, 1, 132, false), None);
    }

    #[test]
    fn only_packs_of_one_length_take_the_tail_split() {
        use attn_core::Sequences;
        assert!(uniform_lengths(&Sequences::Fixed { batch: 3, seqlen: 577 }, 577));
        let even = [0, 777, 1554, 2331];
        assert!(uniform_lengths(&Sequences::Varlen { cu_seqlens: &even, max_seqlen: 777 }, 777));
        let uneven = [0, 777, 1554, 2330];
        assert!(!uniform_lengths(&Sequences::Varlen { cu_seqlens: &uneven, max_seqlen: 777 }, 777));
        // max_seqlen may exceed the longest sequence (a caller's bound).
        assert!(!uniform_lengths(&Sequences::Varlen { cu_seqlens: &even, max_seqlen: 1024 }, 1024));
    }

    #[test]
    fn a_head_range_starts_its_views_at_its_first_head() {
        let view = |ptr: u64, head_stride: i64| VitAttnTensor { ptr, token_stride: 3 * 16 * 64, head_stride };
        let p = VitAttnParams {
            q: view(1 << 20, 64),
            k: view(2 << 20, 64),
            v: view(3 << 20, 64),
            out: view(4 << 20, 128),
            num_heads: 16,
            num_kv_heads: 4,
            ..Default::default()
        };
        // bf16 (2 bytes), 4 query heads a K/V head: heads 12..16 read K/V head 3.
        let r = head_range(&p, 2, 4, 12, 4);
        assert_eq!((r.num_heads, r.num_kv_heads), (4, 1));
        assert_eq!(r.q.ptr, (1 << 20) + 12 * 64 * 2);
        assert_eq!((r.k.ptr, r.v.ptr), ((2 << 20) + 3 * 64 * 2, (3 << 20) + 3 * 64 * 2));
        assert_eq!(r.out.ptr, (4 << 20) + 12 * 128 * 2);
        assert_eq!((r.q.token_stride, r.out.head_stride), (p.q.token_stride, 128));
        let whole = head_range(&p, 2, 4, 0, 16);
        assert_eq!((whole.q.ptr, whole.num_heads, whole.num_kv_heads), (p.q.ptr, 16, 4));
    }

    #[test]
    fn pairs_only_where_rows_straddle_sectors_and_the_grid_keeps_its_rounds() {
        let two = sm90_tiles(72)[1];
        assert_eq!(two.consumers, 2);
        // d=72 b=2 s=1024 h=16 on 132 SMs: 256 tiles take 2 rounds, 128 pairs on 66 too.
        assert_eq!(choose_cluster(72, two, 1024, 32, 132, 66), 2);
        // Rows aligned to sectors: single blocks, whatever the grid.
        for d in [64, 80, 128] {
            assert_eq!(choose_cluster(d, two, 1024, 32, 132, 66), 1, "d={d}");
        }
        // No pair fits (the driver's occupancy answer): single blocks.
        assert_eq!(choose_cluster(72, two, 1024, 32, 132, 0), 1);
        // s=4096 h=4: 128 tiles, one round of single blocks; 64 pair tiles take two
        // rounds on 60 resident pairs, one on 66.
        assert_eq!(choose_cluster(72, two, 4096, 4, 132, 60), 1);
        assert_eq!(choose_cluster(72, two, 4096, 4, 132, 66), 2);
    }

    #[test]
    fn pair_kernels_only_where_rows_straddle_sectors() {
        let two = sm90_tiles(72)[1];
        assert!(tma_instantiations("fa", 72).contains("VIT_ATTN_FA_TMA_PAIR_KERNELS(fa, 72, 128, 2, 2, 1, 2)"));
        assert_eq!(
            tma_kernel_name("fa", "bf16", 72, two, TmaVariant::Pair),
            "vit_attn_fa_tma_bf16_d72_c2_n128_s2_q2_o1_x2"
        );
        assert_eq!(
            tma_kernel_name("fa", "bf16", 72, two, TmaVariant::Single),
            "vit_attn_fa_tma_bf16_d72_c2_n128_s2_q2_o1"
        );
        for d in [32, 64, 80, 128, 256] {
            assert!(!tma_instantiations("native", d).contains("PAIR"), "d={d}");
        }
    }

    #[test]
    fn shared_memory_holds_the_tiles_the_barriers_and_the_claimed_tile() {
        // d=72 with two consumers (kSmemBytes in fa_fwd_tma_sm90.cuh): alignment slack,
        // (2 x 128 Q rows + 128 output rows + 2 x 2 x 128 K/V rows) x two 64-column
        // atoms of 128 bytes, and 22 eight-byte words: a full barrier for each
        // consumer's rows, empty and the tile (index and place, four words) of each Q
        // buffer, full/empty of 2 K and 2 V stages.
        let t = sm90_tiles(72)[1];
        assert_eq!((t.consumers, t.block_n, t.stages, t.q_stages, t.o_buffer), (2, 128, 2, 2, true));
        assert_eq!(tma_smem_bytes(72, t), 1024 + (2 * 128 + 128 + 2 * 2 * 128) * 256 + 8 * 22);
        // A pair's kernel has the buffer but stores directly.
        assert!(t.stages_output(1) && !t.stages_output(2));
        // d=64 with three consumers: four 128-key K/V stages of one 128-byte atom.
        let t = sm90_tiles(64)[0];
        assert_eq!((t.consumers, t.stages), (3, 4));
        assert_eq!(tma_smem_bytes(64, t), 1024 + (2 * 192 + 192 + 2 * 4 * 128) * 128 + 8 * (8 * 2 + 4 * 4));
        // d=64 with four consumers: 256 rows, four 64-key stages.
        let t = sm90_tiles(64)[2];
        assert_eq!((t.consumers, t.block_n, t.stages), (4, 64, 4));
        assert_eq!(tma_smem_bytes(64, t), 1024 + (2 * 256 + 256 + 2 * 4 * 64) * 128 + 8 * (9 * 2 + 4 * 4));
        // d=256: one Q buffer, no output buffer, 64-key stages of four atoms.
        let t = sm90_tiles(256)[0];
        assert_eq!(tma_smem_bytes(256, t), 1024 + (128 + 2 * 2 * 64) * 512 + 8 * 15);
        assert!(!t.stages_output(1));
    }

    /// The narrowest key stage of a head size's tiles: the narrow last block
    /// must be narrower.
    fn narrowest_block_n(d: usize) -> usize {
        sm90_tiles(d).iter().map(|t| t.block_n).min().expect("every head size has a tile")
    }

    #[test]
    fn every_hopper_tile_fits_and_has_its_wgmma_and_whole_atoms() {
        let sizes: Vec<usize> = (1..=MAX_HEAD_SIZE).filter(|&d| tma_head_size(d)).collect();
        assert_eq!(sizes.first(), Some(&32));
        assert_eq!(sizes.len(), 29, "32..=256 step 8");
        let ns = wgmma_ns(sizes.iter().copied());
        for &d in &sizes {
            // 227 KB of shared memory per block on sm_90.
            for t in sm90_tiles(d) {
                assert!(
                    tma_smem_bytes(d, t) <= SMEM_PER_BLOCK,
                    "d={d} {t:?}: {}",
                    tma_smem_bytes(d, t)
                );
                assert!(ns.contains(&t.block_n));
                let deeper = Sm90Tile { stages: t.stages + 1, ..t };
                assert!(
                    t.stages == MAX_STAGES || tma_smem_bytes(d, deeper) > SMEM_PER_BLOCK,
                    "d={d} {t:?}: a deeper K/V ring fits"
                );
            }
            assert!(ns.contains(&d), "the O wgmma of d={d}");
            assert!(ns.contains(&TAIL_KEYS) && TAIL_KEYS % 16 == 0 && TAIL_KEYS < narrowest_block_n(d));
            // TMA boxes are never wider than the row; a partial last atom only where 32 does not divide d.
            assert!(atom_cols(d) <= d);
            assert_eq!(d % atom_cols(d) == 0, d % 32 == 0, "d={d}");
        }
    }
}
