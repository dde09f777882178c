"""A JSON Lines inventory checked and rendered a block of lines at a time (`_JsonlSource._blocks`)
writes what `check_all` over its Items writes, byte for byte, stdout and stderr and exit code, in
every format: on every corpus matrix, with blank lines, broken JSON, a key given twice, colons in
strings, lines that are no object or no configuration, unhashable values, facts under other
spellings (and one fact twice), 1 for a true/false fact, names that are no strings, CRLF and a
last line without its line break."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from compiler.emit import runtime

from .conftest import ROOT, SIBLINGS
from .test_runtime_lane import _checker, _inventory, _write
from .test_runtime_rows import LINES

DOCS = sorted((ROOT / "source_docs").glob("*-matrix.md")) + SIBLINGS


def _odd_lines(v: runtime.Validator) -> list[str]:
    """Lines each way of reading a row must agree on, for this matrix's facts and scenarios."""
    label = next(iter(v.scenarios.values())).label
    f = v.facts[0]
    good = {"scenario": label, "facts": {f.row: True}}
    return [
        *LINES,
        "\n",
        "   \n",
        json.dumps({"name": "twice", **good, "facts": {f.row: True, f.key: True}}) + "\n",
        json.dumps({"name": "list", **good, "facts": {f.row: ["x"]}}) + "\n",
        json.dumps({"name": "one", **good, "facts": {f.row: 1}}) + "\n",
        json.dumps({"name": 7, **good}) + "\n",
        json.dumps({"name": None, **good}) + "\n",
        json.dumps({"name": "colon: in a name", **good}) + "\n",
        json.dumps({"name": "unknown", **good, "facts": {"no such fact": 1}}) + "\n",
        json.dumps({"name": "extra", **good, "other": 1}) + "\n",
        json.dumps({"name": "no scenario", "facts": {f.row: True}}) + "\n",
        json.dumps({"name": "bad scenario", "scenario": "Nope", "facts": {}}) + "\n",
        json.dumps({"name": "crlf", **good}) + "\r\n",
        json.dumps({"name": "spelled", "scenario": label, "facts": {f.key: True}}) + "\n",
        json.dumps({"name": "facts list", "scenario": label, "facts": [1]}) + "\n",
    ]


def _inventory_file(v: runtime.Validator, tmp_path: Path, seed: int) -> Path:
    header, rows = _inventory(v, 300, seed)
    _, path = _write(v, tmp_path, header, rows + rows[:100])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rnd = random.Random(seed)
    for line in _odd_lines(v):
        lines.insert(rnd.randrange(len(lines) + 1), line if line.endswith("\n") else line + "\n")
    last = json.dumps({"name": "last", "facts": {}})  # no line break after it
    path.write_text("".join(lines) + last, encoding="utf-8", newline="")
    return path


def _report(v: runtime.Validator, path: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = v.run([str(path)], fmt=fmt, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_json_lines_in_blocks_write_what_check_all_writes(
    doc: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _checker(doc).data
    path = _inventory_file(runtime.Validator(data), tmp_path, seed=3)
    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK", 37)  # many blocks, many block ends
        blocks = _report(runtime.Validator(data), path, fmt)
    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK_FORMATS", frozenset())
        items = _report(runtime.Validator(data), path, fmt)
    assert blocks == items
    code, out, err = blocks
    assert out
    assert code == 2  # unusable rows among them
    assert "given twice" in err
    assert "not valid JSON" in err


def test_the_blocks_are_taken_for_text_and_json(tmp_path: Path) -> None:
    v = _checker(ROOT / "source_docs" / "hyper-v-azure-support-matrix.md")
    path = _inventory_file(v, tmp_path, seed=4)
    source = v.read_configs(str(path))
    assert type(source) is runtime._JsonlSource
    parts = list(v.outcomes([source], None, None, "text"))
    assert parts
    assert all(type(p) is runtime._Part for p in parts)
    items = list(v.read_configs(str(path)))  # iterated: the Items as ever
    assert all(type(i) is runtime.Item for i in items)
    assert sum(p.total for p in parts) == len(items)
