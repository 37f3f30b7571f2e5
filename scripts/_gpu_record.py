"""Where the GPU scripts keep their results: `reference/gpu/<script>.json`, which the README renders.

Commit the files a GPU run writes; a run that found no CUDA device writes nothing.
"""
import datetime
import json
from pathlib import Path

import torch

RECORDS = Path(__file__).resolve().parent.parent / "reference" / "gpu"


def save(name: str, passed: bool, **result) -> Path:
    "Write the result of `scripts/<name>.py` with the device, torch version and date; return the file."
    RECORDS.mkdir(parents=True, exist_ok=True)
    rec = {"script": f"scripts/{name}.py", "passed": bool(passed), "device": torch.cuda.get_device_name(0),
           "torch": torch.__version__, "date": datetime.date.today().isoformat(), **result}
    f = RECORDS / f"{name}.json"
    f.write_text(json.dumps(rec, indent=1) + "\n")
    return f
