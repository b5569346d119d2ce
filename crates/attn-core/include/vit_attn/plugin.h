/* Run-time plugin ABI of vit-attn (README "Adding a backend"). A plugin is a
 * shared library listed in VIT_ATTN_PLUGINS that exports the function named
 * VIT_ATTN_PLUGIN_ENTRY_SYMBOL: no arguments, returns a pointer to a table
 * that stays valid while the library is loaded (vit-attn never unloads it).
 * crates/attn-core/src/plugin_bindings.rs is generated from this file by
 * tools/gen-params; CI regenerates it and fails on any difference. */
#ifndef VIT_ATTN_PLUGIN_H
#define VIT_ATTN_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "vit_attn/params.h"

#define VIT_ATTN_PLUGIN_ABI_VERSION 1
/* The entry symbol's name carries the ABI version it speaks. */
#define VIT_ATTN_PLUGIN_ENTRY_SYMBOL "vit_attn_plugin_entry_v1"

enum VitAttnPluginDevice {
    VIT_ATTN_PLUGIN_CPU = 0,
    VIT_ATTN_PLUGIN_CUDA = 1,
};

/* Both functions may be called from any thread. Strings written into the
 * caller's buffers must be NUL-terminated and fit in the given length. */
typedef struct VitAttnPluginTable {
    uint32_t abi_version; /* VIT_ATTN_PLUGIN_ABI_VERSION */
    uint32_t priority;    /* higher wins; built-ins use 10 (sdpa) to 40 (fa-native) */
    const char* name;     /* NUL-terminated UTF-8, unique among all backends */
    /* 0 when the plugin serves head_size x dtype (enum VitAttnDType) on the
     * device (enum VitAttnPluginDevice; cc_major/cc_minor are -1 on the CPU);
     * otherwise a reason a user can act on, written into `reason`. */
    int32_t (*supports)(int32_t head_size, int32_t dtype, int32_t device, int32_t cc_major, int32_t cc_minor,
                        char* reason, size_t reason_len);
    /* One call, validated by vit-attn (shapes, strides, bounds, cu_seqlens).
     * params' pointers are host addresses on the CPU and device addresses on
     * CUDA, where the work is enqueued on `stream` (a CUstream; the device's
     * context is current) without synchronizing. params->cu_seqlens is 0;
     * host_cu_seqlens holds the num_seqs + 1 offsets of a varlen pack, or is
     * NULL for a fixed-length batch. 0 when done; otherwise the call fails
     * with the message written into `error`. */
    int32_t (*forward)(const VitAttnParams* params, const int32_t* host_cu_seqlens, int32_t device, uint64_t stream,
                       char* error, size_t error_len);
} VitAttnPluginTable;

typedef const VitAttnPluginTable* (*VitAttnPluginEntry)(void);

#endif /* VIT_ATTN_PLUGIN_H */
