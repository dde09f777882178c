"""Hostile documents: code in cells, includes that point outside, huge and deep documents.

What a document says is data everywhere it goes: it never runs in the generated validator, never
becomes live HTML on the site, and an include directive never makes the compiler open a file.
Documents too big or too deep for a support matrix end in an InputError naming the line.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from compiler.cli.main import main
from compiler.emit.rules import emit_rules, rule_file
from compiler.emit.validator import emit_validator
from compiler.errors import InputError
from compiler.frontend.parse import RawTable, parse
from compiler.model.matrix import Matrix
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_file, compile_text
from compiler.site.pages import SiteMatrix, render_matrix_page
from compiler.site.render import render_matrix, row_search_entries

from .test_fuzz import live_html

# Each payload, placed in a Python/Jinja/HTML context it might escape from, tries to touch
# SENTINEL (replaced with a real path per test).
PAYLOADS = [
    "'); __import__('pathlib').Path('SENTINEL').touch(); ('",
    '"); __import__("pathlib").Path("SENTINEL").touch(); ("',
    "\"\"\"); __import__('pathlib').Path('SENTINEL').touch() #",
    "'''\n",
    "\\",
    "\\\\'",
    "{{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{% raw %}",
    "{% endraw %}{% for x in range(3) %}",
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "<iframe src=//evil></iframe>",
    "# not a comment \x0c\u2028",
]


def hostile_document(sentinel: Path) -> str:
    cells = [p.replace("SENTINEL", str(sentinel)).replace("|", "\\|") for p in PAYLOADS]
    rows = "".join(
        f"| {c} Hyper-V | Yes, {c} | {c} up to 16 | {c} |\n" for c in cells if "\n" not in c
    )
    return (
        "---\ntitle: \"'); __import__('os')\"\n---\n"
        "# Matrix {{ 7*7 }} </script><script>alert(1)</script>\n\n"
        "| Scenario | Details |\n| --- | --- |\n"
        "| Hyper-V with VMM | <img src=x onerror=alert(1)> |\n"
        "| Hyper-V without VMM{{ 7*7 }} | {% raw %} |\n\n"
        "## Section '); import os; os.system('x') <script>\n\n"
        '> [!NOTE]\n> <script>alert(1)</script> {{ 7*7 }} """\n\n'
        "<script>alert('prose')</script>\n\n"
        "| Feature | Hyper-V with VMM | Hyper-V without VMM{{ 7*7 }} | Details |\n"
        "| --- | --- | --- | --- |\n" + rows
    )


def load_module(source: str, folder: Path, name: str) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Matrix, Path]:
    sentinel = tmp_path / "SENTINEL"
    text = hostile_document(sentinel)
    matrix = compile_text(text, text.encode("utf-8"), "hostile.md")
    return matrix, sentinel


def test_injected_code_never_runs_in_the_generated_validator(
    hostile: tuple[Matrix, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matrix, sentinel = hostile
    assert len(matrix.rows()) == len(PAYLOADS) + 1  # the scenario table's two, minus the '''
    emit_rules(rule_file(matrix))
    v = load_module(emit_validator(rule_file(matrix)), tmp_path, "hostile_validator")
    facts: dict[str, Any] = {}
    for f in v.FACTS:
        facts[f.row] = "web-1" if {"name", "enum"} & set(f.accepts) else True
    for scenario in v.SCENARIOS:
        with contextlib.suppress(v.ConfigError):
            v.validate({"scenario": scenario, "facts": facts})
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"scenario": "Hyper-V with VMM", "facts": facts}))
    for fmt in ("text", "json", "sarif", "junit"):
        assert v.run([str(config)], fmt=fmt, out=out, err=io.StringIO()) in (0, 1, 2)
    assert not sentinel.exists()
    assert not (tmp_path / "SENTINEL").exists()
    # The payloads are data in the module, character for character; Jinja evaluated nothing.
    keys = {f.key: f.row for f in v.FACTS}
    rows = {r.id: r.key for _, _, r in matrix.rows()}
    assert all(rows[row] == key for key, row in keys.items())
    assert f"'); import('pathlib').Path('{sentinel}').touch(); (' Hyper-V" in keys
    assert "{{ 7*7 }} Hyper-V" in keys
    assert "{% endraw %}{% for x in range(3) %} Hyper-V" in keys
    assert "\\' Hyper-V" in keys
    assert v.TITLE.startswith("Matrix {{ 7*7 }}")
    assert any("{{ 7*7 }}" in s.label for s in v.SCENARIOS.values())


def test_injected_html_is_never_live_on_the_site_page(hostile: tuple[Matrix, Path]) -> None:
    matrix, _ = hostile
    html = render_matrix(matrix, link_base="https://example.com/docs/").html
    assert live_html(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "{{ 7*7 }}" in html
    assert "Matrix 49" not in html  # (a bare "49" may be in the tmp path: pytest-49)
    assert "VMM49" not in html
    entry = SiteMatrix(matrix=matrix, page_uri="matrices/hostile.md", history_uri="h.md")
    body = render_matrix_page(entry, entry.page_url, None)
    assert live_html(body.html) == []
    # row search entries in mkdocs' index format: escaped, should a theme put them in as HTML
    for doc in row_search_entries(matrix, entry.page_url):
        assert "<script" not in json.dumps(doc)
        assert "<img" not in json.dumps(doc)


# --------------------------------------------------------------------------- includes

INCLUDES = "".join(
    f"[!INCLUDE [x{i}]({target})]\n\n"
    for i, target in enumerate(
        [
            "../../../../etc/passwd",
            "/etc/shadow",
            "/dev/zero",
            "/proc/self/environ",
            "~/.ssh/id_rsa",
            "file:///etc/passwd",
            "\\\\server\\share\\x.md",
            "C:\\Windows\\win.ini",
            "includes/missing.md",
        ]
    )
)


def test_include_directives_are_recorded_and_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "doc.md"
    source.write_text(
        "# T\n\n" + INCLUDES + "> [!NOTE]\n> [!INCLUDE [n](/etc/hosts)]\n\n"
        "| a | b |\n|---|---|\n| [!INCLUDE [c](/etc/group)] | Yes |\n",
        encoding="utf-8",
    )
    compile_file(source)  # warm every lazy import first: imports open files too
    touched: list[str] = []
    me = threading.get_ident()
    allowed = os.path.abspath(source)  # abspath: no stat, so no recursion through the guard

    def guard(real: Any) -> Any:
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
            # Other threads (pytest-xdist's I/O) and open descriptors are not the compiler's.
            if isinstance(file, int) or threading.get_ident() != me:
                return real(file, *args, **kwargs)
            touched.append(os.fspath(file))
            if os.path.abspath(os.fspath(file)) != allowed:
                raise AssertionError(f"the compiler opened {file!r}")
            return real(file, *args, **kwargs)

        return opener

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    monkeypatch.setattr(os, "open", guard(os.open))
    monkeypatch.setattr(os, "stat", guard(os.stat))
    real_read_bytes = Path.read_bytes
    real_read_text = Path.read_text

    def read_bytes(self: Path) -> bytes:
        touched.append(str(self))
        assert os.path.abspath(self) == allowed, f"the compiler read {self}"
        return real_read_bytes(self)

    def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
        touched.append(str(self))
        assert os.path.abspath(self) == allowed, f"the compiler read {self}"
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "read_text", read_text)
    matrix = compile_file(source)
    monkeypatch.undo()
    assert touched, "the guard saw the source being read"
    notes = [n for s in matrix.sections for n in s.notes if n.kind == "include"]
    targets = {n.target for n in notes}
    assert {"../../../../etc/passwd", "/etc/shadow", "/dev/zero", "/etc/hosts"} <= targets
    assert len(notes) >= 10
    (_, _, row), *_ = matrix.rows()
    assert row.cells[0].raw == "[!INCLUDE [c](/etc/group)]"  # a cell keeps its text as written


# --------------------------------------------------------------------------- size


def test_a_one_megabyte_cell_goes_everywhere() -> None:
    cell = ("Up to 16 disks, " * 65_536)[:1_000_000]
    text = f"# T\n\n| Feature | Support |\n|---|---|\n| Disks | {cell} |\n"
    matrix = compile_text(text, text.encode("utf-8"), "big.md")
    (_, _, row), *_ = matrix.rows()
    assert row.cells[1].raw == cell.strip()
    assert len(row.cells[1].raw) > 999_000
    emit_rules(rule_file(matrix))
    emit_validator(rule_file(matrix))
    assert "Up to 16 disks" in render_matrix(matrix, link_base=None).html


def test_a_run_of_version_dots_is_read_in_linear_time() -> None:
    # "1.1.1…" 100 KB long: each way of ending the version scanned the rest of the run again
    # (quadratic: ~8 s at 50,000 items, minutes at this size); now each looks one run ahead.
    cell = "1." * 50_000
    text = f"# T\n\n| Feature | Support |\n|---|---|\n| Versions | {cell} |\n"
    matrix = compile_text(text, text.encode("utf-8"), "dots.md")
    (_, _, row), *_ = matrix.rows()
    assert row.cells[1].raw == cell


def test_a_ten_thousand_row_table_completes() -> None:
    rows = "".join(
        f"| Feature {i} | {'Yes' if i % 3 else 'No'} | up to {i} GB |\n" for i in range(10_000)
    )
    text = "# T\n\n| Feature | Support | Limit |\n|---|---|---|\n" + rows
    matrix = compile_text(text, text.encode("utf-8"), "rows.md")
    assert len(matrix.rows()) == 10_000
    assert len({r.id for _, _, r in matrix.rows()}) == 10_000
    written = emit_rules(rule_file(matrix))
    # each row's Support, and its Limit as a fact of its own (a further requirement column)
    records = json.loads(written)["rows"]
    assert len(records) == 20_000
    assert records[1]["row"] == "t/feature-0/limit"
    assert len(RuleFile.model_validate_json(written).rules) == 20_000


# --------------------------------------------------------------------------- depth

TABLE = "| a | b |\n|---|---|\n| x | Yes |\n"
DEEP = {
    "blockquotes": ("# T\n\n" + TABLE + "\n" + "> " * 5000 + "deep\n", 7),
    "blockquote lines": (
        "# T\n\n" + TABLE + "\n" + "".join(">" * i + " q\n" for i in range(1, 5001)),
        57,
    ),
    "indented lists": (
        "# T\n\n" + TABLE + "\n" + "".join("  " * i + "- x\n" for i in range(5000)),
        107,
    ),
    "quote then list": ("# T\n\n" + TABLE + "\n" + "> " * 60 + "- " * 5000 + "x\n", 7),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_five_thousand_deep_nesting_is_an_input_error_with_its_line(case: str) -> None:
    text, line = DEEP[case]
    with pytest.raises(InputError) as exc:
        compile_text(text, text.encode("utf-8"), "deep.md")
    assert exc.value.line == line
    assert "nested more than 50 deep" in exc.value.message


@pytest.mark.parametrize("marker", ["- ", "1. ", "* "])
def test_list_markers_nested_on_one_line_are_an_input_error(marker: str) -> None:
    text = "# T\n\n" + TABLE + "\n" + marker * 5000 + "x\n\n## After\n\n" + TABLE
    with pytest.raises(InputError) as exc:
        compile_text(text, text.encode("utf-8"), "deep.md")
    assert exc.value.line == 7


def test_nothing_after_a_deep_one_line_list_is_lost() -> None:
    text = "# T\n\n" + TABLE + "\n" + "- " * 25 + "x\n\n## After\n\n" + TABLE
    try:
        matrix = compile_text(text, text.encode("utf-8"), "deep.md")
    except InputError:
        return  # refusing the document is fine too
    assert [s.title for s in matrix.sections] == ["T", "After"]
    assert len(matrix.rows()) == 2


def test_deep_nesting_fails_the_build_and_keeps_previous_output(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--no-site", "-q"]) == 0
    before = {p: p.read_bytes() for p in sorted((project / "generated").rglob("*")) if p.is_file()}
    doc = project / "source_docs" / "hyper-v-azure-support-matrix.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n" + "> " * 5000 + "deep\n")
    capsys.readouterr()
    proc = subprocess.run(
        [sys.executable, "-m", "compiler", "build", "--no-site"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "RecursionError" not in proc.stderr
    assert "source_docs/hyper-v-azure-support-matrix.md:" in proc.stderr
    assert "nested more than 50 deep" in proc.stderr
    after = {p: p.read_bytes() for p in sorted((project / "generated").rglob("*")) if p.is_file()}
    assert before == after  # every file as it was, the manifest included (issue 12)
    assert main(["check"]) == 1  # the inputs moved: check compiles and reports the broken matrix


# --------------------------------------------------------------------------- front matter

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        (LAUGHS, "YAML aliases are not allowed"),
        ("a: " + "x" * 10_000_000 + "\n", "front matter is larger than"),
        ("a: |\n" + "  line\n" * 2_000_000, "front matter is larger than"),
    ],
    ids=["billion-laughs", "10-MB-scalar", "14-MB-block"],
)
def test_front_matter_bombs_are_input_errors(front: str, message: str) -> None:
    text = f"---\n{front}---\n# T\n\n{TABLE}"
    with pytest.raises(InputError) as exc:
        compile_text(text, text.encode("utf-8"), "fm.md")
    assert message in exc.value.message
    assert exc.value.line is not None


@pytest.mark.parametrize(
    "nested", ["[" * 10_000 + "]" * 10_000, "{a: " * 5_000 + "1" + "}" * 5_000]
)
def test_deeply_nested_front_matter_is_an_input_error(nested: str) -> None:
    text = f"---\na: {nested}\n---\n# T\n\n{TABLE}"
    with pytest.raises(InputError):
        compile_text(text, text.encode("utf-8"), "fm.md")


def test_escaped_pipes_do_not_count_as_cells() -> None:
    cell = " ".join(["a \\| b"] * 1001)
    text = f"# T\n\n| a | b | c |\n|---|---|---|\n| x | Yes | {cell} |\n"
    matrix = compile_text(text, text.encode("utf-8"), "pipes.md")
    (_, _, row), *_ = matrix.rows()
    assert row.cells[2].raw == cell


def test_section_and_row_ids_are_unique() -> None:
    text = f"{TABLE}\n## )\n\n{TABLE}\n## !!\n\n{TABLE}"
    matrix = compile_text(text, text.encode("utf-8"), "ids.md")
    sections = [s.id for s in matrix.sections]
    rows = [r.id for _, _, r in matrix.rows()]
    assert len(set(sections)) == len(sections), sections
    assert len(set(rows)) == len(rows), rows


def test_a_line_of_template_tags_under_a_table_reads_in_linear_time() -> None:
    # A line of tags and then text: the first pattern for "a line of nothing but template
    # tags" let each tag's contents run into the next, and took exponential time (30 tags:
    # hours). Such a line is the table's last row; a line of tags only is no row.
    tags = "{% a %}" * 5000
    for last, rows in ((tags + " x |", 2), (tags, 1)):
        text = f"# T\n\n| K | V |\n|---|---|\n| a | Yes |\n{last}\n"
        (table,) = [b for b in parse(text).blocks if isinstance(b, RawTable)]
        assert len(table.rows) == rows


def test_a_version_part_past_pythons_digit_limit_is_read_without_int() -> None:
    # A 5000-digit version part ordered floors with int(), which refuses more than 4300 digits:
    # the compile ended in a traceback. Parts compare by length and digits now.
    big = "9" * 5000
    text = (
        "# T\n\n| Feature | Requirement |\n|---|---|\n"
        f"| A | {big}.1+ |\n| B | 2.0+ (not including {big}+ yet) |\n"
        f"| C | {big}.1+ (not including 3.0+ yet) |\n"
    )
    matrix = compile_text(text, text.encode("utf-8"), "digits.md")
    (table,) = [t for s in matrix.sections for t in s.tables]
    b, c = table.rows[1].cells[1].constraints, table.rows[2].cells[1].constraints
    assert [x.kind for x in b] == ["min_version", "max_version"]
    assert c == ()  # its ceiling below its floor allows nothing: no reading
