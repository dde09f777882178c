"""The front end builds its models without validating each cell again (`Frozen.trusted`,
`new_cell`, `new_row`); these tests hold what it builds to what validation would have accepted.

Revalidating the dump of every real document's model must give back an equal model: a list where
a tuple is declared, a value outside a Literal, a missing or unknown field would all fail here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from compiler.model.matrix import Cell, Matrix, Note, Row, new_cell, new_row
from compiler.project.pipeline import compile_file

from .conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [*ROOT.glob("source_docs/*.md"), *CORPUS.glob("*.md"), *CORPUS.glob("beyond/*.md")],
    key=lambda p: p.name,
)
DOCS = [p for p in DOCS if p.name != "README.md"]


def _walk(model: BaseModel) -> list[BaseModel]:
    """Every model nested in `model`, itself included."""
    out = [model]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, BaseModel):
                out += _walk(item)
    return out


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_revalidated_model_is_the_same(path: Path) -> None:
    matrix = compile_file(path)
    again = Matrix.model_validate(matrix.model_dump())
    assert again == matrix
    assert again.model_dump_json() == matrix.model_dump_json()
    for model in _walk(matrix):
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if "tuple" in str(info.annotation):  # declared tuples are tuples, never lists
                assert isinstance(value, tuple), (type(model).__name__, name, value)


def test_trusted_refuses_unknown_and_missing_fields() -> None:
    with pytest.raises(TypeError, match="unknown"):
        Note.trusted(kind="note", text="x", line=1, raw="x", colour="red")
    with pytest.raises(TypeError, match="missing"):
        Note.trusted(kind="note", text="x", line=1)


def test_fast_constructors_equal_validated_models() -> None:
    cell = new_cell(column=1, scenario="s", raw="**Yes**", text="Yes", status="supported")
    assert cell == Cell(column=1, scenario="s", raw="**Yes**", text="Yes", status="supported")
    row = new_row(id="a/b", key="b", line=3, cells=(cell,))
    assert row == Row(id="a/b", key="b", line=3, cells=(cell,))
    assert repr(row) == repr(Row(id="a/b", key="b", line=3, cells=(cell,)))
    legend = row.model_copy(update={"kind": "legend"})  # the shared fields set is not mutated
    assert legend.kind == "legend"
    assert row.kind == "data"
    assert new_row(id="c", key="c", line=4, cells=()).model_fields_set == set(Row.model_fields)
