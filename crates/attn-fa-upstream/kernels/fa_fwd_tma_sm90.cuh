// The Hopper kernel (sm_90a) of fa-upstream (head sizes that are multiples of
// 8, from 32) and fa-native (multiples of 32): FlashAttention-3's structure,
// instantiated per head size. kD is the head size itself: TMA reads rows of
// exactly kD columns and fills the rest of a tile's last column atom with
// zeros, so Q·Kᵀ runs over kD rounded up to 16 and P·V produces kD columns,
// with no predicated loads or stores of columns.
//
// A persistent grid: each block takes tiles of (sequence, head, 128 or 192
// query rows) one after another, claimed at run time (TileCounter). A pair's
// kernel (kCluster = 2) runs in clusters of two blocks: a tile then spans
// both blocks' rows (256 or 384), and the first block's producer loads each
// K/V stage once into both (TMA multicast), halving what the tile reads
// from L2.
// Warpgroup 0 produces: one thread issues TMA copies of the Q tile (into one
// of kQStages buffers: with two, a tile's Q is loaded as soon as the tile is
// claimed; each consumer's rows on a barrier of their own) and of
// kStages-deep K and V rings (K a block ahead of V where they are two deep;
// the first tile's first K ahead of its Q) into swizzled shared memory,
// completion counted on mbarriers, and the warpgroup hands its registers to
// the consumers (setmaxnreg). The
// other 2 or 3 warpgroups consume, 64 query rows each: S = Q·Kᵀ (wgmma, both
// operands from shared memory) and O += P·V (P from registers). The softmax of
// key block j runs while the tensor cores do P·V of block j - 1 (two wgmma
// groups in flight, wait_group 1), across tiles too: a tile's first S is
// issued with the previous tile's last P·V. Each consumer frees a K or V stage
// the moment its wgmma has read it (three consumers free K after the softmax,
// which may read it again), so the producer refills it while the other
// consumers still compute. A consumer none of whose rows lie in the sequence
// only keeps the turns between a tile's first and last block.
// The output leaves through an output buffer by TMA store where the tile
// has one (kStagedO), else by direct stores. A call whose last round would
// leave SMs idle may take a tail split (KvSplitArgs, kernels _ks): its last
// tiles cut along their keys into runs of equal work, whose pieces leave
// partial outputs for the last of each tile's pieces to merge.
#pragma once

#include <float.h>

#include "fa_fwd.cuh"
#include "vit_attn/tma.cuh"
#include "wgmma_gen.cuh"

namespace vit_attn::fa_tma {

using namespace vit_attn::sm80;
using namespace vit_attn::sm90;

template <int kD, int kBlockN, int kStages, int kQStagesArg, int kOBufferArg, int kConsumersArg, int kClusterArg, int kSplitArg>
struct Sm90Tile {
    // Q buffers: with two, the next tile's Q loads while this tile runs, so
    // that its first S can be issued with this tile's last P·V.
    static constexpr int kQStages = kQStagesArg;
    // A buffer the output is staged in for a TMA store, each warpgroup's
    // rows its own: the consumers do not wait on their global stores at a
    // tile's end (0.6-1.9 us a tile at d=128, H100 run s6-5). A pair's
    // kernel stores directly.
    static constexpr bool kStagedO = kOBufferArg != 0 && kClusterArg == 1;
    static constexpr int kConsumers = kConsumersArg;  // warpgroups of 64 query rows
    static constexpr int kCluster = kClusterArg;      // blocks sharing each K/V stage
    // Whether the kernel takes a tail split (KvSplitArgs): a kernel of its
    // own (_ks), launched only for a split, so that the others keep their
    // code and registers (the split's code in every kernel cost d=64's
    // small grids 2-3 %, H100 run s16-1).
    static constexpr bool kTailSplit = kSplitArg != 0;
    static constexpr int kThreads = 128 * (1 + kConsumers);
    // setmaxnreg moves registers within the block's launch allocation
    // (168 a thread for two consumers, 128 for three, 96 for four; 64K per
    // SM): the producer drops to 32 (40 beside two consumers), each consumer
    // rises to 232 (two), 160 (three) or 112 (four). An increase the pool
    // cannot cover waits forever. With 24 the producer's tile claims
    // spilled, with 32 a pair's loads and the tail split's pieces beside two
    // consumers; 40 leaves two consumers 232 still.
    static constexpr int kLaunchRegs = 65536 / kThreads / 8 * 8;
    static constexpr int kProducerRegs = kConsumers == 2 && (kCluster == 2 || kTailSplit) ? 40 : 32;
    static constexpr int kConsumerRegs = (kLaunchRegs * kThreads - 128 * kProducerRegs) / (128 * kConsumers) / 8 * 8;
    // (The split fits the allocation by construction; setmaxnreg's own limits:)
    static_assert(kProducerRegs >= 24 && kProducerRegs <= kLaunchRegs && kConsumerRegs >= kLaunchRegs &&
                      kConsumerRegs <= 256,
                  "setmaxnreg.dec must lower, .inc raise, within 24..256");
    // Query rows of one consumer warpgroup (a wgmma's M), the height of a Q
    // or output TMA box. Must equal fa_upstream::variants::CONSUMER_ROWS.
    static constexpr int kConsumerRows = 64;
    static constexpr int kBlockM = kConsumerRows * kConsumers;
    // A tile is stored as column atoms of kAtomCols elements (one swizzle
    // span per row), each atom rows x kAtomBytes, as the TMA box of that
    // width writes it. Must equal fa_upstream::variants::atom_cols.
    static constexpr int kAtomCols = (kD % 32 == 0 && kD % 64 != 0) || kD < 64 ? 32 : 64;
    static constexpr int kAtomBytes = 2 * kAtomCols;
    static constexpr Swizzle kSwizzle = kAtomBytes == 128 ? Swizzle::B128 : Swizzle::B64;
    static constexpr int kAtoms = (kD + kAtomCols - 1) / kAtomCols;
    static constexpr int kDK = (kD + 15) / 16 * 16;  // Q·Kᵀ reduction: whole k16 steps
    static constexpr int kQBytes = kBlockM * kAtoms * kAtomBytes;
    static constexpr int kKVBytes = kBlockN * kAtoms * kAtomBytes;
    // q full for each Q buffer and warpgroup (each warpgroup's rows land
    // on their own, so that a tile's first S waits for its own rows only),
    // q empty for each Q buffer, full/empty for each K and each V stage;
    // then, per Q buffer, the tile it is loaded for: its index and its place
    // (m0, head, start, len, key blocks j0 and j1, split) in four 8-byte
    // words. Must equal fa_upstream::variants::TILE_WORDS.
    static constexpr int kTileWords = 8;
    static constexpr int kBarriers = (1 + kConsumers + kTileWords / 2) * kQStages + 4 * kStages;
    // 1024 bytes of slack to align the tiles to the swizzle pattern; the
    // output buffer is Q-shaped. Must equal the host's
    // fa_upstream::variants::tma_smem_bytes.
    static constexpr int kSmemBytes = 1024 + (kQStages + (kOBufferArg != 0)) * kQBytes + 2 * kStages * kKVBytes + 8 * kBarriers;
    static constexpr int kConsumerWarps = 4 * kConsumers;
    // A tile's last key block with no more keys than this (and not its
    // first) runs a narrow S and a one-step P·V: the one key past a power of
    // two of a ViT's class token (1025 = 32 x 32 + 1) then costs a sliver of
    // a step. Must equal fa_upstream::variants::TAIL_KEYS.
    static constexpr int kTailKeys = 16;
    static_assert(kD % 8 == 0 && kD >= 32 && kD <= 256 && kBlockN % 16 == 0 && kStages >= 2,
                  "16-byte rows, boxes no wider than the row, whole k-steps");
    // Named barriers 1..kConsumers take the consumers' turns, kConsumers + 1..
    // 2 kConsumers each warpgroup's own syncs: within the 16 for up to 4.
    static_assert(kConsumers >= 2 && kConsumers <= 4, "named barriers 1..2 kConsumers schedule the consumers");
    static_assert(kQStages == 1 || kQStages == 2, "one Q buffer, or two taken in turns");
    static_assert(kCluster == 1 || kCluster == 2, "a block alone, or a pair whose first block loads for both");
    static_assert(!kTailSplit || kCluster == 1, "a pair's tile spans two blocks; a piece's merge covers one block's rows");
};

// A width of S (keys) as a type, for the lambdas that issue, mask and
// convert either a whole key block or a tile's narrow last one.
template <int N>
struct Keys {
    static constexpr int value = N;
};

// Which of a consumer's P register sets, as a type (an index known to the
// compiler keeps the set in registers).
template <int N>
struct PSet {
    static constexpr int value = N;
};

// One piece of work of the persistent walk: key blocks [j0, j1) of a tile;
// row blocks vary fastest, so the blocks that share a (sequence, head), and
// so its K and V, run side by side. `split` is -1 for a tile's whole key
// range, else a piece of a split tile (piece_word; KvSplitArgs).
struct TileCoord {
    int m0, head, start, len, j0, j1, split;
};

template <int kRows, int kBlockN>
__device__ __forceinline__ bool tile_coord(const VitAttnParams& p, int tile, int m_blocks, TileCoord& c) {
    c.m0 = (tile % m_blocks) * kRows;
    const int rest = tile / m_blocks;
    c.head = rest % p.num_heads;
    const int seq = rest / p.num_heads;
    if (p.cu_seqlens != 0) {
        const int* cu = reinterpret_cast<const int*>(p.cu_seqlens);
        c.start = cu[seq];
        c.len = cu[seq + 1] - c.start;
    } else {
        c.start = seq * p.fixed_seqlen;
        c.len = p.fixed_seqlen;
    }
    c.j0 = 0;
    c.j1 = (c.len + kBlockN - 1) / kBlockN;
    c.split = -1;
    return c.m0 < c.len;
}

// Whether the last of a tile's `blocks` key blocks, `inside` of whose keys
// lie in the sequence, is narrow: not the tile's first, no more than
// kTailKeys keys. It then runs a narrow S and a one-step P·V of kTailKeys
// keys; the producer loads it and the consumers run it by this one rule.
template <int kTailKeys>
__device__ __forceinline__ bool narrow_last_block(int blocks, int inside) {
    return blocks > 1 && inside <= kTailKeys;
}

// The first key (of its sequence) of the K/V box of tile c's key block j.
// The keys a last block reads past its sequence's end would be the next
// sequence's tokens (TMA reads zeros only past the buffer): masked in S,
// but 0 * Inf or NaN in their V rows is NaN in O. So a last block with a
// block before it is read shifted back to end at the sequence's end; its
// first keys repeat the previous block's and are masked (fa::mask_keys).
// (Any other block has more than kBlockN keys inside, so neither test
// passes.) A sequence of one block has its V rows past the end zeroed
// (zero_v_past_end).
template <int kBlockN, int kTailKeys>
__device__ __forceinline__ int key_block_row(const TileCoord& c, int j) {
    const int inside = c.len - j * kBlockN;
    const int keys = narrow_last_block<kTailKeys>(c.j1 - c.j0, inside) ? kTailKeys : kBlockN;
    return j > 0 && inside < keys ? c.len - keys : j * kBlockN;
}

// The tail split of a call whose sequences all have one length
// (fa_upstream::variants::KvSplit): its tiles from `whole_tiles` on, whose
// last round would leave SMs idle, are cut along their key blocks into
// `items` claims of equal work (each a run of `tail_units / items` key
// blocks that may span tiles), claimed after the whole tiles. A piece of a
// tile cut in several leaves its row maxima, row sums and unscaled output
// in a slot of `partial` of its own, then arrives on its tile's count in
// `arrivals` (one per warp of rows, zero between launches); the last piece
// to arrive merges the others' outputs into its own and stores the rows.
// items == 0: no split.
struct KvSplitArgs {
    float* partial;
    unsigned* arrivals;
    int whole_tiles, items, tail_units, unused;
};

// Item i's run of tail units starts at item_start(i); item_of_unit is the
// item whose run holds a unit. 32-bit: the host keeps tail_units x items
// below 2^31 (a 64-bit division spilled the producer's 32 registers).
__device__ __forceinline__ int item_start(const KvSplitArgs& s, int item) {
    return int(unsigned(item * s.tail_units) / unsigned(s.items));
}
__device__ __forceinline__ int item_of_unit(const KvSplitArgs& s, int unit) {
    return int(unsigned((unit + 1) * s.items - 1) / unsigned(s.tail_units));
}

// Warpgroup cw's part of slot `slot`: 128 threads' float4s of row maxima and
// sums, then each of O's kD / 8 n8 tiles. Must match the host's workspace
// (fa_upstream::kv_split).
template <int kD, int kConsumers>
__device__ __forceinline__ float4* kv_split_slot(const KvSplitArgs& s, int slot, int cw) {
    return reinterpret_cast<float4*>(s.partial) + (int64_t(slot) * kConsumers + cw) * (kD / 8 + 1) * 128;
}

// The items whose runs cover tail tile t (nb key blocks a tile): the first,
// and how many (the tile's pieces; 1: the tile is one item's, stored whole).
__device__ __forceinline__ int tail_tile_pieces(const KvSplitArgs& s, int t, int nb, int& first_item) {
    first_item = item_of_unit(s, t * nb);
    return item_of_unit(s, t * nb + nb - 1) - first_item + 1;
}

// A piece's slot: its item plus its tile's place in the tail. Unique, and
// consecutive over a tile's pieces (the first is its first item's).
__device__ __forceinline__ int piece_slot_index(int item, int tail_tile) { return item + tail_tile; }

// A piece of a cut tile as published (TileCoord::split): its tile's place
// in the tail and its item, which name its slot and its tile's pieces' (the
// host keeps both below 2^15).
__device__ __forceinline__ int piece_word(int tail_tile, int item) { return tail_tile << 16 | item; }
__device__ __forceinline__ int piece_tail_tile(int word) { return word >> 16; }
__device__ __forceinline__ int piece_item(int word) { return word & 0xffff; }

// Key blocks of every tile of a split call (its sequences all have one length).
template <int kBlockN>
__device__ __forceinline__ int tail_tile_blocks(const VitAttnParams& p) {
    return (p.max_seqlen + kBlockN - 1) / kBlockN;
}

// The piece of item `item` that starts at tail unit `unit` (its run ends at
// `end`): the tile's key blocks from there to the tile's or the run's end.
// Returns the unit after the piece.
template <int kRows, int kBlockN>
__device__ __forceinline__ int tail_piece(const VitAttnParams& p, const KvSplitArgs& s, int m_blocks, int item, int unit,
                                          int end, TileCoord& c) {
    const int nb = tail_tile_blocks<kBlockN>(p);
    const int t = unit / nb;
    tile_coord<kRows, kBlockN>(p, s.whole_tiles + t, m_blocks, c);
    c.j0 = unit - t * nb;
    c.j1 = min(nb, c.j0 + end - unit);
    int first_item;
    c.split = tail_tile_pieces(s, t, nb, first_item) > 1 ? piece_word(t, item) : -1;
    return unit + c.j1 - c.j0;
}

// Tiles are claimed at run time: a cluster (of one or two blocks) starts
// with the tile of its index and then takes the next unclaimed one, so
// clusters whose tiles ran faster take more (tile times vary across heads:
// at d=72 by up to a third, with rows of odd heads not 32-byte aligned).
// `claimed` counts claims past the first round; the last cluster to run out
// resets both counts for the next launch.
struct TileCounter {
    unsigned claimed, finished;
};

// The tile after this block's current one, or -1 once all are claimed.
template <int kCluster>
__device__ __forceinline__ int claim_tile(TileCounter* counter, int n_tiles) {
    const unsigned claimers = kCluster > 1 ? cluster_count() : gridDim.x;
    const int tile = int(claimers + atomicAdd(&counter->claimed, 1u));
    if (tile < n_tiles) return tile;
    // acq_rel: every block's last claim happens before the reset.
    unsigned finished;
    asm volatile("atom.acq_rel.gpu.global.add.u32 %0, [%1], 1;\n" : "=r"(finished) : "l"(&counter->finished) : "memory");
    if (finished == claimers - 1) {
        atomicExch(&counter->claimed, 0u);
        atomicExch(&counter->finished, 0u);
    }
    return -1;
}

// A stage of a ring of mbarrier-guarded buffers and the parity of its current round.
template <int kStages>
struct Ring {
    int stage = 0;
    uint32_t phase = 0;
    __device__ __forceinline__ void advance() {
        if (++stage == kStages) {
            stage = 0;
            phase ^= 1;
        }
    }
};

// A warpgroup's packed rows into its rows of a tile-shaped buffer (column
// atoms of kBlockM rows) in the layout a TMA box of the tile's swizzle
// reads: 16-byte chunk k of row r sits at chunk k ^ (r % 8) of 128-byte
// rows, k ^ (r / 2 % 4) of 64-byte rows, which also keeps each store
// instruction free of bank conflicts. By stmatrix, four 8x8 matrices a
// store (column tiles t and t + 1, rows and rows + 8; an odd last tile two):
// a quarter of the instructions of 4-byte stores, and 76 fewer bytes of
// spills at d=128 (run s12-6). Lane 8j + r addresses row r of matrix j, one
// 16-byte chunk.
template <typename L, int kOTiles>
__device__ __forceinline__ void stage_o(unsigned char* tile, int cw, const uint32_t (&op)[kOTiles][2], int warp_in_wg, int lane) {
    const int j = lane / 8;
    const int row = cw * L::kConsumerRows + warp_in_wg * 16 + lane % 8 + 8 * (j % 2);
    const int swizzle = L::kAtomBytes == 128 ? row % 8 : row / 2 % 4;
    const uint32_t row_addr = smem_addr(tile) + row * L::kAtomBytes;
    auto chunk_addr = [&](int t) {
        const int col = (t + j / 2) * 8;
        return row_addr + (col / L::kAtomCols) * L::kBlockM * L::kAtomBytes + (((col % L::kAtomCols) / 8) ^ swizzle) * 16;
    };
#pragma unroll
    for (int t = 0; t + 1 < kOTiles; t += 2) stmatrix_x4(chunk_addr(t), {op[t][0], op[t][1], op[t + 1][0], op[t + 1][1]});
    if constexpr (kOTiles % 2 != 0) stmatrix_x2(chunk_addr(kOTiles - 1), {op[kOTiles - 1][0], op[kOTiles - 1][1]});
}

template <typename T, int kD, int kBlockN, int kStages, int kQStages, int kOBuffer, int kConsumers, int kCluster, int kSplit>
__device__ void forward_sm90(const CUtensorMap& tm_q, const CUtensorMap& tm_k, const CUtensorMap& tm_v,
                             const CUtensorMap& tm_o, const VitAttnParams& p, TileCounter* counter, const KvSplitArgs& kv,
                             int out_by_tma) {
#if VIT_ATTN_SM90A
    using L = Sm90Tile<kD, kBlockN, kStages, kQStages, kOBuffer, kConsumers, kCluster, kSplit>;
    constexpr bool kPaired = kCluster > 1;
    extern __shared__ __align__(1024) unsigned char tile_smem[];
    if (dynamic_smem_bytes() < uint32_t(L::kSmemBytes)) __trap();  // host/device tile mismatch
    unsigned char* sQ = tile_smem + ((1024 - smem_addr(tile_smem) % 1024) % 1024);
    unsigned char* sO = sQ + kQStages * L::kQBytes;  // where kOBuffer
    unsigned char* sK = sO + (kOBuffer != 0) * L::kQBytes;
    unsigned char* sV = sK + kStages * L::kKVBytes;
    uint64_t* q_full = reinterpret_cast<uint64_t*>(sV + kStages * L::kKVBytes);
    uint64_t* q_empty = q_full + kQStages * kConsumers;
    uint64_t* k_full = q_empty + kQStages;
    uint64_t* k_empty = k_full + kStages;
    uint64_t* v_full = k_empty + kStages;
    uint64_t* v_empty = v_full + kStages;
    volatile int* q_tile = reinterpret_cast<volatile int*>(v_empty + kStages);
    // With two blocks in the cluster, block 0 (the leader) loads for both:
    // its "empty" barriers count both blocks' consumers, and the other
    // block's producer idles.
    if (threadIdx.x == 0) {
        for (int s = 0; s < kQStages; ++s) {
            for (int w = 0; w < kConsumers; ++w) mbar_init(q_full + s * kConsumers + w, 1);
            mbar_init(q_empty + s, 128 * kConsumers * kCluster);  // every consumer thread: each read the tile index
        }
        for (int s = 0; s < kStages; ++s) {
            mbar_init(k_full + s, 1);
            mbar_init(k_empty + s, L::kConsumerWarps * kCluster);
            mbar_init(v_full + s, 1);
            mbar_init(v_empty + s, L::kConsumerWarps * kCluster);
        }
        fence_barrier_init();
    }
    if constexpr (kPaired) {
        cluster_sync();  // no arrival or copy reaches a block before its barriers exist
    } else {
        __syncthreads();
    }
    // The host launches with programmatic stream serialisation: the set-up
    // above and the first tile's place overlap the previous kernel's end;
    // each warpgroup touches global memory (the inputs, cu_seqlens, the tile
    // counter, the output) only after its griddepcontrol.wait.
    allow_dependents_launch();

    constexpr int kTileRows = L::kBlockM * kCluster;
    const int m_blocks = (p.max_seqlen + kTileRows - 1) / kTileRows;
    // Claims: the whole tiles, then the tail split's items (sm90.rs sets
    // whole_tiles to every tile where there is none).
    const int n_claims = kv.whole_tiles + kv.items;
    const int wg = threadIdx.x / 128;

    if (wg == 0) {
        // Producer: one thread's address arithmetic and tile claims (with
        // two blocks, the leader's: the other block's producer idles).
        setmaxnreg_dec<L::kProducerRegs>();
        if (threadIdx.x == 0 && (!kPaired || cluster_rank() == 0)) {
            // The launch's own arguments, not global memory, so taken before
            // the wait: the maps and, for a fixed-length batch, the first
            // tile's place. After the wait the first Q goes out at once, not
            // ~2000 cycles later (1.5-3.4 % off d=128's small grids, run s12-2).
            prefetch_tensor_map(tm_q);
            prefetch_tensor_map(tm_k);
            prefetch_tensor_map(tm_v);
            if (L::kStagedO && out_by_tma) prefetch_tensor_map(tm_o);  // the consumers' stores
            const int first = kPaired ? int(cluster_index()) : int(blockIdx.x);
            TileCoord c{}, next{};
            // A tail item's state: the unit after the current piece, and where its run ends.
            int unit = 0, item_end = 0;
            // A claim's first piece: a whole tile (false where it has no rows), or a tail item's first.
            auto place = [&](int claim, TileCoord& c) {
                if (!L::kTailSplit || claim < kv.whole_tiles) return tile_coord<kTileRows, kBlockN>(p, claim, m_blocks, c);
                const int item = claim - kv.whole_tiles;
                item_end = item_start(kv, item + 1);
                unit = tail_piece<kTileRows, kBlockN>(p, kv, m_blocks, item, item_start(kv, item), item_end, c);
                return true;
            };
            const bool first_placed = p.cu_seqlens == 0 && place(first, c);
            const int group = p.num_heads / p.num_kv_heads;
            grid_dependency_wait();
            // One box of the map's rows from `row` of one head into a buffer
            // of column atoms `rows` tall, atom by atom, in the blocks of
            // `dest` (bit i: rank i), counted on `full` in each (whose phase
            // expects them).
            auto copy_tile = [&](uint64_t* full, unsigned char* dst, int rows, const CUtensorMap& map, int row, int head,
                                 uint16_t dest) {
#pragma unroll
                for (int a = 0; a < L::kAtoms; ++a) {
                    unsigned char* atom = dst + a * rows * L::kAtomBytes;
                    if (!kPaired || dest == 1) {
                        tma_load_3d(atom, map, full, a * L::kAtomCols, row, head);
                    } else {
                        tma_load_3d_multicast(atom, map, full, a * L::kAtomCols, row, head, dest);
                    }
                }
            };
            // A K or V stage lands in every block of the cluster.
            auto load_kv = [&](uint64_t* full, unsigned char* dst, const CUtensorMap& map, int row, int head) {
                mbar_arrive_expect_tx(full, L::kKVBytes);
                if constexpr (kPaired) mbar_arrive_expect_tx_remote<false>(cluster_addr(full, 1), L::kKVBytes);
                copy_tile(full, dst, kBlockN, map, row, head, kPaired ? 3 : 1);
            };
            Ring<kStages> k_ring, v_ring;
            Ring<kQStages> q_ring;
            // The work after the current piece, from claim `claim` on: the rest
            // of a tail item, else the next claimed piece with rows (past a
            // short sequence's end a tile has none); -1 once there is none.
            auto next_work = [&](int claim, TileCoord& c) {
                if (L::kTailSplit && unit < item_end) {
                    unit = tail_piece<kTileRows, kBlockN>(p, kv, m_blocks, claim - kv.whole_tiles, unit, item_end, c);
                    return claim;
                }
                for (claim = claim_tile<kCluster>(counter, n_claims); claim >= 0 && !place(claim, c);)
                    claim = claim_tile<kCluster>(counter, n_claims);
                return claim;
            };
            // Piece c of claim `tile`, published with its Q in the next Q
            // buffer; false (and -1 published: the consumers stop) for -1.
            auto publish_q = [&](int tile, const TileCoord& c) {
                uint64_t* full = q_full + q_ring.stage * kConsumers;
                unsigned char* q_dst = sQ + q_ring.stage * L::kQBytes;
                volatile int* index = q_tile + L::kTileWords * q_ring.stage;
                mbar_wait(q_empty + q_ring.stage, q_ring.phase ^ 1);
                q_ring.advance();
                // Published by the arrivals on q_full (the other block's
                // released at cluster scope): the tile and its place, which
                // the consumers would otherwise compute again, four integer
                // divisions on their path at every tile's start.
                const int words[8] = {tile, c.m0, c.head, c.start, c.len, c.j0, c.j1, c.split};
#pragma unroll
                for (int i = 0; i < (L::kTailSplit ? 8 : 5); ++i) {
                    index[i] = words[i];
                    if constexpr (kPaired) st_remote(cluster_addr(const_cast<int*>(index + i), 1), words[i]);
                }
#pragma unroll
                for (int w = 0; w < kConsumers; ++w) {
                    if (tile < 0) {
                        mbar_arrive(full + w);
                        if constexpr (kPaired) mbar_arrive_remote<true>(cluster_addr(full + w, 1));
                        continue;
                    }
                    // Each block's rows of the tile into its own Q buffer,
                    // each warpgroup's 64 (one box) on its own barrier.
                    constexpr uint32_t kWgQBytes = L::kQBytes / kConsumers;
                    unsigned char* rows = q_dst + w * L::kConsumerRows * L::kAtomBytes;
                    mbar_arrive_expect_tx(full + w, kWgQBytes);
                    copy_tile(full + w, rows, L::kBlockM, tm_q, c.start + c.m0 + w * L::kConsumerRows, c.head, 1);
                    if constexpr (kPaired) {
                        mbar_arrive_expect_tx_remote<true>(cluster_addr(full + w, 1), kWgQBytes);
                        copy_tile(full + w, rows, L::kBlockM, tm_q, c.start + c.m0 + L::kBlockM + w * L::kConsumerRows, c.head, 2);
                    }
                }
                return tile >= 0;
            };
            // Where the ring has two stages, K runs a block ahead of V. A K
            // stage is free once the consumers' S has read it, a V stage only
            // once their softmax and P·V are done; loaded in step, each K
            // waited for the V stage before it, a tile's first K too (H100,
            // runs s22-2 .. s22-5: d=128's tiles of 8-16 steps 1-3 % faster,
            // d=72 5 %, gained at tile boundaries). Deeper rings (d <= 64)
            // hold K far enough ahead (there the lead moved times by +-1 %).
            constexpr int kKLead = kStages == 2 ? 1 : 0;
            int kv_head = 0;  // piece c's
            // Block j of piece c into the next stage of ring r once the consumers release it.
            auto load_block = [&](Ring<kStages>& r, uint64_t* empty, uint64_t* full, unsigned char* buffers,
                                  const CUtensorMap& map, int j) {
                mbar_wait(empty + r.stage, r.phase ^ 1);
                load_kv(full + r.stage, buffers + r.stage * L::kKVBytes, map,
                        c.start + key_block_row<kBlockN, L::kTailKeys>(c, j), kv_head);
                r.advance();
            };
            int claim = first;
            if (!first_placed) {
                while (claim >= 0 && !place(claim, c)) claim = claim_tile<kCluster>(counter, n_claims);
            }
            // The first piece's first K goes out ahead of its Q. Every block
            // reads its first Q and K at once (from HBM where the inputs are
            // not in L2), so a warpgroup's first S then waits for that K and
            // its own rows only, not for every warpgroup's rows: one- and
            // two-round grids 1-3 % faster, where either half alone gained
            // under 1 % (H100, runs s25-4, s25-5).
            bool first_k_loaded = claim >= 0;
            if (first_k_loaded) {
                kv_head = c.head / group;
                load_block(k_ring, k_empty, k_full, sK, tm_k, c.j0);
            }
            bool more = publish_q(claim, c);
            while (more) {
                kv_head = c.head / group;
                // The next piece is found (a tile claimed) once the ring is
                // full, where the producer would wait for the consumers anyway:
                // claimed before the first K/V loads, the atomic's round trip
                // delayed them. With two Q buffers its Q loads at once, a tile
                // ahead of its first S; with one, once this tile's last S has
                // read the buffer.
                const int claim_at = c.j0 + min(kStages, c.j1 - c.j0) - 1;
                for (int j = c.j0; j < c.j1 + kKLead; ++j) {
                    if (j < c.j1 && !(first_k_loaded && j == c.j0)) load_block(k_ring, k_empty, k_full, sK, tm_k, j);
                    if (j - kKLead >= c.j0) load_block(v_ring, v_empty, v_full, sV, tm_v, j - kKLead);
                    if (j == claim_at) {
                        claim = next_work(claim, next);
                        if constexpr (kQStages == 2) more = publish_q(claim, next);
                    }
                }
                if constexpr (kQStages == 1) more = publish_q(claim, next);
                first_k_loaded = false;
                c = next;
            }
        }
    } else {
        // Consumers.
        setmaxnreg_inc<L::kConsumerRegs>();
        grid_dependency_wait();
        const int cw = wg - 1, warp_in_wg = (threadIdx.x % 128) / 32, lane = threadIdx.x % 32;
        // The softmax wants a positive scale (see fa_fwd.cuh): a negative one is
        // applied by negating S, zero as FLT_MIN.
        const bool negate = p.scale_log2 < 0.f;
        const float scale_log2 = fmaxf(fabsf(p.scale_log2), FLT_MIN);

        // Descriptors. Q and K are K-major: k16 step kk is 32 bytes into its
        // column atom (the hardware applies the swizzle), 8-row groups
        // 8 * kAtomBytes apart. V is MN-major (keys along K): step kk is 16 rows
        // on; column atoms (along N) kBlockN * kAtomBytes apart.
        constexpr uint32_t kGroupStride = 8 * L::kAtomBytes;
        uint32_t q_base;  // this warpgroup's rows of the Q buffer S reads
        auto col_offset = [](int kk, int rows) {
            const int col = kk * 16;
            return uint32_t((col / L::kAtomCols) * rows * L::kAtomBytes + (col % L::kAtomCols) * 2);
        };
        // Above d=64 a k-step's descriptor is the tile's advanced by a 32-bit
        // add (desc_advance), not a fresh one: 4-6 fewer instructions a wgmma
        // (the d=128 step issues its 16 in 121 instructions, was 167). On the
        // H100 that took 4-9 % off d=96's small grids; at d=64 the shorter
        // issue code cost up to 7 % (three consumers; runs s9-2 .. s9-6).
        constexpr bool kAdvanceDescriptors = kD > 64;
        auto desc_at = [](uint32_t tile, uint32_t offset, uint32_t lbo) {
            if constexpr (kAdvanceDescriptors) {
                return desc_advance(smem_desc_swizzled(tile, lbo, kGroupStride, L::kSwizzle), offset);
            } else {
                return smem_desc_swizzled(tile + offset, lbo, kGroupStride, L::kSwizzle);
            }
        };
        auto q_desc = [&](int kk) { return desc_at(q_base, col_offset(kk, L::kBlockM), 0); };
        auto k_desc = [&](uint32_t kt, int kk) { return desc_at(kt, col_offset(kk, kBlockN), 0); };
        auto v_desc = [&](uint32_t vt, int kk) { return desc_at(vt, kk * 16 * L::kAtomBytes, kBlockN * L::kAtomBytes); };

        // The consumers take turns issuing their wgmmas (named barrier 1 + cw
        // is this warpgroup's turn), so that one's softmax runs while the tensor
        // cores work for the others. Every consumer issues at the same points of
        // the same tiles, so the turns stay in step; consumer 0 starts.
        auto await_turn = [&]() { named_barrier_sync(1 + cw, 256); };
        auto pass_turn = [&]() { named_barrier_arrive(1 + (cw + 1) % kConsumers, 256); };
        if (cw == kConsumers - 1) pass_turn();

        // A pair's releases go to the leader's barriers (block 0 loads for
        // both). What they release are reads already waited for: wgmma's,
        // and the tile index, consumed long before.
        auto release = [&](uint64_t* bar) {
            if constexpr (kPaired) {
                mbar_arrive_remote<false>(cluster_addr(bar, 0));
            } else {
                mbar_arrive(bar);
            }
        };
        Ring<kStages> k_ring, v_ring;
        float o[kD / 2], s[kBlockN / 2], s_tail[L::kTailKeys / 2];
        auto& o4 = reinterpret_cast<float(&)[1][kD / 8][4]>(o);
        // A block after a row's first takes its softmax at the running max
        // (fa::softmax_rows_at_running_max). Two consumers keep S for a
        // redo. Where O, S,
        // an fp32 P and the packed P fit 208 of their 232 registers
        // (kD / 2 + 5 * kBlockN / 4: d <= 96 and the 64-key tiles), P has
        // registers of its own and is packed once P·V j - 1 is done. Past
        // that (d=104..128) P is packed at once into the other of two P
        // register sets, while P·V j - 1 still reads one (kD / 2 + kBlockN);
        // packing at once was 3-14 % slower at d <= 96 and on the 64-key
        // tiles; at d=128 the running max gained up to 13 % (H100, runs
        // s10-1, s10-2). Three or four consumers' 160 or 112 registers hold
        // no P beside S: their P replaces S, and a redo takes S from the
        // tensor cores again (7-9 % faster at d=64 than the exact softmax,
        // three consumers, run s10-5).
        constexpr bool kAtRunningMax = kConsumers == 2;
        // Up to d=64 two consumers' steps are a chain of S, softmax and P·V per
        // warpgroup in which the softmax's MUFU work is the longest link (run
        // s11-7): one n8 tile in 8 takes its exp2 on the FMA pipe instead
        // (2-2.4 % faster; one in 4 slowed them, and any slowed three consumers,
        // d=72..128, run s11-10).
        constexpr int kExp2OnFmaEvery = kConsumers == 2 && kD <= 64 ? 8 : 0;
        constexpr bool kOwnP = kAtRunningMax && kD / 2 + 5 * kBlockN / 4 <= 208;
        constexpr int kPSets = kAtRunningMax && !kOwnP ? 2 : 1;
        float p_own[kOwnP ? kBlockN / 2 : 1];
        uint32_t pa[kPSets][kBlockN / 16][4];
        float row_max[1][2], row_sum[1][2];
        TileCoord c{};  // the tile whose softmax and P·V run
        // Its first key block: 0 but for a piece of a split tile.
        auto j_begin = [&] { return L::kTailSplit ? c.j0 : 0; };

        // The next tile's index once its Q is loaded (-1 once there is none);
        // from then on S reads that Q buffer.
        Ring<kQStages> q_ring;
        int q_stage = 0;  // the Q buffer S reads, released after the tile's last S
        auto next_tile = [&]() {
            if constexpr (kPaired) {
                mbar_wait<true>(q_full + q_ring.stage * kConsumers + cw, q_ring.phase);  // the tile index came from the leader
            } else {
                mbar_wait(q_full + q_ring.stage * kConsumers + cw, q_ring.phase);
            }
            q_stage = q_ring.stage;
            q_base = smem_addr(sQ + q_stage * L::kQBytes) + cw * L::kConsumerRows * L::kAtomBytes;
            q_ring.advance();
            // Read by every thread (each one's arrival on q_empty releases its
            // read), and broadcast from lane 0 so that the branches on it are
            // warp-uniform to ptxas.
            return __shfl_sync(0xffffffffu, q_tile[L::kTileWords * q_stage], 0);
        };
        // The place of the tile next_tile returned, as the producer published it.
        auto set_tile = [&]() {
            const volatile int* place = q_tile + L::kTileWords * q_stage + 1;
            c = TileCoord{place[0], place[1], place[2], place[3], 0, 0, -1};
            if constexpr (L::kTailSplit) {
                c.j0 = place[4];
                c.j1 = place[5];
                c.split = place[6];
            } else {
                c.j1 = (c.len + kBlockN - 1) / kBlockN;
            }
            // This block's rows of the tile (past the sequence's end: computed,
            // not stored); the rank read again, not kept live (three
            // consumers have no register to spare).
            if constexpr (kPaired) c.m0 += cluster_rank() * L::kBlockM;
        };
        // S's registers for a block kN keys wide (kBlockN, or kTailKeys for a
        // tile's narrow last block): the narrow block's are its own (written
        // into the first of S's, ptxas serialised the wgmmas: C7511).
        auto s_regs = [&](auto keys) -> decltype(auto) {
            if constexpr (decltype(keys)::value == kBlockN) {
                return (s);
            } else {
                return (s_tail);
            }
        };
        // S of the next key block, kN keys wide.
        auto issue_s = [&](auto keys) {
            constexpr int kN = decltype(keys)::value;
            mbar_wait(k_full + k_ring.stage, k_ring.phase);
            const uint32_t kt = smem_addr(sK + k_ring.stage * L::kKVBytes);
            auto& sn = s_regs(keys);
            wgmma_fence();
#pragma unroll
            for (int kk = 0; kk < L::kDK / 16; ++kk) wgmma_ss<T, kN>(sn, q_desc(kk), k_desc(kt, kk), kk > 0);
            wgmma_commit();
        };
        // After the wait that covers S: this warp is done with the K stage (and with Q on the tile's last block).
        auto release_k = [&](bool last_block) {
            if (lane == 0) release(k_empty + k_ring.stage);
            if (last_block) release(q_empty + q_stage);
            k_ring.advance();
        };
        // P·V of the last key block whose softmax ran, kN keys of it, its P in set `set`.
        auto issue_pv = [&](auto keys, auto set) {
            constexpr int kN = decltype(keys)::value;
            mbar_wait(v_full + v_ring.stage, v_ring.phase);
            const uint32_t vt = smem_addr(sV + v_ring.stage * L::kKVBytes);
            fence_operands(o);
            wgmma_fence();
#pragma unroll
            for (int kk = 0; kk < kN / 16; ++kk) wgmma_rs<T, kD>(o, pa[decltype(set)::value][kk], v_desc(vt, kk), 1);
            wgmma_commit();
        };
        auto release_v = [&]() {
            if (lane == 0) release(v_empty + v_ring.stage);
            v_ring.advance();
        };
        // The exact softmax of a tile's first block and of a narrow last
        // block keeps a lagging running max above d=64 (fa::softmax_rows'
        // kMaxLag: up to 5 % off the H100's small grids at d=72..128 before
        // the running-max softmax; runs s9-2 .. s9-6).
        constexpr bool kLaggingMax = kD > 64;
        // A kN-key view of S's registers; of P's fp32 registers (S's own
        // unless P has its own, which a narrow block does not use); of P set
        // `set`'s (pack_p's layout).
        auto s_view = [&](auto keys) -> auto& {
            return reinterpret_cast<float(&)[1][decltype(keys)::value / 8][4]>(s_regs(keys));
        };
        auto p_fp32_view = [&](auto keys) -> auto& {
            if constexpr (kOwnP && decltype(keys)::value == kBlockN) {
                return reinterpret_cast<float(&)[1][kBlockN / 8][4]>(p_own);
            } else {
                return s_view(keys);
            }
        };
        auto p_view = [&](auto keys, auto set) -> auto& {
            return reinterpret_cast<uint32_t(&)[1][decltype(keys)::value / 8][2]>(pa[decltype(set)::value]);
        };
        // The softmax of key block j, kN keys wide, at the running max but for
        // a tile's first block and a narrow last block: with two consumers
        // into P's fp32 registers or, with two sets, packed into set `set`;
        // with three in place.
        auto softmax = [&](auto keys, int j, bool first, float (&alpha)[1][2], auto set) {
            constexpr int kN = decltype(keys)::value;
            auto& sr = s_regs(keys);
            auto& sn = s_view(keys);
            if (negate) {
#pragma unroll
                for (int i = 0; i < kN / 2; ++i) sr[i] = -sr[i];
            }
            const int keys_left = c.len - j * kBlockN;
            // Past the sequence's end, or repeated where the block was read shifted back (key_block_row).
            auto mask_keys_outside = [&] {
                if (keys_left < kN) fa::mask_keys(sn, keys_left, j > 0 ? kN - keys_left : 0);
            };
            mask_keys_outside();
            if constexpr (kPSets == 2 || kN == kBlockN) {
                auto& pn = p_fp32_view(keys);  // S itself where P is packed at once or replaces S
                auto& pk = p_view(keys, set);
                auto store_p = [&](int mt, int t, int h, float p0, float p1) {
                    if constexpr (kPSets == 2) {
                        pk[mt][t][h] = pack2<T>(p0, p1);
                    } else {
                        pn[mt][t][2 * h] = p0;
                        pn[mt][t][2 * h + 1] = p1;
                    }
                };
                auto pack_at_once = [&] {
                    if constexpr (kPSets == 2) fa::pack_p<T>(pn, pk);
                };
                if (!first) {
                    if constexpr (kAtRunningMax) {
                        fa::softmax_rows_at_running_max<1, kN / 8, kExp2OnFmaEvery>(sn, row_max, row_sum, scale_log2, alpha, store_p, [&] {
                            fa::softmax_rows<1, kN / 8>(sn, pn, row_max, row_sum, scale_log2, alpha);
                            pack_at_once();
                        });
                    } else {
                        // Three or four consumers: P replaces S, so a redo
                        // takes S from the tensor cores again (the K stage is
                        // still held), which the whole warpgroup must issue:
                        // its vote is the redo's.
                        auto warpgroup_all = [&](bool fits) { return named_barrier_all(1 + kConsumers + cw, 128, fits); };
                        fa::softmax_rows_at_running_max<1, kN / 8>(sn, row_max, row_sum, scale_log2, alpha, store_p, [&] {
                            issue_s(keys);
                            wgmma_wait<0>();
                            fence_operands(sr);
                            if (negate) {  // as above: the fresh S is raw
#pragma unroll
                                for (int i = 0; i < kN / 2; ++i) sr[i] = -sr[i];
                            }
                            mask_keys_outside();
                            fa::softmax_rows<1, kN / 8>(sn, sn, row_max, row_sum, scale_log2, alpha);
                        }, warpgroup_all);
                    }
                } else {
                    fa::softmax_rows<1, kN / 8, kLaggingMax>(sn, pn, row_max, row_sum, scale_log2, alpha);
                    pack_at_once();
                }
            } else {
                fa::softmax_rows<1, kN / 8, kLaggingMax>(sn, sn, row_max, row_sum, scale_log2, alpha);
            }
        };
        // Block j's P, the A operand of its P·V, packed into the one set once
        // P·V j - 1 is done with it (with two sets the softmax packed it).
        auto s_to_p = [&](auto keys) {
            if constexpr (kPSets == 1) fa::pack_p<T>(p_fp32_view(keys), p_view(keys, PSet<0>{}));
        };
        // Which set holds the P of the last block whose softmax ran: its P·V
        // reads that set while the next softmax fills the other. with_p_set
        // branches to code compiled for that set; copying P into a fixed set
        // at a tile's end instead made ptxas serialise the wgmmas (C7513).
        bool p_in_set1 = false;
        auto switch_p_set = [&]() { p_in_set1 = kPSets == 2 && !p_in_set1; };
        auto with_p_set = [&](auto&& f) {
            if constexpr (kPSets == 2) {
                if (p_in_set1) {
                    f(PSet<1>{});
                } else {
                    f(PSet<0>{});
                }
            } else {
                f(PSet<0>{});
            }
        };
        auto other_set = [](auto set) { return PSet<kPSets - 1 - decltype(set)::value>{}; };
        // A piece of a split tile (KvSplitArgs; only in a split's kernel)
        // leaves its partial output in its slot, this thread's float4s 128
        // threads apart (coalesced): first its row maxima and sums, final
        // after its last softmax and saved before the next piece's first
        // block takes their registers; then O.
        auto is_piece = [](const TileCoord& t) { return L::kTailSplit && t.split >= 0; };
        auto piece_slot = [&](int tail_tile, int item) {
            return kv_split_slot<kD, kConsumers>(kv, piece_slot_index(item, tail_tile), cw) + threadIdx.x % 128;
        };
        auto save_piece_stats = [&]() {
            if (is_piece(c)) {
                __stcg(piece_slot(piece_tail_tile(c.split), piece_item(c.split)),
                       make_float4(row_max[0][0], row_max[0][1], row_sum[0][0], row_sum[0][1]));
            }
        };
        // Piece `split` (row sums l) leaves its O and arrives on its tile's
        // count for this warp's rows. Whichever piece arrives last, in any
        // order (under compute-sanitizer early pieces arrive last: run
        // s16-3), merges every piece's rows into its O and l, rescaled to
        // their common maxima, and returns true: it stores the rows.
        // The warp's lanes sync around lane 0's acq_rel arrival, as a grid
        // sync does around its master thread's: the lanes' writes of the
        // slot happen before the arrival, which releases them; the last
        // arrival acquires the others' writes, read after the second sync.
        auto leave_piece = [&](int split, float (&l)[2]) {
            const int t = piece_tail_tile(split), item = piece_item(split);
            float4* mine = piece_slot(t, item);
#pragma unroll
            for (int n = 0; n < kD / 8; ++n) __stcg(mine + (n + 1) * 128, make_float4(o4[0][n][0], o4[0][n][1], o4[0][n][2], o4[0][n][3]));
            __syncwarp();
            int first_item;
            const unsigned pieces = tail_tile_pieces(kv, t, tail_tile_blocks<kBlockN>(p), first_item);
            unsigned arrived = 0;
            if (lane == 0) {
                unsigned* count = kv.arrivals + (t * kConsumers + cw) * 4 + warp_in_wg;
                asm volatile("atom.acq_rel.gpu.global.add.u32 %0, [%1], 1;\n" : "=r"(arrived) : "l"(count) : "memory");
                if (arrived == pieces - 1) atomicExch(count, 0u);  // zero again for the next launch
            }
            if (__shfl_sync(0xffffffffu, arrived, 0) != pieces - 1) return false;
            __syncwarp();
            const float4 own = __ldcg(mine);
            float m[2] = {own.x, own.y};
            for (int q = 0; q < int(pieces); ++q) {
                const float4 st = __ldcg(piece_slot(t, first_item + q));
                m[0] = fmaxf(m[0], st.x);
                m[1] = fmaxf(m[1], st.y);
            }
            const float own0 = exp2f(own.x - m[0]), own1 = exp2f(own.y - m[1]);
            l[0] *= own0;
            l[1] *= own1;
#pragma unroll
            for (int n = 0; n < kD / 8; ++n) o4[0][n][0] *= own0, o4[0][n][1] *= own0, o4[0][n][2] *= own1, o4[0][n][3] *= own1;
            for (int q = 0; q < int(pieces); ++q) {
                if (first_item + q == item) continue;
                const float4* at = piece_slot(t, first_item + q);
                const float4 st = __ldcg(at);
                const float a0 = exp2f(st.x - m[0]), a1 = exp2f(st.y - m[1]);
                l[0] += st.z * a0;
                l[1] += st.w * a1;
#pragma unroll
                for (int n = 0; n < kD / 8; ++n) {
                    const float4 v = __ldcg(at + (n + 1) * 128);
                    o4[0][n][0] += v.x * a0, o4[0][n][1] += v.y * a0, o4[0][n][2] += v.z * a1, o4[0][n][3] += v.w * a1;
                }
            }
            return true;
        };
        // The output of tile t (row sums l): staged for a TMA store where it
        // can be (see kStagedO), else stored directly.
        auto store_output = [&](const TileCoord& t, const float (&done_sum)[2]) {
            release_v();
            const int row0 = t.m0 + cw * L::kConsumerRows;
            // A piece of a split tile stores its rows only as the last of its
            // tile's pieces, merged. (Outside the split's kernels the merge's
            // code, though never run, changed ptxas's allocation of the rest.)
            float l[2] = {done_sum[0], done_sum[1]};
            bool merged = false;
            if constexpr (L::kTailSplit) merged = is_piece(t) && row0 < t.len && leave_piece(t.split, l);
            uint32_t op[kD / 8][2];
            fa::pack_o<T, kD / 8>(o4[0], l, op);
            // A TMA box covers the warpgroup's 64 rows: staged only where they
            // are all this sequence's (past its end they are the next one's)
            // and TMA can write the output view.
            const bool staged = L::kStagedO && out_by_tma && !is_piece(t) && row0 + L::kConsumerRows <= t.len;
            // The warpgroup's barriers stay outside the branches: ptxas moves
            // the ring state of a kernel with a barrier under a divergent
            // branch off the uniform datapath (more instructions every step).
            if constexpr (L::kStagedO) {
                // This warpgroup's rows of the buffer, once its previous store
                // (a tile ago) has read them.
                if (threadIdx.x % 128 == 0) bulk_wait_read();
                named_barrier_sync(1 + kConsumers + cw, 128);
            }
            if (staged) stage_o<L, kD / 8>(sO, cw, op, warp_in_wg, lane);
            if constexpr (L::kStagedO) {
                fence_proxy_async();
                named_barrier_sync(1 + kConsumers + cw, 128);  // the warpgroup's rows staged
            }
            if (staged) {
                if (threadIdx.x % 128 == 0) {
#pragma unroll
                    for (int a = 0; a < L::kAtoms; ++a)
                        tma_store_3d(tm_o, sO + (a * L::kBlockM + cw * L::kConsumerRows) * L::kAtomBytes, a * L::kAtomCols, t.start + row0, t.head);
                    bulk_commit();
                }
            } else if (!is_piece(t) || merged) {
                T* out = reinterpret_cast<T*>(p.out.ptr) + int64_t(t.start) * p.out.token_stride + int64_t(t.head) * p.out.head_stride;
                const bool out_pairs = (p.out.ptr % 4 == 0) && (p.out.token_stride % 2 == 0) && (p.out.head_stride % 2 == 0);
                fa::store_o_packed<T, kD / 8>(out, p.out.token_stride, out_pairs, op, row0 + warp_in_wg * 16, t.len, kD, lane);
            }
        };

        // The softmax of block j runs while P·V of block j - 1 is in flight,
        // across tiles too: a tile's first S is issued with the previous
        // tile's last P·V, whose output is stored after the new tile's first
        // softmax, so the tensor cores do not wait for a tile's end.
        auto first_block = [&](auto set) {
            fence_operands(s);
            release_k(c.j1 - j_begin() == 1);
            row_max[0][0] = row_max[0][1] = -INFINITY;
            row_sum[0][0] = row_sum[0][1] = 0.f;
            float alpha[1][2];  // O is still zero: nothing to rescale
            softmax(Keys<kBlockN>{}, j_begin(), true, alpha, set);
        };
        // Keep the softmax ahead of the wait. ptxas hoists the wait to the
        // top of the softmax's basic block (waiting early is always
        // legal), which serialises P·V j - 1 and the softmax; it does not
        // move instructions across a memory fence. With three consumers
        // the fence cost more than the overlap gained (H100, run s4-2).
        auto hold_wait_after_softmax = [&](auto keys, auto set) {
            if constexpr (kConsumers == 2) {
                if constexpr (kPSets == 2) {
                    fence_operands(reinterpret_cast<uint32_t(&)[kBlockN / 4]>(pa[decltype(set)::value]));
                } else {
                    fence_operands(reinterpret_cast<float(&)[decltype(keys)::value / 2]>(p_fp32_view(keys)));
                }
                fence_acq_rel_cta();
            }
        };
        auto zero_o = [&]() {
#pragma unroll
            for (int i = 0; i < kD / 2; ++i) o[i] = 0.f;
        };
        // One step: S of key block j (kN keys) issued with P·V of block j - 1
        // (its P in set `set`), then block j's softmax while that P·V runs,
        // into the other set where there are two.
        auto step = [&](auto keys, int j, bool last_block, auto set) {
            using Next = decltype(other_set(set));
            await_turn();
            issue_s(keys);
            issue_pv(Keys<kBlockN>{}, set);
            pass_turn();
            wgmma_wait<1>();  // S of block j; P·V of block j - 1 still runs
            fence_operands(s_regs(keys));
            if constexpr (kAtRunningMax) release_k(last_block);
            float alpha[1][2];
            softmax(keys, j, false, alpha, Next{});
            if constexpr (!kAtRunningMax) release_k(last_block);  // a redo reads the K stage
            hold_wait_after_softmax(keys, Next{});
            wgmma_wait<0>();
            fence_operands(o);
            release_v();
            // Once the row maxima settle, most blocks leave them unchanged:
            // skip the O rescale (kD / 2 multiplies) when no row of the warp moved.
            if (__any_sync(0xffffffffu, alpha[0][0] != 1.f || alpha[0][1] != 1.f)) fa::rescale_o(o4, alpha);
            s_to_p(keys);
        };
        // narrow_last_block of tile c, broadcast from lane 0 (the branches on
        // it warp-uniform to ptxas).
        auto narrow_tail = [&]() {
            const bool tail = narrow_last_block<L::kTailKeys>(c.j1 - j_begin(), c.len - (c.j1 - 1) * kBlockN);
            return __shfl_sync(0xffffffffu, int(tail), 0) != 0;
        };
        // The steps of tile c after its first block.
        auto run_steps = [&](bool tail) {
            const int whole_end = c.j1 - tail;  // blocks (j0, whole_end) are whole
            for (int j = j_begin() + 1; j < whole_end; ++j) {
                with_p_set([&](auto set) { step(Keys<kBlockN>{}, j, j == c.j1 - 1, set); });
                switch_p_set();
            }
            if (tail) {
                with_p_set([&](auto set) { step(Keys<L::kTailKeys>{}, c.j1 - 1, true, set); });
                switch_p_set();
            }
        };
        // The last P·V of a tile, over the narrow block's keys only where it has one.
        auto issue_last_pv = [&](bool tail, auto set) {
            if (tail) {
                issue_pv(Keys<L::kTailKeys>{}, set);
            } else {
                issue_pv(Keys<kBlockN>{}, set);
            }
        };
        // A sequence of one key block has no block before to read shifted
        // back (key_block_row): the rows of its V stage past its end are the
        // next sequence's tokens. Consumer 0, whose turn comes first, zeroes
        // them before it awaits the turn of the block's P·V: the turn's
        // barrier orders all its threads' stores (each fenced for the tensor
        // cores' reads) before any consumer's P·V.
        auto zero_v_past_end = [&](const TileCoord& t) {
            const int past = __shfl_sync(0xffffffffu, t.j1 == 1 ? kBlockN - t.len : 0, 0);
            if (cw == 0 && past > 0) {
                mbar_wait(v_full + v_ring.stage, v_ring.phase);  // TMA's writes first
                unsigned char* rows = sV + v_ring.stage * L::kKVBytes + t.len * L::kAtomBytes;
                // A row is whole in its atom's bytes (the swizzle permutes within it).
#pragma unroll
                for (int a = 0; a < L::kAtoms; ++a) {
                    uint4* atom_rows = reinterpret_cast<uint4*>(rows + a * kBlockN * L::kAtomBytes);
                    for (int i = threadIdx.x % 128; i < past * L::kAtomBytes / 16; i += 128) atom_rows[i] = make_uint4(0u, 0u, 0u, 0u);
                }
                fence_proxy_async();
            }
        };
        // A warpgroup whose 64 rows of tile c all lie past the sequence's end
        // (a length that is no multiple of the tile's rows: 577 = 3 x 192 + 1,
        // 1025 = 8 x 128 + 1) runs only the tile's first block and last P·V,
        // with its S and P·V at the boundaries as every consumer's (nothing
        // it computes is stored). Between them it keeps the turns and
        // releases each stage as a step would, so the others run the tile's
        // steps at the pace of fewer consumers (H100, run s15-3: b=32 s=577
        // d=64 4 % faster, b=8 s=1025 d=128 3 %). Broadcast from lane 0 so
        // that the branch on it is warp-uniform to ptxas.
        auto has_rows = [&]() { return __shfl_sync(0xffffffffu, int(c.m0 + cw * L::kConsumerRows < c.len), 0) != 0; };
        // Each stage is released only once it has landed: a release before
        // would count towards the stage's previous round where nothing else
        // holds this warpgroup back (a pair's second block whose consumers
        // all lack rows: the turns pace it against its own consumers only).
        auto pass_steps = [&]() {
            for (int j = j_begin() + 1; j < c.j1; ++j) {
                await_turn();
                pass_turn();
                mbar_wait(k_full + k_ring.stage, k_ring.phase);
                release_k(j == c.j1 - 1);
                mbar_wait(v_full + v_ring.stage, v_ring.phase);
                release_v();
            }
        };
        int tile = next_tile();
        if (tile >= 0) {
            set_tile();
            bool tail = narrow_tail();
            await_turn();
            issue_s(Keys<kBlockN>{});
            pass_turn();
            wgmma_wait<0>();
            first_block(PSet<kPSets - 1>{});
            p_in_set1 = kPSets == 2;
            zero_o();
            s_to_p(Keys<kBlockN>{});
            for (;;) {
                if (has_rows()) {
                    run_steps(tail);
                    save_piece_stats();
                } else {
                    pass_steps();
                }
                const TileCoord done = c;
                const float done_sum[2] = {row_sum[0][0], row_sum[0][1]};
                const bool done_tail = tail;
                tile = next_tile();
                zero_v_past_end(done);
                if (tile < 0) {
                    await_turn();
                    with_p_set([&](auto set) { issue_last_pv(done_tail, set); });
                    pass_turn();
                    wgmma_wait<0>();
                    fence_operands(o);
                    store_output(done, done_sum);
                    break;
                }
                set_tile();
                tail = narrow_tail();
                await_turn();
                issue_s(Keys<kBlockN>{});
                with_p_set([&](auto set) { issue_last_pv(done_tail, set); });
                pass_turn();
                wgmma_wait<1>();  // the next tile's first S; this one's last P·V still runs
                with_p_set([&](auto set) {
                    first_block(other_set(set));
                    hold_wait_after_softmax(Keys<kBlockN>{}, other_set(set));
                });
                switch_p_set();
                wgmma_wait<0>();
                fence_operands(o);
                store_output(done, done_sum);
                zero_o();
                s_to_p(Keys<kBlockN>{});
            }
        }
        if (L::kStagedO && threadIdx.x % 128 == 0) bulk_wait();  // the last stores done before the block's shared memory goes
        if (cw == 0) await_turn();  // the last consumer's final pass, so no barrier is left half-arrived
    }
    // The blocks of a cluster arrive on each other's barriers and write
    // each other's shared memory up to their last tile: neither may leave
    // before the other is done.
    if constexpr (kPaired) cluster_sync();
#else
    __trap();  // only sm_90a machine code has this kernel; the host launches it on cc 9.0 only
#endif
}

}  // namespace vit_attn::fa_tma

// Names must match fa_upstream::variants::tma_kernel_name; PREFIX tells the
// crates' instantiations apart (fa, native), SUFFIX a pair's kernels (_x2)
// and a tail split's (_ks).
#define VIT_ATTN_FA_TMA_KERNEL(PREFIX, TNAME, T, D, BN, ST, QST, OBUF, CONS, CLUSTER, SPLIT, SUFFIX)                   \
    extern "C" __global__ void __launch_bounds__(128 * (1 + (CONS)), 1)                                                \
        vit_attn_##PREFIX##_tma_##TNAME##_d##D##_c##CONS##_n##BN##_s##ST##_q##QST##_o##OBUF##SUFFIX(                  \
            const __grid_constant__ CUtensorMap tm_q, const __grid_constant__ CUtensorMap tm_k,                        \
            const __grid_constant__ CUtensorMap tm_v, const __grid_constant__ CUtensorMap tm_o, const VitAttnParams p,  \
            vit_attn::fa_tma::TileCounter* counter, const vit_attn::fa_tma::KvSplitArgs kv, int out_by_tma) {          \
        vit_attn::fa_tma::forward_sm90<T, D, BN, ST, QST, OBUF, CONS, CLUSTER, SPLIT>(tm_q, tm_k, tm_v, tm_o, p,        \
                                                                                      counter, kv, out_by_tma);       \
    }

#define VIT_ATTN_FA_TMA_KERNELS(PREFIX, D, BN, ST, QST, OBUF, CONS)                      \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, f16, __half, D, BN, ST, QST, OBUF, CONS, 1, 0, )      \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, bf16, __nv_bfloat16, D, BN, ST, QST, OBUF, CONS, 1, 0, )

#define VIT_ATTN_FA_TMA_PAIR_KERNELS(PREFIX, D, BN, ST, QST, OBUF, CONS)                    \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, f16, __half, D, BN, ST, QST, OBUF, CONS, 2, 0, _x2)      \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, bf16, __nv_bfloat16, D, BN, ST, QST, OBUF, CONS, 2, 0, _x2)

#define VIT_ATTN_FA_TMA_SPLIT_KERNELS(PREFIX, D, BN, ST, QST, OBUF, CONS)                   \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, f16, __half, D, BN, ST, QST, OBUF, CONS, 1, 1, _ks)      \
    VIT_ATTN_FA_TMA_KERNEL(PREFIX, bf16, __nv_bfloat16, D, BN, ST, QST, OBUF, CONS, 1, 1, _ks)
