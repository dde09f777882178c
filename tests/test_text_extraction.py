"""A cell's plain text is what a reader of the rendered page sees: block elements break lines,
template tags read as their labels, escapes and zero-width characters hide nothing, and a
bracketed number closing a cell is a footnote marker. Shapes from real documents (their origin
noted at each), each compiled the way `matrixc parse` compiles it."""

from __future__ import annotations

import itertools

import pytest

from compiler.frontend.build import build
from compiler.frontend.parse import parse
from compiler.frontend.text import inline_text, split_breaks, split_footnotes, to_text
from compiler.model.matrix import Cell, Matrix, Table


def compile_text(text: str) -> Matrix:
    return build(parse(text), path="doc.md", data=text.encode())


def tables(m: Matrix) -> list[Table]:
    return [t for s in m.sections for t in s.tables]


def cells(t: Table) -> list[list[Cell]]:
    return [list(r.cells[1:]) for r in t.rows]


def readings(t: Table) -> list[list[tuple[str, str | None]]]:
    return [[(c.text, c.status) for c in r] for r in cells(t)]


def codes(m: Matrix) -> list[str]:
    return [d.code for d in m.diagnostics]


# --- block elements inside an HTML cell --------------------------------------------------------

BLOCKS = """\
# Cells

## Support

<table>
<tr><th>Feature</th><th>Windows</th><th>Linux</th><th>macOS</th></tr>
<tr><td>Backup</td><td><p>Yes</p><p>up to 32 TB</p></td><td>Yes<br>(preview)</td>\
<td><div>No</div><div>planned</div></td></tr>
<tr><td>Restore</td><td><span>Not</span><span>supported</span></td><td>Yes</td><td>No</td></tr>
</table>
"""


def test_block_children_of_a_cell_are_lines_of_it() -> None:
    m = compile_text(BLOCKS)
    (t,) = tables(m)
    assert [c.role for c in t.columns] == ["key", "scenario", "scenario", "scenario"]
    backup, restore = cells(t)
    assert [c.text for c in backup] == ["Yes\nup to 32 TB", "Yes\n(preview)", "No\nplanned"]
    assert [c.status for c in backup] == ["supported", "supported", "not_supported"]
    assert [k.kind for k in backup[0].constraints] == ["size"]
    # Inline elements join as written: a browser shows "Notsupported" too.
    assert restore[0].text == "Notsupported"
    unknown = [d.message for d in m.diagnostics if d.code == "MX016"]
    assert unknown == [  # no longer "Noplanned"
        "unknown verdict 'Notsupported' in column 'Windows': add it to a legend or to "
        "[tool.matrixc] verdicts"
    ]


def test_a_nested_table_reads_a_line_a_row_and_a_space_between_its_cells() -> None:
    raw = "<table><tr><th>x</th><th>y</th></tr><tr><td>Yes</td><td>No</td></tr></table>"
    assert to_text(raw) == "x y\nYes No"
    assert to_text("<ul><li>Yes</li><li>No</li></ul>") == "Yes\nNo"
    assert split_breaks("<p>Yes</p><p>up to 32 TB</p>") == ["", "Yes", "", "up to 32 TB", ""]
    # <pre> and <param> are not <p>; attributes and any case are
    assert to_text("<P class='x'>a</P><pre>b</pre><param>c") == "a\nb\nc"


def test_a_header_of_block_children_reads_as_one_label() -> None:
    assert inline_text("<p>Windows</p><p>Server</p>") == "Windows Server"
    assert inline_text("Windows<br>Server") == "Windows Server"
    assert inline_text("<span>Win</span><span>dows</span>") == "Windows"


# --- template tags -----------------------------------------------------------------------------

# github/docs, content/migrations/…/about-github-importer.md: every verdict an octicon, the table
# between `{% rowheaders %}` lines, a product name from `{% data %}` in the headings (`@ok@` and
# `@no@` stand for the two octicons, written out below, to keep the lines short).
GITHUB_IMPORTER = """\
---
title: About GitHub Importer
---

## About {% data variables.product.prodname_dotcom %} Importer

## Supported functionality by version control system

{% data reusables.migrations.github-importer-non-git-deprecation %}

{% rowheaders %}

| Import action | Subversion | Mercurial | TFVC | Git |
|:--------------|:----------:|:---------:|:----------------------:|:---:|
| Authenticate with remote repository | @ok@| @ok@ | @ok@ | @ok@ |
| [Update commit author attribution](/migrations/attribution) | @ok@ | @ok@ | @ok@ | @no@ |

{% endrowheaders %}
""".replace("@ok@", '{% octicon "check" aria-label="Supported" %}').replace(
    "@no@", '{% octicon "x" aria-label="Not supported" %}'
)


def test_octicons_read_as_their_labels() -> None:
    m = compile_text(GITHUB_IMPORTER)
    assert [s.label for s in m.scenarios] == ["Subversion", "Mercurial", "TFVC", "Git"]
    (t,) = tables(m)
    assert [c.role for c in t.columns[1:]] == ["scenario"] * 4
    assert readings(t) == [
        [("Supported", "supported")] * 4,
        [("Supported", "supported")] * 3 + [("Not supported", "not_supported")],
    ]
    # a `{% data %}` variable reads as its own name: the product name is the site's
    assert m.sections[0].title == "About prodname_dotcom Importer"


def test_template_tags_read_as_what_they_show() -> None:
    assert inline_text('{%- octicon "x" aria-label="Not supported" -%}') == "Not supported"
    assert inline_text("{% octicon 'x' title='No' %}") == "No"
    assert inline_text('{{< figure src="ok.png" alt="Yes" >}}') == "Yes"
    assert inline_text("{{< yes >}}") == "yes"
    assert inline_text("{{% no %}}") == "no"
    assert inline_text("{{< /table >}}") == ""
    # a tag that says nothing of its own is kept as written: GitHub shows it as text
    assert inline_text("{% raw %}") == "{% raw %}"
    assert inline_text("{% endraw %}{% for x in range(3) %} Hyper-V") == (
        "{% endraw %}{% for x in range(3) %} Hyper-V"
    )
    assert inline_text('{{< ref "page" >}}') == '{{< ref "page" >}}'
    assert inline_text("{{ 7*7 }}") == "{{ 7*7 }}"
    assert inline_text('`{% octicon "x" aria-label="No" %}`') == (
        '{% octicon "x" aria-label="No" %}'
    )


# Hugo's table shortcode around a pipe table, a verdict shortcode in each cell.
HUGO = """\
# T

{{< table >}}
| Feature | Windows | Linux |
|---|---|---|
| a | {{< yes >}} | {{< no >}} |
{{< /table >}}
"""


def test_hugo_shortcodes_read_as_their_names_and_a_closing_one_as_nothing() -> None:
    m = compile_text(HUGO)
    (t,) = tables(m)
    assert [s.label for s in m.scenarios] == ["Windows", "Linux"]
    assert readings(t)[0] == [("yes", "supported"), ("no", "not_supported")]
    assert [r.kind for r in t.rows] == ["data"]  # the `{{< /table >}}` line under it is no row
    assert "MX002" not in codes(m)


def test_template_tags_cannot_make_the_reader_backtrack() -> None:
    for hostile in ("{%" * 20_000, "{{<" * 20_000, "{{%" * 20_000, "{% a" * 10_000):
        assert inline_text(hostile) == hostile


# --- escapes -----------------------------------------------------------------------------------

# cert-manager/website, content/docs/releases/README.md: an escaped `**` marks a footnote.
CERT_MANAGER = """\
# cert-manager terminology

| Type of release | Example of git tag | Corresponding release | Corresponding release branch\\* |
| --------------- | ------------------ | --------------------- | ------------------------------ |
| Final release   | `v1.3.0`           | 1.3                   | `release-1.3`                  |
| Pre-release     | `v1.4.0-alpha.0`   | N/A\\*\\*               | `release-1.4`                  |

\\*\\*Pre-releases (e.g., `v1.3.0-alpha.0`) don't have a corresponding
release (e.g., 1.3) since a release only exists after a final release
(e.g., `v1.3.0`) has been created.
"""


def test_an_escaped_footnote_marker_leaves_no_backslash() -> None:
    m = compile_text(CERT_MANAGER)
    (t,) = tables(m)
    cell = t.rows[1].cells[2]
    assert (cell.text, cell.status) == ("N/A**", "not_applicable")
    (note,) = cell.footnotes
    assert note.marker == "**"
    assert note.text is not None
    assert note.text.startswith("Pre-releases")


def test_an_escaped_character_is_never_markup() -> None:
    assert inline_text(r"N/A\*\*") == "N/A**"
    assert inline_text(r"\*not emphasis\*") == "*not emphasis*"
    assert inline_text(r"\_x\_ and *y*") == "_x_ and y"
    assert inline_text(r"\[x\](y)") == "[x](y)"
    assert inline_text(r"a\\b") == "a\\b"
    assert inline_text(r"\<b>") == "<b>"
    assert inline_text("\x01" + "ff \x0121") == "\x01ff \x0121"  # no escape: kept as they are


# --- bracketed footnote markers ----------------------------------------------------------------

BRACKETS = """\
# Vocabulary gaps

## Status

| Item | Linux | Windows |
|---|---|---|
| h | Yes [1] | Yes¹ |
| i | No [2][3] | No<sup>2</sup> |
| j | [Lifecycle][1] | [1] |

[1]: Since 2.0.

2: Planned.
"""


def test_a_bracketed_number_closing_a_cell_is_a_footnote_marker() -> None:
    m = compile_text(BRACKETS)
    (t,) = tables(m)
    h, i, j = cells(t)
    assert [(c.status, [f.marker for f in c.footnotes]) for c in h] == [
        ("supported", ["1"]),
        ("supported", ["1"]),
    ]
    assert [(c.status, [f.marker for f in c.footnotes]) for c in i] == [
        ("not_supported", ["2", "3"]),
        ("not_supported", ["2"]),
    ]
    assert i[0].footnotes[0].text == "Planned."
    # a reference link's label (dotnet/core's `[Lifecycle][1]`) and a cell that is only a
    # bracket are links, not markers
    assert [c.footnotes for c in j] == [(), ()]


def test_bracket_markers_split_like_superscripts() -> None:
    assert split_footnotes("Yes [1]") == ("Yes", ("1",))
    assert split_footnotes("Yes[12]") == ("Yes", ("12",))
    assert split_footnotes("Yes [1] [2]") == ("Yes", ("1", "2"))
    assert split_footnotes("[Android][0]") == ("[Android][0]", ())
    assert split_footnotes("[1]") == ("[1]", ())
    assert split_footnotes("Yes [a]") == ("Yes [a]", ())
    assert split_footnotes("Yes [1](https://example.com)") == ("Yes [1](https://example.com)", ())


# --- invisible characters ----------------------------------------------------------------------

INVISIBLE = "\u200b\u2060\ufeff"

ZERO_WIDTH = """\
# T

| Feature | Windows | Linux |
|---|---|---|
| a | Yes\u00a0 | \u200bNo |
| b | \u00a0✓\u00a0 | \ufeffNo |
| c | Yes\u2060 | 👩\u200d💻 |
"""


def test_zero_width_characters_hide_no_verdict() -> None:
    m = compile_text(ZERO_WIDTH)
    (t,) = tables(m)
    assert readings(t)[:2] == [
        [("Yes", "supported"), ("No", "not_supported")],
        [("✓", "supported"), ("No", "not_supported")],
    ]
    assert t.rows[2].cells[1].text == "Yes"
    assert t.rows[2].cells[2].text == "👩\u200d💻"  # a joiner joins: it stays
    assert not [d for d in m.diagnostics if d.code == "MX016" and "No" in d.message]


def test_no_string_keeps_an_invisible_character_whichever_path_reads_it() -> None:
    for chars in itertools.product(f"a {{%*<{INVISIBLE}", repeat=4):
        s = "".join(chars)
        assert not set(inline_text(s)) & set(INVISIBLE), repr(s)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # a code span inside an attribute's value is its text, no placeholder of the reader's
        (':::image type="content" source="m/a.png" alt-text="Shot of `az login` output.":::',
         "Shot of az login output."),
        ('<Version version="`3.17`"/>', "3.17"),
        ("\\<Yes/>", "<Yes/>"),  # an escaped "<": the component's text as written
        ('<Link href="https://x"/>', ""),  # where a component leads, or what it draws, no text
        ('<Icon name="check"/>', ""),
        ('<Maybe label="In Beta"/>', "In Beta"),
    ],
)  # fmt: skip
def test_components_and_pictures_give_their_text_as_written(raw: str, text: str) -> None:
    assert inline_text(raw) == text
