//! Launching a kernel in thread-block clusters (cuLaunchKernelEx with a
//! cluster-dimension attribute), which cudarc's launch builder does not
//! offer, and how many such clusters fit on the device at once.
use cudarc::driver::sys::{self, CUlaunchAttribute, CUlaunchAttributeID, CUlaunchAttributeValue, CUlaunchConfig};
use cudarc::driver::{CudaFunction, CudaStream, DriverError};
use std::ffi::c_void;

/// A 1-D grid of `blocks` blocks (a multiple of `cluster`) in clusters of
/// `cluster` blocks (1: no cluster), launched with programmatic stream
/// serialisation where `overlap_previous` is set: the grid may start while
/// the kernel before it in the stream finishes, so the kernel must execute
/// `griddepcontrol.wait` before it touches global memory.
#[derive(Clone, Copy, Debug)]
pub struct ClusterLaunch {
    pub blocks: u32,
    pub cluster: u32,
    pub threads: u32,
    pub shared_mem_bytes: u32,
    pub overlap_previous: bool,
}

impl ClusterLaunch {
    fn config(&self, stream: sys::CUstream, attrs: &mut [CUlaunchAttribute; 2]) -> CUlaunchConfig {
        let mut n = 0;
        if self.cluster > 1 {
            attrs[n] = CUlaunchAttribute {
                id: CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION,
                pad: [0; 4],
                value: CUlaunchAttributeValue {
                    clusterDim: sys::CUlaunchAttributeValue_union__bindgen_ty_1 { x: self.cluster, y: 1, z: 1 },
                },
            };
            n += 1;
        }
        if self.overlap_previous {
            attrs[n] = CUlaunchAttribute {
                id: CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION,
                pad: [0; 4],
                value: CUlaunchAttributeValue { programmaticStreamSerializationAllowed: 1 },
            };
            n += 1;
        }
        CUlaunchConfig {
            gridDimX: self.blocks,
            gridDimY: 1,
            gridDimZ: 1,
            blockDimX: self.threads,
            blockDimY: 1,
            blockDimZ: 1,
            sharedMemBytes: self.shared_mem_bytes,
            hStream: stream,
            attrs: attrs.as_mut_ptr(),
            numAttrs: n as u32,
        }
    }

    /// Clusters of this launch's shape the device can hold at once.
    pub fn max_resident_clusters(&self, f: &CudaFunction, stream: &CudaStream) -> Result<u32, DriverError> {
        let mut attrs = unsafe { std::mem::zeroed() };
        let cfg = self.config(stream.cu_stream(), &mut attrs);
        let mut clusters = 0;
        // SAFETY: cfg and its attributes outlive the call; the function is loaded.
        unsafe { sys::cuOccupancyMaxActiveClusters(&mut clusters, f.cu_function(), &cfg) }.result()?;
        Ok(clusters as u32)
    }

    /// # Safety
    /// `args` must point at values of the kernel's parameter types, in order,
    /// and the kernel must be safe to run on them (with `overlap_previous`,
    /// it waits for the previous grid before touching global memory).
    pub unsafe fn launch(&self, f: &CudaFunction, stream: &CudaStream, args: &mut [*mut c_void]) -> Result<(), DriverError> {
        let mut attrs = std::mem::zeroed();
        let cfg = self.config(stream.cu_stream(), &mut attrs);
        sys::cuLaunchKernelEx(&cfg, f.cu_function(), args.as_mut_ptr(), std::ptr::null_mut()).result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute_ids(launch: ClusterLaunch) -> Vec<CUlaunchAttributeID> {
        let mut attrs = unsafe { std::mem::zeroed() };
        let cfg = launch.config(std::ptr::null_mut(), &mut attrs);
        attrs[..cfg.numAttrs as usize].iter().map(|a| a.id).collect()
    }

    #[test]
    fn a_cluster_attribute_only_for_clusters_and_overlap_only_when_asked() {
        let plain = ClusterLaunch { blocks: 132, cluster: 1, threads: 384, shared_mem_bytes: 0, overlap_previous: false };
        assert!(attribute_ids(plain).is_empty());
        let pairs = ClusterLaunch { blocks: 132, cluster: 2, overlap_previous: true, ..plain };
        assert_eq!(
            attribute_ids(pairs),
            [
                CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION,
                CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION
            ]
        );
        let mut attrs = unsafe { std::mem::zeroed() };
        let cfg = pairs.config(std::ptr::null_mut(), &mut attrs);
        assert_eq!((cfg.gridDimX, cfg.blockDimX), (132, 384));
        // SAFETY: the first attribute is the cluster dimension, written as such.
        let dim = unsafe { attrs[0].value.clusterDim };
        assert_eq!((dim.x, dim.y, dim.z), (2, 1, 1));
        let single_overlapped = ClusterLaunch { overlap_previous: true, ..plain };
        assert_eq!(attribute_ids(single_overlapped), [CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION]);
    }
}
