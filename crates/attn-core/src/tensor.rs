use crate::dtype::{DType, Element};
use half::{bf16, f16};
use std::marker::PhantomData;

/// Where element (token t, head h, e) of a `[tokens, heads, head_size]` view
/// lives: `offset + t * token_stride + h * head_stride + e` (in elements).
/// The last dimension is always contiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub offset: usize,
    pub token_stride: usize,
    pub head_stride: usize,
}

impl Layout {
    /// A dense `[tokens, heads, head_size]` tensor.
    pub fn contiguous(heads: usize, head_size: usize) -> Self {
        Layout { offset: 0, token_stride: heads * head_size, head_stride: head_size }
    }

    /// Views into one fused projection buffer `[tokens, heads + 2 * kv_heads, head_size]`
    /// (for plain multi-head attention that is `[tokens, 3, heads, head_size]`),
    /// read in place: returns the q, k and v layouts.
    pub fn fused_qkv(heads: usize, kv_heads: usize, head_size: usize) -> [Layout; 3] {
        let token_stride = (heads + 2 * kv_heads) * head_size;
        let at = |offset| Layout { offset, token_stride, head_stride: head_size };
        [at(0), at(heads * head_size), at((heads + kv_heads) * head_size)]
    }

    /// Index one past the last element the view touches for `tokens` tokens
    /// of `heads` heads, or None on overflow. Zero for an empty view.
    pub fn end(&self, tokens: usize, heads: usize, head_size: usize) -> Option<usize> {
        if tokens == 0 || heads == 0 || head_size == 0 {
            return Some(0);
        }
        let last = (tokens - 1)
            .checked_mul(self.token_stride)?
            .checked_add((heads - 1).checked_mul(self.head_stride)?)?;
        self.offset.checked_add(last)?.checked_add(head_size)
    }

    pub fn index(&self, token: usize, head: usize) -> usize {
        self.offset + token * self.token_stride + head * self.head_stride
    }
}

/// Host memory of one of the three dtypes.
#[derive(Clone, Copy, Debug)]
pub enum HostSlice<'a> {
    F16(&'a [f16]),
    BF16(&'a [bf16]),
    F32(&'a [f32]),
}

#[derive(Debug)]
pub enum HostSliceMut<'a> {
    F16(&'a mut [f16]),
    BF16(&'a mut [bf16]),
    F32(&'a mut [f32]),
}

/// Converts a typed host slice into its tagged form.
pub trait AsHostSlice: Element {
    fn host(s: &[Self]) -> HostSlice<'_>;
    fn host_mut(s: &mut [Self]) -> HostSliceMut<'_>;
}

macro_rules! as_host_slice {
    ($t:ty, $v:ident) => {
        impl AsHostSlice for $t {
            fn host(s: &[Self]) -> HostSlice<'_> {
                HostSlice::$v(s)
            }
            fn host_mut(s: &mut [Self]) -> HostSliceMut<'_> {
                HostSliceMut::$v(s)
            }
        }
    };
}
as_host_slice!(f16, F16);
as_host_slice!(bf16, BF16);
as_host_slice!(f32, F32);

impl HostSlice<'_> {
    pub fn dtype(&self) -> DType {
        match self {
            HostSlice::F16(_) => DType::F16,
            HostSlice::BF16(_) => DType::BF16,
            HostSlice::F32(_) => DType::F32,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            HostSlice::F16(s) => s.len(),
            HostSlice::BF16(s) => s.len(),
            HostSlice::F32(s) => s.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Address of the first element (for C ABIs that take raw pointers).
    pub fn addr(&self) -> u64 {
        match self {
            HostSlice::F16(s) => s.as_ptr() as u64,
            HostSlice::BF16(s) => s.as_ptr() as u64,
            HostSlice::F32(s) => s.as_ptr() as u64,
        }
    }
    /// Element `i` widened to f32.
    pub fn get_f32(&self, i: usize) -> f32 {
        match self {
            HostSlice::F16(s) => s[i].to_f32(),
            HostSlice::BF16(s) => s[i].to_f32(),
            HostSlice::F32(s) => s[i],
        }
    }
}

impl HostSliceMut<'_> {
    /// Address of the first element (for C ABIs that take raw pointers).
    pub fn addr(&mut self) -> u64 {
        match self {
            HostSliceMut::F16(s) => s.as_mut_ptr() as u64,
            HostSliceMut::BF16(s) => s.as_mut_ptr() as u64,
            HostSliceMut::F32(s) => s.as_mut_ptr() as u64,
        }
    }
    pub fn dtype(&self) -> DType {
        match self {
            HostSliceMut::F16(_) => DType::F16,
            HostSliceMut::BF16(_) => DType::BF16,
            HostSliceMut::F32(_) => DType::F32,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            HostSliceMut::F16(s) => s.len(),
            HostSliceMut::BF16(s) => s.len(),
            HostSliceMut::F32(s) => s.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A device allocation of `len` elements of `dtype` starting at `ptr`,
/// borrowed for `'a`. Build it from a cudarc slice, or from a raw pointer
/// (an engine's own allocator) with [`DevicePtr::from_raw`].
#[derive(Clone, Copy, Debug)]
pub struct DevicePtr<'a> {
    pub ptr: u64,
    pub len: usize,
    pub dtype: DType,
    _borrow: PhantomData<&'a ()>,
}

impl<'a> DevicePtr<'a> {
    /// # Safety
    /// `ptr` must be a device allocation of at least `len` elements of
    /// `dtype` in the handle's CUDA context, valid (and, for an output, not
    /// otherwise accessed) until the work enqueued on the handle's stream ends.
    pub unsafe fn from_raw(ptr: u64, len: usize, dtype: DType) -> Self {
        DevicePtr { ptr, len, dtype, _borrow: PhantomData }
    }

    /// Borrows a cudarc allocation. The caller keeps ordering between the
    /// slice's stream and the handle's stream (one stream needs nothing).
    pub fn from_cuda<T: Element + cudarc::driver::DeviceRepr>(s: &'a cudarc::driver::CudaSlice<T>) -> Self {
        use cudarc::driver::DevicePtr as _;
        let (ptr, _record) = s.device_ptr(s.stream());
        DevicePtr { ptr, len: s.len(), dtype: T::DTYPE, _borrow: PhantomData }
    }

    /// Like [`DevicePtr::from_cuda`] for an output.
    pub fn from_cuda_mut<T: Element + cudarc::driver::DeviceRepr>(s: &'a mut cudarc::driver::CudaSlice<T>) -> Self {
        use cudarc::driver::DevicePtrMut as _;
        let stream = s.stream().clone();
        let len = s.len();
        let (ptr, _record) = s.device_ptr_mut(&stream);
        DevicePtr { ptr, len, dtype: T::DTYPE, _borrow: PhantomData }
    }

    /// Byte range [start, end) of the view's elements, for overlap checks.
    pub(crate) fn byte_range(&self, first: usize, end: usize) -> (u64, u64) {
        let es = self.dtype.size_bytes() as u64;
        (self.ptr + first as u64 * es, self.ptr + end as u64 * es)
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Data<'a> {
    Host(HostSlice<'a>),
    Device(DevicePtr<'a>),
}

#[derive(Debug)]
pub enum DataMut<'a> {
    Host(HostSliceMut<'a>),
    Device(DevicePtr<'a>),
}

/// An input view: q, k or v.
#[derive(Clone, Copy, Debug)]
pub struct Tensor<'a> {
    pub data: Data<'a>,
    pub layout: Layout,
}

/// The output view.
#[derive(Debug)]
pub struct TensorMut<'a> {
    pub data: DataMut<'a>,
    pub layout: Layout,
}

impl<'a> Tensor<'a> {
    pub fn host<T: AsHostSlice>(s: &'a [T], layout: Layout) -> Self {
        Tensor { data: Data::Host(T::host(s)), layout }
    }
    pub fn device(p: DevicePtr<'a>, layout: Layout) -> Self {
        Tensor { data: Data::Device(p), layout }
    }
    pub fn dtype(&self) -> DType {
        match &self.data {
            Data::Host(h) => h.dtype(),
            Data::Device(d) => d.dtype,
        }
    }
    pub fn len(&self) -> usize {
        match &self.data {
            Data::Host(h) => h.len(),
            Data::Device(d) => d.len,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a> TensorMut<'a> {
    pub fn host<T: AsHostSlice>(s: &'a mut [T], layout: Layout) -> Self {
        TensorMut { data: DataMut::Host(T::host_mut(s)), layout }
    }
    pub fn device(p: DevicePtr<'a>, layout: Layout) -> Self {
        TensorMut { data: DataMut::Device(p), layout }
    }
    pub fn dtype(&self) -> DType {
        match &self.data {
            DataMut::Host(h) => h.dtype(),
            DataMut::Device(d) => d.dtype,
        }
    }
    pub fn len(&self) -> usize {
        match &self.data {
            DataMut::Host(h) => h.len(),
            DataMut::Device(d) => d.len,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

