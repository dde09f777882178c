"""The pipeline runs each stage once, and the diagnostic registry is the one source of codes."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_lint_without_files_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 2
    assert "FILE" in capsys.readouterr().err


def test_site_reading_page_gets_the_registry_table() -> None:
    from compiler.site.plugin import DIAGNOSTICS_MARKER, MatrixPlugin

    page = (ROOT / "site" / "reading.md").read_text(encoding="utf-8")
    assert DIAGNOSTICS_MARKER in page
    filled = MatrixPlugin().on_page_markdown(page, page=None, config=None, files=None)  # type: ignore[arg-type]
    assert diagnostics_table() in filled
    assert DIAGNOSTICS_MARKER not in filled
