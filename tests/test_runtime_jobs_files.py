"""`--jobs N`: each worker writes its part's rendering to a file of a private folder and sends
back only its counts; the report is still byte for byte the serial one, and the folder is gone
after every run: one that ends, one whose worker fails (the parent then checks the rest), one
stopped by Ctrl-C."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.emit.rules import rule_file
from compiler.emit.validator import emit_validator
from compiler.project.pipeline import compile_file

from .conftest import ROOT
from .test_runtime_lane import _checker, _inventory, _write

REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
FORMATS = ("text", "json", "sarif", "junit")
PART = "\n_PART_BYTES = 1 << 22 "
TASK = '    """A worker\'s task: one part checked and rendered."""\n'


@pytest.fixture(scope="module")
def source() -> str:
    """The reference matrix's generated validator, cutting parts of 20 KB (not 4 MB)."""
    text = emit_validator(rule_file(compile_file(REFERENCE)))
    assert PART in text
    assert TASK in text
    return text.replace(PART, "\n_PART_BYTES = 20_000 ")


def _program(source: str, path: Path, task: str = "") -> Path:
    """The validator as a program (a fork of the test process would copy its threads' locks),
    `task` run first in each worker's task (`spec`: the part)."""
    path.write_text(source.replace(TASK, TASK + task), encoding="utf-8")
    return path


def _run(program: Path, path: Path, fmt: str, jobs: int, tmp: Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) with the temporary folder `tmp`, which must be empty after."""
    tmp.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(program), str(path), "--format", fmt, "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    assert list(tmp.iterdir()) == [], "a temporary file or folder was left behind"
    return done.returncode, done.stdout, done.stderr


def _log(path: Path) -> str:
    """A task's line that writes where its part's rendering goes, one line per part."""
    return f"    open({str(path)!r}, 'a').write(spec.out + '\\n')\n"


def test_parts_come_back_through_files_that_are_then_gone(source: str, tmp_path: Path) -> None:
    log = tmp_path / "parts.log"
    program = _program(source, tmp_path / "hv.py", _log(log))
    v = _checker(REFERENCE)
    header, rows = _inventory(v, 1500, seed=11)
    csv_path, jsonl_path = _write(v, tmp_path, header, rows)
    tmp = tmp_path / "tmp"
    for path, formats in ((csv_path, FORMATS), (jsonl_path, ("text", "json", "junit"))):
        for fmt in formats:
            serial = _run(program, path, fmt, 1, tmp)
            assert serial[0] == 2  # failing rows and unusable ones
            log.unlink(missing_ok=True)
            assert _run(program, path, fmt, 2, tmp) == serial, (path.name, fmt)
            outs = log.read_text(encoding="utf-8").splitlines()
            assert len(outs) > 10  # checked in parts, by the workers
            if fmt == "sarif":  # its few results travel with the counts: no file
                assert set(outs) == {""}
                continue
            assert len(set(outs)) == len(outs)  # a file each
            assert all(Path(o).parent.parent == tmp for o in outs)  # in one private folder
            assert len({Path(o).parent for o in outs}) == 1


def test_a_lone_surrogate_in_a_name_reads_as_in_the_serial_report(
    source: str, tmp_path: Path
) -> None:
    """JSON Lines can name a configuration with a lone surrogate ("\\ud800"), which no
    encoding writes: a worker's file keeps it for JUnit (written at the end), the other
    formats write U+FFFD, as the serial report does."""
    program = _program(source, tmp_path / "hv.py")
    v = _checker(REFERENCE)
    _, jsonl_path = _write(v, tmp_path, *_inventory(v, 1500, seed=12))
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    for i in range(0, len(lines), 97):
        obj = json.loads(lines[i])
        obj["name"] = f"vm\ud800{i}\udfff"
        lines[i] = json.dumps(obj)  # ASCII: the surrogates as escapes
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp = tmp_path / "tmp"
    for fmt in FORMATS:
        serial = _run(program, jsonl_path, fmt, 1, tmp)
        assert "\ufffd" in serial[1] or fmt == "sarif", fmt
        assert _run(program, jsonl_path, fmt, 2, tmp) == serial, fmt


def test_a_worker_that_fails_leaves_the_rest_to_the_parent(source: str, tmp_path: Path) -> None:
    """A worker whose task raises (here: its file cannot be written, as on a full disk) does
    not end the run: the parent checks the parts from that one on, and the report is the
    serial one; the files written so far go with the folder."""
    count = tmp_path / "count"
    failing = (
        f"    with open({str(count)!r}, 'a') as fh:\n"
        "        fh.write('.')\n"
        f"    if os.path.getsize({str(count)!r}) == 4:\n"
        "        raise OSError(28, 'No space left on device', spec.out)\n"
    )
    program = _program(source, tmp_path / "hv.py", failing)
    v = _checker(REFERENCE)
    csv_path, _ = _write(v, tmp_path, *_inventory(v, 1500, seed=13))
    tmp = tmp_path / "tmp"
    for fmt in ("text", "json", "junit"):
        serial = _run(program, csv_path, fmt, 1, tmp)
        count.unlink(missing_ok=True)
        assert _run(program, csv_path, fmt, 2, tmp) == serial, fmt
        assert count.stat().st_size >= 4  # the fourth part did fail


def test_ctrl_c_leaves_no_folder_behind(source: str, tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the parent, the workers ignore it) while parts are out: the run stops
    with KeyboardInterrupt as a serial one would, after the workers and the folder are gone."""
    flag = tmp_path / "interrupted"
    interrupt = (
        f"    if spec.start > 100_000 and not os.path.exists({str(flag)!r}):\n"
        f"        open({str(flag)!r}, 'w').close()\n"
        "        os.kill(os.getppid(), 2)\n"
    )
    program = _program(source, tmp_path / "hv.py", interrupt)
    v = _checker(REFERENCE)
    csv_path, _ = _write(v, tmp_path, *_inventory(v, 1500, seed=14))
    code, _, err = _run(program, csv_path, "json", 2, tmp_path / "tmp")
    assert flag.exists()
    assert code != 0
    assert "KeyboardInterrupt" in err
