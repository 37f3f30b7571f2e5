"""README.md is generated from nbs/index.ipynb and names exactly the three commands."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import readme  # noqa: E402


def test_readme_matches_index_notebook():
    assert (ROOT / "README.md").read_text(encoding="utf-8") == readme.render(), \
        "README.md and nbs/index.ipynb disagree; run `python tools/readme.py`"


def test_readme_names_the_three_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh|shell)\n(.*?)```", text, re.S)
    commands = [line.strip() for b in blocks for line in b.splitlines() if line.strip()]
    assert commands == ['pip install -e ".[dev]"', "saec demo", "pytest"], commands


def test_readme_numbers_are_the_reference_run():
    """The numbers the README shows are rendered from the committed reference run, and still equal it."""
    from saec.pipeline import summary_markdown
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for ref in ("miniature", "miniature_world1"):
        assert summary_markdown(ROOT / "reference" / ref) in text, \
            f"README.md does not show the committed reference run reference/{ref}; re-run " \
            "`python tools/run_notebooks.py nbs/index.ipynb` and `python tools/readme.py`"
