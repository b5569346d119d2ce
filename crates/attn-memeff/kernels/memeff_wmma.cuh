// Tensor-core memeff for f16 on Volta and Turing (wmma m16n16k16, fp32
// accumulate), head sizes up to 128. Newer GPUs take fa-upstream's kernel;
// this one runs there only when forced (VIT_ATTN_MEMEFF_PATH=wmma).
//
// One block = 2 warps x 16 query rows of one (sequence, head). Keys stream in
// tiles of 16 shared by both warps. wmma fragments have no documented element
// layout, so the online softmax works on S staged in shared memory (a lane
// pair per row), and O lives in shared memory in fp32: each key tile loads,
// accumulates and stores it back, after the softmax has rescaled its rows.
// kD is the head size rounded up to 16; loads are element-wise and predicated
// on the real head size and sequence length, so any layout works.
#pragma once

#include <mma.h>

#include "vit_attn/common.cuh"

namespace {

using namespace nvcuda;

constexpr int kWarps = 2;
constexpr int kRows = 16;  // per warp: one wmma m-tile
constexpr int kBlockM = kWarps * kRows;
constexpr int kKeys = 16;  // per tile: one wmma n-tile of S

// Pitches keep every fragment pointer 32-byte aligned (wmma's requirement):
// row blocks of 16 start at multiples of 16 * pitch elements.
template <int kD>
struct Smem {
    static constexpr int kPitch = kD + 8;  // halves
    static constexpr int kOPitch = kD + 4;  // floats
    static constexpr int kSPitch = kKeys + 4;  // floats
    static constexpr int kPPitch = kKeys + 8;  // halves
    __align__(32) __half q[kBlockM][kPitch];
    __align__(32) __half k[kKeys][kPitch];
    __align__(32) __half v[kKeys][kPitch];
    __align__(32) float s[kWarps][kRows][kSPitch];
    __align__(32) __half p[kWarps][kRows][kPPitch];
    __align__(32) float o[kWarps][kRows][kOPitch];
};

// rows x kD of a [tokens, head_size] view into a pitched tile; zero past the rows and columns that exist.
template <int kD, int kPitch>
__device__ void load_rows(__half (*dst)[kPitch], const __half* src, int64_t token_stride, int rows_cap, int rows, int d) {
    for (int i = threadIdx.x; i < rows_cap * kD; i += kWarps * 32) {
        const int r = i / kD, c = i % kD;
        dst[r][c] = (r < rows && c < d) ? src[int64_t(r) * token_stride + c] : __float2half(0.f);
    }
}

template <int kD>
__device__ void memeff_wmma_forward(const VitAttnParams& p) {
    using S = Smem<kD>;
    __shared__ S sm;
    const vit_attn::SeqBlock blk = vit_attn::seq_block(p, kBlockM);
    const int m0 = blk.m0, start = blk.start, len = blk.len;
    const int head = blockIdx.y;
    if (m0 >= len) return;
    const int d = p.head_size;
    const int kv_head = head / (p.num_heads / p.num_kv_heads);
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    const __half* q = reinterpret_cast<const __half*>(p.q.ptr) + int64_t(start + m0) * p.q.token_stride + int64_t(head) * p.q.head_stride;
    const __half* k = reinterpret_cast<const __half*>(p.k.ptr) + int64_t(start) * p.k.token_stride + int64_t(kv_head) * p.k.head_stride;
    const __half* v = reinterpret_cast<const __half*>(p.v.ptr) + int64_t(start) * p.v.token_stride + int64_t(kv_head) * p.v.head_stride;

    load_rows<kD, S::kPitch>(sm.q, q, p.q.token_stride, kBlockM, len - m0, d);
    for (int i = lane; i < kRows * kD; i += 32) sm.o[warp][i / kD][i % kD] = 0.f;
    // Lane pair (2r, 2r + 1) owns row r of this warp: columns h * 8 .. h * 8 + 7 of S.
    const int row = lane / 2, half_idx = lane % 2;
    float row_max = -INFINITY, row_sum = 0.f;

    for (int n0 = 0; n0 < len; n0 += kKeys) {
        const int keys = min(kKeys, len - n0);
        __syncthreads();  // both warps are done with the previous K/V tile
        load_rows<kD, S::kPitch>(sm.k, k + int64_t(n0) * p.k.token_stride, p.k.token_stride, kKeys, keys, d);
        load_rows<kD, S::kPitch>(sm.v, v + int64_t(n0) * p.v.token_stride, p.v.token_stride, kKeys, keys, d);
        __syncthreads();

        // S = Q Kᵀ: Kᵀ is K read column-major.
        wmma::fragment<wmma::accumulator, 16, 16, 16, float> s_acc;
        wmma::fill_fragment(s_acc, 0.f);
#pragma unroll
        for (int kk = 0; kk < kD / 16; ++kk) {
            wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> a;
            wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> b;
            wmma::load_matrix_sync(a, &sm.q[warp * kRows][kk * 16], S::kPitch);
            wmma::load_matrix_sync(b, &sm.k[0][kk * 16], S::kPitch);
            wmma::mma_sync(s_acc, a, b, s_acc);
        }
        wmma::store_matrix_sync(&sm.s[warp][0][0], s_acc, S::kSPitch, wmma::mem_row_major);
        __syncwarp();

        // Online softmax of row `row`, 8 columns per lane, then rescale that
        // lane's half of the row of O.
        float x[8];
        float mx = -INFINITY;
#pragma unroll
        for (int e = 0; e < 8; ++e) {
            const int col = half_idx * 8 + e;
            x[e] = col < keys ? sm.s[warp][row][col] * p.scale_log2 : -INFINITY;
            mx = fmaxf(mx, x[e]);
        }
        mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
        const float m_new = fmaxf(row_max, mx);  // finite: every tile holds a real key
        const float alpha = vit_attn::rescale(row_max, m_new);
        float sum = 0.f;
#pragma unroll
        for (int e = 0; e < 8; ++e) {
            const float pr = exp2f(x[e] - m_new);
            sum += pr;
            sm.p[warp][row][half_idx * 8 + e] = __float2half(pr);
        }
        sum += __shfl_xor_sync(0xffffffffu, sum, 1);
        row_max = m_new;
        row_sum = row_sum * alpha + sum;
        for (int c = half_idx * (kD / 2); c < (half_idx + 1) * (kD / 2); ++c) sm.o[warp][row][c] *= alpha;
        __syncwarp();

        // O += P V, one 16-column chunk of O at a time, through shared memory.
        wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> pa;
        wmma::load_matrix_sync(pa, &sm.p[warp][0][0], S::kPPitch);
#pragma unroll
        for (int c = 0; c < kD / 16; ++c) {
            wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> vb;
            wmma::fragment<wmma::accumulator, 16, 16, 16, float> o_acc;
            wmma::load_matrix_sync(vb, &sm.v[0][c * 16], S::kPitch);
            wmma::load_matrix_sync(o_acc, &sm.o[warp][0][c * 16], S::kOPitch, wmma::mem_row_major);
            wmma::mma_sync(o_acc, pa, vb, o_acc);
            wmma::store_matrix_sync(&sm.o[warp][0][c * 16], o_acc, S::kOPitch, wmma::mem_row_major);
        }
        __syncwarp();
    }

    const int out_row = m0 + warp * kRows + row;
    if (out_row >= len) return;
    const float inv = row_sum > 0.f ? 1.f / row_sum : 0.f;
    __half* dst = reinterpret_cast<__half*>(p.out.ptr) + int64_t(start + out_row) * p.out.token_stride + int64_t(head) * p.out.head_stride;
    for (int c = half_idx; c < d; c += 2) dst[c] = __float2half(sm.o[warp][row][c] * inv);
}

}  // namespace

// Names must match attn_memeff::variants::wmma_kernel_name; build.rs
// instantiates one per padded head dim (variants::WMMA_DIMS).
#define VIT_ATTN_MEMEFF_WMMA_KERNEL(D)                                                                  \
    extern "C" __global__ void __launch_bounds__(kWarps * 32) vit_attn_memeff_wmma_f16_d##D(const VitAttnParams p) { \
        memeff_wmma_forward<D>(p);                                                                      \
    }
