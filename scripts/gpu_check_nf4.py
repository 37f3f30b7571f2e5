"""Check saec.nf4 bit for bit against bitsandbytes' NF4 kernels (CPU, and CUDA when present).

Usage: python scripts/gpu_check_nf4.py
Prints one line per (device, dtype, shape): mismatching packed bytes, absmax and dequantised values.
Packed codes and absmax are compared in blocks with a non-zero input: in an all-zero block every code dequantises
to 0, and bitsandbytes' CUDA kernel writes other (equally valid) codes and absmax there than its CPU kernel.
A value that differs because its input lies exactly on the midpoint between two codes (a rounding tie, decided
differently by the CUDA kernel's arithmetic) is counted as a tie, not a mismatch.
Dequantised values must agree to one unit in the last place of the dtype (float16 rounds a product
computed in float32 or float16 differently); exact mismatches are counted and printed too.
The result is written to reference/gpu/gpu_check_nf4.json when CUDA ran.
Exit status: 0 all agree, 1 some mismatch, 2 CPU agrees but no CUDA device to check.
"""
import copy
import sys

import torch
import bitsandbytes.functional as bnbF

from saec.nf4 import dequantize_nf4, quantize_nf4

SHAPES = [(64,), (7,), (1000,), (3, 5), (17, 64), (130, 33), (48, 128), (256, 96), (4096, 4096)]
DTYPES = [torch.float32, torch.bfloat16, torch.float16]


def check(device: str, dtype: torch.dtype, shape, gen: torch.Generator) -> bool:
    x = torch.randn(shape, generator=gen).to(dtype)
    x.view(-1)[:64] = 0                                     # an all-zero block
    P, st = bnbF.quantize_4bit(x.to(device), blocksize=64, quant_type="nf4")
    p, a = quantize_nf4(x)                                   # ours, on the CPU
    P, A = P.reshape(-1).cpu(), st.absmax.float().cpu()
    # dequantise the reference bytes as a flat tensor: bitsandbytes' CPU 2-D kernel blocks per row for some shapes
    st_flat = copy.copy(st); st_flat.shape = torch.Size([x.numel()])
    D = bnbF.dequantize_4bit(P.to(device).reshape(-1, 1), st_flat).reshape(shape).cpu()
    d = dequantize_nf4(p, a, shape, dtype=dtype)
    xb = torch.nn.functional.pad(x.float().reshape(-1), (0, (-x.numel()) % 64)).reshape(-1, 64)
    live = xb.abs().amax(1) > 0                              # blocks with a non-zero input
    nz = live.repeat_interleave(32)[:p.numel()]              # 64 values = 32 packed bytes per block
    n_bytes = int(((P != p) & nz).sum()); n_zero = int(((P != p) & ~nz).sum()); n_abs = int(((A != a) & live).sum())
    diff = (D.float() - d.float()).abs(); n_val = int((diff > 0).sum())
    bad = (diff > torch.finfo(dtype).eps * D.float().abs()).reshape(-1)
    # a rounding tie: the input lies on the midpoint between the two codes the kernels chose (to float32 precision)
    scale = a.repeat_interleave(64)[:x.numel()].clamp_min(1e-38)  # each value's block absmax
    t = x.float().reshape(-1) / scale
    mid = (D.float().reshape(-1) + d.float().reshape(-1)) / 2 / scale
    tie = bad & ((t - mid).abs() <= 4 * torch.finfo(torch.float32).eps)
    n_ulp, n_tie = int((bad & ~tie).sum()), int(tie.sum())
    tie_byte = torch.nn.functional.pad(tie, (0, tie.numel() % 2)).reshape(-1, 2).any(1)  # 2 values per packed byte
    ok = n_abs == n_ulp == 0 and not bool(((P != p) & nz & ~tie_byte).any())
    print(f"{device:4s} {str(dtype):15s} {str(tuple(shape)):14s} bytes {n_bytes}/{int(nz.sum())} (all-zero blocks {n_zero}) "
          f"absmax {n_abs}/{int(live.sum())} values {n_val}/{d.numel()} (>1 ulp {n_ulp}, ties {n_tie}) max|diff| {diff.max().item():.3g}"
          f" {'OK' if ok else 'MISMATCH'}")
    return ok


def main() -> int:
    gen = torch.Generator().manual_seed(0)
    cpu_ok = all([check("cpu", dt, s, gen) for dt in DTYPES for s in SHAPES])
    if not torch.cuda.is_available():
        print(f"CPU: {'all agree' if cpu_ok else 'MISMATCH'}; CUDA: not available, CUDA check not run")
        return 2 if cpu_ok else 1
    print(f"CUDA device: {torch.cuda.get_device_name(0)}")
    cuda_ok = all([check("cuda", dt, s, gen) for dt in DTYPES for s in SHAPES])
    print(f"CPU: {'all agree' if cpu_ok else 'MISMATCH'}; CUDA: {'all agree' if cuda_ok else 'MISMATCH'}")
    from _gpu_record import save
    print("result written to", save("gpu_check_nf4", cpu_ok and cuda_ok, cases=len(DTYPES) * len(SHAPES),
                                    cpu_all_agree=cpu_ok, cuda_all_agree=cuda_ok))
    return 0 if cpu_ok and cuda_ok else 1


if __name__ == "__main__":
    sys.exit(main())
