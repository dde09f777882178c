"""Property-based tests: generated Markdown matrices through every stage of the pipeline.

Each property draws whole documents — random widths, ragged rows, delimiter rows wider or
narrower than the header, escaped pipes, HTML and entities, RTL text, combining marks and
zero-width characters, huge cells, nested blockquotes and lists, callouts — and checks that a
stage either works or raises `InputError`, never anything else, and that no generated table row
is lost on the way.

Profiles (HYPOTHESIS_PROFILE): "ci" (default; derandomized, so CI runs the same examples every
time) and "fuzz" (`python3 tasks.py fuzz`: many more examples, random each run).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from html.parser import HTMLParser
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler import diff_matrices
from compiler.diff.render import render_json, render_markdown, render_text
from compiler.emit.input_schema import input_schema
from compiler.emit.rules import emit_rules, further_columns, rule_file
from compiler.emit.validator import emit_validator
from compiler.errors import InputError
from compiler.model.matrix import Matrix
from compiler.project.pipeline import compile_text
from compiler.site.render import is_spacer, render_matrix, row_search_entries

_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=150, derandomize=True, database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=3000, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# --------------------------------------------------------------------------- strategies

# Characters no table line may hold. (Python's other line boundaries, \x0b \x0c \x1c-\x1e \x85
# \u2028 \u2029, are ordinary characters in a cell and are drawn like any other.)
_LINE_BREAKS = "\n\r"
_PLAIN = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=_LINE_BREAKS + "|\x00",
    ),
    max_size=30,
)
_FRAGMENTS = st.sampled_from(
    [
        "Yes",
        "No",
        "NA",
        "Not supported",
        "Supported",
        "Up to 32 TB",
        "16 or less",
        "Between 1 and 63 characters",
        "Restricted to letters, numbers, and hyphens.",
        "Must start and end with a letter or number.",
        "any version after 2.0.9214.0",
        "54 MB/s",
        "Up to 4 TB for generation 2 VMs",
        "Windows Server 2022, Windows Server 2019",
        "**Note:** see below",
        r"a \| b",
        "\\|",
        "\\",
        "<br>",
        "<br/>",
        "<b>bold</b>",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "&amp;",
        "&#124;",
        "&nbsp;",
        "&lt;tag&gt;",
        "**bold",
        "`code",
        "`a\\|b`",
        "[link](https://example.com)",
        "[x](javascript:alert(1))",
        "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c",  # Hebrew, RTL override
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",  # Arabic
        "e\u0301\u0302\u0303",  # combining marks
        "a\u200bb\u200c\u200d\ufeff",  # zero-width characters, BOM
        "\U0001f600\U0001f1fa\U0001f1f8",
        "{{ 7*7 }}",
        "{% raw %}",
        "'); import os; os.system('x')",
        '"""',
        "---",
        ":--:",
        "#",
        "> quote",
        "- item",
    ]
)
_CELL = st.lists(st.one_of(_FRAGMENTS, _PLAIN), max_size=5).map(" ".join)
# Huge cells repeat one fragment (escaped pipes too: only unescaped ones count as cells).
_HUGE_CELL = st.builds(
    lambda word, n: " ".join([word] * n),
    _FRAGMENTS,
    st.integers(300, 3000),
)
# one_of picks a branch uniformly: about one cell in twelve is huge (up to ~100 KB).
_ANY_CELL = st.one_of(*[_CELL] * 11, _HUGE_CELL)
_HEADING = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="|#\\`<&"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and not s.strip().startswith(("-", "=", "+", "*", ">")))
_SCENARIO_NAMES = st.sampled_from(
    ["Hyper-V with VMM", "Hyper-V without VMM", "VMware", "Physical server", "Azure Stack", "On"]
)


@dataclass(frozen=True)
class Doc:
    """A generated document and the body rows of its tables, as written (stripped cells)."""

    text: str
    rows: tuple[tuple[str, ...], ...]


class _Audit(HTMLParser):
    """Collects what a browser would run: script elements, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style"):
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on") or (
                name in ("href", "src", "action", "formaction")
                and url.startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.live.append(f"<{tag} {name}={value!r}>")


def live_html(html: str) -> list[str]:
    """Every element or attribute of `html` that would run code in a browser."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.live


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


@st.composite
def tables(draw: st.DrawFn, scenarios: list[str]) -> tuple[str, list[tuple[str, ...]]]:
    """A pipe table: header (some scenario columns), delimiter of any width, ragged rows."""
    width = draw(st.integers(1, 7))
    header = [draw(st.one_of(_SCENARIO_NAMES, _CELL, st.sampled_from(scenarios or ["Support"])))]
    header += [
        draw(st.one_of(st.sampled_from([*scenarios, "Support", "Details", "Notes", ""]), _CELL))
        for _ in range(width - 1)
    ]
    delim_width = max(1, width + draw(st.sampled_from([0, 0, 0, -1, 1, 2])))
    delimiter = [
        draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"])) for _ in range(delim_width)
    ]
    rows: list[tuple[str, ...]] = []
    for _ in range(draw(st.integers(0, 8))):
        n = max(1, width + draw(st.sampled_from([0, 0, 0, 0, -1, -2, 1, 3])))
        cells = [draw(_ANY_CELL) for _ in range(n)]
        # A row of blank cells only is still a row: it has pipes.
        rows.append(tuple(c.strip() for c in cells))
    lines = [_line(header), _line(delimiter), *(_line(list(r)) for r in rows)]
    return "\n".join(lines), rows


_BLOCKS = st.one_of(
    _HEADING.map(lambda h: f"## {h}"),
    _HEADING.map(lambda h: f"### {h}"),
    st.sampled_from(["NOTE", "IMPORTANT", "WARNING", "TIP", "CAUTION"]).flatmap(
        lambda kind: _HEADING.map(lambda t: f"> [!{kind}]\n> {t}\n> > [!TIP]\n> > nested {t}")
    ),
    st.integers(1, 40).map(lambda d: "> " * d + "deep quote"),
    st.integers(1, 12).map(lambda d: "\n".join("  " * i + "- item" for i in range(d))),
    st.integers(1, 8).map(lambda d: "- " * d + "same-line list"),
    st.sampled_from(
        [
            "[!INCLUDE [secret](../../../../etc/passwd)]",
            "[!INCLUDE [abs](/etc/shadow)]",
            "Some prose with <b>HTML</b> &amp; entities.",
            "<div>raw html block</div>",
            "```\ncode | not | a table\n---|---|---\n```",
            "1. first\n2. second\n   > [!NOTE]\n   > inside a list",
        ]
    ),
)


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """A support matrix: optional front matter and scenario table, sections, tables, blocks."""
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append("---\ntitle: Fuzz\nms.date: 1/27/2020\n---")
    if draw(st.booleans()):
        parts.append(f"# {draw(_HEADING)}")
    scenarios = draw(st.lists(_SCENARIO_NAMES, max_size=3, unique=True))
    rows: list[tuple[str, ...]] = []
    if scenarios:
        parts.append("| Scenario | Details |\n| --- | --- |")
        parts[-1] += "".join(f"\n| {s} | details |" for s in scenarios)
        rows += [(s, "details") for s in scenarios]
    for _ in range(draw(st.integers(1, 4))):
        for block in draw(st.lists(_BLOCKS, max_size=3)):
            parts.append(block)
        table, table_rows = draw(tables(scenarios))
        parts.append(table)
        rows += table_rows
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return Doc(("\n\n".join(parts) + "\n").replace("\n", newline), tuple(rows))


def _compile(doc: Doc, name: str = "fuzz.md") -> Matrix | None:
    try:
        return compile_text(doc.text, doc.text.encode("utf-8"), name)
    except InputError:
        return None


# --------------------------------------------------------------------------- properties


@given(documents())
def test_every_generated_row_is_in_the_model_exactly_as_written(doc: Doc) -> None:
    matrix = _compile(doc)
    assert matrix is not None, "a document with a table is a matrix"
    rows = [row for _, _, row in matrix.rows()]
    assert len(rows) == len(doc.rows)
    for written, row in zip(doc.rows, rows, strict=True):
        assert tuple(c.raw for c in row.cells) == written
    json.dumps(matrix.model_dump(mode="json"))


@given(documents())
def test_rules_and_input_schema_are_json(doc: Doc) -> None:
    matrix = _compile(doc)
    assert matrix is not None
    rules = json.loads(emit_rules(rule_file(matrix)))
    # a fact per row, and per further requirement cell of a row (`<row id>/<column slug>`)
    facts = {row.id for _, _, row in matrix.rows()}
    for _, table, row in matrix.rows():
        facts.update(f"{row.id}/{slug}" for _, slug, _ in further_columns(table))
    assert {r["row"] for r in rules["rows"]} <= facts
    json.dumps(input_schema(rule_file(matrix)))


def _load(source: str, name: str) -> ModuleType:
    module = ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


@given(documents(), st.data())
def test_generated_validator_imports_and_checks_any_config(doc: Doc, data: st.DataObject) -> None:
    matrix = _compile(doc)
    assert matrix is not None
    v = _load(emit_validator(rule_file(matrix)), "fuzz_validator")
    names = [f.row for f in v.FACTS] + [f.key for f in v.FACTS]
    values = st.one_of(
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False),
        st.sampled_from(["40 TB", "4095 GiB", "1.2.3", "web-01", "", "54 MB/s"]),
        st.text(max_size=20),
    )
    facts = data.draw(st.dictionaries(st.sampled_from(names) if names else st.text(), values))
    scenario = data.draw(st.sampled_from([s.label for s in matrix.scenarios]))
    try:
        report = v.validate({"scenario": scenario, "facts": facts})
    except v.ConfigError:
        return
    assert report.ok == (not any(f.severity == "error" for f in report.findings))


@given(documents(), documents())
def test_diff_of_two_matrices_renders_and_a_matrix_has_no_changes_with_itself(
    old: Doc, new: Doc
) -> None:
    a, b = _compile(old, "same.md"), _compile(new, "same.md")
    assert a is not None
    assert b is not None
    assert not diff_matrices(a, a).changes
    changes = diff_matrices(a, b)
    render_text(changes)
    render_markdown(changes)
    json.loads(render_json(changes))


@given(documents())
def test_site_page_renders_without_live_script_from_the_document(doc: Doc) -> None:
    matrix = _compile(doc)
    assert matrix is not None
    page = render_matrix(matrix, link_base="https://example.com/docs/")
    assert not live_html(page.html)
    rows = [row for _, _, row in matrix.rows() if not is_spacer(row)]  # `|||` rows: no entry
    assert len(row_search_entries(matrix, "matrices/x/")) == len(rows)


@given(st.text(max_size=400))
def test_any_text_compiles_or_is_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        compile_text(text, text.encode("utf-8", "surrogatepass"), "any.md")


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=40))
def test_any_lines_with_pipes_compile_or_are_an_input_error(pieces: list[str]) -> None:
    text = "\n".join("|".join(pieces[i : i + 4]) for i in range(0, len(pieces), 4))
    try:
        matrix = compile_text(text, text.encode("utf-8"), "pipes.md")
    except InputError:
        return
    render_matrix(matrix, link_base=None)
    _load(emit_validator(rule_file(matrix)), "pipes_validator")


def test_a_matrix_with_two_sections_of_one_id_has_no_changes_with_itself() -> None:
    """Found by the fuzz: content before the first heading and a heading with no slug ("## )")
    both have section id "" (see test_hostile.py::test_section_and_row_ids_are_unique)."""
    text = "| A |\n| --- |\n\n## )\n\n| A |\n| --- |\n\n> [!NOTE]\n> 0\n> > [!TIP]\n> > nested 0\n"
    matrix = compile_text(text, text.encode("utf-8"), "same.md")
    assert not diff_matrices(matrix, matrix).changes


# --------------------------------------------------------------------------- character runs

from bench.bench_char_runs import CLASSES, SIZES, document  # noqa: E402


@pytest.mark.parametrize(
    ("cls", "size"),
    [
        pytest.param(cls, size, id=f"{cls}-{size // 1000}KB")
        for cls in sorted(CLASSES)
        for size in SIZES
    ],
)
def test_a_long_run_of_one_character_class_compiles_exactly(cls: str, size: int) -> None:
    """Every class at 10 KB and 100 KB reaches the model as written (speed: bench_char_runs)."""
    text, run = document(cls, size)
    matrix = compile_text(text, text.encode("utf-8"), "run.md")
    rows = [r for _, _, r in matrix.rows() if r.key.startswith(f"Run of {cls}")]
    assert len(rows) == 1
    assert [c.raw for c in rows[0].cells] == [
        f"Run of {cls} {run}".strip(),
        run.strip(),
        run.strip(),
    ]
    emit_rules(rule_file(matrix))
