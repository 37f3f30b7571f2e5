"""Render README.md from nbs/index.ipynb (Quarto, which nbdev_readme needs, is not available).

Markdown cells are copied; code cells that are not hidden are shown as Python blocks with their
text output. Image links written relative to `nbs/` are rewritten relative to the repository root.
Run `python tools/readme.py` to regenerate, `python tools/readme.py --check` to compare.
"""
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
HIDE = re.compile(r"^#\|\s*(hide|export|exporti|exports|default_exp)\b", re.M)
DIRECTIVE = re.compile(r"^#\|.*\n?", re.M)
ECHO_OFF = re.compile(r"^#\|\s*echo:\s*false\b", re.M)


def _fix_links(text: str) -> str:
    "Links relative to nbs/ become relative to the repository root."
    def fix(m):
        target = m.group(1)
        return f"]({target[3:]})" if target.startswith("../") else f"](nbs/{target})"
    return re.sub(r"\]\((?!https?://|#|/)([^)]+)\)", fix, text)


def render(nb_path: Path = ROOT / "nbs" / "index.ipynb") -> str:
    nb = nbformat.read(nb_path, as_version=4)
    parts = []
    for cell in nb.cells:
        src = cell.source.strip()
        if not src:
            continue
        if cell.cell_type == "markdown":
            parts.append(_fix_links(src))
        elif cell.cell_type == "code" and ECHO_OFF.search(src):   # only its rendered markdown output
            md = [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])
                  if o.get("output_type") in ("execute_result", "display_data")]
            if md:
                parts.append(_fix_links("".join(md).strip()))
        elif cell.cell_type == "code" and not HIDE.search(src):
            parts.append("```python\n" + DIRECTIVE.sub("", src).strip() + "\n```")
            texts = [o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
            texts += [o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", [])
                      if o.get("output_type") in ("execute_result",)]
            out = "".join(texts).strip()
            if out:
                parts.append("```\n" + out + "\n```")
    return "<!-- generated from nbs/index.ipynb by tools/readme.py; edit the notebook, not this file -->\n\n" + "\n\n".join(parts) + "\n"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    readme = ROOT / "README.md"
    if "--check" in argv:
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            print("README.md does not match nbs/index.ipynb; run: python tools/readme.py")
            return 1
        return 0
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
