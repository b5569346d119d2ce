// The second kernel of a tail split (KvSplitArgs in fa_fwd_tma_sm90.cuh):
// the rows of every tail tile cut in pieces, merged from the pieces'
// partial outputs and stored. It runs after the forward kernel in stream
// order, so the pieces need no count of arrivals nor any wait on each
// other (an in-kernel merge by the last piece to arrive failed checks under
// compute-sanitizer, whose timing made early pieces last: H100 run s16-3).
//
// One block per tail tile and consumer warpgroup (block t * kConsumers +
// cw), 128 threads, each the forward kernel's thread of the same index in
// that warpgroup: it reads
// the float4s that thread left in each piece's slot, so it holds the same
// rows and columns, and stores them with the same helpers.
#pragma once

namespace vit_attn::fa_tma {

template <typename T, int kD, int kRows, int kBlockN, int kConsumers>
__device__ void combine_pieces(const VitAttnParams& p, const KvSplitArgs& kv) {
#if VIT_ATTN_SM90A
    grid_dependency_wait();  // the forward kernel's pieces are written
    const int t = blockIdx.x / kConsumers, cw = blockIdx.x % kConsumers;
    const int nb = (p.max_seqlen + kBlockN - 1) / kBlockN;
    int first_item;
    const int pieces = tail_tile_pieces(kv, t, nb, first_item);
    if (pieces < 2) return;  // stored by the forward kernel
    TileCoord c;
    tile_coord<kRows, kBlockN>(p, kv.whole_tiles + t, (p.max_seqlen + kRows - 1) / kRows, c);
    const int row0 = c.m0 + cw * 64;
    if (row0 >= c.len) return;
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    auto slot = [&](int q) {
        return kv_split_slot<kD, kConsumers>(kv, piece_slot_index(first_item + q, t), cw) + threadIdx.x;
    };
    float m[2] = {-INFINITY, -INFINITY};
    for (int q = 0; q < pieces; ++q) {
        const float4 st = __ldcg(slot(q));
        m[0] = fmaxf(m[0], st.x);
        m[1] = fmaxf(m[1], st.y);
    }
    float o[kD / 8][4] = {};
    float l[2] = {0.f, 0.f};
    for (int q = 0; q < pieces; ++q) {
        const float4* at = slot(q);
        const float4 st = __ldcg(at);
        const float a0 = exp2f(st.x - m[0]), a1 = exp2f(st.y - m[1]);
        l[0] += st.z * a0;
        l[1] += st.w * a1;
#pragma unroll
        for (int n = 0; n < kD / 8; ++n) {
            const float4 v = __ldcg(at + (n + 1) * 128);
            o[n][0] += v.x * a0, o[n][1] += v.y * a0, o[n][2] += v.z * a1, o[n][3] += v.w * a1;
        }
    }
    T* out = reinterpret_cast<T*>(p.out.ptr) + int64_t(c.start) * p.out.token_stride + int64_t(c.head) * p.out.head_stride;
    const bool out_pairs = (p.out.ptr % 4 == 0) && (p.out.token_stride % 2 == 0) && (p.out.head_stride % 2 == 0);
    fa::store_o_tile<T, kD / 8>(out, p.out.token_stride, out_pairs, o, l, row0 + warp * 16, c.len, kD, lane);
#else
    __trap();  // launched after the sm_90a forward kernel only
#endif
}

}  // namespace vit_attn::fa_tma
