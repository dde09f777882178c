"""The allow-list sanitizer: document HTML keeps its markup, and nothing in it can run."""

from __future__ import annotations

import pytest

from compiler.site.html import block_html, inline_html, safe_href

BASE = "https://learn.microsoft.com/azure/site-recovery/"


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        ("Yes<br/>No</br>", "Yes<br>No"),
        (
            "**Note:** <b>bold</b> `<x>`",
            "<strong>Note:</strong> <b>bold</b> <code>&lt;x&gt;</code>",
        ),
        ("<script>window.x=1</script> y", "&lt;script&gt;window.x=1&lt;/script&gt; y"),
        ('<img src=x onerror="window.x=1">', "&lt;img src=x onerror=&quot;window.x=1&quot;&gt;"),
        ("<p onclick=x>hi</p>", "<p>hi</p>"),
        ("<b><i>x</b>", "<b><i>x</i></b>"),
        ("a < b & c", "a &lt; b &amp; c"),
        ("<!-- authoring note --> t", "t"),
        ("<script>never closed", "&lt;script&gt;never closed"),
    ],
)
def test_inline(raw: str, html: str) -> None:
    assert inline_html(raw, link_base=BASE) == html


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        ("[a](javascript:alert(1))", "[a](javascript:alert(1))"),
        ('<a href="javascript:x" onclick="x">j</a>', "j"),
        ('<a href=" JaVaScRiPt:x">j</a>', "j"),
        ("[b](tutorial.md#step)", f'<a href="{BASE}tutorial#step">b</a>'),
        (
            "[c](../virtual-machines/sizes.md)",
            '<a href="https://learn.microsoft.com/azure/virtual-machines/sizes">c</a>',
        ),
        ("[d](https://example.com/x)", '<a href="https://example.com/x">d</a>'),
        ("[e](#anchor)", '<a href="#anchor">e</a>'),
        ("![pic](https://example.com/p.png)", '<a href="https://example.com/p.png">pic</a>'),
        ('<a href="data:text/html,x">f</a>', "f"),
    ],
)
def test_links(raw: str, html: str) -> None:
    assert inline_html(raw, link_base=BASE) == html


def test_safe_href() -> None:
    assert safe_href("//evil.example/x", BASE) is None
    assert safe_href("ftp://x/y", BASE) is None
    assert safe_href("x.md", None) == "x.md"


def test_block_keeps_lists_and_paragraphs() -> None:
    html = block_html("para\n\n- a\n- b <br> c", link_base=BASE)
    assert html == "<p>para</p>\n<ul>\n<li>a</li>\n<li>b <br> c</li>\n</ul>"


def test_plain_text_shortcut_equals_the_full_path() -> None:
    """inline_html skips the parser for text without Markdown or HTML characters: on every cell
    of the corpus, that gives exactly what rendering and sanitizing would."""
    from pathlib import Path

    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_file
    from compiler.site import html as site_html

    root = Path(__file__).resolve().parents[1]
    config = load_config(root)
    docs = [*config.sources, *sorted((root.parent / "shared" / "corpus").rglob("*.md"))]
    plain = breaks = 0
    for doc in docs:
        try:
            matrix = compile_file(doc, config)
        except InputError:
            continue
        for _, _, row in matrix.rows():
            for cell in row.cells:
                full = site_html.sanitize(
                    site_html._markdown().renderInline(cell.raw), link_base="https://x/"
                ).strip()
                assert site_html.inline_html(cell.raw, link_base="https://x/") == full
                plain += bool(site_html._PLAIN.fullmatch(cell.raw))
                breaks += len(site_html._PLAIN_BR.split(cell.raw)) > 1
    assert plain > 1000
    assert breaks > 100
