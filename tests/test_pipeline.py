"""The pipeline runs each stage once, and the diagnostic registry is the one source of codes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from compiler.cli.main import main
from compiler.errors import CODES, DIAGNOSTICS, diagnostic_code, diagnostics_table
from compiler.project.pipeline import compile_file

from .conftest import ALL_DOCS, CORPUS, ROOT

BEYOND = sorted((CORPUS / "beyond").glob("*.md"))

# ---------------------------------------------------------------------------------------------
# the registry of diagnostic codes


def test_readme_diagnostics_table_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Diagnostics\n", 1)[1]
    table = re.search(r"^\| code \|.*?\n(?=\n|\Z)", section, re.M | re.S)
    assert table is not None, "README has no Diagnostics table"
    assert table.group(0) == diagnostics_table()


def test_registry_codes_are_unique_sorted_and_well_formed() -> None:
    codes = [d.code for d in DIAGNOSTICS]
    assert codes == sorted(set(codes))
    for d in DIAGNOSTICS:
        assert re.fullmatch(r"MX\d{3}", d.code)
        assert d.severity in ("error", "warning", "info")
        assert d.summary
        assert "|" not in d.summary
        assert "\n" not in d.summary
    with pytest.raises(ValueError, match="MX999"):
        diagnostic_code("MX999")


@pytest.mark.parametrize("doc", [*ALL_DOCS, *BEYOND], ids=lambda p: p.name)
def test_every_emitted_diagnostic_is_registered_with_its_severity(doc: Path) -> None:
    matrix = compile_file(doc)
    for d in matrix.diagnostics:
        assert d.code in CODES, d
        assert d.severity == CODES[d.code].severity, d


def test_corpus_emits_registered_codes_seen_in_the_documents() -> None:
    # The 2017 revision's delimiter rows at lines 83 ("--- | --- | --- | ---" under a 3-cell
    # header) and 168 (5 cells under 3) are wider than their headers: the registry's MX001.
    doc = next(d for d in ALL_DOCS if d.name.startswith("2017-12-31"))
    mx001 = [d for d in compile_file(doc).diagnostics if d.code == "MX001"]
    assert [d.line for d in mx001] == [83, 168]
    assert {d.severity for d in mx001} == {CODES["MX001"].severity}


def test_lint_codes_prints_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--codes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{d.code} {d.severity} {d.summary}" for d in DIAGNOSTICS]


def test_lint_reports_unreadable_files_with_the_registry_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.md"
    assert main(["lint", str(missing)]) == 1
    out = capsys.readouterr().out
    mx000 = CODES["MX000"]
    assert out == f"{missing}:1:1: {mx000.severity} MX000 no such file\n"


def test_site_reading_page_gets_the_registry_table() -> None:
    from compiler.site.plugin import DIAGNOSTICS_MARKER, MatrixPlugin

    page = (ROOT / "site" / "reading.md").read_text(encoding="utf-8")
    assert DIAGNOSTICS_MARKER in page
    filled = MatrixPlugin().on_page_markdown(page, page=None, config=None, files=None)  # type: ignore[arg-type]
    assert diagnostics_table() in filled
    assert DIAGNOSTICS_MARKER not in filled


# ---------------------------------------------------------------------------------------------
# each stage once


SOURCES = sorted((ROOT / "source_docs").glob("*-matrix.md"))
REVISION_FILES = sorted((ROOT / "source_docs" / "history").glob("*/*.md"))


@pytest.fixture
def site_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's own project (matrices, history, site, mkdocs.yml) in a temporary folder."""
    for name in ("source_docs", "site"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
        'history_dir = "source_docs/history"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of every call of the stages' entry functions, wherever they are called from."""
    import compiler.diff.engine
    import compiler.emit.versioning
    import compiler.frontend.build
    import compiler.frontend.parse

    counter: Counter[str] = Counter()
    for module, name in (
        (compiler.frontend.parse, "parse"),
        (compiler.frontend.build, "build"),
        (compiler.diff.engine, "diff"),
        (compiler.emit.versioning, "versioned"),
    ):
        original = getattr(module, name)

        def counted(*args: Any, _f: Any = original, _n: str = name, **kwargs: Any) -> Any:
            counter[_n] += 1
            return _f(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return counter


def test_source_docs_and_history_are_real_input() -> None:
    # The figures below depend on them: 3 matrices, 7 revisions of the reference matrix.
    assert len(SOURCES) == 3
    assert len(REVISION_FILES) == 7


def test_build_with_history_and_site_runs_each_stage_once(
    site_project: Path, calls: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--no-site"]) == 0  # a previous build to version against
    calls.clear()
    assert main(["build", "-q"]) == 0
    capsys.readouterr()
    assert (site_project / "public" / "matrices" / SOURCES[0].stem / "history").is_dir()
    documents = len(SOURCES) + len(REVISION_FILES)
    assert calls["parse"] == documents  # each document once (before: 13)
    assert calls["build"] == documents
    # The files the --no-site build wrote are current (the manifest says so): the site's build
    # takes them and their versioned rule files as they are (before: each versioned again).
    assert calls["versioned"] == 0
    assert calls["diff"] == len(REVISION_FILES) - 1  # one per revision pair (before: 12)
    edited = site_project / "source_docs" / SOURCES[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA new closing paragraph.\n")
    calls.clear()
    assert main(["build", "-q"]) == 0
    capsys.readouterr()
    assert calls["parse"] == documents
    assert calls["versioned"] == 1  # the edited matrix only, against its last build
    assert calls["diff"] == len(REVISION_FILES) - 1 + 1


def test_plain_mkdocs_build_compiles_once_and_serve_rebuilds_reuse_it(
    site_project: Path,
    calls: Counter[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from compiler.project.config import load_config
    from compiler.site import plugin
    from compiler.site.build import build_site

    monkeypatch.setattr(plugin, "_CACHE", plugin.CompileCache())  # a cache of this test's own
    config = load_config(site_project)
    assert build_site(config, quiet=True) == 0
    documents = len(SOURCES) + len(REVISION_FILES)
    assert calls["parse"] == documents
    calls.clear()
    assert build_site(config, quiet=True) == 0  # what `mkdocs serve` does on a reload
    assert calls["parse"] == 0
    assert calls["diff"] == 0
    edited = site_project / "source_docs" / SOURCES[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA new closing paragraph.\n")
    assert build_site(config, quiet=True) == 0
    assert calls["parse"] == 1  # only the edited matrix
    capsys.readouterr()


def test_reused_files_are_those_a_full_compile_makes(site_project: Path) -> None:
    """The site's compile takes current files from generated/ (`reuse_files`): the same files
    and rule files, field for field, as compiling and versioning everything again; a matrix
    whose source changed since is compiled and versioned again."""
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_project

    assert main(["build", "--no-site", "-q"]) == 0
    edited = site_project / "source_docs" / SOURCES[1].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA new closing paragraph.\n")
    config = load_config(site_project)
    full = compile_project(config, shared=False)
    reused = compile_project(config, shared=False, reuse_files=True)
    assert reused.files == full.files
    assert sorted(reused.compiled) == sorted(full.compiled) == sorted(s.stem for s in SOURCES)
    for matrix_id, compiled in full.compiled.items():
        assert reused.compiled[matrix_id].matrix == compiled.matrix
        assert reused.compiled[matrix_id].rules.model_dump() == compiled.rules.model_dump()
    rules = f"rules/{SOURCES[1].stem}.json"
    assert full.files[rules] != (site_project / "generated" / rules).read_text(encoding="utf-8")


def test_the_site_never_publishes_spoiled_generated_files(
    site_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compiler.model.names import module_name
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_project
    from compiler.site import plugin
    from compiler.site.build import build_site

    monkeypatch.setattr(plugin, "_CACHE", plugin.CompileCache())
    assert main(["build", "--no-site"]) == 0
    config = load_config(site_project)
    expected = compile_project(config).files
    matrix_id = SOURCES[0].stem
    module = module_name(matrix_id)
    # Spoil what generated/ holds besides the rule files (which version the next build).
    for rel in (f"validators/{module}.py", f"schema/{matrix_id}.input.schema.json"):
        (site_project / "generated" / rel).write_text("spoiled", encoding="utf-8")
    assert build_site(config, quiet=True) == 0
    public = site_project / "public"
    schema = public / "downloads" / f"{matrix_id}.input.schema.json"
    want = json.loads(expected[f"schema/{matrix_id}.input.schema.json"])
    assert json.loads(schema.read_text(encoding="utf-8")) == want  # published compact
    index = json.loads((public / "api" / "index.json").read_text(encoding="utf-8"))
    parts = next(m for m in index["matrices"] if m["id"] == matrix_id)["validator"]["parts"]
    validator = b"".join((public / part).read_bytes() for part in parts)  # published in parts
    assert validator.decode("utf-8") == expected[f"validators/{module}.py"]
    capsys.readouterr()


# ---------------------------------------------------------------------------------------------
# incremental builds


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _many(root: Path, count: int) -> Path:
    """A project of `count` matrices (the three real ones, each under several names)."""
    src = root / "source_docs"
    src.mkdir(parents=True)
    for i in range(count):
        shutil.copy(SOURCES[i % len(SOURCES)], src / f"m{i:02d}-{SOURCES[i % len(SOURCES)].name}")
    (root / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n', encoding="utf-8"
    )
    return root


def test_incremental_build_compiles_only_the_edited_matrix_and_equals_a_clean_build(
    tmp_path: Path,
    calls: Counter[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = _many(tmp_path / "a", 12)
    monkeypatch.chdir(project)
    assert main(["build"]) == 0
    assert calls["parse"] == 12
    before = _tree(project / "generated")
    calls.clear()
    assert main(["build"]) == 0  # nothing changed: nothing compiled, nothing written
    assert calls["parse"] == 0
    assert "generated/ is up to date" in capsys.readouterr().out
    assert _tree(project / "generated") == before
    # A wording edit in one matrix (the reference's "Exclude disk | Yes | Yes" row).
    edited = next(p for p in sorted((project / "source_docs").glob("*hyper-v*")))
    text = edited.read_text(encoding="utf-8")
    assert "Exclude disk | Yes | Yes" in text  # the reference matrix's row
    edited.write_text(text.replace("Exclude disk | Yes |", "Exclude disk | Yes, you can. |"))
    calls.clear()
    assert main(["build"]) == 0
    assert calls["parse"] == 1  # only the edited one
    out = capsys.readouterr().out
    assert f"wrote generated/rules/{edited.stem}.json" in out
    # The same edit built from scratch (the same previous rule files, no manifest to trust).
    clean = tmp_path / "b"
    shutil.copytree(project / "source_docs", clean / "source_docs")
    shutil.copy(project / "pyproject.toml", clean / "pyproject.toml")
    (clean / "generated").mkdir()
    for rel, data in before.items():
        if rel != "manifest.json":
            (clean / "generated" / rel).parent.mkdir(parents=True, exist_ok=True)
            (clean / "generated" / rel).write_bytes(data)
    monkeypatch.chdir(clean)
    calls.clear()
    assert main(["build"]) == 0
    assert calls["parse"] == 12
    assert _tree(clean / "generated") == _tree(project / "generated")
    capsys.readouterr()


def test_a_kept_file_changed_before_the_write_is_written_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged matrix's files are proved once, when read back, and then written without
    being read again; but one that changes on disk in between (another process, an editor) is
    noticed by its size and mtime, and the build's content is what generated/ ends with."""
    from compiler.project.config import load_config
    from compiler.project.outputs import check_fast, write_outputs
    from compiler.project.pipeline import compile_project

    project = _many(tmp_path, 3)
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 0
    config = load_config(project)
    result = compile_project(config, reuse=True)
    assert len(result.reused) == 3
    assert len(result.proven) == len(result.files) - 1  # all but the shared schema
    rel = next(r for r in sorted(result.proven) if r.startswith("rules/"))
    (project / "generated" / rel).write_text("{}\n", encoding="utf-8")  # after the proof
    assert write_outputs(config, result) == [rel]
    assert (project / "generated" / rel).read_text(encoding="utf-8") == result.files[rel]
    assert check_fast(config)
    capsys.readouterr()


def test_a_kept_rule_file_that_does_not_read_is_emitted_and_written_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule file whose bytes the manifest records but which is no rule file (both edited by
    hand) is not reused: the matrix is versioned and emitted again, and that text, not the
    proved one, is what the build writes."""
    from compiler.project.config import load_config
    from compiler.project.outputs import check_fast, write_outputs
    from compiler.project.pipeline import compile_project

    project = _many(tmp_path, 1)
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 0
    generated = project / "generated"
    rel = next(f"rules/{p.name}" for p in sorted((generated / "rules").glob("*.json")))
    good = (generated / rel).read_text(encoding="utf-8")
    (generated / rel).write_text('{"not": "a rule file"}\n', encoding="utf-8")
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"][rel] = hashlib.sha256(b'{"not": "a rule file"}\n').hexdigest()
    (generated / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    config = load_config(project)
    result = compile_project(config, reuse_files=True)
    assert rel in result.proven  # read back and proved against the manifest ...
    assert result.files[rel] == good  # ... but not reused: emitted again
    assert rel in write_outputs(config, result)
    assert (generated / rel).read_text(encoding="utf-8") == good
    assert check_fast(config)
    capsys.readouterr()


def test_a_fresh_build_removes_what_a_killed_build_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after its swap, while deleting the old set, a build leaves generated/ new and a
    staging folder beside it; the next build finds generated/ fresh and writes nothing, but
    still removes the leftover (it did not: tests/test_reliability.py caught one)."""
    project = _many(tmp_path, 1)
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 0
    before = _tree(project / "generated")
    leftover = project / ".generated.staging-killed"
    shutil.copytree(project / "generated", leftover)
    assert main(["build"]) == 0
    assert "generated/ is up to date" in capsys.readouterr().out
    assert not leftover.exists()
    assert _tree(project / "generated") == before


def test_a_changed_compiler_or_spoiled_output_is_rebuilt(
    tmp_path: Path,
    calls: Counter[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = _many(tmp_path, 3)
    monkeypatch.chdir(project)
    assert main(["build"]) == 0
    before = _tree(project / "generated")
    validator = next(p for p in (project / "generated" / "validators").glob("*.py"))
    validator.write_text("spoiled", encoding="utf-8")
    calls.clear()
    assert main(["build"]) == 0
    assert calls["parse"] == 1  # that matrix's files are no longer what the manifest says
    assert _tree(project / "generated") == before
    # generated/ as another compiler wrote it: everything is compiled again.
    manifest_path = project / "generated" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["inputs"]["<compiler>"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    calls.clear()
    assert main(["build"]) == 0
    assert calls["parse"] == 3
    assert _tree(project / "generated") == before
    capsys.readouterr()


def test_unchanged_build_with_site_skips_everything_until_a_page_changes(
    site_project: Path, calls: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-q"]) == 0
    calls.clear()
    assert main(["build", "-q"]) == 0
    assert calls["parse"] == 0
    assert "up to date (and the site)" in capsys.readouterr().out
    page = site_project / "site" / "reading.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert main(["build", "-q"]) == 0
    assert calls["parse"] == len(SOURCES) + len(REVISION_FILES)
    html = (site_project / "public" / "reading" / "index.html").read_text(encoding="utf-8")
    assert "One more line." in html
    capsys.readouterr()
