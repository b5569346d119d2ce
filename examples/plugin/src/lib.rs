//! An example run-time plugin: a straightforward CPU attention (f32 math,
//! f32/f16/bf16 storage, head sizes up to 256) behind the C ABI of
//! `include/vit_attn/plugin.h`. Everything a plugin needs is here: one
//! exported entry function returning a static table, `supports` answering
//! with a reason, and `forward` over the same `VitAttnParams` as the CUDA
//! kernels. Panics never cross the C boundary.
//!
//! ```sh
//! cargo build -p vit-attn-example-plugin
//! VIT_ATTN_PLUGINS=target/debug/libvit_attn_example_plugin.so vit-attn select --head-size 72 --dtype f32 --cc cpu
//! ```
use attn_core::params::VitAttnParams;
use attn_core::plugin::abi::{VitAttnPluginDevice, VitAttnPluginTable, VIT_ATTN_PLUGIN_ABI_VERSION};
use half::{bf16, f16};
use std::ffi::c_char;

pub const NAME: &std::ffi::CStr = c"example-cpu-plugin";
/// Above sdpa (10), so that it is chosen on the CPU where it serves.
pub const PRIORITY: u32 = 15;
const MAX_HEAD_SIZE: i32 = 256;

/// The table is immutable and its functions are thread-safe.
struct Table(VitAttnPluginTable);
// SAFETY: the only pointer in it is to a 'static C string literal.
unsafe impl Sync for Table {}

static TABLE: Table = Table(VitAttnPluginTable {
    abi_version: VIT_ATTN_PLUGIN_ABI_VERSION,
    priority: PRIORITY,
    name: NAME.as_ptr(),
    supports: Some(supports),
    forward: Some(forward),
});

/// The entry vit-attn looks up (`VIT_ATTN_PLUGIN_ENTRY_SYMBOL`).
#[no_mangle]
pub extern "C" fn vit_attn_plugin_entry_v1() -> *const VitAttnPluginTable {
    &TABLE.0
}

/// Copies `msg` into a C buffer, truncated and NUL-terminated.
fn write_message(buf: *mut c_char, len: usize, msg: &str) {
    if buf.is_null() || len == 0 {
        return;
    }
    let n = msg.len().min(len - 1);
    // SAFETY: the caller gave a writable buffer of `len` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(msg.as_ptr(), buf.cast::<u8>(), n);
        *buf.add(n) = 0;
    }
}

fn why_not(head_size: i32, dtype: i32, device: i32) -> Option<String> {
    if device != VitAttnPluginDevice::VIT_ATTN_PLUGIN_CPU as i32 {
        return Some("the example plugin runs on the CPU only".into());
    }
    if !(1..=MAX_HEAD_SIZE).contains(&head_size) {
        return Some(format!("head_size {head_size} is outside the example plugin's 1..={MAX_HEAD_SIZE}"));
    }
    if !(0..=2).contains(&dtype) {
        return Some(format!("unknown dtype code {dtype}"));
    }
    None
}

unsafe extern "C" fn supports(
    head_size: i32,
    dtype: i32,
    device: i32,
    _cc_major: i32,
    _cc_minor: i32,
    reason: *mut c_char,
    reason_len: usize,
) -> i32 {
    match why_not(head_size, dtype, device) {
        None => 0,
        Some(why) => {
            write_message(reason, reason_len, &why);
            1
        }
    }
}

unsafe extern "C" fn forward(
    params: *const VitAttnParams,
    host_cu_seqlens: *const i32,
    device: i32,
    _stream: u64,
    error: *mut c_char,
    error_len: usize,
) -> i32 {
    let run = std::panic::catch_unwind(|| {
        // SAFETY: vit-attn passes a valid params struct for the duration of the call.
        let p = unsafe { params.as_ref() }.ok_or("null params")?;
        if let Some(why) = why_not(p.head_size, p.dtype, device) {
            return Err(why);
        }
        // SAFETY: vit-attn validated every view against its buffer and gives
        // num_seqs + 1 offsets for a varlen pack.
        unsafe { attention(p, host_cu_seqlens) };
        Ok(())
    });
    let failure = match run {
        Ok(Ok(())) => return 0,
        Ok(Err(why)) => why,
        Err(_) => "the example plugin panicked".to_string(),
    };
    write_message(error, error_len, &failure);
    1
}

/// Reads element (token, head, e) of a view as f32.
unsafe fn load(dtype: i32, base: u64, offset: i64) -> f32 {
    match dtype {
        0 => (*(base as *const f16).offset(offset as isize)).to_f32(),
        1 => (*(base as *const bf16).offset(offset as isize)).to_f32(),
        _ => *(base as *const f32).offset(offset as isize),
    }
}

unsafe fn store(dtype: i32, base: u64, offset: i64, x: f32) {
    match dtype {
        0 => *(base as *mut f16).offset(offset as isize) = f16::from_f32(x),
        1 => *(base as *mut bf16).offset(offset as isize) = bf16::from_f32(x),
        _ => *(base as *mut f32).offset(offset as isize) = x,
    }
}

/// out = softmax(scale q kᵀ) v per sequence and head, one query row at a time.
unsafe fn attention(p: &VitAttnParams, cu: *const i32) {
    let d = p.head_size as i64;
    let group = (p.num_heads / p.num_kv_heads) as i64;
    let mut scores = vec![0f32; p.max_seqlen.max(0) as usize];
    let mut acc = vec![0f32; d as usize];
    for s in 0..p.num_seqs as i64 {
        let (start, len) = if cu.is_null() {
            (s * p.fixed_seqlen as i64, p.fixed_seqlen as i64)
        } else {
            let a = *cu.offset(s as isize) as i64;
            (a, *cu.offset(s as isize + 1) as i64 - a)
        };
        for h in 0..p.num_heads as i64 {
            let kvh = h / group;
            for i in start..start + len {
                let q_at = i * p.q.token_stride + h * p.q.head_stride;
                let mut max = f32::NEG_INFINITY;
                for (j, score) in (start..start + len).zip(scores.iter_mut()) {
                    let k_at = j * p.k.token_stride + kvh * p.k.head_stride;
                    let dot: f32 = (0..d).map(|e| load(p.dtype, p.q.ptr, q_at + e) * load(p.dtype, p.k.ptr, k_at + e)).sum();
                    *score = dot * p.scale;
                    max = max.max(*score);
                }
                acc.iter_mut().for_each(|a| *a = 0.0);
                let mut sum = 0f32;
                for (j, score) in (start..start + len).zip(scores.iter()) {
                    let w = (score - max).exp();
                    sum += w;
                    let v_at = j * p.v.token_stride + kvh * p.v.head_stride;
                    for (e, a) in acc.iter_mut().enumerate() {
                        *a += w * load(p.dtype, p.v.ptr, v_at + e as i64);
                    }
                }
                let o_at = i * p.out.token_stride + h * p.out.head_stride;
                for (e, a) in acc.iter().enumerate() {
                    store(p.dtype, p.out.ptr, o_at + e as i64, a / sum);
                }
            }
        }
    }
}
