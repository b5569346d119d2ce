//! Launching a kernel in thread-block clusters (cuLaunchKernelEx with a
//! cluster-dimension attribute), which cudarc's launch builder does not
//! offer, and how many such clusters fit on the device at once.
use cudarc::driver::sys::{self, CUlaunchAttribute, CUlaunchAttributeID, CUlaunchAttributeValue, CUlaunchConfig};
use cudarc::driver::{CudaFunction, CudaStream, DriverError};
use std::ffi::c_void;

/// A 1-D grid of `blocks` blocks (a multiple of `cluster`) in clusters of
/// `cluster` blocks; `cluster == 1` is a plain launch.
#[derive(Clone, Copy, Debug)]
pub struct ClusterLaunch {
    pub blocks: u32,
    pub cluster: u32,
    pub threads: u32,
    pub shared_mem_bytes: u32,
}

impl ClusterLaunch {
    fn config(&self, stream: &CudaStream, attr: &mut CUlaunchAttribute) -> CUlaunchConfig {
        *attr = CUlaunchAttribute {
            id: CUlaunchAttributeID::CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION,
            pad: [0; 4],
            value: CUlaunchAttributeValue {
                clusterDim: sys::CUlaunchAttributeValue_union__bindgen_ty_1 { x: self.cluster, y: 1, z: 1 },
            },
        };
        CUlaunchConfig {
            gridDimX: self.blocks,
            gridDimY: 1,
            gridDimZ: 1,
            blockDimX: self.threads,
            blockDimY: 1,
            blockDimZ: 1,
            sharedMemBytes: self.shared_mem_bytes,
            hStream: stream.cu_stream(),
            attrs: attr,
            numAttrs: u32::from(self.cluster > 1),
        }
    }

    /// Clusters of this launch's shape the device can hold at once.
    pub fn max_resident_clusters(&self, f: &CudaFunction, stream: &CudaStream) -> Result<u32, DriverError> {
        let mut attr = unsafe { std::mem::zeroed() };
        let cfg = self.config(stream, &mut attr);
        let mut clusters = 0;
        // SAFETY: cfg and its attribute outlive the call; the function is loaded.
        unsafe { sys::cuOccupancyMaxActiveClusters(&mut clusters, f.cu_function(), &cfg) }.result()?;
        Ok(clusters as u32)
    }

    /// # Safety
    /// `args` must point at values of the kernel's parameter types, in order,
    /// and the kernel must be safe to run on them.
    pub unsafe fn launch(&self, f: &CudaFunction, stream: &CudaStream, args: &mut [*mut c_void]) -> Result<(), DriverError> {
        let mut attr = std::mem::zeroed();
        let cfg = self.config(stream, &mut attr);
        sys::cuLaunchKernelEx(&cfg, f.cu_function(), args.as_mut_ptr(), std::ptr::null_mut()).result()
    }
}
