// Hopper path of the fa-upstream kernel (sm_90a): the same blocks, key ring
// and online softmax as fa_fwd.cuh, with Q·Kᵀ and P·V on wgmma instead of
// mma.sync. Two warpgroups of 64 query rows share each K/V tile; wgmma reads
// Q, K and V straight from shared memory (no ldmatrix through registers) and
// P from registers (the S accumulators, as in fa_fwd.cuh). Tiles use wgmma's
// no-swizzle layout, filled by cp.async; the head dim is padded to 16 inside
// the kernel only, as in fa_fwd.cuh.
#pragma once

#include "fa_fwd.cuh"
#include "vit_attn/sm90.cuh"
#include "wgmma_gen.cuh"

namespace vit_attn::fa {

template <int kD, int kBlockN, int kStages>
struct TileSm90 {
    static constexpr int kWarpgroups = 2;
    static constexpr int kThreads = 128 * kWarpgroups;
    static constexpr int kBlockM = 64 * kWarpgroups;
    static constexpr int kQBytes = kBlockM * kD * 2;
    static constexpr int kKVBytes = kBlockN * kD * 2;
    // Must equal the host's fa_upstream::variants::smem_bytes.
    static constexpr int kSmemBytes = kQBytes + 2 * kStages * kKVBytes;
    static constexpr int kSTiles = kBlockN / 8;
    static constexpr int kOTiles = kD / 8;
    static_assert(kD % 16 == 0 && kBlockN % 16 == 0 && kStages >= 2, "whole wgmma k-steps");
};

// Rows [0, kRows) of a [tokens, kD] view in wgmma's no-swizzle layout: the
// 16-byte chunk c of row r at byte c * kRows * 16 + r * 16, so every 8-row x
// 16-byte core matrix is 128 contiguous bytes; zero past valid_rows and
// head_size. Eight consecutive threads fill 8 rows of one chunk (contiguous
// shared memory), the next eight the next chunk of those rows (contiguous
// global memory).
template <typename T, int kD, int kRows, int kThreads>
__device__ __forceinline__ void load_blocked(unsigned char* smem, const T* gmem, int64_t token_stride, int valid_rows,
                                             int head_size, bool vec) {
    constexpr int kChunks = kD / 8;
    static_assert(kRows % 8 == 0, "whole core matrices");
    for (int i = threadIdx.x; i < kRows * kChunks; i += kThreads) {
        const int rest = i / 8;
        const int c = rest % kChunks, r = (rest / kChunks) * 8 + i % 8;
        const bool valid = r < valid_rows && c * 8 < head_size;
        unsigned char* dst = smem + c * (kRows * 16) + r * 16;
        const T* src = gmem + (valid ? int64_t(r) * token_stride + c * 8 : 0);
        if (vec) {
            cp_async_16(smem_addr(dst), src, valid);
        } else {
            copy_chunk_elementwise(dst, src, valid, c * 8, head_size);
        }
    }
}

template <typename T, int kD, int kBlockN, int kStages>
__device__ void forward_sm90(const VitAttnParams& p) {
#if VIT_ATTN_SM90A
    using namespace vit_attn::sm90;
    using L = TileSm90<kD, kBlockN, kStages>;
    extern __shared__ __align__(16) unsigned char smem_raw[];  // as declared in fa_fwd.cuh (the same symbol)
    if (dynamic_smem_bytes() < uint32_t(L::kSmemBytes)) __trap();  // host/device tile mismatch
    unsigned char* sQ = smem_raw;
    unsigned char* sK = sQ + L::kQBytes;
    unsigned char* sV = sK + kStages * L::kKVBytes;

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
        load_blocked<T, kD, kBlockN, L::kThreads>(sK + stage * L::kKVBytes, k + int64_t(n0) * p.k.token_stride,
                                                  p.k.token_stride, len - n0, d, vec);
        load_blocked<T, kD, kBlockN, L::kThreads>(sV + stage * L::kKVBytes, v + int64_t(n0) * p.v.token_stride,
                                                  p.v.token_stride, len - n0, d, vec);
    };
    // The same group discipline as fa_fwd.cuh: before iteration j, block j is in group j.
    load_blocked<T, kD, L::kBlockM, L::kThreads>(sQ, q, p.q.token_stride, len - m0, d, vec);
    load_kv(0, 0);
    cp_async_commit();
#pragma unroll
    for (int st = 1; st < kStages - 1; ++st) {
        if (st < n_blocks) load_kv(st, st);
        cp_async_commit();
    }

    // See fa_fwd.cuh: a negative scale is applied as -Q, zero as FLT_MIN.
    const float scale_log2 = fmaxf(fabsf(p.scale_log2), FLT_MIN);
    if (p.scale_log2 < 0.f) {
        cp_async_wait<kStages - 2>();
        __syncthreads();
        for (int i = threadIdx.x; i < L::kQBytes / 4; i += L::kThreads) reinterpret_cast<uint32_t*>(sQ)[i] ^= 0x80008000u;
    }

    const int wg = threadIdx.x / 128, warp_in_wg = (threadIdx.x % 128) / 32, lane = threadIdx.x % 32;
    // Descriptors (byte offsets; see smem_desc): Q and K are K-major, the next
    // k16 step is two chunks on; V is MN-major (keys along K), the next k16
    // step is 16 keys on.
    const uint32_t q_base = smem_addr(sQ) + wg * 64 * 16;
    auto q_desc = [&](int kk) { return smem_desc(q_base + 2 * kk * L::kBlockM * 16, L::kBlockM * 16, 128); };
    auto k_desc = [&](uint32_t kt, int kk) { return smem_desc(kt + 2 * kk * kBlockN * 16, kBlockN * 16, 128); };
    auto v_desc = [&](uint32_t vt, int kk) { return smem_desc(vt + kk * 16 * 16, 128, kBlockN * 16); };

    float o[1][L::kOTiles][4];
    float row_max[1][2] = {{-INFINITY, -INFINITY}}, row_sum[1][2] = {{0.f, 0.f}};
#pragma unroll
    for (int t = 0; t < L::kOTiles; ++t)
#pragma unroll
        for (int e = 0; e < 4; ++e) o[0][t][e] = 0.f;
    auto& o_flat = reinterpret_cast<float(&)[kD / 2]>(o);

    for (int j = 0; j < n_blocks; ++j) {
        cp_async_wait<kStages - 2>();
        fence_proxy_async();  // this thread's tile writes, visible to wgmma
        __syncthreads();
        {
            const int ahead = j + kStages - 1;
            if (ahead < n_blocks) load_kv(ahead, ahead % kStages);
            cp_async_commit();
        }
        const uint32_t kt = smem_addr(sK + (j % kStages) * L::kKVBytes);
        const uint32_t vt = smem_addr(sV + (j % kStages) * L::kKVBytes);

        float s[1][L::kSTiles][4];
        auto& s_flat = reinterpret_cast<float(&)[kBlockN / 2]>(s);
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < kD / 16; ++kk) wgmma_ss<T, kBlockN>(s_flat, q_desc(kk), k_desc(kt, kk), kk > 0);
        wgmma_commit();
        wgmma_wait<0>();
        fence_operands(s_flat);

        const int keys_left = len - j * kBlockN;
        if (keys_left < kBlockN) mask_keys(s, keys_left);
        online_softmax(s, o, row_max, row_sum, scale_log2);

        uint32_t pa[kBlockN / 16][4];
#pragma unroll
        for (int kk = 0; kk < kBlockN / 16; ++kk) {
            pa[kk][0] = pack2<T>(s[0][2 * kk][0], s[0][2 * kk][1]);
            pa[kk][1] = pack2<T>(s[0][2 * kk][2], s[0][2 * kk][3]);
            pa[kk][2] = pack2<T>(s[0][2 * kk + 1][0], s[0][2 * kk + 1][1]);
            pa[kk][3] = pack2<T>(s[0][2 * kk + 1][2], s[0][2 * kk + 1][3]);
        }
        fence_operands(o_flat);
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < kBlockN / 16; ++kk) wgmma_rs<T, kD>(o_flat, pa[kk], v_desc(vt, kk), 1);
        wgmma_commit();
        wgmma_wait<0>();
        fence_operands(o_flat);
    }

    T* out = reinterpret_cast<T*>(p.out.ptr) + int64_t(start) * p.out.token_stride + int64_t(head) * p.out.head_stride;
    const bool out_pairs = (p.out.ptr % 4 == 0) && (p.out.token_stride % 2 == 0) && (p.out.head_stride % 2 == 0);
    store_o_tile<T, L::kOTiles>(out, p.out.token_stride, out_pairs, o[0], row_sum[0], m0 + wg * 64 + warp_in_wg * 16, len, d, lane);
#else
    __trap();  // only sm_90a machine code has this path; the host picks it on cc 9.0 only
#endif
}

}  // namespace vit_attn::fa

// Names must match fa_upstream::variants::kernel_name of a wgmma tile.
#define VIT_ATTN_FA_SM90_KERNEL(TNAME, T, D, BN, ST)                                                                 \
    extern "C" __global__ void __launch_bounds__(256, (D) <= 128 ? 2 : 1) vit_attn_fa_fwd_##TNAME##_d##D##_wg_m128_n##BN##_s##ST( \
        const VitAttnParams p) {                                                                                    \
        vit_attn::fa::forward_sm90<T, D, BN, ST>(p);                                                                \
    }

#define VIT_ATTN_FA_SM90_KERNELS(D, BN, ST)                \
    VIT_ATTN_FA_SM90_KERNEL(f16, __half, D, BN, ST)        \
    VIT_ATTN_FA_SM90_KERNEL(bf16, __nv_bfloat16, D, BN, ST)
