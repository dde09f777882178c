"""The parser on the constructs real matrices use, one small document each."""

from __future__ import annotations

import pytest

from compiler.errors import InputError
from compiler.frontend.build import build
from compiler.frontend.parse import Callout, RawTable, document_date, parse, split_row
from compiler.frontend.text import slugify, to_text
from compiler.model.matrix import Matrix


def compile_text(text: str) -> Matrix:
    return build(parse(text), path="doc.md", data=text.encode())


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("a | b | c", ("a", "b", "c")),
        ("| a | b | c |", ("a", "b", "c")),
        ("| a | b | c", ("a", "b", "c")),
        ("a | b | c |", ("a", "b", "c")),
        ("  a  |   b   ", ("a", "b")),
        (r"a \| still a | b", (r"a \| still a", "b")),
        ("a\t|\tb ", ("a", "b")),
        ("|||", ("", "")),
    ],
)
def test_rows_split_with_or_without_outer_pipes(line: str, cells: tuple[str, ...]) -> None:
    assert split_row(line) == cells


@pytest.mark.parametrize(
    "br", ["<br>", "<br/>", "<br />", "<br></br>", "</br>", "<BR>", "<br/><br/>", "<br> <br>"]
)
def test_every_line_break_spelling(br: str) -> None:
    assert to_text(f"Up to 32 TB {br} You will need") == "Up to 32 TB\nYou will need"


def test_markup_entities_and_html_leave_plain_text() -> None:
    raw = "**Bold** [link](a.md) `co|de` &amp; <span class='x'>html</span> \\* star"
    assert to_text(raw) == "Bold link co|de & html * star"


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Guest VM network: IPv6", "guest-vm-network-ipv6"),
        (
            "Azure VM network configuration (after failover)",
            "azure-vm-network-configuration-after-failover",
        ),
        ("VM/Disk management", "vmdisk-management"),
        ("Disk > 1 TB", "disk--1-tb"),
        ("Encryption at rest (CMK)", "encryption-at-rest-cmk"),
        ("Café_über", "café_über"),
    ],
)
def test_github_slugs(heading: str, slug: str) -> None:
    assert slugify(heading) == slug


TABLE = "\n\n**Component** | **Details**\n--- | ---\nA | Yes\n"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("> [!NOTE]\n> Text.", "note"),
        (">[!NOTE]\n> Text.", "note"),
        (">[!Note]\n>Text.", "note"),
        ("   > [!WARNING]\n   > Text.", "warning"),
        ("> [!IMPORTANT]\n> Text.", "important"),
        ("> [!TIP]\n> Text.", "tip"),
        ("> [!CAUTION]\n> Text.", "caution"),
        ("> [!NOTE] \n>\n> - Text.", "note"),
    ],
)
def test_callouts_in_every_spelling(source: str, kind: str) -> None:
    doc = parse("# T\n\n" + source + TABLE)
    callouts = [b for b in doc.blocks if isinstance(b, Callout)]
    assert [(c.kind, c.line) for c in callouts] == [(kind, 3)]
    assert callouts[0].text.endswith("Text.")


def test_include_directives_also_nested_in_callouts() -> None:
    text = (
        "# T\n\n[!INCLUDE [a](../includes/a.md)]\n\n"
        "> [!NOTE]\n> [!INCLUDE [b](includes/b.md)]\n>\n> > [!TIP]\n> > Nested tip.\n" + TABLE
    )
    matrix = compile_text(text)
    notes = matrix.sections[0].notes
    assert [(n.kind, n.line, n.target) for n in notes] == [
        ("include", 3, "../includes/a.md"),
        ("note", 5, None),
        ("include", 6, "includes/b.md"),
        ("tip", 8, None),
    ]


def test_html_in_header_and_key_cells() -> None:
    text = (
        "# T\n\n## Scenarios\n\n**Scenario** | **Details**\n--- | ---\n"
        "<b>Alpha</b> deployments<br/> | x\nBeta deployments | y\n\n## S\n\n"
        "<b>Feature</b> | Alpha<br>deployments | **Beta deployments**\n--- | --- | ---\n"
        "<i>Thing</i><br/>more words | Yes | No\n"
    )
    matrix = compile_text(text)
    assert [s.id for s in matrix.scenarios] == ["alpha-deployments", "beta-deployments"]
    table = matrix.sections[-1].tables[0]
    assert [c.scenario for c in table.columns] == [None, "alpha-deployments", "beta-deployments"]
    row = table.rows[0]
    assert row.key == "Thing"
    assert row.id == "s/thing"
    assert row.notes[0].text == "more words"


def test_a_table_directly_under_a_paragraph_line() -> None:
    doc = parse("# T\nIntro line\nA | B\n--- | ---\n1 | 2\n")
    tables = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert [(t.line, t.recovered, [r.cells for r in t.rows]) for t in tables] == [
        (3, False, [("1", "2")])
    ]


def test_two_dash_delimiters_and_alignment_colons() -> None:
    doc = parse("# T\n\nA | B | C\n-- | :--: | --:\n1 | 2 | 3\n")
    table = next(b for b in doc.blocks if isinstance(b, RawTable))
    assert table.rows[0].cells == ("1", "2", "3")
    assert not table.recovered


def test_narrower_delimiter_row_is_recovered_too() -> None:
    matrix = compile_text("# T\n\nA | B | C\n--- | ---\n1 | 2 | 3\n")
    assert matrix.sections[0].tables[0].recovered
    assert [d.code for d in matrix.diagnostics] == ["MX001"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("1/27/2020", "2020-01-27"),
        ("12/31/2017", "2017-12-31"),
        ("2024-12-19", "2024-12-19"),
        ("13/45/2020", None),
        ("soon", None),
    ],
)
def test_dates_from_front_matter(value: str, iso: str | None) -> None:
    assert document_date({"ms.date": value}) == iso


def test_front_matter_with_pipes_and_blank_lines() -> None:
    doc = parse("---\ntitle: A | B | C\n\ndescription: x\nms.date: 1/27/2020\n---\n# T" + TABLE)
    assert doc.front_matter["title"] == "A | B | C"
    assert not any(isinstance(b, RawTable) and b.line < 7 for b in doc.blocks)


def test_deep_nesting_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as exc:
        parse("# T\n" + ">" * 5000 + " x\n" + TABLE)
    assert exc.value.line == 2
    with pytest.raises(InputError):
        parse("# T\n" + "".join("  " * i + "- x\n" for i in range(5000)) + TABLE)
