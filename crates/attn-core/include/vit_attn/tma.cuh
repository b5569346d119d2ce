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
// "empty" with the flipped parity of the consumers' "full". kCluster:
// acquire at cluster scope, for what another block released there.
#define VIT_ATTN_MBAR_TRY_WAIT(SEM) \
    "{\n.reg .pred p;\nmbarrier.try_wait.parity" SEM ".shared::cta.b64 p, [%1], %2;\nselp.u32 %0, 1, 0, p;\n}\n"
template <bool kCluster = false>
__device__ __forceinline__ void mbar_wait(uint64_t* bar, uint32_t phase) {
    const uint32_t addr = smem_addr(bar);
    uint32_t done = 0;
    while (!done) {
        if constexpr (kCluster) {
            asm volatile(VIT_ATTN_MBAR_TRY_WAIT(".acquire.cluster") : "=r"(done) : "r"(addr), "r"(phase) : "memory");
        } else {
            asm volatile(VIT_ATTN_MBAR_TRY_WAIT("") : "=r"(done) : "r"(addr), "r"(phase) : "memory");
        }
    }
}
#undef VIT_ATTN_MBAR_TRY_WAIT

// Programmatic dependent launch. A grid launched with programmatic stream
// serialisation may start while the kernel before it still runs: it must
// wait for that grid's completion (and its memory) before reading or
// writing global memory; without such a dependency the wait returns at
// once. Allowing dependents to launch early is always safe: they wait too.
__device__ __forceinline__ void grid_dependency_wait() { asm volatile("griddepcontrol.wait;\n" ::: "memory"); }
__device__ __forceinline__ void allow_dependents_launch() { asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory"); }

// Clusters (1-D here): a block's rank in its cluster, which cluster it is
// and how many there are. Volatile, so that each use reads the register
// again rather than keeping it live.
#define VIT_ATTN_SPECIAL_REGISTER(NAME, REG)                  \
    __device__ __forceinline__ uint32_t NAME() {              \
        uint32_t r;                                           \
        asm volatile("mov.u32 %0, %%" REG ";\n" : "=r"(r)); \
        return r;                                             \
    }
VIT_ATTN_SPECIAL_REGISTER(cluster_rank, "cluster_ctarank")
VIT_ATTN_SPECIAL_REGISTER(cluster_index, "clusterid.x")
VIT_ATTN_SPECIAL_REGISTER(cluster_count, "nclusterid.x")
#undef VIT_ATTN_SPECIAL_REGISTER

// Every thread of every block of the cluster, like __syncthreads (also
// orders the barrier initialisation before other blocks' arrivals).
// Not .aligned: threads of a warp may arrive apart.
__device__ __forceinline__ void cluster_sync() {
    asm volatile("barrier.cluster.arrive.release;\nbarrier.cluster.wait.acquire;\n" ::: "memory");
}

// The address of this shared-memory object in block `rank` of the cluster.
__device__ __forceinline__ uint32_t cluster_addr(const void* p, uint32_t rank) {
    uint32_t r;
    asm volatile("mapa.shared::cluster.u32 %0, %1, %2;\n" : "=r"(r) : "r"(smem_addr(p)), "r"(rank));
    return r;
}

// Arrivals on (and a store into) another block's shared memory, given a
// cluster_addr. A plain remote arrival releases at CTA scope only, as
// CUTLASS's cluster barriers do: enough where what it releases are reads
// already waited for (wgmma's). Releasing at cluster scope costs a
// MEMBAR.ALL.GPU (SASS), so only publications of data (kPublish) take that
// form.
template <bool kPublish>
__device__ __forceinline__ void mbar_arrive_remote(uint32_t bar) {
    if constexpr (kPublish) {
        asm volatile("mbarrier.arrive.release.cluster.shared::cluster.b64 _, [%0];\n" ::"r"(bar) : "memory");
    } else {
        asm volatile("mbarrier.arrive.shared::cluster.b64 _, [%0];\n" ::"r"(bar) : "memory");
    }
}
template <bool kPublish>
__device__ __forceinline__ void mbar_arrive_expect_tx_remote(uint32_t bar, uint32_t bytes) {
    if constexpr (kPublish) {
        asm volatile("mbarrier.arrive.expect_tx.release.cluster.shared::cluster.b64 _, [%0], %1;\n" ::"r"(bar), "r"(bytes) : "memory");
    } else {
        asm volatile("mbarrier.arrive.expect_tx.shared::cluster.b64 _, [%0], %1;\n" ::"r"(bar), "r"(bytes) : "memory");
    }
}
__device__ __forceinline__ void st_remote(uint32_t addr, int v) {
    asm volatile("st.shared::cluster.u32 [%0], %1;\n" ::"r"(addr), "r"(v) : "memory");
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

// The same box into the shared memory of every block of the cluster in
// `blocks` (bit i: rank i), at dst's offset, completing on the barrier at
// bar's offset in each: one read of L2 for all of them.
__device__ __forceinline__ void tma_load_3d_multicast(void* dst, const CUtensorMap& map, uint64_t* bar, int c0, int c1, int c2,
                                                      uint16_t blocks) {
    asm volatile(
        "cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes.multicast::cluster [%0], [%1, {%3, %4, %5}], [%2], %6;\n" ::"r"(
            smem_addr(dst)),
        "l"(reinterpret_cast<uint64_t>(&map)), "r"(smem_addr(bar)), "r"(c0), "r"(c1), "r"(c2), "h"(blocks)
        : "memory");
}

// Shared memory to box (c0, c1, c2) of a 3-D tensor map; elements past the
// map's extent are not written. Completion is tracked per thread in bulk
// groups (bulk_commit, then bulk_wait_read / bulk_wait). Every thread that
// wrote `src` with ordinary stores must have executed fence_proxy_async first.
__device__ __forceinline__ void tma_store_3d(const CUtensorMap& map, const void* src, int c0, int c1, int c2) {
    asm volatile("cp.async.bulk.tensor.3d.global.shared::cta.bulk_group [%0, {%2, %3, %4}], [%1];\n" ::"l"(
                     reinterpret_cast<uint64_t>(&map)),
                 "r"(smem_addr(src)), "r"(c0), "r"(c1), "r"(c2)
                 : "memory");
}
__device__ __forceinline__ void bulk_commit() { asm volatile("cp.async.bulk.commit_group;\n" ::: "memory"); }
// This thread's committed bulk copies have read their shared memory (it may be overwritten).
__device__ __forceinline__ void bulk_wait_read() { asm volatile("cp.async.bulk.wait_group.read 0;\n" ::: "memory"); }
// ... and have written global memory.
__device__ __forceinline__ void bulk_wait() { asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory"); }

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
// Barrier `id` over `threads` threads that also returns whether `pred` holds
// on all of them.
__device__ __forceinline__ bool named_barrier_all(int id, int threads, bool pred) {
    uint32_t all;
    asm volatile(
        "{\n .reg .pred p, q;\n setp.ne.u32 p, %1, 0;\n bar.red.and.pred q, %2, %3, p;\n selp.u32 %0, 1, 0, q;\n}\n"
        : "=r"(all)
        : "r"(uint32_t(pred)), "r"(id), "r"(threads)
        : "memory");
    return all != 0;
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

// The descriptor of the same layout `bytes` further on in shared memory. Only
// the start address (bits 0-13, in 16-byte units) changes, and as shared
// memory spans less than 256 KB it never carries into the next field: one
// 32-bit add of the low word, where a fresh descriptor takes a shift, a mask
// and a merge before each wgmma.
__device__ __forceinline__ uint64_t desc_advance(uint64_t desc, uint32_t bytes) {
    return (desc >> 32 << 32) | uint32_t(uint32_t(desc) + (bytes >> 4));
}

}  // namespace vit_attn::sm90
