"""`matrixc parse` start-up: the pydantic-free dump, the parse cache, what short commands import.

The cache (compiler.cli.parse_cache) must give exactly what a parse gives, and must miss when
anything the output depends on changes: the file, the project's settings, the code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.cli import parse_cache
from compiler.cli.main import main
from compiler.model.matrix import plain_data
from compiler.project.pipeline import compile_file

from .conftest import ALL_DOCS, CORPUS, REFERENCE

BEYOND = sorted(p for p in (CORPUS / "beyond").glob("*.md") if p.name != "README.md")
# Runs a command in process, then names the heavy packages it imported (also after SystemExit).
PROBE = """
import sys
from compiler.cli.main import main
code = 0
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = {"pydantic", "markdown_it", "jinja2", "yaml"}
heavy = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(code, heavy, file=sys.stderr)
"""
MATRIXC = [sys.executable, "-c", "from compiler.cli.main import main_entry; main_entry()"]


@pytest.mark.parametrize("doc", [REFERENCE, *ALL_DOCS, *BEYOND], ids=lambda p: p.name)
def test_plain_data_is_pydantics_json_dump(doc: Path) -> None:
    matrix = compile_file(doc)
    assert plain_data(matrix) == matrix.model_dump(mode="json")


def matrixc(cache: Path | None, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATRIXC_CACHE")}
    if cache is None:
        env["MATRIXC_CACHE"] = "off"
    else:
        env["MATRIXC_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [*MATRIXC, *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "parse").glob("*.json")) if (cache / "parse").is_dir() else []


def test_a_cached_parse_is_the_parse(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    doc = tmp_path / "m.md"
    doc.write_bytes(REFERENCE.read_bytes())
    fresh = matrixc(None, "parse", "m.md", cwd=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    first = matrixc(cache, "parse", "m.md", cwd=tmp_path)
    assert len(entries(cache)) == 1
    again = matrixc(cache, "parse", "m.md", cwd=tmp_path)
    assert first.stdout == again.stdout == fresh.stdout
    assert again.returncode == 0
    assert again.stderr == ""
    assert entries(cache)[0].read_text(encoding="utf-8") == fresh.stdout

    # An edit of one cell: a new entry, with what the edited file says.
    doc.write_text(REFERENCE.read_text(encoding="utf-8").replace("16 or less", "8 or less"))
    edited = matrixc(cache, "parse", "m.md", cwd=tmp_path)
    assert edited.stdout == matrixc(None, "parse", "m.md", cwd=tmp_path).stdout
    assert edited.stdout != fresh.stdout
    assert '"8 or less"' in edited.stdout
    assert len(entries(cache)) == 2

    # The same bytes under another name: the recorded path differs, so does the key.
    (tmp_path / "n.md").write_bytes(doc.read_bytes())
    other = matrixc(cache, "parse", "n.md", cwd=tmp_path)
    assert json.loads(other.stdout)["source"]["path"] == "n.md"


def test_a_pipe_is_parsed_not_cached(tmp_path: Path) -> None:
    """A FIFO is read once, by the parse: hashing it for a key would leave the parse nothing."""
    cache = tmp_path / "cache"
    fifo = tmp_path / "m.md"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"open({str(fifo)!r}, 'wb').write(open({str(REFERENCE)!r}, 'rb').read())",
        ]
    )
    try:
        piped = matrixc(cache, "parse", "m.md", cwd=tmp_path)
    finally:
        writer.wait(timeout=60)
    assert piped.returncode == 0, piped.stderr
    fifo.unlink()
    fifo.write_bytes(REFERENCE.read_bytes())
    assert piped.stdout == matrixc(None, "parse", "m.md", cwd=tmp_path).stdout
    assert entries(cache) == []


def test_the_project_settings_are_part_of_the_key(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "source_docs").mkdir()
    doc = tmp_path / "source_docs" / "m.md"
    doc.write_bytes(REFERENCE.read_bytes())
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.matrixc]\nsource_dir = "source_docs"\n')
    plain = matrixc(cache, "parse", "source_docs/m.md", cwd=tmp_path)
    assert json.loads(plain.stdout)["source"]["path"] == "source_docs/m.md"
    pyproject.write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\nverdicts = {"yes" = "partial"}\n'
    )
    partial = matrixc(cache, "parse", "source_docs/m.md", cwd=tmp_path)
    assert partial.stdout == matrixc(None, "parse", "source_docs/m.md", cwd=tmp_path).stdout
    statuses = {
        c["status"]
        for s in json.loads(partial.stdout)["sections"]
        for t in s["tables"]
        for r in t["rows"]
        for c in r["cells"]
        if c["raw"] == "Yes"
    }
    assert statuses == {"partial"}
    assert plain.stdout != partial.stdout


def test_errors_are_not_cached_and_in_process_runs_do_not_touch_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "prose.md").write_text("# Title\n\nNo table here.\n")
    for _ in range(2):
        bad = matrixc(cache, "parse", "prose.md", cwd=tmp_path)
        assert bad.returncode == 2
        assert "no tables" in bad.stderr
        assert bad.stdout == ""
    assert entries(cache) == []
    monkeypatch.setenv("MATRIXC_CACHE_DIR", str(cache))
    assert main(["parse", str(REFERENCE)]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert entries(cache) == []


def test_the_code_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "a.py").write_text("X = 1\n")
    monkeypatch.setattr(parse_cache, "_PACKAGE", str(package))
    before = parse_cache._key(str(REFERENCE))
    assert before == parse_cache._key(str(REFERENCE))
    (package / "a.py").write_text("X = 2\n")
    assert parse_cache._key(str(REFERENCE)) != before


def test_short_commands_do_not_import_pydantic() -> None:
    """`--help`, `check` (fresh) and a cache hit start without pydantic, markdown-it or jinja2."""
    root = REFERENCE.parent.parent
    for argv in (["--help"], ["lint", "--codes"]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *argv], cwd=root, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip().splitlines()[-1] == "0 []", argv


def test_a_fresh_check_does_not_import_pydantic(project: Path) -> None:
    built = subprocess.run([*MATRIXC, "build", "-q"], cwd=project, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "check"], cwd=project, capture_output=True, text=True
    )
    assert done.stderr.strip().splitlines()[-1] == "0 []"


def test_the_lint_formats_main_offers_are_lints() -> None:
    from compiler.cli import lint
    from compiler.cli import main as cli

    assert cli.LINT_FORMATS == lint.FORMATS
