"""`--jobs N`: an inventory checked in parts by worker processes gives the serial report, and
JSON Lines rows find a key given twice without running every object through Python."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.emit import runtime
from compiler.emit.rules import rule_file
from compiler.emit.validator import emit_validator
from compiler.project.pipeline import compile_file

from .conftest import ROOT
from .test_runtime_lane import _checker, _inventory, _write

REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
FORMATS = ("text", "json", "sarif", "junit")
PART = "\n_PART_BYTES = 1 << 22 "


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference matrix's generated validator, cutting parts of 20 KB (not 4 MB) so that a
    test inventory makes a few dozen; run as a program, as `--jobs` is meant to be (a fork of
    the test process would copy its threads' locks)."""
    source = emit_validator(rule_file(compile_file(REFERENCE)))
    assert PART in source
    path = tmp_path_factory.mktemp("validator") / "hv.py"
    path.write_text(source.replace(PART, "\n_PART_BYTES = 20_000 "), encoding="ascii")
    return path


def _run(module: Path, path: Path, fmt: str, jobs: int) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, str(module), str(path), "--format", fmt, "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _changed(module: Path, path: Path, old: str, new: str) -> Path:
    """A copy of the validator at `path` with its `old` (which it must hold) made `new`: one
    made to fail in one way, as a worker, a pool or a file can."""
    source = module.read_text(encoding="ascii")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="ascii")
    return path


def _multiline(rows: list[list[str]], every: int, after: int) -> list[list[str]]:
    """Rows whose name holds a quoted line break (and a comma and quotes) now and then."""
    return [
        [f'vm{i}\nsecond, "line"', *r[1:]] if i > after and i % every == 0 else r
        for i, r in enumerate(rows)
    ]


def test_parts_over_processes_write_the_serial_report(module: Path, tmp_path: Path) -> None:
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=4)
    csv_path, jsonl_path = _write(v, tmp_path, header, rows)
    assert csv_path.stat().st_size > 10 * 20_000
    for path, formats in ((csv_path, FORMATS), (jsonl_path, ("text", "json"))):
        for fmt in formats:
            serial = _run(module, path, fmt, 1)
            assert serial[0] == 2  # failing rows and unusable ones
            assert serial[2]  # the unusable ones named with their lines
            assert _run(module, path, fmt, 2) == serial, (path.name, fmt)
    assert _run(module, csv_path, "json", 3) == _run(module, csv_path, "json", 1)


@pytest.mark.parametrize(("after", "ending"), [(0, "\n"), (900, "\n"), (900, "\r\n")])
def test_rows_spanning_lines_and_crlf_give_the_serial_report(
    module: Path, tmp_path: Path, after: int, ending: str
) -> None:
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=8)
    rows = _multiline(rows, 37, after)  # from row 900 on, the first parts are regular
    buf = io.StringIO()
    csv.writer(buf, lineterminator=ending).writerows([header, *rows])
    path = tmp_path / "fleet.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))  # a byte order mark
    serial = _run(module, path, "json", 1)
    assert _run(module, path, "json", 2) == serial
    names = [r["name"] for r in json.loads(serial[1])["results"]]
    assert any("\n" in name for name in names)
    assert any(name.startswith("row ") for name in names)  # numbered as the serial reader does


def test_a_key_twice_in_a_json_lines_row_is_an_error_naming_its_line(tmp_path: Path) -> None:
    v = _checker(REFERENCE)
    rows = [
        {"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 3}},
        '{"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 3, "Data disk count": 40}}',
        '{"scenario": "Hyper-V with VMM", "scenario": "x", "facts": {}}',
        {"scenario": "Hyper-V with VMM", "name": "a:b", "facts": {"VM name": "web:01"}},
        '{"facts": {"Data disk count": 3}, "scenario": "Hyper-V with VMM", "x": {"k": 1, "k": 2}}',
    ]
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)
    (tmp_path / "fleet.jsonl").write_text(text, encoding="utf-8")
    outcomes = list(v.check_all(v.read_configs(str(tmp_path / "fleet.jsonl"))))
    errors = {o.where.rsplit(":", 1)[1]: o.error for o in outcomes if o.error}
    assert set(errors) == {"2", "3", "5"}
    assert "key 'Data disk count' given twice" in (errors["2"] or "")
    assert "key 'scenario' given twice" in (errors["3"] or "")
    assert "key 'k' given twice" in (errors["5"] or "")
    assert outcomes[3].report is not None  # colons in values: read with the hook, checked
    assert [f.key for f in outcomes[3].report.findings] == ["VM name"]


@pytest.mark.parametrize(
    "line",
    [
        '{"facts": {"a": 1}, "scenario": "s"}',
        '{"facts": {"a": 1, "a": 2}}',
        '{"name": "x:y", "facts": {}}',
        '{"facts": {"a": {"b": 1, "b": 2}}}',
        '{"facts": [1, 2], "facts": 3}',
        '{"facts": {"a": NaN}}',
        "[1, 2]",
        '{"a": 1} trailing',
    ],
)
def test_a_row_reads_as_the_duplicate_key_hook_reads_it(line: str) -> None:
    def read(reader: object) -> object:
        try:
            return reader(line, "f.jsonl")  # type: ignore[operator]
        except runtime.ConfigError as exc:
            return str(exc)

    assert read(runtime._json_line) == read(runtime._json)


def test_a_worker_that_dies_leaves_the_rest_to_the_parent(module: Path, tmp_path: Path) -> None:
    """A worker killed mid-run (here: the first task exits at once, as under the OOM killer)
    breaks the pool; the parent checks the parts from that one on and writes the serial report,
    instead of waiting forever for the lost part."""
    flag = tmp_path / "died"
    task = '    """A worker\'s task: one part checked and rendered."""\n'
    dying = _changed(
        module,
        tmp_path / "dying.py",
        task,
        task + f"    if not os.path.exists({str(flag)!r}):\n"
        f"        open({str(flag)!r}, 'w').close()\n"
        "        os._exit(9)\n",
    )
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=5)
    csv_path, _ = _write(v, tmp_path, header, rows)
    serial = _run(module, csv_path, "json", 1)
    done = subprocess.run(
        [sys.executable, str(dying), str(csv_path), "--format", "json", "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert flag.exists()  # a worker did die
    assert (done.returncode, done.stdout, done.stderr) == serial


_BREAKING = """
import concurrent.futures as _cf
import concurrent.futures.process as _cfp


class _Breaking(_cf.ProcessPoolExecutor):
    handed = 0

    def submit(self, *args, **kwargs):
        _Breaking.handed += 1
        if _Breaking.handed > {limit}:
            raise _cfp.BrokenProcessPool("a child process terminated abruptly")
        return super().submit(*args, **kwargs)


_cf.ProcessPoolExecutor = _Breaking
"""


@pytest.mark.parametrize("limit", [0, 2, 4, 7])
def test_a_pool_that_breaks_while_parts_are_handed_out_leaves_them_to_the_parent(
    module: Path, tmp_path: Path, limit: int
) -> None:
    """A pool that broke refuses the next part (`submit` raises): at the first hand-out
    (limit 0, 2) or after parts came back (4, 7: two workers are handed four parts at first),
    the parent checks the rest itself and writes the serial report, exit status included."""
    imports = "\nimport os\n"
    breaking = _changed(
        module, tmp_path / "breaking.py", imports, imports + _BREAKING.format(limit=limit)
    )
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=7)
    csv_path, _ = _write(v, tmp_path, header, rows)
    serial = _run(module, csv_path, "json", 1)
    assert serial[0] == 2
    assert _run(breaking, csv_path, "json", 2) == serial


def test_an_inventory_unreadable_when_its_parts_are_read_is_one_line(
    module: Path, tmp_path: Path
) -> None:
    """The file was read to cut it, and cannot be read again to hand its parts out (removed,
    its permission taken): one line naming it and exit status 2, no traceback."""
    opening = '    lines = first.lines\n    with open(path, "rb") as fh:\n'
    denied = _changed(
        module,
        tmp_path / "denied.py",
        opening,
        '    raise PermissionError(13, "Permission denied", path)\n' + opening,
    )
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=5)
    csv_path, _ = _write(v, tmp_path, header, rows)
    code, _, err = _run(denied, csv_path, "json", 2)
    assert (code, err) == (2, f"{csv_path}: cannot read: Permission denied\n")
