//! Inputs and outputs of one case: random host data in the case's dtype,
//! device copies, poisoned outputs.
use super::cases::{Case, QkvLayout};
use attn_core::{DType, DevicePtr, GpuDevice, HostSlice, HostSliceMut, Layout, Tensor, TensorMut};
use cudarc::driver::CudaSlice;
use half::{bf16, f16};

/// splitmix64: small, seedable, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// A seed that differs on every run: checks draw fresh inputs each time.
    pub fn fresh_seed() -> u64 {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        t ^ (std::process::id() as u64) << 32
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    /// Standard normal (Box-Muller).
    pub fn normal(&mut self) -> f32 {
        ((-2.0 * self.uniform().ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()) as f32
    }
}

/// A host buffer of one dtype.
#[derive(Clone)]
pub enum HostBuf {
    F16(Vec<f16>),
    BF16(Vec<bf16>),
    F32(Vec<f32>),
}

/// Chunks of random data are drawn in parallel, each from its own seed taken
/// from the caller's generator: the result depends on the seed only, not on
/// the thread count (the BENCH.md grid draws billions of values).
const RANDOM_CHUNK: usize = 1 << 18;

fn normal_f32(len: usize, rng: &mut Rng) -> Vec<f32> {
    let mut v = vec![0f32; len];
    let jobs: Vec<(u64, &mut [f32])> = v.chunks_mut(RANDOM_CHUNK).map(|c| (rng.next_u64(), c)).collect();
    let jobs = std::sync::Mutex::new(jobs);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(len.div_ceil(RANDOM_CHUNK)).max(1);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some((seed, chunk)) = jobs.lock().expect("no panics while held").pop() {
                    let mut r = Rng::new(seed);
                    chunk.iter_mut().for_each(|x| *x = r.normal());
                }
            });
        }
    });
    v
}

impl HostBuf {
    pub fn random(dtype: DType, len: usize, rng: &mut Rng) -> Self {
        let v = normal_f32(len, rng);
        match dtype {
            DType::F16 => HostBuf::F16(v.into_iter().map(f16::from_f32).collect()),
            DType::BF16 => HostBuf::BF16(v.into_iter().map(bf16::from_f32).collect()),
            DType::F32 => HostBuf::F32(v),
        }
    }
    /// NaN everywhere: an element a backend fails to write stays non-finite.
    pub fn poison(dtype: DType, len: usize) -> Self {
        match dtype {
            DType::F16 => HostBuf::F16(vec![f16::NAN; len]),
            DType::BF16 => HostBuf::BF16(vec![bf16::NAN; len]),
            DType::F32 => HostBuf::F32(vec![f32::NAN; len]),
        }
    }
    pub fn len(&self) -> usize {
        self.slice().len()
    }
    pub fn set(&mut self, i: usize, x: f32) {
        match self {
            HostBuf::F16(v) => v[i] = f16::from_f32(x),
            HostBuf::BF16(v) => v[i] = bf16::from_f32(x),
            HostBuf::F32(v) => v[i] = x,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn slice(&self) -> HostSlice<'_> {
        match self {
            HostBuf::F16(v) => HostSlice::F16(v),
            HostBuf::BF16(v) => HostSlice::BF16(v),
            HostBuf::F32(v) => HostSlice::F32(v),
        }
    }
    pub fn slice_mut(&mut self) -> HostSliceMut<'_> {
        match self {
            HostBuf::F16(v) => HostSliceMut::F16(v),
            HostBuf::BF16(v) => HostSliceMut::BF16(v),
            HostBuf::F32(v) => HostSliceMut::F32(v),
        }
    }
    pub fn bytes(&self) -> usize {
        self.len() * self.slice().dtype().size_bytes()
    }
}

/// A device buffer of one dtype.
pub enum DevBuf {
    F16(CudaSlice<f16>),
    BF16(CudaSlice<bf16>),
    F32(CudaSlice<f32>),
}

impl DevBuf {
    pub fn upload(gpu: &GpuDevice, h: &HostBuf) -> Result<Self, cudarc::driver::DriverError> {
        let s = &gpu.stream;
        Ok(match h {
            HostBuf::F16(v) => DevBuf::F16(s.clone_htod(v)?),
            HostBuf::BF16(v) => DevBuf::BF16(s.clone_htod(v)?),
            HostBuf::F32(v) => DevBuf::F32(s.clone_htod(v)?),
        })
    }
    pub fn download(&self, gpu: &GpuDevice, h: &mut HostBuf) -> Result<(), cudarc::driver::DriverError> {
        let s = &gpu.stream;
        match (self, h) {
            (DevBuf::F16(d), HostBuf::F16(v)) => s.memcpy_dtoh(d, v),
            (DevBuf::BF16(d), HostBuf::BF16(v)) => s.memcpy_dtoh(d, v),
            (DevBuf::F32(d), HostBuf::F32(v)) => s.memcpy_dtoh(d, v),
            _ => unreachable!("download is only called with the buffer's own dtype"),
        }
    }
    pub fn ptr(&self) -> DevicePtr<'_> {
        match self {
            DevBuf::F16(d) => DevicePtr::from_cuda(d),
            DevBuf::BF16(d) => DevicePtr::from_cuda(d),
            DevBuf::F32(d) => DevicePtr::from_cuda(d),
        }
    }
}

/// Where q, k and v live in a case's input buffers: one fused buffer, or three.
pub struct InputLayout {
    /// Element count of each buffer (1 for fused, 3 for separate).
    pub buffer_lens: Vec<usize>,
    /// (buffer index, layout) of q, k, v.
    pub views: [(usize, Layout); 3],
    pub out_len: usize,
    pub out: Layout,
}

impl InputLayout {
    pub fn of(case: &Case) -> Self {
        let (h, hkv, d, t) = (case.heads, case.kv_heads, case.head_size, case.total_tokens());
        let (buffer_lens, views) = match case.layout {
            QkvLayout::Fused => {
                let [lq, lk, lv] = Layout::fused_qkv(h, hkv, d);
                (vec![t * (h + 2 * hkv) * d], [(0, lq), (0, lk), (0, lv)])
            }
            QkvLayout::Separate => (
                vec![t * h * d, t * hkv * d, t * hkv * d],
                [(0, Layout::contiguous(h, d)), (1, Layout::contiguous(hkv, d)), (2, Layout::contiguous(hkv, d))],
            ),
            QkvLayout::Unaligned => {
                let odd = |n: usize| Layout { offset: 1, token_stride: n * d + 1, head_stride: d };
                let len = |n: usize| 1 + t * (n * d + 1);
                (vec![len(h), len(hkv), len(hkv)], [(0, odd(h)), (1, odd(hkv)), (2, odd(hkv))])
            }
        };
        // A padded output checks that strides are honoured and nothing lands in the gaps.
        let out = match (case.layout, case.padded_out) {
            (QkvLayout::Unaligned, _) => Layout { offset: 1, token_stride: h * d + 1, head_stride: d },
            (_, true) => Layout { offset: 8, token_stride: h * (d + 8) + 16, head_stride: d + 8 },
            (_, false) => Layout::contiguous(h, d),
        };
        let out_len = out.end(t, h, d).unwrap_or(0) + if case.padded_out || case.layout == QkvLayout::Unaligned { 8 } else { 0 };
        InputLayout { buffer_lens, views, out_len, out }
    }

    pub fn host_tensors<'a>(&self, bufs: &'a [HostBuf]) -> [Tensor<'a>; 3] {
        self.views.map(|(b, l)| Tensor { data: attn_core::Data::Host(bufs[b].slice()), layout: l })
    }

    pub fn device_tensors<'a>(&self, bufs: &'a [DevBuf]) -> [Tensor<'a>; 3] {
        self.views.map(|(b, l)| Tensor::device(bufs[b].ptr(), l))
    }

    pub fn host_out<'a>(&self, out: &'a mut HostBuf) -> TensorMut<'a> {
        TensorMut { data: attn_core::DataMut::Host(out.slice_mut()), layout: self.out }
    }

    pub fn device_out<'a>(&self, out: &'a mut DevBuf) -> TensorMut<'a> {
        let p = match out {
            DevBuf::F16(d) => DevicePtr::from_cuda_mut(d),
            DevBuf::BF16(d) => DevicePtr::from_cuda_mut(d),
            DevBuf::F32(d) => DevicePtr::from_cuda_mut(d),
        };
        TensorMut::device(p, self.out)
    }

    /// Output elements outside the view that no longer hold the poison: out-of-view writes.
    pub fn writes_outside_view(&self, out: &HostBuf, case: &Case) -> usize {
        let s = out.slice();
        let mut inside = vec![false; s.len()];
        for t in 0..case.total_tokens() {
            for h in 0..case.heads {
                let b = self.out.index(t, h);
                inside[b..b + case.head_size].iter_mut().for_each(|x| *x = true);
            }
        }
        (0..s.len()).filter(|&i| !inside[i] && !s.get_f32(i).is_nan()).count()
    }
}
