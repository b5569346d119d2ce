// Device helpers shared by every backend's kernels.
#pragma once

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <stdint.h>

#include "vit_attn/params.h"

namespace vit_attn {

template <typename T> __device__ __forceinline__ T from_float(float x);
template <> __device__ __forceinline__ float from_float<float>(float x) { return x; }
template <> __device__ __forceinline__ __half from_float<__half>(float x) { return __float2half_rn(x); }
template <> __device__ __forceinline__ __nv_bfloat16 from_float<__nv_bfloat16>(float x) { return __float2bfloat16_rn(x); }

__device__ __forceinline__ float to_float(float x) { return x; }
__device__ __forceinline__ float to_float(__half x) { return __half2float(x); }
__device__ __forceinline__ float to_float(__nv_bfloat16 x) { return __bfloat162float(x); }

// exp2(from - to) with an empty partner (from = -inf) contributing nothing,
// so that merging two empty partial softmax states never makes a NaN.
__device__ __forceinline__ float rescale(float from, float to) {
    return from == -INFINITY ? 0.f : exp2f(from - to);
}

// Merges online-softmax states (max m, sum l of exp2(x - m)) across a warp.
__device__ __forceinline__ void warp_merge_softmax(float& m, float& l) {
#pragma unroll
    for (int off = 16; off > 0; off >>= 1) {
        const float m2 = __shfl_xor_sync(0xffffffffu, m, off);
        const float l2 = __shfl_xor_sync(0xffffffffu, l, off);
        const float mn = fmaxf(m, m2);
        l = l * rescale(m, mn) + l2 * rescale(m2, mn);
        m = mn;
    }
}

// The rows a block serves, decoded from blockIdx.x as attn_core::launch::
// pack_grid lays the grid out (x walks sequence-major over row blocks of
// `block_m`), with its sequence's first token and length.
struct SeqBlock {
    int seq, m0, start, len;
};

__device__ __forceinline__ SeqBlock seq_block(const VitAttnParams& p, int block_m) {
    const int m_blocks = (p.max_seqlen + block_m - 1) / block_m;
    SeqBlock b;
    b.seq = blockIdx.x / m_blocks;
    b.m0 = (blockIdx.x % m_blocks) * block_m;
    if (p.cu_seqlens != 0) {
        const int* cu = reinterpret_cast<const int*>(p.cu_seqlens);
        b.start = cu[b.seq];
        b.len = cu[b.seq + 1] - b.start;
    } else {
        b.start = b.seq * p.fixed_seqlen;
        b.len = p.fixed_seqlen;
    }
    return b;
}

}  // namespace vit_attn
