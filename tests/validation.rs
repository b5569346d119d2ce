//! Bad arguments always give a typed error and leave the output untouched.
use proptest::prelude::*;
use vit_attn::{
    Attention, AttentionConfig, AttnError, DType, Device, DevicePtr, Layout, Sequences, Tensor, TensorMut,
};

#[cfg(feature = "sdpa")]
use attn_sdpa as _;

/// A valid call on the CPU: q, k, v, out dense f32; `lens` a varlen pack.
#[derive(Clone, Debug)]
struct Call {
    heads: usize,
    kv_heads: usize,
    d: usize,
    lens: Vec<usize>,
}

fn call_strategy() -> impl Strategy<Value = Call> {
    (1usize..=3, 1usize..=2, 1usize..=40, prop::collection::vec(1usize..=9, 1..=4)).prop_map(|(g, kv, d, lens)| Call {
        heads: g * kv,
        kv_heads: kv,
        d,
        lens,
    })
}

#[derive(Clone, Copy, Debug)]
enum Break {
    QTooShort,
    KOffsetOverflow,
    CuSeqlensNotFromZero,
    CuSeqlensDecreasing,
    MaxSeqlenTooSmall,
    OutTooShort,
    OutRowsOverlap,
    OutDTypeWrong,
    VOffsetPastEnd,
    DevicePointerOnCpu,
    EmptyCuSeqlens,
}

const BREAKS: [Break; 11] = [
    Break::QTooShort,
    Break::KOffsetOverflow,
    Break::CuSeqlensNotFromZero,
    Break::CuSeqlensDecreasing,
    Break::MaxSeqlenTooSmall,
    Break::OutTooShort,
    Break::OutRowsOverlap,
    Break::OutDTypeWrong,
    Break::VOffsetPastEnd,
    Break::DevicePointerOnCpu,
    Break::EmptyCuSeqlens,
];

fn cu(lens: &[usize]) -> Vec<i32> {
    std::iter::once(0).chain(lens.iter().scan(0, |a, &l| { *a += l as i32; Some(*a) })).collect()
}

/// Runs `c` with `brk` applied (None: as is). Returns the result and whether
/// the output buffer still holds only poison.
fn run(c: &Call, brk: Option<Break>) -> (Result<(), AttnError>, bool) {
    let t: usize = c.lens.iter().sum();
    let (h, hkv, d) = (c.heads, c.kv_heads, c.d);
    let data = |n: usize| (0..n).map(|i| (i % 7) as f32 * 0.25 - 0.5).collect::<Vec<f32>>();
    let mut q = data(t * h * d);
    let k = data(t * hkv * d);
    let v = data(t * hkv * d);
    let mut out = vec![f32::NAN; t * h * d];
    let mut out16 = vec![half::f16::NAN; t * h * d];
    let mut cus = cu(&c.lens);
    let mut max_seqlen = *c.lens.iter().max().unwrap();
    let (lq, mut lk, mut lv, mut lo) =
        (Layout::contiguous(h, d), Layout::contiguous(hkv, d), Layout::contiguous(hkv, d), Layout::contiguous(h, d));
    let mut out_len = out.len();
    match brk {
        Some(Break::QTooShort) => {
            q.pop();
        }
        Some(Break::KOffsetOverflow) => lk.offset = usize::MAX - 2,
        Some(Break::CuSeqlensNotFromZero) => cus[0] = 1,
        Some(Break::CuSeqlensDecreasing) => {
            let n = cus.len();
            cus[n - 1] = cus[n - 2] - 1;
        }
        Some(Break::MaxSeqlenTooSmall) => max_seqlen -= 1,
        Some(Break::OutTooShort) => out_len -= 1,
        Some(Break::OutRowsOverlap) => {
            // Rows of one token overlap when heads are closer than head_size.
            if h > 1 {
                lo.head_stride = d - 1;
            } else {
                lo.offset = 1;
            }
        }
        Some(Break::VOffsetPastEnd) => lv.offset = 1,
        Some(Break::OutDTypeWrong) | Some(Break::DevicePointerOnCpu) | Some(Break::EmptyCuSeqlens) | None => {}
    }
    if let Some(Break::EmptyCuSeqlens) = brk {
        cus.clear();
    }
    let seqs = Sequences::Varlen { cu_seqlens: &cus, max_seqlen };
    let cfg = AttentionConfig::new(h, d, DType::F32).with_kv_heads(hkv);
    let mut attn = Attention::builder(cfg).device(Device::Cpu).force("sdpa").ignore_env().build().unwrap();
    let (tq, tk) = (Tensor::host(&q, lq), Tensor::host(&k, lk));
    // SAFETY: validation must refuse the pointer before anything reads it.
    let tv = if let Some(Break::DevicePointerOnCpu) = brk {
        Tensor::device(unsafe { DevicePtr::from_raw(0x1000, v.len(), DType::F32) }, lv)
    } else {
        Tensor::host(&v, lv)
    };
    let r = if let Some(Break::OutDTypeWrong) = brk {
        attn.forward(seqs, tq, tk, tv, TensorMut::host(&mut out16, lo))
    } else {
        attn.forward(seqs, tq, tk, tv, TensorMut::host(&mut out[..out_len], lo))
    };
    let untouched = out.iter().all(|x| x.is_nan()) && out16.iter().all(|x| x.is_nan());
    (r, untouched)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn every_broken_argument_is_an_error_and_nothing_is_written(c in call_strategy(), which in 0usize..BREAKS.len()) {
        let (ok, _) = run(&c, None);
        prop_assert!(ok.is_ok(), "the unbroken call must pass: {:?}", ok);
        let (r, untouched) = run(&c, Some(BREAKS[which]));
        prop_assert!(r.is_err(), "{:?} was accepted", BREAKS[which]);
        prop_assert!(untouched, "{:?}: output written despite the error", BREAKS[which]);
    }

    #[test]
    fn bad_configs_are_refused_at_build(heads in 1usize..=16, kv in 1usize..=16, d in 0usize..=1024, scale in prop::option::of(prop::sample::select(vec![f32::NAN, f32::INFINITY, 0.5]))) {
        let mut cfg = AttentionConfig::new(heads, d, DType::BF16).with_kv_heads(kv);
        cfg.scale = scale;
        let valid = heads % kv == 0 && (1..=vit_attn::MAX_HEAD_SIZE).contains(&d) && scale.is_none_or(f32::is_finite);
        let built = Attention::builder(cfg).device(Device::Cpu).ignore_env().build();
        match built {
            Err(AttnError::InvalidConfig(_)) => prop_assert!(!valid),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok(_) => prop_assert!(valid || !cfg!(feature = "sdpa")),
        }
    }
}

#[test]
fn size_arithmetic_that_would_overflow_is_an_error() {
    let s = Sequences::Fixed { batch: usize::MAX / 2, seqlen: 4 };
    assert!(matches!(s.validate(), Err(AttnError::InvalidSequences(_))));
    let s = Sequences::Fixed { batch: 1 << 16, seqlen: 1 << 16 };
    assert!(matches!(s.validate(), Err(AttnError::InvalidSequences(_))), "2^32 tokens exceed i32");
    let l = Layout { offset: usize::MAX - 3, token_stride: 1, head_stride: 1 };
    assert_eq!(l.end(1, 1, 8), None);
}

#[test]
fn empty_packs_are_a_no_op() {
    let cfg = AttentionConfig::new(2, 8, DType::F32);
    let mut attn = Attention::builder(cfg).device(Device::Cpu).ignore_env().build().unwrap();
    let l = Layout::contiguous(2, 8);
    let mut out: Vec<f32> = vec![];
    let seqs = Sequences::Fixed { batch: 0, seqlen: 128 };
    attn.forward(seqs, Tensor::host(&[] as &[f32], l), Tensor::host(&[] as &[f32], l), Tensor::host(&[] as &[f32], l), TensorMut::host(&mut out, l)).unwrap();
}
