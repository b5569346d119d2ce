// Hopper (sm_90a) building blocks: shared-memory matrix descriptors for
// wgmma and the fences and group waits around it, and stmatrix. The wgmma
// instructions themselves are generated per N (build_support::wgmma). Only
// valid in code compiled for sm_90a; callers guard with VIT_ATTN_SM90A.
#pragma once

#include "vit_attn/sm80.cuh"

#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900 && defined(__CUDA_ARCH_FEAT_SM90_ALL)
#define VIT_ATTN_SM90A 1
#else
#define VIT_ATTN_SM90A 0
#endif

namespace vit_attn::sm90 {

// Descriptor of a tile in the no-swizzle ("interleave") canonical layout:
// 8-row x 16-byte core matrices, each 128 contiguous bytes. `lbo`: bytes
// between core matrices adjacent along K (K-major) or along K too for an
// MN-major operand; `sbo`: bytes between core matrices adjacent along M/N.
// Addresses and offsets are in 16-byte units, 14 bits each.
__device__ __forceinline__ uint64_t smem_desc(uint32_t smem_byte_addr, uint32_t lbo, uint32_t sbo) {
    return uint64_t((smem_byte_addr >> 4) & 0x3FFF) | (uint64_t((lbo >> 4) & 0x3FFF) << 16) |
           (uint64_t((sbo >> 4) & 0x3FFF) << 32);
}

__device__ __forceinline__ void wgmma_fence() { asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory"); }
__device__ __forceinline__ void wgmma_commit() { asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"); }
template <int pending>
__device__ __forceinline__ void wgmma_wait() {
    asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(pending) : "memory");
}
// Stores four (two) 8x8 b16 matrices to shared memory, register j of each
// thread its fragment of matrix j (row lane / 4, columns 2 * (lane % 4) and
// + 1, an mma accumulator's layout); lane 8j + r gives the address of matrix
// j's row r.
__device__ __forceinline__ void stmatrix_x4(uint32_t addr, const uint32_t (&r)[4]) {
    asm volatile("stmatrix.sync.aligned.m8n8.x4.shared.b16 [%0], {%1, %2, %3, %4};\n" ::"r"(addr), "r"(r[0]), "r"(r[1]), "r"(r[2]),
                 "r"(r[3])
                 : "memory");
}
__device__ __forceinline__ void stmatrix_x2(uint32_t addr, const uint32_t (&r)[2]) {
    asm volatile("stmatrix.sync.aligned.m8n8.x2.shared.b16 [%0], {%1, %2};\n" ::"r"(addr), "r"(r[0]), "r"(r[1]) : "memory");
}
// Makes this thread's generic-proxy shared-memory writes (cp.async, plain
// stores) visible to wgmma and TMA stores, which read through the async proxy.
__device__ __forceinline__ void fence_proxy_async() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }

// A memory fence among this CTA's threads (MEMBAR.ALL.CTA), used as a point
// ptxas does not schedule instructions across.
__device__ __forceinline__ void fence_acq_rel_cta() { asm volatile("fence.acq_rel.cta;\n" ::: "memory"); }

// Keeps the compiler from moving accumulator reads or writes across the
// asynchronous MMAs (wgmma writes them behind its back).
template <int N>
__device__ __forceinline__ void fence_operands(float (&d)[N]) {
#pragma unroll
    for (int i = 0; i < N; ++i) asm volatile("" : "+f"(d[i])::"memory");
}
template <int N>
__device__ __forceinline__ void fence_operands(uint32_t (&d)[N]) {
#pragma unroll
    for (int i = 0; i < N; ++i) asm volatile("" : "+r"(d[i])::"memory");
}

}  // namespace vit_attn::sm90
