/* Kernel parameters shared by every CUDA kernel of vit-attn and by Rust
 * (crates/attn-core/src/params_bindings.rs is generated from this file by
 * tools/gen-params; CI regenerates it and fails on any difference).
 * Plain C, fixed-width fields, no padding holes: the layout is the ABI. */
#ifndef VIT_ATTN_PARAMS_H
#define VIT_ATTN_PARAMS_H

#include <stdint.h>

#define VIT_ATTN_PARAMS_VERSION 1

enum VitAttnDType {
    VIT_ATTN_F16 = 0,
    VIT_ATTN_BF16 = 1,
    VIT_ATTN_F32 = 2,
};

/* One [tokens, heads, head_size] view: element (t, h, e) lives at
 * ptr + (t * token_stride + h * head_stride + e) * sizeof(element).
 * ptr already includes the view's offset. Strides count elements. */
typedef struct VitAttnTensor {
    uint64_t ptr;
    int64_t token_stride;
    int64_t head_stride;
} VitAttnTensor;

/* One non-causal attention call over a pack of sequences. Sequence i covers
 * tokens [cu_seqlens[i], cu_seqlens[i + 1]); for a fixed-length batch
 * cu_seqlens is 0 and sequence i covers [i * fixed_seqlen, (i + 1) * fixed_seqlen). */
typedef struct VitAttnParams {
    VitAttnTensor q;
    VitAttnTensor k;
    VitAttnTensor v;
    VitAttnTensor out;
    uint64_t cu_seqlens; /* device pointer to int32[num_seqs + 1], or 0 */
    int32_t num_seqs;
    int32_t fixed_seqlen;
    int32_t max_seqlen;
    int32_t total_tokens;
    int32_t num_heads;
    int32_t num_kv_heads;
    int32_t head_size;
    int32_t dtype; /* enum VitAttnDType */
    float scale;      /* softmax scale */
    float scale_log2; /* scale * log2(e): softmax runs on exp2 */
} VitAttnParams;

/* Row softmax of the unfused path: probs[r, c] = softmax_c(scores[r, :] * scale)
 * for rows [0, rows), scores fp32 with row pitch scores_ld, probs in `dtype`
 * with row pitch probs_ld (elements). */
typedef struct VitAttnSoftmaxParams {
    uint64_t scores;
    uint64_t probs;
    int64_t rows;
    int64_t scores_ld;
    int64_t probs_ld;
    int32_t row_len;
    float scale_log2;
} VitAttnSoftmaxParams;

#endif /* VIT_ATTN_PARAMS_H */
