// Hopper (sm_90a) data movement and warp specialisation: mbarriers, the bulk
// tensor copy engine (TMA), register reallocation between warpgroups and
// named barriers. Only valid in code compiled for sm_90a (VIT_ATTN_SM90A).
#pragma once

#include <cuda.h>  // CUtensorMap

#include "vit_attn/sm90.cuh"

namespace vit_attn::sm90 {

using vit_attn::sm80::smem_addr;

__device__ __forceinline__ void mbar_init(uint64_t* bar, uint32_t arrivals) {
    asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(smem_addr(bar)), "r"(arrivals) : "memory");
}

// Makes initialised mbarriers visible to the other threads and to the TMA unit.
__device__ __forceinline__ void fence_barrier_init() { asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory"); }

// One arrival that also announces `bytes` of TMA data the phase must wait for.
__device__ __forceinline__ void mbar_arrive_expect_tx(uint64_t* bar, uint32_t bytes) {
    asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" ::"r"(smem_addr(bar)), "r"(bytes) : "memory");
}

__device__ __forceinline__ void mbar_arrive(uint64_t* bar) {
    asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" ::"r"(smem_addr(bar)) : "memory");
}

// Waits until the phase of parity `phase` has completed. A fresh barrier is
// in phase 0, so waiting for parity 1 returns at once: producers wait for
// "empty" with the flipped parity of the consumers' "full".
__device__ __forceinline__ void mbar_wait(uint64_t* bar, uint32_t phase) {
    const uint32_t addr = smem_addr(bar);
    uint32_t done = 0;
    while (!done) {
        asm volatile(
            "{\n.reg .pred p;\nmbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2;\nselp.u32 %0, 1, 0, p;\n}\n"
            : "=r"(done)
            : "r"(addr), "r"(phase)
            : "memory");
    }
}

// Box (c0, c1, c2) of a 3-D tensor map into shared memory; completion is
// counted in bytes on `bar`. The map lives in kernel parameter space
// (__grid_constant__), addressed generically.
__device__ __forceinline__ void tma_load_3d(void* dst, const CUtensorMap& map, uint64_t* bar, int c0, int c1, int c2) {
    asm volatile(
        "cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes [%0], [%1, {%3, %4, %5}], [%2];\n" ::"r"(
            smem_addr(dst)),
        "l"(reinterpret_cast<uint64_t>(&map)), "r"(smem_addr(bar)), "r"(c0), "r"(c1), "r"(c2)
        : "memory");
}

__device__ __forceinline__ void prefetch_tensor_map(const CUtensorMap& map) {
    asm volatile("prefetch.tensormap [%0];\n" ::"l"(reinterpret_cast<uint64_t>(&map)) : "memory");
}

// Hands registers from the producer warpgroup to the consumers (all threads
// of a warpgroup execute it together).
template <int kRegs>
__device__ __forceinline__ void setmaxnreg_dec() {
    asm volatile("setmaxnreg.dec.sync.aligned.u32 %0;\n" ::"n"(kRegs));
}
template <int kRegs>
__device__ __forceinline__ void setmaxnreg_inc() {
    asm volatile("setmaxnreg.inc.sync.aligned.u32 %0;\n" ::"n"(kRegs));
}

// Barrier `id` (1..15; 0 is __syncthreads) over `threads` threads.
__device__ __forceinline__ void named_barrier_sync(int id, int threads) {
    asm volatile("bar.sync %0, %1;\n" ::"r"(id), "r"(threads) : "memory");
}
__device__ __forceinline__ void named_barrier_arrive(int id, int threads) {
    asm volatile("bar.arrive %0, %1;\n" ::"r"(id), "r"(threads) : "memory");
}

// wgmma descriptor layout types (bits 62-63).
enum class Swizzle : uint64_t { None = 0, B128 = 1, B64 = 2, B32 = 3 };

// Descriptor of a tile TMA wrote with 128- or 64-byte swizzling: `lbo`/`sbo`
// as in smem_desc (for K-major swizzled operands only sbo, the stride between
// 8-row groups, matters). The tile must start on a 1024-byte boundary for the
// swizzle phase (base offset 0) to hold.
__device__ __forceinline__ uint64_t smem_desc_swizzled(uint32_t smem_byte_addr, uint32_t lbo, uint32_t sbo, Swizzle sw) {
    return smem_desc(smem_byte_addr, lbo, sbo) | (uint64_t(sw) << 62);
}

}  // namespace vit_attn::sm90
