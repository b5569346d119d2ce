//! The CPU paths against the fp64 reference over random shapes, and the
//! GPU path's chunk plan run on the host with cuBLAS's GEMM semantics.
use proptest::prelude::*;
use vit_attn::harness::{run_once, Case, HostBuf, Prepared, QkvLayout, Rng, SeqShape};
use vit_attn::reference::tolerance;
use vit_attn::{validate, Attention, DType, Device, TensorMut};

#[cfg(feature = "sdpa")]
use attn_sdpa as _;

fn case_strategy(max_d: usize) -> impl Strategy<Value = Case> {
    let seqs = prop_oneof![
        (1usize..=3, 1usize..=70).prop_map(|(batch, seqlen)| SeqShape::Fixed { batch, seqlen }),
        prop::collection::vec(0usize..=90, 1..=5).prop_map(SeqShape::Varlen),
    ];
    (
        seqs,
        prop::sample::select(vec![(1usize, 1usize), (2, 2), (4, 1), (6, 2), (3, 3)]),
        1usize..=max_d,
        prop::sample::select(DType::ALL.to_vec()),
        prop::bool::ANY,
        prop::bool::ANY,
        prop::option::of(prop::sample::select(vec![-0.3f32, 0.0, 0.4])),
        prop::option::of(0usize..5),
    )
        .prop_map(|(seqs, (heads, kv_heads), head_size, dtype, fused, padded_out, scale, non_finite)| {
            let mut case = Case {
                seqs,
                heads,
                kv_heads,
                head_size,
                dtype,
                layout: if fused { QkvLayout::Fused } else { QkvLayout::Separate },
                padded_out,
                scale,
                non_finite_seq: None,
            };
            // Some other sequence must be left to compare.
            let n_seqs = case.sequence_count();
            case.non_finite_seq = non_finite.filter(|_| n_seqs > 1).map(|i| i % n_seqs);
            case
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn cpu_sdpa_matches_the_reference(case in case_strategy(512), seed in any::<u64>()) {
        let p = Prepared::new(&case, &mut Rng::new(seed));
        let mut attn = Attention::builder(case.config()).device(Device::Cpu).force("sdpa").ignore_env().build().unwrap();
        let out = run_once(&mut attn, &p).unwrap();
        let c = p.compare(&p.reference().unwrap(), &out);
        prop_assert_eq!(c.non_finite, 0, "unwritten outputs");
        prop_assert!(c.passes(tolerance(case.dtype)), "rel_err {} for {}", c.rel_err, case.shape_label());
        prop_assert_eq!(p.layout.writes_outside_view(&out, &case), 0);
    }

    #[test]
    fn gpu_chunk_plan_computes_attention(case in case_strategy(64), seed in any::<u64>(), limit in prop::sample::select(vec![1usize, 900, 20_000, 1 << 30])) {
        let case = Case { dtype: DType::F32, ..case };
        let p = Prepared::new(&case, &mut Rng::new(seed));
        let mut out = HostBuf::poison(DType::F32, p.layout.out_len);
        let got = emulate_plan(&p, &mut out, limit);
        prop_assert!(got.is_ok(), "{:?}", got);
        let c = p.compare(&p.reference().unwrap(), &out);
        prop_assert!(c.passes(1e-5), "rel_err {} non_finite {} for {} (limit {limit})", c.rel_err, c.non_finite, case.shape_label());
        prop_assert_eq!(p.layout.writes_outside_view(&out, &case), 0);
    }
}

/// Runs `attn_sdpa::plan` with host GEMMs that index exactly as the cuBLAS
/// calls of the GPU path do (column-major, op(K) = T, batch strides).
fn emulate_plan(p: &Prepared, out: &mut HostBuf, limit: usize) -> Result<(), String> {
    let f32s = |b: &HostBuf| match b {
        HostBuf::F32(v) => v.clone(),
        _ => unreachable!("f32 case"),
    };
    let bufs: Vec<Vec<f32>> = p.inputs.iter().map(f32s).collect();
    let [q, k, v] = p.layout.host_tensors(&p.inputs);
    let HostBuf::F32(o) = out else { unreachable!() };
    let n_out = o.len();
    let mut o_vals = vec![f32::NAN; n_out];
    let call = validate(&p.case.config(), &Device::Cpu, p.case.sequences(&p.cu), q, k, v, TensorMut::host(o, p.layout.out)).map_err(|e| e.to_string())?;
    let d = p.case.head_size;
    let scale = call.scale as f64;
    let [(bq, _), (bk, _), (bv, _)] = p.layout.views;
    let (qb, kb, vb) = (&bufs[bq], &bufs[bk], &bufs[bv]);
    let mut seen_rows = 0usize;
    attn_sdpa::plan::for_each_chunk(&call, limit, |c| -> Result<(), String> {
        // One row of one matrix is always taken, whatever the limit.
        if c.workspace_bytes(DType::F32.size_bytes()) > limit && (c.count, c.rows) != (1, 1) {
            return Err(format!("chunk {c:?} exceeds the workspace limit {limit}"));
        }
        for b in 0..c.count {
            for r in 0..c.rows {
                let qrow = c.q.offset + b * c.q.batch_stride + r * c.q.ld;
                let mut s: Vec<f64> = (0..c.len)
                    .map(|j| {
                        let krow = c.k.offset + b * c.k.batch_stride + j * c.k.ld;
                        scale * (0..d).map(|e| qb[qrow + e] as f64 * kb[krow + e] as f64).sum::<f64>()
                    })
                    .collect();
                let m = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                s.iter_mut().for_each(|x| *x = (*x - m).exp());
                let sum: f64 = s.iter().sum();
                let orow = c.out.offset + b * c.out.batch_stride + r * c.out.ld;
                for e in 0..d {
                    let val: f64 = (0..c.len).map(|j| s[j] * vb[c.v.offset + b * c.v.batch_stride + j * c.v.ld + e] as f64).sum();
                    if !o_vals[orow + e].is_nan() {
                        return Err(format!("output element {} written twice", orow + e));
                    }
                    o_vals[orow + e] = (val / sum) as f32;
                }
                seen_rows += 1;
            }
        }
        Ok(())
    })?;
    let expected_rows: usize = p.case.total_tokens() * p.case.heads;
    if seen_rows != expected_rows {
        return Err(format!("plan covered {seen_rows} query rows, the call has {expected_rows}"));
    }
    let HostBuf::F32(o) = out else { unreachable!() };
    o.copy_from_slice(&o_vals);
    Ok(())
}
