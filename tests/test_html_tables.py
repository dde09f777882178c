"""HTML `<table>` markup read as tables, in the shapes documentation sites write it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler.errors import InputError
from compiler.frontend.build import build
from compiler.frontend.parse import Prose, RawTable, parse
from compiler.model.matrix import Matrix, Table
from tests.browser.site_project import _site_without_history


def compile_text(text: str) -> Matrix:
    return build(parse(text), path="doc.md", data=text.encode())


def tables(m: Matrix) -> list[Table]:
    return [t for s in m.sections for t in s.tables]


def grid(t: Table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in t.rows]


# Bootstrap's "Browsers and devices" page writes its matrices this way: <thead> with an empty
# corner cell, <th scope="row"> keys, classes on every cell, entities in labels.
BROWSERS = """\
# Browsers and devices

### Mobile devices

Bootstrap supports the latest versions of each platform's default browsers.

<table class="table table-bordered table-striped">
  <thead>
    <tr>
      <td></td>
      <th>Chrome</th>
      <th>Firefox</th>
      <th>Safari</th>
      <th>Android Browser &amp; WebView</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th scope="row">Android</th>
      <td class="text-success">Supported</td>
      <td class="text-success">Supported</td>
      <td class="text-muted">N/A</td>
      <td class="text-success">Supported</td>
    </tr>
    <tr>
      <th scope="row">iOS</th>
      <td class="text-success">Supported</td>
      <td class="text-success">Supported</td>
      <td class="text-success">Supported</td>
      <td class="text-danger">Not supported</td>
    </tr>
  </tbody>
</table>

For Firefox we also support the latest Extended Support Release.
"""


def test_a_bootstrap_browser_table_is_a_matrix() -> None:
    m = compile_text(BROWSERS)
    (t,) = tables(m)
    assert [c.label for c in t.columns] == [
        "",
        "Chrome",
        "Firefox",
        "Safari",
        "Android Browser & WebView",
    ]
    assert [c.role for c in t.columns[1:]] == ["scenario"] * 4
    assert [s.label for s in m.scenarios] == [
        "Chrome",
        "Firefox",
        "Safari",
        "Android Browser & WebView",
    ]
    assert [(r.key, r.line) for r in t.rows] == [("Android", 18), ("iOS", 25)]
    assert [c.status for c in t.rows[0].cells[1:]] == [
        "supported",
        "supported",
        "not_applicable",
        "supported",
    ]
    assert t.rows[1].cells[4].status == "not_supported"
    assert t.rows[1].cells[4].raw == "Not supported"  # the markup inside the cell, as written
    assert t.line == 7
    # the prose before and after the table is kept; the table's markup is not prose too
    prose = [p.markdown for s in m.sections for p in s.prose]
    assert any("latest versions" in p for p in prose)
    assert any("Extended Support Release" in p for p in prose)
    assert not any("<table" in p for p in prose)


def test_spanning_cells_say_the_same_everywhere_they_reach() -> None:
    text = """\
# Agents

<table>
<tr><th rowspan="2">Feature</th><th colspan="2">Windows</th><th rowspan="2">Linux</th></tr>
<tr><th>10</th><th>11</th></tr>
<tr><td>Backup</td><td colspan="2">Yes</td><td>No</td></tr>
<tr><td rowspan="2">Restore</td><td>Yes</td><td>Yes</td><td>No</td></tr>
<tr><td>No</td><td>Yes</td><td>Yes</td></tr>
</table>
"""
    (t,) = tables(compile_text(text))
    assert [c.label for c in t.columns] == ["Feature", "Windows 10", "Windows 11", "Linux"]
    assert grid(t) == [
        ["Backup", "Yes", "Yes", "No"],
        ["Restore", "Yes", "Yes", "No"],
        ["Restore", "No", "Yes", "Yes"],
    ]
    assert [r.line for r in t.rows] == [6, 7, 8]
    assert [r.id for r in t.rows] == ["agents/backup", "agents/restore", "agents/restore-1"]


def test_a_blank_line_inside_the_table_does_not_end_it() -> None:
    # CommonMark ends an HTML block at a blank line; the table goes on past it.
    text = """\
# T

<table>
<tr><th>Feature</th><th>Azure</th></tr>

<tr><td>Backup</td><td>Yes</td></tr>

<tr><td>Restore</td><td>No</td></tr>
</table>

After.
"""
    m = compile_text(text)
    (t,) = tables(m)
    assert grid(t) == [["Backup", "Yes"], ["Restore", "No"]]
    assert [r.line for r in t.rows] == [6, 8]
    assert [p.markdown for s in m.sections for p in s.prose] == ["After."]


def test_text_beside_a_table_in_one_block_stays_prose() -> None:
    doc = parse(
        "<div>Supported browsers:</div>\n<table><tr><th>A</th><th>B</th></tr>\n"
        "<tr><td>x</td><td>Yes</td></tr></table>\n<p>Last checked 2024.</p>\n"
    )
    kinds = [(type(b).__name__, b.line) for b in doc.blocks]
    assert kinds == [("Prose", 1), ("RawTable", 2), ("Prose", 4)]
    prose = [b for b in doc.blocks if isinstance(b, Prose)]
    assert prose[0].markdown == "<div>Supported browsers:</div>"
    assert prose[1].markdown == "<p>Last checked 2024.</p>"


def test_a_table_inside_a_cell_stays_in_that_cell() -> None:
    doc = parse(
        "<table>\n<tr><th>Item</th><th>Detail</th></tr>\n"
        "<tr><td>Disks</td><td><table><tr><td>inner</td></tr></table> Yes</td></tr>\n"
        "</table>\n"
    )
    (t,) = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert t.header.cells == ("Item", "Detail")
    assert [r.cells for r in t.rows] == [
        ("Disks", "<table><tr><td>inner</td></tr></table> Yes"),
    ]


def test_a_table_never_closed_runs_to_the_end() -> None:
    doc = parse("<table>\n<tr><th>A</th><th>B</th>\n<tr><td>x<td>Yes\n<tr><td>y<td>No\n")
    (t,) = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert t.header.cells == ("A", "B")
    assert [(r.line, r.cells) for r in t.rows] == [(3, ("x", "Yes")), (4, ("y", "No"))]


def test_tables_in_lists_and_quotes_count() -> None:
    doc = parse(
        "- Browsers:\n\n  <table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td>Yes</td></tr>"
        "</table>\n\n> <table><tr><th>C</th><th>D</th></tr>\n> <tr><td>y</td><td>No</td></tr>\n"
        "> </table>\n"
    )
    found = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert [t.header.cells for t in found] == [("A", "B"), ("C", "D")]
    assert [r.cells for r in found[1].rows] == [("y", "No")]


@pytest.mark.parametrize(("span", "width"), [("2x", 3), ("-1", 2), ("0", 2), ("", 2)])
def test_spans_read_as_browsers_read_them(span: str, width: int) -> None:
    doc = parse(
        f'<table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td colspan="{span}">Y</td></tr>'
        "</table>\n"
    )
    (t,) = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert len(t.rows[0].cells) == width


def test_a_row_too_wide_is_one_error_line() -> None:
    # browsers clamp a colspan to 1000; two of them make a row wider than a table may be
    text = (
        "# T\n\n<table>\n<tr><th>A</th></tr>\n"
        '<tr><td colspan="999999">x</td><td colspan="1000">y</td></tr>\n</table>\n'
    )
    with pytest.raises(InputError) as err:
        parse(text)
    assert err.value.line == 5
    assert "more than 1000 cells" in str(err.value)


def test_spans_cannot_multiply_a_small_document_into_millions_of_cells() -> None:
    rows = '<tr><td colspan="900">x</td></tr>\n' * 200
    with pytest.raises(InputError) as err:
        parse(f"# T\n\n<table>\n<tr><th>A</th></tr>\n{rows}</table>\n")
    assert err.value.line == 3
    assert "spanning cells repeat" in str(err.value)


def test_html_that_only_mentions_a_table_is_prose() -> None:
    doc = parse("<div><!-- <table> goes here --></div>\n\n| A | B |\n|---|---|\n| x | Yes |\n")
    assert [type(b).__name__ for b in doc.blocks] == ["Prose", "RawTable"]


def test_a_layout_table_with_no_header_cell_stays_prose() -> None:
    # READMEs lay out sponsors this way (axios): cells of logos and blurbs, no <th>, no <thead>
    text = (
        '<h3 align="center">Gold sponsors</h3> <table align="center" width="100%"><tr>'
        '<td align="center"> <a href="https://a.example/"><img src="a.png" alt="A"/></a>'
        '<p align="center">Authentication for apps</p></td><td align="center">'
        '<a href="https://b.example/">Become a sponsor</a></td></tr></table>\n'
        "\n# Axios\n\n| Chrome | Firefox |\n|---|---|\n| Latest ✔ | Latest ✔ |\n"
    )
    doc = parse(text)
    assert [type(b).__name__ for b in doc.blocks] == ["Prose", "Heading", "RawTable"]
    (prose,) = [b for b in doc.blocks if isinstance(b, Prose)]
    assert "<table" in prose.markdown
    assert "Become a sponsor" in prose.markdown


def test_a_header_of_td_cells_inside_thead_makes_a_data_table() -> None:
    doc = parse(
        "<table><thead><tr><td>OS</td><td>Agent</td></tr></thead>"
        "<tbody><tr><td>Windows</td><td>Yes</td></tr></tbody></table>\n"
    )
    (t,) = [b for b in doc.blocks if isinstance(b, RawTable)]
    assert t.header.cells == ("OS", "Agent")
    assert [r.cells for r in t.rows] == [("Windows", "Yes")]


def test_on_the_site_an_html_table_is_a_matrix_and_its_cells_cannot_run(tmp_path: Path) -> None:
    src = tmp_path / "docs_src"
    src.mkdir()
    hostile = (
        '<td><img src=x onerror="window.__pwned=1"> Supported</td>'
        "<td><script>window.__pwned=1</script>No</td>"
    )
    text = BROWSERS.replace(
        "  </tbody>",
        f'    <tr><th scope="row">Hostile <a href="javascript:x">k</a></th>{hostile}'
        "<td>N/A</td><td>N/A</td></tr>\n  </tbody>",
    )
    (src / "browsers.md").write_text(text, encoding="utf-8")
    public = _site_without_history(tmp_path, src)
    html = (public / "matrices" / "browsers" / "index.html").read_text(encoding="utf-8")
    # the table is drawn as a matrix: scenario columns, a verdict per cell
    assert 'data-sc="3">Android Browser &amp; WebView</th>' in html
    assert '<tr id="mobile-devices/ios" data-v="sssn">' in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    assert not any("pwned" in body for body in scripts)
    assert "onerror" not in html.replace("onerror=&quot;", "")
    assert 'href="javascript:' not in html
