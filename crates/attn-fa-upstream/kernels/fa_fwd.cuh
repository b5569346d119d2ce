// FlashAttention-2-style fused forward for head sizes up to 256 (fa-upstream
// serves the multiples of 8; memeff borrows it for the other sizes).
//
// One block = 4 warps = kBlockM query rows of one (sequence, head); each warp
// owns kMTiles m16 row tiles. K/V tiles of kBlockN keys stream through a
// kStages-deep cp.async ring in shared memory (kStages - 1 tiles in flight
// while one is computed, one barrier per tile); S = Q Kᵀ and O += P V run on
// mma.sync.m16n8k16 fed by ldmatrix; the online softmax (fp32, exp2 with the
// scale folded into one FFMA) stays in registers, and P goes from the S accumulators
// straight into the A operand of P V without touching shared memory.
//
// kD is the head size rounded up to 16 (one MMA k-step); the real head size is
// a run-time value: columns past it are zero-filled on load and never stored,
// so no padded copies of the inputs exist ("uneven K").
#pragma once

#include <float.h>

#include "vit_attn/sm80.cuh"

namespace vit_attn::fa {

using namespace vit_attn::sm80;

template <typename T, int kD, int kMTiles, int kBlockN, int kStagesArg>
struct Tile {
    static constexpr int kWarps = 4;
    static constexpr int kThreads = 32 * kWarps;
    static constexpr int kBlockM = 16 * kMTiles * kWarps;
    // +8 elements (16 bytes) per row: with kD a multiple of 16 the row pitch is
    // an odd number of 16-byte chunks, so the 8 rows of an ldmatrix land in 8
    // different bank groups.
    static constexpr int kPitch = kD + 8;
    static constexpr int kStages = kStagesArg;
    // Q fragments live in registers when that leaves room for the O and S
    // accumulators (fp32 registers per thread: Q kD/4, O kD/2, S kBlockN/2 per m-tile).
    static constexpr bool kQInRegs = kMTiles * (kD / 4 + kD / 2 + kBlockN / 2) <= 160;
    static constexpr int kKSteps = kD / 16;      // k16 steps of Q Kᵀ
    static constexpr int kSTiles = kBlockN / 8;  // n8 tiles of S
    static constexpr int kOTiles = kD / 8;       // n8 tiles of O
    static constexpr int kQElems = kBlockM * kPitch;
    static constexpr int kKVElems = kBlockN * kPitch;
    // Must equal the host's fa_upstream::variants::smem_bytes.
    static constexpr int kSmemBytes = (kQElems + 2 * kStages * kKVElems) * int(sizeof(T));
    static_assert(kD % 16 == 0 && kBlockN % 16 == 0, "tiles are whole MMA steps");
    static_assert(kStages >= 2, "one tile computed while the next lands");
};

// The unaligned fallback of the tile loaders: one 8-element chunk (starting
// at column col0) copied element by element, zero where !valid or past the head size.
__device__ __forceinline__ void copy_chunk_elementwise(void* dst, const void* src, bool valid, int col0, int head_size) {
    const uint16_t* s16 = reinterpret_cast<const uint16_t*>(src);
    uint16_t* d16 = reinterpret_cast<uint16_t*>(dst);
#pragma unroll
    for (int e = 0; e < 8; ++e) d16[e] = valid && col0 + e < head_size ? s16[e] : uint16_t(0);
}

// Copies rows [0, rows) x head-size columns of a [tokens, kD] view into a
// [rows_cap, kPitch] shared tile, zero-filling rows >= valid_rows and columns
// >= head_size. `vec`: every row start is 16-byte aligned and the head size a
// multiple of 8 (cp.async path); otherwise a plain element-wise copy (odd
// offsets, strides or head sizes) keeps it correct.
template <typename T, int kD, int kPitch, int kRows, int kThreads>
__device__ __forceinline__ void load_tile(T* smem, const T* gmem, int64_t token_stride, int valid_rows, int head_size,
                                          bool vec) {
    constexpr int kChunks = kD / 8;  // 16-byte chunks per row
    for (int i = threadIdx.x; i < kRows * kChunks; i += kThreads) {
        const int r = i / kChunks, c = i % kChunks;
        const bool valid = r < valid_rows && c * 8 < head_size;
        T* dst = smem + r * kPitch + c * 8;
        const T* src = gmem + (valid ? int64_t(r) * token_stride + c * 8 : 0);
        if (vec) {
            cp_async_16(smem_addr(dst), src, valid);
        } else {
            copy_chunk_elementwise(dst, src, valid, c * 8, head_size);
        }
    }
}

__device__ __forceinline__ bool aligned16(uint64_t ptr, int64_t token_stride, int64_t head_stride) {
    return (ptr % 16 == 0) && (token_stride % 8 == 0) && (head_stride % 8 == 0);
}

// Pairwise reduction of v[0, 2W): log2 dependent steps instead of 2W, which
// matters with only a few warps per scheduler to hide latency. Recursion (not
// a loop) keeps every index a constant, so v stays in registers.
template <int W, int N, typename Op>
__device__ __forceinline__ float tree_reduce(float (&v)[N], Op op) {
    static_assert(2 * W <= N && (W & (W - 1)) == 0, "a power-of-two prefix of v");
    if constexpr (W == 0) {
        return v[0];
    } else {
#pragma unroll
        for (int i = 0; i < W; ++i) v[i] = op(v[i], v[i + W]);
        return tree_reduce<W / 2>(v, op);
    }
}

// All of v reduced: the part past the largest power of two is folded in
// first (a no-op for power-of-two lengths), then tree_reduce.
template <int N, typename Op>
__device__ __forceinline__ float reduce_all(float (&v)[N], Op op) {
    constexpr int kPow2 = N >= 64 ? 64 : N >= 32 ? 32 : N >= 16 ? 16 : N >= 8 ? 8 : N >= 4 ? 4 : N >= 2 ? 2 : 1;
    static_assert(N < 128, "one S row per lane quad is at most 64 n8 tiles");
#pragma unroll
    for (int i = 0; i < N - kPow2; ++i) v[i] = op(v[i], v[i + kPow2]);
    return tree_reduce<kPow2 / 2>(v, op);
}

// Keys outside [first, first + count) of a block get -inf scores: those past
// the end of a last, partial block (first = 0), and in the Hopper kernel
// also those of a last block read shifted back to end at the sequence's end,
// whose first keys repeat the previous block's (key_block_row). One unsigned
// compare a pair of scores either way.
template <int kMTiles, int kSTiles>
__device__ __forceinline__ void mask_keys(float (&s)[kMTiles][kSTiles][4], int count, int first = 0) {
    const int lane_key = 2 * (threadIdx.x % 4) - first;
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
        for (int t = 0; t < kSTiles; ++t)
#pragma unroll
            for (int e = 0; e < 4; ++e)
                if (unsigned(t * 8 + lane_key + e % 2) >= unsigned(count)) s[mt][t][e] = -INFINITY;
}

// How far a block's max may exceed the running max (log2 units) before a
// lagging running max moves (softmax_rows' kMaxLag).
constexpr float kMaxLagLog2 = 8.f;

// The softmax of one key block: S (raw Q·Kᵀ; scale_log2 > 0, see forward)
// becomes P = exp2(S * scale_log2 - running max) in place, the running max
// (in scaled units) and the per-lane partial sums move on, and `alpha`
// receives the factor O must be rescaled by (rescale_o; apart so that the
// Hopper kernel can rescale O once its asynchronous P·V is done). The max is
// taken of the raw scores and the scale applied inside the exponent's FFMA:
// one instruction per score fewer than scaling first.
// Accumulator layout: this lane holds rows lane/4 and lane/4 + 8 (h = 0, 1)
// of each m-tile, columns 2 * (lane % 4) + {0, 1} of each n8 tile; a row is
// spread over the 4 lanes of a quad.
// kMaxLag: the running max moves only when a block raises it by more than
// kMaxLagLog2 (log2 units), so that most blocks leave O unscaled (the Hopper
// kernel skips the rescale when no row of a warp moved). P is then at most
// 2^8, well within f16's and bf16's range, and O and the row sums carry the
// same stale max, which the final O / l cancels.
// x and p may be the same array (P in place of S).
template <int kMTiles, int kSTiles, bool kMaxLag = false>
__device__ __forceinline__ void softmax_rows(const float (&x)[kMTiles][kSTiles][4], float (&p)[kMTiles][kSTiles][4],
                                             float (&row_max)[kMTiles][2], float (&row_sum)[kMTiles][2], float scale_log2,
                                             float (&alpha)[kMTiles][2]) {
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt) {
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            float part[kSTiles];
#pragma unroll
            for (int t = 0; t < kSTiles; ++t) part[t] = fmaxf(x[mt][t][2 * h], x[mt][t][2 * h + 1]);
            float mx = reduce_all(part, [](float a, float b) { return fmaxf(a, b); });
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            // Every key block holds at least one real key, so m_seen is finite.
            const float m_seen = fmaxf(row_max[mt][h], mx * scale_log2);
            const float m_new = !kMaxLag || m_seen - row_max[mt][h] > kMaxLagLog2 ? m_seen : row_max[mt][h];
            alpha[mt][h] = rescale(row_max[mt][h], m_new);
            row_max[mt][h] = m_new;
#pragma unroll
            for (int t = 0; t < kSTiles; ++t) {
#pragma unroll
                for (int e = 0; e < 2; ++e) p[mt][t][2 * h + e] = fast_exp2(fmaf(x[mt][t][2 * h + e], scale_log2, -m_new));
                part[t] = p[mt][t][2 * h] + p[mt][t][2 * h + 1];
            }
            // Per-lane partial sums: the quad is summed once, at the end.
            row_sum[mt][h] = row_sum[mt][h] * alpha[mt][h] + reduce_all(part, [](float a, float b) { return a + b; });
        }
    }
}

// A warp's P (softmax_rows' output) packed into T pairs, the A operand of a
// P·V: p[mt][t][h] holds row h's two columns of n8 tile t.
template <typename T, int kMTiles, int kSTiles>
__device__ __forceinline__ void pack_p(const float (&s)[kMTiles][kSTiles][4], uint32_t (&p)[kMTiles][kSTiles][2]) {
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
        for (int t = 0; t < kSTiles; ++t)
#pragma unroll
            for (int h = 0; h < 2; ++h) p[mt][t][h] = pack2<T>(s[mt][t][2 * h], s[mt][t][2 * h + 1]);
}

// What a lane's partial row sum of one block may reach for softmax_rows_at_running_max's P to
// stand: every P is then at most 2^12, far inside f16's and bf16's range and fp32 O's.
constexpr float kRunningMaxSumLimit = 4096.f;

// The softmax of a key block (not a row's first) with the running max as it stands: no max is
// taken before the exponentials, so they start as soon as S is there and the block's max
// instructions and shuffles are skipped. Once a row's max has settled, a block's scores rarely
// rise far past it. Where one does (a lane's partial sum over the limit, infinite or NaN), the
// warp calls `redo`, which takes the block from S again with softmax_rows and the exact max.
// The result is the same softmax: O and l carry whichever max P was taken against.
// store_p(mt, t, h, p0, p1) receives the P of row h's two columns of n8 tile t;
// all_fit(fits) is the vote of every thread that redoes together (the warp's,
// unless the redo needs the warpgroup). With kExp2OnFmaEvery > 0 every such
// n8 tile's exponentials run on the FMA pipe (poly_exp2), the rest on the MUFU.
struct WarpAll {
    __device__ __forceinline__ bool operator()(bool fits) const { return __all_sync(0xffffffffu, fits); }
};
template <int kMTiles, int kSTiles, int kExp2OnFmaEvery = 0, typename StoreP, typename Redo, typename AllFit = WarpAll>
__device__ __forceinline__ void softmax_rows_at_running_max(const float (&s)[kMTiles][kSTiles][4], float (&row_max)[kMTiles][2],
                                                            float (&row_sum)[kMTiles][2], float scale_log2,
                                                            float (&alpha)[kMTiles][2], StoreP store_p, Redo redo,
                                                            AllFit all_fit = {}) {
    float sums[kMTiles][2];
    bool fits = true;
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt) {
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            float part[kSTiles];
#pragma unroll
            for (int t = 0; t < kSTiles; ++t) {
                const float x0 = fmaf(s[mt][t][2 * h], scale_log2, -row_max[mt][h]);
                const float x1 = fmaf(s[mt][t][2 * h + 1], scale_log2, -row_max[mt][h]);
                const bool on_fma = kExp2OnFmaEvery > 0 && t % (kExp2OnFmaEvery > 0 ? kExp2OnFmaEvery : 1) == kExp2OnFmaEvery - 1;
                const float p0 = on_fma ? poly_exp2(x0) : fast_exp2(x0);
                const float p1 = on_fma ? poly_exp2(x1) : fast_exp2(x1);
                store_p(mt, t, h, p0, p1);
                part[t] = p0 + p1;
            }
            sums[mt][h] = reduce_all(part, [](float a, float b) { return a + b; });
            fits = fits && sums[mt][h] <= kRunningMaxSumLimit;  // false for NaN
        }
    }
    if (all_fit(fits)) {
#pragma unroll
        for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                row_sum[mt][h] += sums[mt][h];
                alpha[mt][h] = 1.f;
            }
    } else {
        redo();
    }
}

template <int kMTiles, int kOTiles>
__device__ __forceinline__ void rescale_o(float (&o)[kMTiles][kOTiles][4], const float (&alpha)[kMTiles][2]) {
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
        for (int t = 0; t < kOTiles; ++t)
#pragma unroll
            for (int e = 0; e < 4; ++e) o[mt][t][e] *= alpha[mt][e / 2];
}

// One key block of the online softmax, O rescaled at once (mma.sync kernel).
template <int kMTiles, int kSTiles, int kOTiles>
__device__ __forceinline__ void online_softmax(float (&s)[kMTiles][kSTiles][4], float (&o)[kMTiles][kOTiles][4],
                                               float (&row_max)[kMTiles][2], float (&row_sum)[kMTiles][2],
                                               float scale_log2) {
    float alpha[kMTiles][2];
    softmax_rows(s, s, row_max, row_sum, scale_log2, alpha);
    rescale_o(o, alpha);
}

// The Q rows of a block and the K/V rows of its sequence for one head;
// `vec`: all three can be copied in 16-byte chunks.
template <typename T>
struct BlockOperands {
    const T *q, *k, *v;
    bool vec;
};

template <typename T>
__device__ __forceinline__ BlockOperands<T> block_operands(const VitAttnParams& p, int start, int m0, int head) {
    const int kv_head = head / (p.num_heads / p.num_kv_heads);
    const bool vec = p.head_size % 8 == 0 && aligned16(p.q.ptr, p.q.token_stride, p.q.head_stride) &&
                     aligned16(p.k.ptr, p.k.token_stride, p.k.head_stride) &&
                     aligned16(p.v.ptr, p.v.token_stride, p.v.head_stride);
    return {reinterpret_cast<const T*>(p.q.ptr) + int64_t(start + m0) * p.q.token_stride + int64_t(head) * p.q.head_stride,
            reinterpret_cast<const T*>(p.k.ptr) + int64_t(start) * p.k.token_stride + int64_t(kv_head) * p.k.head_stride,
            reinterpret_cast<const T*>(p.v.ptr) + int64_t(start) * p.v.token_stride + int64_t(kv_head) * p.v.head_stride,
            vec};
}

// A warp's 16 rows of O (one m-tile, accumulator layout), normalised and
// packed into T pairs: op[t][h] holds columns t * 8 + 2 * (lane % 4) +
// {0, 1} of row lane / 4 + 8 * h, low half first. A row's sum is split over
// the quad of lanes holding it; a row with no keys is stored as zeros.
template <typename T, int kOTiles>
__device__ __forceinline__ void pack_o(const float (&o)[kOTiles][4], const float (&row_sum)[2], uint32_t (&op)[kOTiles][2]) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        float l = row_sum[h];
        l += __shfl_xor_sync(0xffffffffu, l, 1);
        l += __shfl_xor_sync(0xffffffffu, l, 2);
        const float inv = l > 0.f ? 1.f / l : 0.f;
#pragma unroll
        for (int t = 0; t < kOTiles; ++t) op[t][h] = pack2<T>(o[t][2 * h] * inv, o[t][2 * h + 1] * inv);
    }
}

// Stores a warp's packed rows that exist: rows row0 + lane/4 (+8) below len,
// columns below the head size. `out` is the sequence's first row for this
// head; `pairs`: 4-byte stores are aligned (else element by element).
template <typename T, int kOTiles>
__device__ __forceinline__ void store_o_packed(T* out, int64_t token_stride, bool pairs, const uint32_t (&op)[kOTiles][2], int row0,
                                               int len, int d, int lane) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        const int row = row0 + lane / 4 + 8 * h;
        if (row >= len) continue;
        uint16_t* dst = reinterpret_cast<uint16_t*>(out + int64_t(row) * token_stride);
#pragma unroll
        for (int t = 0; t < kOTiles; ++t) {
            const int col = t * 8 + 2 * (lane % 4);
            if (col >= d) continue;
            if (pairs && col + 1 < d) {
                *reinterpret_cast<uint32_t*>(dst + col) = op[t][h];
            } else {
                dst[col] = uint16_t(op[t][h]);
                if (col + 1 < d) dst[col + 1] = uint16_t(op[t][h] >> 16);
            }
        }
    }
}

// Normalises and stores the 16 rows of one m-tile of O that exist.
template <typename T, int kOTiles>
__device__ __forceinline__ void store_o_tile(T* out, int64_t token_stride, bool pairs, const float (&o)[kOTiles][4],
                                             const float (&row_sum)[2], int row0, int len, int d, int lane) {
    uint32_t op[kOTiles][2];
    pack_o<T, kOTiles>(o, row_sum, op);
    store_o_packed<T, kOTiles>(out, token_stride, pairs, op, row0, len, d, lane);
}

template <typename T, int kD, int kMTiles, int kBlockN, int kStages>
__device__ void forward(const VitAttnParams& p) {
    using L = Tile<T, kD, kMTiles, kBlockN, kStages>;
    extern __shared__ __align__(16) unsigned char smem_raw[];
    if (dynamic_smem_bytes() < uint32_t(L::kSmemBytes)) __trap();  // host/device tile mismatch
    T* sQ = reinterpret_cast<T*>(smem_raw);
    T* sK = sQ + L::kQElems;
    T* sV = sK + L::kStages * L::kKVElems;

    // Grid: x = (sequence, row block), y = head.
    const SeqBlock blk = seq_block(p, L::kBlockM);
    const int m0 = blk.m0, start = blk.start, len = blk.len;
    const int head = blockIdx.y;
    if (m0 >= len) return;
    const int d = p.head_size;
    const BlockOperands<T> ops = block_operands<T>(p, start, m0, head);
    const T *q = ops.q, *k = ops.k, *v = ops.v;
    const bool vec = ops.vec;
    const int n_blocks = (len + kBlockN - 1) / kBlockN;

    auto load_kv = [&](int block, int stage) {
        const int n0 = block * kBlockN;
        load_tile<T, kD, L::kPitch, kBlockN, L::kThreads>(sK + stage * L::kKVElems, k + int64_t(n0) * p.k.token_stride,
                                                          p.k.token_stride, len - n0, d, vec);
        load_tile<T, kD, L::kPitch, kBlockN, L::kThreads>(sV + stage * L::kKVElems, v + int64_t(n0) * p.v.token_stride,
                                                          p.v.token_stride, len - n0, d, vec);
    };
    // Group 0: Q and K/V block 0; group s < kStages - 1: K/V block s (possibly
    // empty). Then one group per iteration, so before iteration j exactly
    // kStages - 1 + j groups are committed and block j is in group j.
    load_tile<T, kD, L::kPitch, L::kBlockM, L::kThreads>(sQ, q, p.q.token_stride, len - m0, d, vec);
    load_kv(0, 0);
    cp_async_commit();
#pragma unroll
    for (int st = 1; st < kStages - 1; ++st) {
        if (st < n_blocks) load_kv(st, st);
        cp_async_commit();
    }

    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    const int warp_row = warp * 16 * kMTiles;
    // ldmatrix lane roles: lane l addresses a row of matrix l / 8.
    const int lm_row = lane % 8, lm_mat = lane / 8;

    cp_async_wait<kStages - 2>();
    __syncthreads();
    // The softmax wants a positive scale (it takes the max of raw scores): a
    // negative one is applied as -Q with |scale|, and zero as FLT_MIN, which
    // gives the same uniform weights but keeps masked keys at -inf (0 * -inf
    // would be NaN).
    const float scale_log2 = fmaxf(fabsf(p.scale_log2), FLT_MIN);
    if (p.scale_log2 < 0.f) {
        for (int i = threadIdx.x; i < L::kBlockM * L::kPitch / 2; i += L::kThreads)
            reinterpret_cast<uint32_t*>(sQ)[i] ^= 0x80008000u;
        __syncthreads();
    }
    uint32_t q_regs[L::kQInRegs ? kMTiles : 1][L::kQInRegs ? L::kKSteps : 1][4];
    auto q_frag = [&](uint32_t (&a)[4], int mt, int kk) {
        const T* src = sQ + (warp_row + mt * 16 + (lm_mat % 2) * 8 + lm_row) * L::kPitch + kk * 16 + (lm_mat / 2) * 8;
        ldmatrix_x4(a, smem_addr(src));
    };
    if constexpr (L::kQInRegs) {
#pragma unroll
        for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
            for (int kk = 0; kk < L::kKSteps; ++kk) q_frag(q_regs[mt][kk], mt, kk);
    }

    float o[kMTiles][L::kOTiles][4];
    float row_max[kMTiles][2], row_sum[kMTiles][2];
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt) {
#pragma unroll
        for (int t = 0; t < L::kOTiles; ++t)
#pragma unroll
            for (int e = 0; e < 4; ++e) o[mt][t][e] = 0.f;
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            row_max[mt][h] = -INFINITY;
            row_sum[mt][h] = 0.f;
        }
    }

    for (int j = 0; j < n_blocks; ++j) {
        cp_async_wait<kStages - 2>();  // group j has landed
        // Block j is visible to all warps, and all are done with block j - 1,
        // whose stage is refilled next.
        __syncthreads();
        {
            const int ahead = j + kStages - 1;
            if (ahead < n_blocks) load_kv(ahead, ahead % kStages);
            cp_async_commit();
        }
        const T* kt = sK + (j % kStages) * L::kKVElems;
        const T* vt = sV + (j % kStages) * L::kKVElems;

        // S = Q Kᵀ for this warp's rows and kBlockN keys.
        float s[kMTiles][L::kSTiles][4];
#pragma unroll
        for (int mt = 0; mt < kMTiles; ++mt)
#pragma unroll
            for (int t = 0; t < L::kSTiles; ++t)
#pragma unroll
                for (int e = 0; e < 4; ++e) s[mt][t][e] = 0.f;
#pragma unroll
        for (int kk = 0; kk < L::kKSteps; ++kk) {
            uint32_t a[kMTiles][4];
#pragma unroll
            for (int mt = 0; mt < kMTiles; ++mt) {
                if constexpr (L::kQInRegs) {
#pragma unroll
                    for (int e = 0; e < 4; ++e) a[mt][e] = q_regs[mt][kk][e];
                } else {
                    q_frag(a[mt], mt, kk);
                }
            }
#pragma unroll
            for (int np = 0; np < L::kSTiles / 2; ++np) {
                // Matrices: keys np*16 + {0-7, 0-7, 8-15, 8-15} x k {0-7, 8-15, 0-7, 8-15}.
                uint32_t b[4];
                ldmatrix_x4(b, smem_addr(kt + (np * 16 + (lm_mat / 2) * 8 + lm_row) * L::kPitch + kk * 16 + (lm_mat % 2) * 8));
#pragma unroll
                for (int mt = 0; mt < kMTiles; ++mt) {
                    mma_16816<T>(s[mt][2 * np], a[mt], b[0], b[1]);
                    mma_16816<T>(s[mt][2 * np + 1], a[mt], b[2], b[3]);
                }
            }
        }

        // Only the last key block can be partial.
        const int keys_left = len - j * kBlockN;
        if (keys_left < kBlockN) mask_keys(s, keys_left);
        online_softmax(s, o, row_max, row_sum, scale_log2);

        // O += P V: the S accumulators of n8 tiles (2kk, 2kk+1) are exactly the
        // A fragment of k-step kk.
#pragma unroll
        for (int kk = 0; kk < kBlockN / 16; ++kk) {
            uint32_t a[kMTiles][4];
#pragma unroll
            for (int mt = 0; mt < kMTiles; ++mt) {
                a[mt][0] = pack2<T>(s[mt][2 * kk][0], s[mt][2 * kk][1]);
                a[mt][1] = pack2<T>(s[mt][2 * kk][2], s[mt][2 * kk][3]);
                a[mt][2] = pack2<T>(s[mt][2 * kk + 1][0], s[mt][2 * kk + 1][1]);
                a[mt][3] = pack2<T>(s[mt][2 * kk + 1][2], s[mt][2 * kk + 1][3]);
            }
#pragma unroll
            for (int dp = 0; dp < L::kOTiles / 2; ++dp) {
                // Matrices: keys kk*16 + {0-7, 8-15, 0-7, 8-15} x cols dp*16 + {0-7, 0-7, 8-15, 8-15}, transposed.
                uint32_t b[4];
                ldmatrix_x4_trans(b, smem_addr(vt + (kk * 16 + (lm_mat % 2) * 8 + lm_row) * L::kPitch + dp * 16 + (lm_mat / 2) * 8));
#pragma unroll
                for (int mt = 0; mt < kMTiles; ++mt) {
                    mma_16816<T>(o[mt][2 * dp], a[mt], b[0], b[1]);
                    mma_16816<T>(o[mt][2 * dp + 1], a[mt], b[2], b[3]);
                }
            }
        }
    }

    // Normalise and store the rows and columns that exist.
    T* out = reinterpret_cast<T*>(p.out.ptr) + int64_t(start) * p.out.token_stride + int64_t(head) * p.out.head_stride;
    const bool out_pairs = (p.out.ptr % 4 == 0) && (p.out.token_stride % 2 == 0) && (p.out.head_stride % 2 == 0);
#pragma unroll
    for (int mt = 0; mt < kMTiles; ++mt)
        store_o_tile<T, L::kOTiles>(out, p.out.token_stride, out_pairs, o[mt], row_sum[mt], m0 + warp_row + mt * 16, len, d, lane);
}

}  // namespace vit_attn::fa

// One kernel per (dtype, padded head dim, tile shape); block_m = 64 * m-tiles.
// Names must match fa_upstream::variants::kernel_name.
#define VIT_ATTN_FA_KERNEL(TNAME, T, D, BM, BN, ST)                                                                \
    extern "C" __global__ void __launch_bounds__(128) vit_attn_fa_fwd_##TNAME##_d##D##_m##BM##_n##BN##_s##ST( \
        const VitAttnParams p) {                                                                                 \
        vit_attn::fa::forward<T, D, BM / 64, BN, ST>(p);                                                         \
    }

#define VIT_ATTN_FA_KERNELS(D, BM, BN, ST)                 \
    VIT_ATTN_FA_KERNEL(f16, __half, D, BM, BN, ST)         \
    VIT_ATTN_FA_KERNEL(bf16, __nv_bfloat16, D, BM, BN, ST)
