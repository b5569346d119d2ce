//! CPU path: all cores, blocks of query rows against one head's keys and
//! values gathered once into f32, softmax in f32. A usable path for hosts
//! without a GPU (and the fallback of the umbrella binary), not a reference.
use attn_core::{AttentionForward, AttnError, Data, DataMut, Element, ForwardCall, HostSlice, HostSliceMut, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Query rows per work item: enough to amortise gathering K and V.
const ROWS_PER_ITEM: usize = 64;

pub struct CpuSdpa {
    threads: usize,
}

impl CpuSdpa {
    pub fn new() -> Self {
        CpuSdpa { threads: std::thread::available_parallelism().map_or(1, |n| n.get()) }
    }
}

/// The output pointer shared by the workers; validation guaranteed that no
/// two (token, head) rows overlap and each work item owns distinct rows.
#[derive(Clone, Copy)]
struct OutPtr<T>(*mut T);
unsafe impl<T> Send for OutPtr<T> {}
unsafe impl<T> Sync for OutPtr<T> {}

impl<T> OutPtr<T> {
    /// A method, not `.0`, so closures capture the Sync wrapper, not the raw pointer.
    fn at(self, offset: usize) -> *mut T {
        // SAFETY: callers pass validated in-bounds offsets.
        unsafe { self.0.add(offset) }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight independent sums so the loop vectorises.
    let mut acc = [0.0f32; 8];
    let (ac, bc) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ac.remainder().iter().zip(bc.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ac.zip(bc) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// What the workers need of the call besides the data.
struct Geometry<'a> {
    config: attn_core::AttentionConfig,
    seqs: attn_core::Sequences<'a>,
    scale: f32,
    layouts: [Layout; 4],
}

struct Item {
    start: usize,
    len: usize,
    head: usize,
    row0: usize,
    rows: usize,
}

#[allow(clippy::too_many_arguments)]
fn attention<T: Element>(geo: &Geometry, threads: usize, q: &[T], k: &[T], v: &[T], out: &mut [T]) {
    let cfg = geo.config;
    let (d, g) = (cfg.head_size, cfg.group_size());
    let [lq, lk, lv, out_layout] = geo.layouts;
    let items: Vec<Item> = geo
        .seqs
        .iter()
        .flat_map(|(start, len)| {
            (0..cfg.num_heads).flat_map(move |head| {
                (0..len).step_by(ROWS_PER_ITEM).map(move |row0| Item { start, len, head, row0, rows: ROWS_PER_ITEM.min(len - row0) })
            })
        })
        .collect();
    let next = AtomicUsize::new(0);
    let out_ptr = OutPtr(out.as_mut_ptr());
    let scale = geo.scale;
    let worker = || {
        let (mut kf, mut vf, mut qf, mut acc, mut p) = (Vec::new(), Vec::new(), vec![0.0f32; d], vec![0.0f32; d], Vec::new());
        let mut cached: Option<(usize, usize)> = None; // (sequence start, kv head) in kf/vf
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(it) = items.get(i) else { break };
            let kv = it.head / g;
            if cached != Some((it.start, kv)) {
                kf.clear();
                vf.clear();
                for t in it.start..it.start + it.len {
                    let (kb, vb) = (lk.index(t, kv), lv.index(t, kv));
                    kf.extend(k[kb..kb + d].iter().map(|x| x.to_f32()));
                    vf.extend(v[vb..vb + d].iter().map(|x| x.to_f32()));
                }
                p.resize(it.len, 0.0);
                cached = Some((it.start, kv));
            }
            for r in it.row0..it.row0 + it.rows {
                let t = it.start + r;
                let qb = lq.index(t, it.head);
                for (dst, x) in qf.iter_mut().zip(&q[qb..qb + d]) {
                    *dst = x.to_f32() * scale;
                }
                let mut m = f32::NEG_INFINITY;
                for (j, pj) in p.iter_mut().enumerate() {
                    *pj = dot(&qf, &kf[j * d..(j + 1) * d]);
                    m = m.max(*pj);
                }
                let mut sum = 0.0f32;
                acc.iter_mut().for_each(|a| *a = 0.0);
                for (j, pj) in p.iter().enumerate() {
                    let e = (pj - m).exp();
                    sum += e;
                    for (a, vv) in acc.iter_mut().zip(&vf[j * d..(j + 1) * d]) {
                        *a += e * vv;
                    }
                }
                let inv = 1.0 / sum;
                let ob = out_layout.index(t, it.head);
                // SAFETY: row (t, head) is written by this item only and lies in
                // bounds (validated extent); rows never overlap (validated strides).
                let row = unsafe { std::slice::from_raw_parts_mut(out_ptr.at(ob), d) };
                for (o, a) in row.iter_mut().zip(&acc) {
                    *o = T::from_f32(a * inv);
                }
            }
        }
    };
    let threads = threads.min(items.len()).max(1);
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(worker);
        }
        worker();
    });
}

impl AttentionForward for CpuSdpa {
    fn forward(&mut self, call: ForwardCall<'_>) -> Result<(), AttnError> {
        let fail = |m: &str| AttnError::Backend { backend: crate::NAME, message: m.to_string() };
        let ForwardCall { config, seqs, scale, q, k, v, out, .. } = call;
        let geo = Geometry { config, seqs, scale, layouts: [q.layout, k.layout, v.layout, out.layout] };
        let (Data::Host(q), Data::Host(k), Data::Host(v), DataMut::Host(out)) = (q.data, k.data, v.data, out.data) else {
            return Err(fail("device memory given to the CPU path"));
        };
        // Validation made all four the handle's dtype.
        let n = self.threads;
        match (q, k, v, out) {
            (HostSlice::F32(q), HostSlice::F32(k), HostSlice::F32(v), HostSliceMut::F32(o)) => attention(&geo, n, q, k, v, o),
            (HostSlice::F16(q), HostSlice::F16(k), HostSlice::F16(v), HostSliceMut::F16(o)) => attention(&geo, n, q, k, v, o),
            (HostSlice::BF16(q), HostSlice::BF16(k), HostSlice::BF16(v), HostSliceMut::BF16(o)) => attention(&geo, n, q, k, v, o),
            _ => return Err(fail("mixed dtypes reached the CPU path")),
        }
        Ok(())
    }
}
