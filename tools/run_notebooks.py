"""Execute notebooks and save their outputs, so that the notebooks read as the rendered tutorial.

Cells flagged `#| slow` or `#| gpu` are skipped and their outputs cleared (no stale outputs). Progress
bars and other stderr output are dropped from saved cells, and paths of the machine that ran them
(temporary folders, the home folder) are replaced by placeholders. Run from the repository root:

    python tools/run_notebooks.py nbs/index.ipynb nbs/51_scheduler.ipynb
"""
import os
import re
import sys
from pathlib import Path

import nbformat
from execnb.shell import CaptureShell

SKIP = re.compile(r"^#\|\s*(slow|gpu)\b", re.M)
MACHINE_PATHS = [(re.compile(r"/tmp/[A-Za-z0-9_.-]+"), "<tmp>"), (re.compile(re.escape(str(Path.home()))), "~")]


def _keep(o) -> bool:
    "Drop stderr streams and progress-bar displays."
    if o.get("output_type") == "stream" and o.get("name") == "stderr":
        return False
    text = str(o.get("data", {}).get("text/plain", "")) if o.get("output_type") == "display_data" else ""
    return not re.search(r"\d+it/s\]|it/s\]|\|\s*\d+/\d+ \[", text)


def _scrub(value):
    "Machine paths in output text replaced by placeholders (images and other binary data untouched)."
    if isinstance(value, str):
        for rx, rep in MACHINE_PATHS:
            value = rx.sub(rep, value)
        return value
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k.startswith("image/") else _scrub(v)) for k, v in value.items()}
    return value


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    cwd = Path.cwd()
    os.chdir(path.parent)
    try:
        sh = CaptureShell()
        sh.run("%matplotlib inline")
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if SKIP.search(cell.source):
                cell.outputs, cell.execution_count = [], None
                continue
            outs = sh.run(cell.source)
            if sh.exc:
                raise RuntimeError(f"{path.name}: a cell failed:\n{cell.source[:400]}") from sh.exc
            cell.outputs = [nbformat.from_dict(_scrub(dict(o))) for o in outs if _keep(o)]
    finally:
        os.chdir(cwd)
    nbformat.validator.normalize(nb)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        run(Path(p))
        print(f"{p}: outputs saved")
