"""`--jobs 2` writes what `--jobs 1` writes, byte for byte in every format, on the validators
`matrixc build` generated for the corpus matrices: with failing and unusable rows in every part,
a quoted cell whose line break lies across a cut, and a byte that is not UTF-8 in the second
half (alone, or after one in the first half: the first is named, as the serial reader names
it)."""

from __future__ import annotations

import codecs
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.emit import runtime
from compiler.model.names import module_name

from .conftest import ROOT
from .test_runtime_lane import MATRICES, _checker, _inventory

FORMATS = ("text", "json", "sarif", "junit")
PART = "\n_PART_BYTES = 1 << 22 "
SMALL = 20_000  # bytes a part: a test inventory makes a dozen or more


def _validator(doc: Path, tmp_path: Path) -> Path:
    """The matrix's validator from generated/, cutting parts of SMALL bytes, run as a program
    (a fork of the test process would copy its threads' locks)."""
    source = (ROOT / "generated" / "validators" / f"{module_name(doc.stem)}.py").read_text(
        encoding="utf-8"
    )
    assert PART in source
    path = tmp_path / f"{module_name(doc.stem)}.py"
    path.write_text(source.replace(PART, f"\n_PART_BYTES = {SMALL} "), encoding="utf-8")
    return path


def _run(module: Path, path: Path, fmt: str, jobs: int) -> tuple[int, bytes, bytes]:
    done = subprocess.run(
        [sys.executable, str(module), str(path), "--format", fmt, "--jobs", str(jobs)],
        capture_output=True,
        check=False,
        timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue().encode("utf-8")


def _cuts(data: bytes, path: Path) -> list[int]:
    """Where the program cuts this CSV file into parts with --jobs 2 (see `Validator._plan`)."""
    head = data.index(b"\n") + 1
    parts = max(2, -(-(len(data) - head) // SMALL))
    return runtime._cuts(str(path), head, len(data), parts)


@pytest.mark.parametrize("doc", MATRICES, ids=lambda p: p.stem)
def test_two_jobs_write_the_serial_report_of_a_corpus_matrix(doc: Path, tmp_path: Path) -> None:
    module = _validator(doc, tmp_path)
    v = _checker(doc)
    header, rows = _inventory(v, 1600, seed=21)
    half = len(rows) // 2
    # From the second half on, every row's name holds a quoted line break halfway along the
    # row (and a comma, quotes and a character of two bytes): cuts there fall inside it.
    pad = "x" * 150
    rows = [
        [f'vm{i} caf\u00e9 {pad}\nsecond, "line"', *r[1:]] if i > half else r
        for i, r in enumerate(rows)
    ]
    data = _csv(header, rows)
    path = tmp_path / "fleet.csv"
    path.write_bytes(data)
    cuts = _cuts(data, path)
    assert len(cuts) > 8
    inside = [c for c in cuts[1:-1] if data.count(b'"', 0, c) % 2]
    assert inside, "no cut lies inside a quoted cell"
    assert len([c for c in cuts if c < min(inside)]) > 3  # parts the workers check, before
    for fmt in FORMATS:
        serial = _run(module, path, fmt, 1)
        assert serial[0] == 2  # failing rows and unusable ones
        assert serial[2].count(b"\n") > 10  # the unusable ones, named with their lines
        assert _run(module, path, fmt, 2) == serial, fmt
    # Unusable rows in the first part and in the last (their lines as the reader counts).
    lines = [int(e.split(b":")[1]) for e in serial[2].splitlines() if b".csv:" in e]
    assert lines[0] <= data.count(b"\n", 0, cuts[1]) < data.count(b"\n", 0, cuts[-2]) < lines[-1]


@pytest.mark.parametrize("doc", MATRICES[:1], ids=lambda p: p.stem)
def test_two_jobs_name_the_first_byte_that_is_not_utf8(doc: Path, tmp_path: Path) -> None:
    module = _validator(doc, tmp_path)
    v = _checker(doc)
    header, rows = _inventory(v, 1600, seed=22)
    rows[100][0] = "caf\u00e9"  # a character of two bytes before the bad one
    data = bytearray(_csv(header, rows))
    path = tmp_path / "fleet.csv"
    late = data.index(b"\n", len(data) * 3 // 4) + 1  # a row's first byte, three quarters in
    early = data.index(b"\n", len(data) // 4) + 1
    for bad in ([late], [early, late]):
        broken = bytearray(data)
        for at in bad:
            broken[at] = 0xFF
        path.write_bytes(bytes(broken))
        for fmt in FORMATS:
            serial = _run(module, path, fmt, 1)
            assert serial == (2, b"", f"{path}: not UTF-8 text (byte {bad[0]})\n".encode())
            assert _run(module, path, fmt, 2) == serial, (bad, fmt)


def test_the_utf8_check_names_the_byte_the_decoder_names(tmp_path: Path) -> None:
    """Chunks of ASCII are passed over in one C pass; a character cut by a chunk's end, a
    byte order mark, a bad byte in a later chunk and a sequence left open at the end are
    found where decoding the whole file finds them."""
    chunk = 1 << 20
    path = tmp_path / "fleet.csv"
    euro = "\u20ac".encode()
    cases: list[bytes] = []
    for shift in range(-3, 2):
        body = bytearray(b"a" * (2 * chunk + 50))
        body[chunk + shift : chunk + shift + 3] = euro
        cases.append(bytes(body))
        for bad in (chunk + shift + 1, chunk + shift + 3, 2 * chunk + 10):
            broken = bytearray(body)
            broken[bad] = 0x80
            cases.append(bytes(broken))
        cases.append(bytes(body) + euro[:2])
    cases += [codecs.BOM_UTF8 + c for c in cases[:4]]
    for data in cases:
        path.write_bytes(data)
        text = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        try:
            text.decode("utf-8")
            expected = None
        except UnicodeDecodeError as exc:
            expected = f"{path}: not UTF-8 text (byte {exc.start})"
        try:
            runtime._check_utf8(str(path))
            got = None
        except runtime.ConfigError as exc:
            got = str(exc)
        assert got == expected
