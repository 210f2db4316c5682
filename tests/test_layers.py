"""The layers keep to their places: corpus logic never touches the store, the store knows no corpus code.

Issue 16's first condition: every corpus stage is plain functions over records, so it can
run without SQLite (and on another executor); the SQLite side lives in ``engine``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "telusur"


def imported(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level and TYPE_CHECKING imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    out = {}
    for path in sorted((SRC / folder).glob("*.py")):
        bad = sorted(m for m in imported(path) if m.startswith(forbidden))
        if bad:
            out[path.name] = bad
    return out


def test_no_corpus_module_imports_the_store_the_engine_or_the_web_app() -> None:
    assert offenders("corpus", ("telusur.store", "telusur.engine", "telusur.web", "telusur.api")) == {}


def test_the_store_imports_nothing_from_corpus_engine_or_web() -> None:
    assert offenders("store", ("telusur.corpus", "telusur.engine", "telusur.web", "telusur.api")) == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from telusur.store import Store\n    return Store\n", encoding="utf-8")
    assert "telusur.store" in imported(sample)


def test_every_stored_kind_verdict_and_relation_is_one_the_model_names(demo_analysis) -> None:
    from telusur.model import DIFF_KINDS, RELATIONS, VERDICTS

    diffs = demo_analysis.fact_diffs()
    pairs = demo_analysis.siblings()
    assert diffs and pairs
    assert {d.kind for d in diffs} <= set(DIFF_KINDS) and {d.verdict for d in diffs} <= set(VERDICTS)
    assert {p.relation for p in pairs} <= set(RELATIONS)
    assert {"distortion", "variant"} <= {d.verdict for d in diffs}


def test_nothing_outside_the_store_reaches_for_its_raw_connection() -> None:
    import re

    users = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                   if "store" not in p.relative_to(SRC).parts[:1] and re.search(r"\.conn\b", p.read_text(encoding="utf-8")))
    assert users == []
