"""CUDA check of the cloud tier (run on a GPU machine, < 5 min).

The shipped miniature Qwen2.5-VL is loaded in 4-bit NF4 (double quantisation) with bf16 compute on CUDA, fine-tuned
for a few QLoRA steps, and its P(defect) on miniature test images is compared with the same adapter run on the CPU
(NF4, float32 compute). Tolerance: max |P_cuda - P_cpu| <= 0.05 (bf16 keeps ~3 significant digits), and the two
devices agree on every decision at tau = 0.5 whose probability is farther than 0.05 from tau.

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python scripts/gpu_check_cloud.py

The result is written to reference/gpu/gpu_check_cloud.json.
Exit codes: 0 pass, 1 mismatch, 2 no CUDA device.
"""
import json
import sys
import tempfile
import time

import numpy as np
import torch

TOL = 0.05


def main() -> int:
    if not torch.cuda.is_available():
        print("gpu_check_cloud: no CUDA device visible to torch (torch.cuda.is_available() is False); "
              "run this script on a machine with an NVIDIA GPU and a CUDA build of torch.", file=sys.stderr)
        return 2
    from saec.cloud import CloudInspector
    from saec.data import read_image
    from saec.finetune import QLoRAConfig, finetune
    from saec.fixtures import base_cloud, miniature
    import bitsandbytes as bnb

    t0 = time.perf_counter()
    mini = miniature()
    out = tempfile.mkdtemp()
    res = finetune(base_cloud(), mini["train"][:64], out, QLoRAConfig(steps=8, batch_size=8), device="cuda", progress=False)
    imgs = [read_image(s.path) for s in mini["test"][:32]]
    gpu = CloudInspector.from_pretrained(base_cloud(), "nf4", adapter=res["adapter_dir"], device="cuda")
    q4 = {n: m for n, m in gpu.model.named_modules() if isinstance(m, bnb.nn.Linear4bit)}
    assert any("language_model" in n and "q_proj" in n for n in q4), f"the language model's q_proj is not 4-bit: {sorted(q4)[:5]}"
    assert all(m.weight.quant_type == "nf4" and m.compute_dtype == torch.bfloat16 for m in q4.values()), \
        {(m.weight.quant_type, m.compute_dtype) for m in q4.values()}
    p_gpu = gpu.predict_proba(imgs, 16, progress=False)
    p_cpu = CloudInspector.from_pretrained(base_cloud(), "nf4", adapter=res["adapter_dir"], device="cpu").predict_proba(imgs, 16, progress=False)
    diff = float(np.abs(p_gpu - p_cpu).max())
    far = np.abs(p_cpu - 0.5) > TOL
    agree = bool(((p_gpu >= 0.5) == (p_cpu >= 0.5))[far].all())
    report = {"device": torch.cuda.get_device_name(0), "qlora_steps": res["steps"], "train_seconds": round(res["train_seconds"], 1),
              "final_loss": res["final_loss"], "nf4_bf16_layers": len(q4), "max_abs_diff": diff, "tolerance": TOL, "decisions_agree": agree,
              "seconds_total": round(time.perf_counter() - t0, 1)}
    print(json.dumps(report, indent=1))
    from _gpu_record import save
    print("result written to", save("gpu_check_cloud", diff <= TOL and agree, **report))
    return 0 if diff <= TOL and agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
