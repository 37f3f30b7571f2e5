"""Execute notebooks and save their outputs, so that the notebooks read as the rendered tutorial.

Cells flagged `#| slow` or `#| gpu` are skipped (their saved outputs, if any, are kept). Progress bars
and other stderr output are dropped from saved cells. Run from the repository root:

    python tools/run_notebooks.py nbs/index.ipynb nbs/51_scheduler.ipynb
"""
import os
import re
import sys
from pathlib import Path

import nbformat
from execnb.shell import CaptureShell

SKIP = re.compile(r"^#\|\s*(slow|gpu)\b", re.M)


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    cwd = Path.cwd()
    os.chdir(path.parent)
    try:
        sh = CaptureShell()
        sh.run("import matplotlib; matplotlib.use('Agg')")
        for cell in nb.cells:
            if cell.cell_type != "code" or SKIP.search(cell.source):
                continue
            outs = sh.run(cell.source)
            if sh.exc:
                raise RuntimeError(f"{path.name}: a cell failed:\n{cell.source[:400]}") from sh.exc
            outs = [o for o in outs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            cell.outputs = [nbformat.from_dict(dict(o)) for o in outs]
    finally:
        os.chdir(cwd)
    nbformat.validator.normalize(nb)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        run(Path(p))
        print(f"{p}: outputs saved")
