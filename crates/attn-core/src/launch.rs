//! Launch helpers shared by the fused kernels: the grid over a pack of
//! sequences, and a device copy of a varlen pack's cu_seqlens.
use crate::device::GpuDevice;
use crate::problem::Sequences;
use cudarc::driver::{CudaSlice, DevicePtr, DriverError};

/// Grid (x, y) of a kernel whose blocks take `block_m` query rows of one
/// (sequence, head): x walks (sequence, row block), y the heads; the kernel
/// decodes x with `m_blocks = ceil(max_seqlen / block_m)`.
pub fn pack_grid(block_m: usize, max_seqlen: usize, num_seqs: usize, heads: usize) -> Result<(u32, u32), String> {
    let blocks = max_seqlen.div_ceil(block_m).checked_mul(num_seqs).filter(|&b| b <= i32::MAX as usize);
    let x = blocks.ok_or_else(|| format!("{num_seqs} sequences of up to {max_seqlen} tokens exceed the grid's 2^31 - 1 blocks"))?;
    if heads > 65535 {
        return Err(format!("{heads} heads exceed the grid's 65535 in y"));
    }
    Ok((x as u32, heads as u32))
}

/// A device buffer for cu_seqlens, grown as needed and reused across calls.
#[derive(Default)]
pub struct DeviceCuSeqlens {
    /// The buffer and its raw address (taken once: cudarc's per-access event
    /// tracking would otherwise cost every call).
    buf: Option<(CudaSlice<i32>, u64)>,
}

impl DeviceCuSeqlens {
    /// Enqueues the copy of a varlen pack's offsets on the device's stream and
    /// returns their device address; 0 for a fixed-length batch. Stream order
    /// keeps a kernel still reading the previous call's offsets safe.
    pub fn upload(&mut self, gpu: &GpuDevice, seqs: &Sequences) -> Result<u64, DriverError> {
        let Sequences::Varlen { cu_seqlens, .. } = *seqs else { return Ok(0) };
        if self.buf.as_ref().is_none_or(|(b, _)| b.len() < cu_seqlens.len()) {
            self.buf = None;
            // SAFETY: written below before any kernel reads it.
            let buf = unsafe { gpu.stream.alloc::<i32>(cu_seqlens.len().next_power_of_two()) }?;
            let ptr = buf.device_ptr(&gpu.stream).0;
            self.buf = Some((buf, ptr));
        }
        let ptr = self.buf.as_ref().expect("allocated above").1;
        // SAFETY: the buffer holds at least cu_seqlens.len() i32s; the driver
        // stages pageable host memory before returning.
        unsafe { cudarc::driver::result::memcpy_htod_async(ptr, cu_seqlens, gpu.stream.cu_stream()) }?;
        Ok(ptr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_covers_every_row_block_and_rejects_overflow() {
        assert_eq!(pack_grid(64, 65, 3, 16), Ok((6, 16)));
        assert_eq!(pack_grid(128, 1, 1, 1), Ok((1, 1)));
        assert!(pack_grid(64, 1 << 30, 1 << 20, 1).is_err());
        assert!(pack_grid(64, 64, 1, 70000).is_err());
    }
}
