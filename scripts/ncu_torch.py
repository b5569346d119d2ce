#!/usr/bin/env python3
"""One torch SDPA call between cudaProfilerStart/Stop, for
`ncu --profile-from-start off` to profile the peer's kernel alone.

usage: ncu_torch.py B,S,H,D {flash,cudnn,efficient} [--dtype bf16]"""
import argparse
import torch
from torch.nn.attention import sdpa_kernel, SDPBackend

ap = argparse.ArgumentParser()
ap.add_argument("shape")
ap.add_argument("backend", choices=["flash", "cudnn", "efficient"])
ap.add_argument("--dtype", default="bf16")
a = ap.parse_args()
b, s, h, d = map(int, a.shape.split(","))
dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}[a.dtype]
backend = {"flash": SDPBackend.FLASH_ATTENTION, "cudnn": SDPBackend.CUDNN_ATTENTION,
           "efficient": SDPBackend.EFFICIENT_ATTENTION}[a.backend]
q, k, v = (torch.randn(b, h, s, d, device="cuda", dtype=dtype) for _ in range(3))
with sdpa_kernel(backend):
    for _ in range(3):  # plans, autotuning and lazy loading happen outside the profiled range
        torch.nn.functional.scaled_dot_product_attention(q, k, v)
    torch.cuda.synchronize()
    torch.cuda.cudart().cudaProfilerStart()
    torch.nn.functional.scaled_dot_product_attention(q, k, v)
    torch.cuda.synchronize()
    torch.cuda.cudart().cudaProfilerStop()
