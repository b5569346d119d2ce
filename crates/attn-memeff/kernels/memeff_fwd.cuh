// Memory-efficient attention on CUDA cores (FMA), for what the tensor-core
// kernels do not take: f32, head sizes that are not multiples of 8, and GPUs
// older than Ampere. Nothing of size seq x seq touches global memory.
//
// One block = 4 warps x kRows query rows of one (sequence, head). The Q tile
// is converted to f32 once into shared memory; keys stream in tiles of 32
// (one per lane for Q·Kᵀ) and the head dim in chunks of 64 (two columns per
// lane for P·V), so shared memory stays under 48 KB on every GPU without an
// opt-in. Online softmax in fp32 with exp2 and the scale folded in. kDMax is
// the head size rounded up to a power of two >= 64; the real head size is a
// run-time value, every load and store is predicated on it.
#pragma once

#include "vit_attn/common.cuh"

namespace {

constexpr int kWarps = 4;
constexpr int kRows = 4;               // query rows per warp
constexpr int kBlockM = kWarps * kRows;
constexpr int kKeys = 32;              // keys per tile: one per lane
constexpr int kChunk = 64;             // head-dim columns per K/V chunk
constexpr int kChunkPitch = kChunk + 1;  // lane-indexed rows: no bank conflicts

template <int kDMax>
struct Smem {
    float q[kBlockM][kDMax];
    float kv[kKeys][kChunkPitch];
    float p[kWarps][kRows][kKeys];
};

// Loads chunk c of a 32-key K or V tile as f32, zero beyond the sequence and the head size.
template <typename T>
__device__ void load_kv_chunk(float (&dst)[kKeys][kChunkPitch], const T* base, int64_t token_stride, int keys,
                              int col0, int d) {
    for (int i = threadIdx.x; i < kKeys * kChunk; i += kWarps * 32) {
        const int r = i / kChunk, c = i % kChunk;
        const bool valid = r < keys && col0 + c < d;
        dst[r][c] = valid ? vit_attn::to_float(base[int64_t(r) * token_stride + col0 + c]) : 0.f;
    }
}

template <typename T, int kDMax>
__device__ void memeff_forward(const VitAttnParams& p) {
    __shared__ Smem<kDMax> sm;
    const vit_attn::SeqBlock blk = vit_attn::seq_block(p, kBlockM);
    const int m0 = blk.m0, start = blk.start, len = blk.len;
    const int head = blockIdx.y;
    if (m0 >= len) return;
    const int d = p.head_size;
    const int chunks = (d + kChunk - 1) / kChunk;
    const int kv_head = head / (p.num_heads / p.num_kv_heads);
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    const T* q = reinterpret_cast<const T*>(p.q.ptr) + int64_t(start + m0) * p.q.token_stride + int64_t(head) * p.q.head_stride;
    const T* k = reinterpret_cast<const T*>(p.k.ptr) + int64_t(start) * p.k.token_stride + int64_t(kv_head) * p.k.head_stride;
    const T* v = reinterpret_cast<const T*>(p.v.ptr) + int64_t(start) * p.v.token_stride + int64_t(kv_head) * p.v.head_stride;

    for (int i = threadIdx.x; i < kBlockM * kDMax; i += kWarps * 32) {
        const int r = i / kDMax, c = i % kDMax;
        sm.q[r][c] = (m0 + r < len && c < d) ? vit_attn::to_float(q[int64_t(r) * p.q.token_stride + c]) : 0.f;
    }

    // Lane l accumulates output columns c * 64 + l and c * 64 + 32 + l.
    float o[kRows][kDMax / 32];
    float row_max[kRows], row_sum[kRows];
#pragma unroll
    for (int r = 0; r < kRows; ++r) {
        row_max[r] = -INFINITY;
        row_sum[r] = 0.f;
#pragma unroll
        for (int j = 0; j < kDMax / 32; ++j) o[r][j] = 0.f;
    }

    for (int n0 = 0; n0 < len; n0 += kKeys) {
        const int keys = min(kKeys, len - n0);
        // S: lane = key.
        float s[kRows] = {};
        for (int c = 0; c < chunks; ++c) {
            __syncthreads();  // the previous chunk's readers are done
            load_kv_chunk<T>(sm.kv, k + int64_t(n0) * p.k.token_stride, p.k.token_stride, keys, c * kChunk, d);
            __syncthreads();
#pragma unroll 8
            for (int e = 0; e < kChunk; ++e) {
                const float kv = sm.kv[lane][e];
#pragma unroll
                for (int r = 0; r < kRows; ++r) s[r] += sm.q[warp * kRows + r][c * kChunk + e] * kv;
            }
        }
        // Online softmax across the warp (keys are lanes).
#pragma unroll
        for (int r = 0; r < kRows; ++r) {
            const float x = lane < keys ? s[r] * p.scale_log2 : -INFINITY;
            float mx = x;
#pragma unroll
            for (int off = 16; off > 0; off >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, off));
            const float m_new = fmaxf(row_max[r], mx);  // finite: every tile holds a real key
            const float alpha = vit_attn::rescale(row_max[r], m_new);
            const float pr = exp2f(x - m_new);
            float sum = pr;
#pragma unroll
            for (int off = 16; off > 0; off >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, off);
            row_max[r] = m_new;
            row_sum[r] = row_sum[r] * alpha + sum;
#pragma unroll
            for (int j = 0; j < kDMax / 32; ++j) o[r][j] *= alpha;
            sm.p[warp][r][lane] = pr;
        }
        // O += P V: lane = output column within the chunk.
#pragma unroll
        for (int c = 0; c < kDMax / kChunk; ++c) {
            if (c >= chunks) break;
            __syncthreads();
            load_kv_chunk<T>(sm.kv, v + int64_t(n0) * p.v.token_stride, p.v.token_stride, keys, c * kChunk, d);
            __syncthreads();
            for (int j = 0; j < keys; ++j) {
                const float v0 = sm.kv[j][lane], v1 = sm.kv[j][32 + lane];
#pragma unroll
                for (int r = 0; r < kRows; ++r) {
                    const float pj = sm.p[warp][r][j];
                    o[r][2 * c] += pj * v0;
                    o[r][2 * c + 1] += pj * v1;
                }
            }
        }
    }

    T* out = reinterpret_cast<T*>(p.out.ptr) + int64_t(start) * p.out.token_stride + int64_t(head) * p.out.head_stride;
#pragma unroll
    for (int r = 0; r < kRows; ++r) {
        const int row = m0 + warp * kRows + r;
        if (row >= len) continue;
        const float inv = row_sum[r] > 0.f ? 1.f / row_sum[r] : 0.f;
        T* dst = out + int64_t(row) * p.out.token_stride;
#pragma unroll
        for (int c = 0; c < kDMax / kChunk; ++c) {
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int col = c * kChunk + h * 32 + lane;
                if (col < d) dst[col] = vit_attn::from_float<T>(o[r][2 * c + h] * inv);
            }
        }
    }
}

}  // namespace

// Names must match attn_memeff::variants::kernel_name; build.rs instantiates
// one per head-dim bucket (variants::BUCKETS).
#define VIT_ATTN_MEMEFF_KERNEL(TNAME, T, DMAX)                                                          \
    extern "C" __global__ void __launch_bounds__(kWarps * 32) vit_attn_memeff_fwd_##TNAME##_d##DMAX( \
        const VitAttnParams p) {                                                                       \
        memeff_forward<T, DMAX>(p);                                                                    \
    }
#define VIT_ATTN_MEMEFF_KERNELS(DMAX)                    \
    VIT_ATTN_MEMEFF_KERNEL(f32, float, DMAX)             \
    VIT_ATTN_MEMEFF_KERNEL(f16, __half, DMAX)            \
    VIT_ATTN_MEMEFF_KERNEL(bf16, __nv_bfloat16, DMAX)

