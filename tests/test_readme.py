"""The README's Python example runs as written, from the project's root folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT


def test_the_readme_python_example_runs_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    example = next(b for b in blocks if "telusur.analyze(" in b and "telusur.process(" in b)
    shutil.copytree(ROOT / "demo", tmp_path / "demo")  # the example's paths are relative to a clone's root
    done = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo.db").exists() and (tmp_path / "articles.parquet").exists() and (tmp_path / "report.html").exists()
    assert "Korea Selatan" in done.stdout and "direct" in done.stdout
