"""Run every notebook under nbs/ with nbdev's test runner, one pytest case per notebook.

Cells flagged with the settings.ini `tst_flags` (slow, gpu) are skipped. Each notebook runs in its
own Python process, so one notebook's global state (threads, plots, loaded models) cannot leak
into another's, and a crash is reported against the notebook that caused it.
"""
import os
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith("_"))
_cfg = ConfigParser(delimiters=["="])
_cfg.read(ROOT / "settings.ini", encoding="utf-8")
SKIP_FLAGS = _cfg["DEFAULT"].get("tst_flags", "").split()
TIMEOUT_S = int(os.environ.get("SAEC_NB_TIMEOUT", "1200"))

RUNNER = """
import sys
from pathlib import Path
from nbdev.test import test_nb
ok, secs = test_nb(Path(sys.argv[1]), skip_flags=sys.argv[2].split(), showerr=True)
print(f"{Path(sys.argv[1]).name}: {'ok' if ok else 'FAILED'} in {secs:.1f}s")
sys.exit(0 if ok else 1)
"""


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "YOLO_OFFLINE": "1",
           "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(nb), " ".join(SKIP_FLAGS)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    sys.stdout.write(proc.stdout)
    assert proc.returncode == 0, f"{nb.name} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
