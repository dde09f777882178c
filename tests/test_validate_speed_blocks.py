"""A CSV inventory checked a block of lines at a time (`_CsvSource._blocks`: lines matched whole
by a pattern of the cells known to pass, the others parsed and judged one by one) writes the
report the row-by-row loop writes, byte for byte: on every matrix, with quoted cells, rows that
span lines (also across a block's end), blank and short rows, rows without a name, several
scenarios, cells that pass only once seen, and stdout/stderr both compared."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.emit import runtime
from compiler.emit.rules import rule_file
from compiler.emit.validator import emit_validator
from compiler.project.pipeline import compile_file

from .test_runtime_lane import MATRICES, _checker, _inventory


def _reports(v: runtime.Validator, path: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = v.run([str(path)], fmt=fmt, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _both_ways(
    v: runtime.Validator, path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(in blocks, row by row) — the same validator's reports, fresh memos each time."""
    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK", 64)  # many blocks, many block ends
        blocks = _reports(v, path, fmt)
    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK_FORMATS", frozenset())
        rows = _reports(v, path, fmt)
    return blocks, rows


def _rows(v: runtime.Validator, n: int, seed: int) -> tuple[list[str], list[list[str]]]:
    header, rows = _inventory(v, n, seed, nameless=0.02)
    rnd = random.Random(seed)
    # Long runs of one scenario and few values, as real inventories have (the pattern's case).
    label = next(iter(v.scenarios.values())).label
    for row in rows[: n // 2]:
        row[1] = label
        for k in range(2, len(row)):
            if rnd.random() < 0.7:
                row[k] = ""
    return header, rows


def _text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue()


@pytest.mark.parametrize("doc", MATRICES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_blocks_write_what_the_row_by_row_loop_writes(
    doc: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v = _checker(doc)
    header, rows = _rows(v, 1500, seed=11)
    path = tmp_path / "fleet.csv"
    path.write_text(_text(header, rows), encoding="utf-8")
    blocks, by_row = _both_ways(v, path, fmt, monkeypatch)
    assert blocks == by_row


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_odd_lines_in_blocks_are_read_as_the_row_by_row_loop_reads_them(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v = _checker(MATRICES[0])
    header, rows = _rows(v, 700, seed=3)
    lines = _text(header, rows).splitlines(keepends=True)
    width = len(header)
    odd = {
        100: "\r\n",  # a blank line
        150: "   ,  ,\r\n",  # blank cells only: blank too
        200: "short,row\r\n",
        260: ",".join(["", *rows[0][1:]]) + "\r\n",  # no name: 'row N'
        300: '"quoted, name",' + ",".join(rows[1][1:]) + "\r\n",  # a quote: parsed strictly
        330: "x" + "," * (width - 1) + "\n",  # a line ending of its own
        360: "nul\x00," + ",".join(rows[3][1:]) + "\r\n",  # a NUL: the CSV reader's to say
        380: ",".join(["y", *rows[4][1:-1], "maybe"]) + "\r\n",  # a cell that says something
    }
    for at, line in sorted(odd.items(), reverse=True):
        lines.insert(at, line)
    path = tmp_path / "fleet.csv"
    path.write_text("".join(lines), encoding="utf-8", newline="")
    blocks, by_row = _both_ways(v, path, fmt, monkeypatch)
    assert blocks == by_row
    # A row spanning lines near a block's end: from there on the file is read row by row.
    spanning = '"two\nlines",' + ",".join(rows[2][1:]) + "\r\n"
    for at in (63, 64, 65, 500):
        path.write_text("".join([*lines[:at], spanning, *lines[at:]]), "utf-8", newline="")
        blocks, by_row = _both_ways(v, path, fmt, monkeypatch)
        assert blocks == by_row, at
    # A quote left open: the rest is one field, as the row-by-row loop reads it.
    path.write_text("".join([*lines[:400], '"open,\r\n', *lines[400:]]), "utf-8", newline="")
    blocks, by_row = _both_ways(v, path, fmt, monkeypatch)
    assert blocks == by_row


def test_a_part_of_an_inventory_in_blocks_is_the_part_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--jobs: a worker's part is checked in blocks too, and its text is the serial one."""
    v = _checker(MATRICES[0])
    header, rows = _rows(v, 3000, seed=8)
    path = tmp_path / "fleet.csv"
    path.write_text(_text(header, rows), encoding="utf-8")
    monkeypatch.setattr(runtime, "_PART_BYTES", 1 << 14)
    for fmt in ("text", "json"):
        out_one, out_two = io.StringIO(), io.StringIO()
        one = v.run([str(path)], fmt=fmt, out=out_one, err=io.StringIO(), jobs=1)
        two = v.run([str(path)], fmt=fmt, out=out_two, err=io.StringIO(), jobs=2)
        assert (one, out_one.getvalue()) == (two, out_two.getvalue())


def test_stdout_written_as_bytes_is_what_the_text_layer_writes(tmp_path: Path) -> None:
    """A program's stdout (a pipe, UTF-8) gets each chunk encoded once, straight to its bytes:
    the same bytes as through the text layer, a lone surrogate (JSON can escape one) as U+FFFD."""
    v = _checker(MATRICES[0])
    module = tmp_path / "validator.py"
    module.write_text(emit_validator(rule_file(compile_file(MATRICES[0]))), encoding="utf-8")
    header, rows = _rows(v, 300, seed=2)
    path = tmp_path / "fleet.csv"
    path.write_text(_text(header, rows), encoding="utf-8")
    lines = tmp_path / "fleet.jsonl"
    lines.write_text('{"name": "odd \\ud800 \u00e9", "facts": {}}\n', encoding="utf-8")
    for fmt in ("text", "json", "sarif"):
        for inventory in (path, lines):
            done = subprocess.run(
                [sys.executable, str(module), str(inventory), "--format", fmt],
                capture_output=True,
                check=False,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            )
            out = io.StringIO()
            code = v.run([str(inventory)], fmt=fmt, out=out, err=io.StringIO())
            assert (done.returncode, done.stdout) == (code, out.getvalue().encode()), fmt


def test_line_breaks_of_a_part_are_counted_as_the_text_reader_counts_them() -> None:
    """--jobs numbers a part's rows from the line breaks before it: \\n, \\r\\n and a lone \\r."""
    rnd = random.Random(1)
    cases = [b"", b"a\r\nb\r\n", b"a\rb\nc\r\n", b"\r", b"\n\r", b"x\r\r\n", b"\r\n\r"]
    cases += [bytes(rnd.choice(b"ab\r\n") for _ in range(rnd.randint(0, 12))) for _ in range(500)]
    for data in cases:
        lines = io.TextIOWrapper(io.BytesIO(b"x" + data + b"x"), newline="").readlines()
        assert runtime._line_breaks(data) == len(lines) - 1, data
