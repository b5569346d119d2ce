//! `vit-attn check`: every backend against the fp64 reference.
use super::cases::CaseArgs;
use crate::harness::{check_sweep, run_once, Prepared, Rng};
use super::{bind, devices, Target};
use attn_core::reference::tolerance;
use attn_core::DType;

pub fn run(shape: &CaseArgs, target: &Target, seed: Option<u64>, non_finite_seq: Option<usize>) -> Result<i32, String> {
    let mut cases = if shape.given() { shape.cases(&DType::ALL)? } else { check_sweep() };
    if let Some(seq) = non_finite_seq {
        for case in &mut cases {
            let n_seqs = case.sequence_count();
            if n_seqs < 2 || seq >= n_seqs {
                return Err(format!("--non-finite-seq {seq} needs a pack of at least 2 sequences with a sequence {seq} (this one has {n_seqs})"));
            }
            case.non_finite_seq = Some(seq);
        }
    }
    let backends = target.backends()?;
    let seed = seed.unwrap_or_else(Rng::fresh_seed);
    println!("check: {} cases, inputs N(0,1) from seed {seed}, outputs poisoned with NaN before every run", cases.len());
    let mut rng = Rng::new(seed);
    let prepared: Vec<Prepared> = cases.iter().map(|c| Prepared::new(c, &mut rng)).collect();
    let mut references: Vec<Option<Vec<f64>>> = vec![None; prepared.len()];
    let (mut passed, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    println!("{:<5} {:<12} {:<52} {:>9} {:>8} {:>6}", "dev", "backend", "case", "rel_err", "tol", "result");
    for device in devices(target.device)? {
        let dev = if device.gpu().is_some() { "gpu" } else { "cpu" };
        for b in &backends {
            let mut skip_reasons: Vec<String> = Vec::new();
            for (i, p) in prepared.iter().enumerate() {
                let label = p.case.shape_label();
                let mut attn = match bind(&p.case, &device, *b)? {
                    Ok(a) => a,
                    Err(reason) => {
                        skipped += 1;
                        if !skip_reasons.contains(&reason) {
                            skip_reasons.push(reason);
                        }
                        continue;
                    }
                };
                if references[i].is_none() {
                    references[i] = Some(p.reference().map_err(|e| e.to_string())?);
                }
                let reference = references[i].as_ref().expect("computed above");
                let tol = tolerance(p.case.dtype);
                let verdict = match run_once(&mut attn, p) {
                    Err(e) => Err(format!("error: {e}")),
                    Ok(out) => {
                        let c = p.compare(reference, &out);
                        let stray = p.layout.writes_outside_view(&out, &p.case);
                        if c.non_finite > 0 {
                            Err(format!("{:.2e} {} elements unwritten or non-finite", c.rel_err, c.non_finite))
                        } else if stray > 0 {
                            Err(format!("{:.2e} {stray} elements written outside the output view", c.rel_err))
                        } else if c.rel_err > tol {
                            Err(format!("{:.2e}", c.rel_err))
                        } else {
                            Ok(c.rel_err)
                        }
                    }
                };
                match verdict {
                    Ok(err) => {
                        passed += 1;
                        println!("{dev:<5} {:<12} {label:<52} {err:>9.2e} {tol:>8.0e} {:>6}", b.name(), "ok");
                    }
                    Err(why) => {
                        failed += 1;
                        println!("{dev:<5} {:<12} {label:<52} {why:>9} {tol:>8.0e} {:>6}", b.name(), "FAIL");
                    }
                }
            }
            for r in skip_reasons {
                println!("{dev:<5} {:<12} skipped cases: {r}", b.name());
            }
        }
    }
    println!("check: {passed} passed, {failed} failed, {skipped} skipped");
    Ok(if failed > 0 { 1 } else { 0 })
}
