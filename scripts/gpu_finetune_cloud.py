"""Full miniature QLoRA fine-tuning on a GPU, scored on the miniature test split (run on a GPU machine).

For each epoch count given, the shipped miniature base is loaded in 4-bit NF4 with bf16 compute on CUDA, fine-tuned with
`QLoRAConfig(epochs=E)` (the defaults otherwise: the recipe the CPU acceptance figures use at E = 18) on the train
split, and scored on the test split (accuracy per tier and complexity tercile) with the images/s of batched inference.

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python scripts/gpu_finetune_cloud.py --epochs 18 72

Prints one JSON object per epoch count and writes them all to reference/gpu/gpu_finetune_cloud.json. Exit codes: 0 done, 2 no CUDA device.
"""
import argparse
import json
import sys
import tempfile
import time

import torch


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=float, nargs="+", default=[18.0], help="fine-tuning epochs, one run each")
    ap.add_argument("--batch-size", type=int, default=64, help="inference batch size")
    a = ap.parse_args()
    if not torch.cuda.is_available():
        print("gpu_finetune_cloud: no CUDA device visible to torch; run it on a machine with an NVIDIA GPU.", file=sys.stderr)
        return 2
    from saec.cloud import CloudInspector, accuracy_report
    from saec.data import read_image
    from saec.finetune import QLoRAConfig, finetune
    from saec.fixtures import base_cloud, miniature

    mini, runs = miniature(), []
    test = mini["test"]; imgs = [read_image(s.path) for s in test]
    for e in a.epochs:
        with tempfile.TemporaryDirectory() as out:   # the adapter is only needed until it is loaded
            res = finetune(base_cloud(), mini["train"], out, QLoRAConfig(epochs=e), calib=mini["calib"], device="cuda", progress=False)
            ins = CloudInspector.from_pretrained(base_cloud(), "nf4", adapter=res["adapter_dir"], device="cuda")
        ins.predict_proba(imgs[:a.batch_size], a.batch_size, progress=False)       # warm-up
        torch.cuda.synchronize(); t0 = time.perf_counter()
        p = ins.predict_proba(imgs, a.batch_size, progress=False)
        torch.cuda.synchronize(); dt = time.perf_counter() - t0
        runs.append({"device": torch.cuda.get_device_name(0), "epochs": e, "steps": res["steps"],
                     "train_seconds": round(res["train_seconds"], 1), "calib_accuracy": res["calib"]["accuracy"],
                     "test": accuracy_report(p, test), "images_per_s": round(len(imgs) / dt, 1)})
        print(json.dumps(runs[-1]), flush=True)
    from _gpu_record import save
    print("results written to", save("gpu_finetune_cloud", True, runs=runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
