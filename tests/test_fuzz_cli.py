"""Random bytes and random argv to every command: exit 0, 1 or 2 with a message, never a traceback.

Files are drawn from raw bytes, arbitrary text, and mutations of real inputs (the reference
matrix, its rule file, configurations), so that the fuzz reaches past "not UTF-8". Commands run
in-process through `compiler.cli.main` (an exception escaping it fails the test); a few also run
as real processes, to show that what reaches a terminal is never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.cli.main import main
from compiler.emit.rules import emit_rules, rule_file
from compiler.project.pipeline import compile_file

from .conftest import REFERENCE
from .test_fuzz import documents  # also loads the "ci"/"fuzz" hypothesis profile

REF = REFERENCE.read_bytes()
CONFIG = json.dumps(
    {"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 17, "VM name": "web_01"}}
).encode()
CSV = b"name,scenario,Data disk count,VM name\nweb1,Hyper-V with VMM,3,web1\n"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside any project, with the reference's rule file in it."""
    folder = tmp_path_factory.mktemp("fuzz-cli")
    (folder / "rules.json").write_text(
        emit_rules(rule_file(compile_file(REFERENCE))), encoding="utf-8"
    )
    return folder


@st.composite
def mutation(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few slices replaced by random bytes, cut short, or repeated."""
    data = seed
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 200)))
        data = data[:start] + draw(st.binary(max_size=40)) + data[end:]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


_DEEP = st.sampled_from([b"[", b'{"a":', b"> ", b"- ", b"a: [", b"{"]).flatmap(
    lambda unit: st.integers(100, 20_000).map(lambda n: unit * n)
)
CONTENTS = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    documents().map(lambda d: d.text.encode("utf-8")),
    mutation(REF),
    mutation(CONFIG),
    mutation(CSV),
    _DEEP,
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\x00", b"{}", b"[]", b"null", b"---\n", b"\r\n" * 50]),
)
SUFFIXES = st.sampled_from([".md", ".json", ".jsonl", ".csv", ".yaml", ".yml", ".txt", ""])


@contextlib.contextmanager
def captured() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def run(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """`matrixc ARGV` in-process; argparse's SystemExit becomes the exit code."""
    with contextlib.chdir(cwd), captured() as (out, err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    o, e = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2), (code, o[-500:], e[-500:])
    assert "Traceback" not in o + e
    if code == 2:  # bad usage or input: said on stderr (lint reports it as a diagnostic)
        assert (e if argv[:1] != ["lint"] else o + e).strip(), "exit 2 without a message"
    elif code == 1:  # findings, changes or errors: the report or diagnostics say which
        assert (o + e).strip(), "exit 1 without a message"
    return code, o, e


_counter = iter(range(10**9))


def put(folder: Path, data: bytes, suffix: str) -> str:
    path = folder / f"f{next(_counter)}{suffix}"
    path.write_bytes(data)
    return str(path)


@given(CONTENTS, SUFFIXES)
def test_parse_and_lint_random_files(work: Path, data: bytes, suffix: str) -> None:
    path = put(work, data, suffix)
    code, out, _ = run(["parse", path], work)
    assert code in (0, 2)
    if code == 0:
        json.loads(out)
    code, out, _ = run(["lint", path], work)
    assert code in (0, 1)


@given(
    CONTENTS,
    CONTENTS,
    st.sampled_from([".md", ".json", ""]),
    st.sampled_from(["text", "markdown", "json"]),
)
def test_diff_random_files(work: Path, old: bytes, new: bytes, suffix: str, fmt: str) -> None:
    a, b = put(work, old, suffix), put(work, new, suffix)
    code, out, _ = run(["diff", a, b, "--format", fmt], work)
    assert code in (0, 2)
    if code == 0 and fmt == "json":
        json.loads(out)
    run(["diff", str(REFERENCE), a, "--exit-code"], work)


@settings(max_examples=max(10, settings().max_examples // 3))  # each call builds a validator
@given(
    CONTENTS,
    SUFFIXES,
    st.sampled_from(["text", "json", "sarif", "junit"]),
    st.sampled_from(["rules.json", str(REFERENCE)]),
)
def test_validate_random_configurations(
    work: Path, data: bytes, suffix: str, fmt: str, matrix: str
) -> None:
    path = put(work, data, suffix)
    run(["validate", path, "--matrix", matrix, "--format", fmt], work)


@settings(max_examples=max(10, settings().max_examples // 3))
@given(CONTENTS, st.sampled_from([".md", ".json", ".txt"]))
def test_random_matrix_for_validate_and_schema(work: Path, data: bytes, suffix: str) -> None:
    matrix = put(work, data, suffix)
    config = put(work, CONFIG, ".json")
    code, _, _ = run(["schema", "input", "--matrix", matrix], work)
    assert code in (0, 2)
    run(["validate", config, "--matrix", matrix], work)


TOKENS = [
    "build", "check", "parse", "lint", "schema", "rules", "input", "diff", "history",
    "validate", "--matrix", "--format", "json", "sarif", "junit", "markdown", "text", "--git",
    "--scenario", "--no-site", "-q", "-v", "--help", "--version", "--exit-code", "--fail-on",
    "breaking", "--color", "always", "HEAD", "HEAD~1:x.md", "-", "--", "", "rules.json",
    str(REFERENCE), "hyper-v-azure-support-matrix", "Hyper-V with VMM", "\x7f", "é", "-x",
]  # fmt: skip


@given(
    st.lists(
        st.one_of(st.sampled_from(TOKENS), st.text(max_size=12).filter(lambda t: "\x00" not in t)),
        max_size=7,
    )
)
def test_random_argv(work: Path, argv: list[str]) -> None:
    run(argv, work)


# --------------------------------------------------------------------------- real processes


def test_random_bytes_reach_no_terminal_as_a_traceback(work: Path) -> None:
    rng = random.Random(6)
    blobs = [rng.randbytes(rng.randint(0, 4000)) for _ in range(3)]
    blobs.append(REF[:5000] + rng.randbytes(200) + REF[5000:9000])
    blobs.append(b"{" + b"[" * 50_000)
    for i, blob in enumerate(blobs):
        path = work / f"proc{i}.json"
        path.write_bytes(blob)
        for argv in (
            ["parse", str(path)],
            ["lint", str(path)],
            ["diff", str(REFERENCE), str(path)],
            ["validate", str(path), "--matrix", str(work / "rules.json")],
            ["schema", "input", "--matrix", str(path)],
        ):
            proc = subprocess.run(
                [sys.executable, "-m", "compiler", *argv],
                cwd=work,
                capture_output=True,
                check=False,
            )
            assert proc.returncode in (0, 1, 2), (argv, proc.stderr[-800:])
            assert b"Traceback" not in proc.stderr, (argv, proc.stderr[-800:])
            if proc.returncode:
                assert (proc.stdout if argv[0] == "lint" else proc.stderr).strip()
