//! `vit-attn bench`: time each backend on BENCH.md's grid or the given shapes.
//!
//! GPU time per call: CUDA events around 20 back-to-back calls (rotating over
//! 4 input sets so L2 does not hold them), median of 20 such trials after 3
//! warm-up trials, spread = (max - min) / 2 of the trials: the counts of
//! torch_sdpa_baseline.py's graph mode, so that both run as long. Eager
//! per-call time: events around one call followed by a synchronize, as a
//! caller sees it (host overhead included), median of 30. Host time: wall
//! time to enqueue one call.
use super::cases::CaseArgs;
use crate::harness::{bench_grid, cpu_bench_grid, Case, DevBuf, HostBuf, Prepared, Rng, SeqShape};
use super::{bind, devices, Target};
use attn_core::reference::{attention_rows_f64, compare_rows};
use attn_core::{Attention, AttnError, DType, Device, GpuDevice, Tensor, TensorMut};
use serde::Serialize;
use std::time::Instant;

#[derive(Serialize)]
struct Row {
    device: String,
    backend: String,
    shape: String,
    dtype: String,
    gpu_us: Option<f64>,
    gpu_spread_us: Option<f64>,
    eager_us: f64,
    host_us: f64,
    tokens_per_s: f64,
    tflops: f64,
    pct_peak: Option<f64>,
    rel_err_sampled: f64,
}

/// Dense f16/bf16 tensor-core peak from the datasheet, by GPU name.
fn datasheet_peak(name: &str) -> Option<f64> {
    [("H100", 989.4), ("H200", 989.4), ("H800", 989.4), ("A100", 312.0), ("L40S", 362.0), ("L4", 121.0), ("A10", 125.0)]
        .iter()
        .find(|(k, _)| name.contains(k))
        .map(|&(_, v)| v)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Rows spread over the pack and the heads, for the sampled correctness check.
fn sample_rows(case: &Case, n: usize, rng: &mut Rng) -> Vec<(usize, usize)> {
    let t = case.total_tokens() as u64;
    (0..n).map(|_| ((rng.next_u64() % t) as usize, (rng.next_u64() % case.heads as u64) as usize)).collect()
}

fn sampled_error(p: &Prepared, out: &HostBuf, rows: &[(usize, usize)]) -> Result<f64, String> {
    let [q, k, v] = p.layout.host_tensors(&p.inputs);
    let reference = attention_rows_f64(&p.case.config(), &p.case.sequences(&p.cu), &q, &k, &v, rows).map_err(|e| e.to_string())?;
    let c = compare_rows(&reference, &out.slice(), &p.layout.out, rows.iter().copied(), p.case.head_size);
    Ok(if c.non_finite > 0 { f64::NAN } else { c.rel_err })
}

struct Timing {
    gpu_us: Option<f64>,
    gpu_spread_us: Option<f64>,
    eager_us: f64,
    host_us: f64,
}

fn time_gpu(attn: &mut Attention, gpu: &GpuDevice, p: &Prepared, out: &mut HostBuf) -> Result<Timing, String> {
    let err = |e: cudarc::driver::DriverError| format!("CUDA: {e}");
    let input_bytes: usize = p.inputs.iter().map(|b| b.bytes()).sum();
    let free = gpu.ctx.mem_get_info().map_err(err)?.0;
    let n_sets = if 4 * input_bytes < free / 4 { 4 } else { 1 };
    // Distinct device copies of the same inputs: what defeats L2 between
    // calls is the addresses, not the contents.
    let mut sets = Vec::new();
    for _ in 0..n_sets {
        sets.push(p.inputs.iter().map(|h| DevBuf::upload(gpu, h)).collect::<Result<Vec<_>, _>>().map_err(err)?);
    }
    let mut dout = DevBuf::upload(gpu, out).map_err(err)?;
    let views: Vec<[Tensor; 3]> = sets.iter().map(|s| p.layout.device_tensors(s)).collect();
    let out_ptr = match p.layout.device_out(&mut dout).data {
        attn_core::DataMut::Device(d) => d,
        attn_core::DataMut::Host(_) => unreachable!("device_out gives device memory"),
    };
    let seqs = p.case.sequences(&p.cu);
    let mut call = |i: usize| -> Result<(), AttnError> {
        let [q, k, v] = views[i % views.len()];
        attn.forward(seqs, q, k, v, TensorMut::device(out_ptr, p.layout.out))
    };
    let ev = || gpu.ctx.new_event(Some(cudarc::driver::sys::CUevent_flags::CU_EVENT_DEFAULT)).map_err(err);
    let (e0, e1) = (ev()?, ev()?);
    let ms = |a: &cudarc::driver::CudaEvent, b: &cudarc::driver::CudaEvent| a.elapsed_ms(b).map(|x| x as f64).map_err(err);
    // As long as the baseline's graph mode runs (3 + 20 replays of 20
    // calls): a large shape runs for seconds there, long enough for the
    // card's power cap to lower the SM clock (1980 to about 1450 MHz on the
    // H100, run s11-1), and a shorter timing here would be at a higher clock.
    // Two untimed calls ahead of each trial keep the GPU busy while the host
    // enqueues it (the baseline replays a captured graph).
    const CALLS: usize = 20;
    const WARM_UP_TRIALS: usize = 3;
    const TRIALS: usize = 20;
    let mut trials = Vec::new();
    for trial in 0..WARM_UP_TRIALS + TRIALS {
        for i in CALLS - 2..CALLS {
            call(i).map_err(|e| e.to_string())?;
        }
        e0.record(&gpu.stream).map_err(err)?;
        for i in 0..CALLS {
            call(i).map_err(|e| e.to_string())?;
        }
        e1.record(&gpu.stream).map_err(err)?;
        let per_call_us = ms(&e0, &e1)? * 1e3 / CALLS as f64;
        if trial >= WARM_UP_TRIALS {
            trials.push(per_call_us);
        }
    }
    let spread = (trials.iter().cloned().fold(f64::MIN, f64::max) - trials.iter().cloned().fold(f64::MAX, f64::min)) / 2.0;
    let (mut eager, mut host) = (Vec::new(), Vec::new());
    for i in 0..30 {
        e0.record(&gpu.stream).map_err(err)?;
        let t = Instant::now();
        call(i).map_err(|e| e.to_string())?;
        host.push(t.elapsed().as_secs_f64() * 1e6);
        e1.record(&gpu.stream).map_err(err)?;
        e1.synchronize().map_err(err)?;
        eager.push(ms(&e0, &e1)? * 1e3);
    }
    // A last call on set 0 (the host inputs) gives the output the sampled check reads.
    call(0).map_err(|e| e.to_string())?;
    gpu.stream.synchronize().map_err(err)?;
    dout.download(gpu, out).map_err(err)?;
    gpu.stream.synchronize().map_err(err)?;
    Ok(Timing { gpu_us: Some(median(&mut trials)), gpu_spread_us: Some(spread), eager_us: median(&mut eager), host_us: median(&mut host) })
}

fn time_cpu(attn: &mut Attention, p: &Prepared, out: &mut HostBuf) -> Result<Timing, String> {
    let seqs = p.case.sequences(&p.cu);
    let mut times = Vec::new();
    for i in 0..4 {
        let [q, k, v] = p.layout.host_tensors(&p.inputs);
        let t = Instant::now();
        attn.forward(seqs, q, k, v, p.layout.host_out(out)).map_err(|e| e.to_string())?;
        if i > 0 {
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let us = median(&mut times);
    Ok(Timing { gpu_us: None, gpu_spread_us: None, eager_us: us, host_us: us })
}

pub fn run(shape: &CaseArgs, target: &Target, quick: bool, peak: Option<f64>, json: Option<&std::path::Path>) -> Result<i32, String> {
    let backends = target.backends()?;
    let mut rows = Vec::new();
    let mut rng = Rng::new(Rng::fresh_seed());
    let dtypes = if shape.dtype.is_empty() { vec![DType::BF16, DType::F16] } else { shape.dtype.clone() };
    for device in devices(target.device)? {
        let gpu = device.gpu().cloned();
        let mut cases = match (shape.given(), &gpu) {
            (true, _) => shape.cases(&dtypes)?,
            (false, Some(_)) => bench_grid(&dtypes),
            (false, None) => {
                eprintln!("CPU: timing a ViT-sized slice of the grid (BENCH.md's full grid needs a GPU)");
                cpu_bench_grid(&dtypes)
            }
        };
        if quick {
            cases.truncate(4);
        }
        let peak = peak.or_else(|| gpu.as_ref().and_then(|g| datasheet_peak(&g.name)));
        let dev = device.describe();
        println!("device: {dev}; peak for % column: {}", peak.map_or("unknown (give --peak-tflops)".into(), |p| format!("{p} TFLOP/s")));
        let total = cases.len() * backends.len();
        for (ci, case) in cases.iter().enumerate() {
            let p = Prepared::new(case, &mut rng);
            let picks = sample_rows(case, 32, &mut rng);
            for (bi, b) in backends.iter().enumerate() {
                eprintln!("[{}/{total}] {} {} on {dev}", ci * backends.len() + bi + 1, case.shape_label(), b.name());
                let mut attn = match bind(case, &device, *b)? {
                    Ok(a) => a,
                    Err(reason) => {
                        eprintln!("    skipped: {reason}");
                        continue;
                    }
                };
                let mut out = HostBuf::poison(case.dtype, p.layout.out_len);
                let t = match &device {
                    Device::Cuda(g) => time_gpu(&mut attn, g, &p, &mut out)?,
                    Device::Cpu => time_cpu(&mut attn, &p, &mut out)?,
                };
                let per_call_s = t.gpu_us.unwrap_or(t.eager_us) * 1e-6;
                let tflops = case.flops() / per_call_s / 1e12;
                rows.push(Row {
                    device: if gpu.is_some() { "gpu".into() } else { "cpu".into() },
                    backend: b.name().into(),
                    shape: format!("b={} s={} h={} d={}", batch_of(case), seqlen_of(case), case.heads, case.head_size),
                    dtype: case.dtype.name().into(),
                    gpu_us: t.gpu_us,
                    gpu_spread_us: t.gpu_spread_us,
                    eager_us: t.eager_us,
                    host_us: t.host_us,
                    tokens_per_s: case.total_tokens() as f64 / per_call_s,
                    tflops,
                    pct_peak: peak.filter(|_| case.dtype != DType::F32).map(|p| 100.0 * tflops / p),
                    rel_err_sampled: sampled_error(&p, &out, &picks)?,
                });
            }
        }
    }
    println!(
        "{:<4} {:<8} {:<5} {:<28} {:>11} {:>8} {:>10} {:>8} {:>12} {:>8} {:>6} {:>9}",
        "dev", "backend", "dtype", "shape", "gpu_us", "±", "eager_us", "host_us", "tok/s", "TFLOP/s", "%peak", "rel_err"
    );
    for r in &rows {
        println!(
            "{:<4} {:<8} {:<5} {:<28} {:>11} {:>8} {:>10.1} {:>8.1} {:>12.0} {:>8.1} {:>6} {:>9.2e}",
            r.device,
            r.backend,
            r.dtype,
            r.shape,
            r.gpu_us.map_or("-".into(), |x| format!("{x:.1}")),
            r.gpu_spread_us.map_or("-".into(), |x| format!("{x:.1}")),
            r.eager_us,
            r.host_us,
            r.tokens_per_s,
            r.tflops,
            r.pct_peak.map_or("-".into(), |x| format!("{x:.1}")),
            r.rel_err_sampled
        );
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    let bad = rows
        .iter()
        .filter(|r| r.rel_err_sampled.is_nan() || r.rel_err_sampled > attn_core::reference::tolerance(dtype_of(&r.dtype)))
        .count();
    if bad > 0 {
        eprintln!("{bad} timed runs failed the sampled correctness check");
        return Ok(1);
    }
    Ok(0)
}

fn dtype_of(s: &str) -> DType {
    s.parse().unwrap_or(DType::F32)
}

fn batch_of(c: &Case) -> String {
    match &c.seqs {
        SeqShape::Fixed { batch, .. } => batch.to_string(),
        SeqShape::Varlen(l) => format!("{}v", l.len()),
    }
}

fn seqlen_of(c: &Case) -> String {
    match &c.seqs {
        SeqShape::Fixed { seqlen, .. } => seqlen.to_string(),
        SeqShape::Varlen(l) => l.iter().max().map_or("0".into(), |m| format!("<={m}")),
    }
}
