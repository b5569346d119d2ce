// Row softmax of the unfused path: scores (fp32, from the Q·Kᵀ GEMM) to
// probabilities in the input dtype (fed to the P·V GEMM). One warp per row:
// ViT rows are 256..16k long, so a warp has enough to stream and needs no
// block-wide barrier. Two passes: an online max/sum, then normalise and store;
// the second read of a row mostly hits L2.
#include "vit_attn/common.cuh"

namespace {

constexpr int kWarpsPerBlock = 8;

template <typename T>
__device__ void store4(T* dst, float a, float b, float c, float d) {
    dst[0] = vit_attn::from_float<T>(a);
    dst[1] = vit_attn::from_float<T>(b);
    dst[2] = vit_attn::from_float<T>(c);
    dst[3] = vit_attn::from_float<T>(d);
}

template <typename T>
__device__ void softmax_rows(const VitAttnSoftmaxParams& p) {
    const int64_t row = int64_t(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
    if (row >= p.rows) return;
    const int lane = threadIdx.x % 32;
    const int n = p.row_len;
    const float c = p.scale_log2;
    const float* s = reinterpret_cast<const float*>(p.scores) + row * p.scores_ld;
    T* out = reinterpret_cast<T*>(p.probs) + row * p.probs_ld;
    // float4 loads need 16-byte aligned rows; the host makes ld a multiple of 4 when it can.
    const bool vec = (n % 4 == 0) && (p.scores_ld % 4 == 0) && (p.probs_ld % 4 == 0);

    float m = -INFINITY, l = 0.f;
    if (vec) {
        const float4* s4 = reinterpret_cast<const float4*>(s);
        for (int i = lane; i < n / 4; i += 32) {
            const float4 x = s4[i];
            const float y0 = x.x * c, y1 = x.y * c, y2 = x.z * c, y3 = x.w * c;
            const float mn = fmaxf(m, fmaxf(fmaxf(y0, y1), fmaxf(y2, y3)));
            l = l * vit_attn::rescale(m, mn) + exp2f(y0 - mn) + exp2f(y1 - mn) + exp2f(y2 - mn) + exp2f(y3 - mn);
            m = mn;
        }
    } else {
        for (int i = lane; i < n; i += 32) {
            const float y = s[i] * c;
            const float mn = fmaxf(m, y);
            l = l * vit_attn::rescale(m, mn) + exp2f(y - mn);
            m = mn;
        }
    }
    vit_attn::warp_merge_softmax(m, l);
    const float inv = 1.f / l;

    if (vec) {
        const float4* s4 = reinterpret_cast<const float4*>(s);
        for (int i = lane; i < n / 4; i += 32) {
            const float4 x = s4[i];
            store4(out + 4 * i, exp2f(x.x * c - m) * inv, exp2f(x.y * c - m) * inv, exp2f(x.z * c - m) * inv,
                   exp2f(x.w * c - m) * inv);
        }
    } else {
        for (int i = lane; i < n; i += 32) out[i] = vit_attn::from_float<T>(exp2f(s[i] * c - m) * inv);
    }
}

}  // namespace

extern "C" __global__ void __launch_bounds__(kWarpsPerBlock * 32) vit_attn_softmax_f16(const VitAttnSoftmaxParams p) {
    softmax_rows<__half>(p);
}
extern "C" __global__ void __launch_bounds__(kWarpsPerBlock * 32) vit_attn_softmax_bf16(const VitAttnSoftmaxParams p) {
    softmax_rows<__nv_bfloat16>(p);
}
extern "C" __global__ void __launch_bounds__(kWarpsPerBlock * 32) vit_attn_softmax_f32(const VitAttnSoftmaxParams p) {
    softmax_rows<float>(p);
}
