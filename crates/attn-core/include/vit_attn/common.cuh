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

}  // namespace vit_attn
