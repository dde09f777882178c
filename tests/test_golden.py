"""Golden files: the reference matrix's whole model, and the rule file built from it.

A change to either is a change of what matrixc says about the reference document: review the diff
of the golden file, then refresh it with `UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from compiler.emit.rules import emit_rules, rule_file
from compiler.model.jsonstyle import pretty
from compiler.model.matrix import Matrix
from compiler.project.pipeline import compile_file

from .conftest import REFERENCE

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
PATH = "source_docs/hyper-v-azure-support-matrix.md"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file"


def reference() -> Matrix:
    """The reference matrix, its path recorded as the project records it (machine-neutral)."""
    matrix = compile_file(REFERENCE)
    source = matrix.source.model_copy(update={"path": PATH})
    return matrix.model_copy(update={"source": source})


def test_reference_model_matches_golden() -> None:
    check_golden(
        "hyper-v-azure-support-matrix.model.json", pretty(reference().model_dump(mode="json"))
    )


def test_reference_rule_file_matches_golden() -> None:
    check_golden("hyper-v-azure-support-matrix.rules.json", emit_rules(rule_file(reference())))


def test_model_is_identical_across_compiles() -> None:
    first = compile_file(REFERENCE).model_dump_json()
    second = compile_file(REFERENCE).model_dump_json()
    assert first == second
