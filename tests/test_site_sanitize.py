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


def _full(raw: str, link_base: str | None) -> str:
    """What inline_html's shortcuts stand for: the parser, then the sanitizer."""
    from compiler.site import html as site_html

    return site_html.sanitize(site_html._markdown().renderInline(raw), link_base=link_base).strip()


def test_plain_text_shortcut_equals_the_full_path() -> None:
    """inline_html skips the parser for text without Markdown or HTML characters, and for text
    whose only markup is simple links, emphasis and line breaks (`_simple_inline`): on every
    cell of the corpus, that gives exactly what rendering and sanitizing would."""
    from pathlib import Path

    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_file
    from compiler.site import html as site_html

    root = Path(__file__).resolve().parents[1]
    config = load_config(root)
    docs = [*config.sources, *sorted((root.parent / "shared" / "corpus").rglob("*.md"))]
    plain = simple = 0
    for doc in docs:
        try:
            matrix = compile_file(doc, config)
        except InputError:
            continue
        for _, _, row in matrix.rows():
            for cell in row.cells:
                for base in ("https://x/", None):
                    assert site_html.inline_html(cell.raw, link_base=base) == _full(cell.raw, base)
                plain += bool(site_html._PLAIN.fullmatch(cell.raw))
                simple += site_html._simple_inline(cell.raw, "https://x/") is not None
    assert plain > 1000
    assert simple - plain > 300  # links, emphasis and line breaks


SIMPLE_EDGES = [
    # links markdown-it refuses, or that the sanitizer drops or rebases
    *("[a](javascript:x)", "[a](JAVASCRIPT:x)", "[a](vbscript:x)", "[a](data:text/html,x)"),
    *("[a](file:///etc)", "[a](//evil.com/x)", "[a](ftp://x)", "[a](https://)", "[a](http:x)"),
    *("[a](#frag)", "[a](mailto:x@y.z)", "[a](x.md)", "[a](x.md#y)", "[a](../x/y.md#z)"),
    *("[a](/abs)", "[a](?q)", "[a](skype:Name)", "[a](///x)", "[a](javascript&colon;x)"),
    # destinations markdown-it normalizes (case, punycode, percent-encoding)
    *("[a](HTTPS://Example.COM/Path)", "[a](https://exämple.com/ü)", "[a](https://x/%zz)"),
    *("[a](https://x/%41)", "[a](b%20c)", "[a](é)", "[a](https://[::1]/)", "[a](x@y)"),
    *("[a](https://user:pw@x.com/)", "[a](https://x.com:8080/p)", "[a](https://x/a{b}|^$!,;)"),
    *("[a](b*c_d)", "[a](b~c)", "[a](b\x00)", "[a](b\x7f)", "[a](b\x1f)", "[a](b\u2028)"),
    # what is not a simple link: the full path renders it
    *("[a](javascript:alert(1))", "[a](x y)", "[a]( b)", "[a](<b>)", '[a](b"c)', "[a](b'c)"),
    *("[a](b\\c)", "[a](b&amp;c)", "[a](b&c)", "[a]: x", "[a]", "[a](b", "a](b)", "[[a]](b)"),
    *("[a](b)]", "!x [a](b)", "[a](https://x.com/a(b)c)", "[a]()", "[a](<>)", "[a](b\u00a0c)"),
    # labels and text around links
    *("[a \"q\" 'b'](x)", "[ ](x)", "[(a)](x)", "[a](b)(c)", "[a](b) c [d](e)", "pre[a](b)post"),
    *(" [a](b) ", "[a](b)[c](d)", "a\x00b", "[a\x00](b)", "[a\tb](c)"),
    # emphasis: delimiters that open and close, and those that do not
    *("**a**", "*a*", "**a b**", "***a***", "**a*", "*a**", "a**b**c", "a*b*c", "**a**b"),
    *("**Note:** x", "**Note:**x", "**a.**", "** a**", "**a **", "*a* *b*", "****", "* a *"),
    *("(**a**)", "**(a)**", ".**a**.", "**é**", "**aé**", "**a_b**", "__a__", "_a_"),
    *("**[a](b)**", "[**a**](b)", "**a [b](c) d**", "*a*b*c*", "**a*b**", "*a**b*", "*1*"),
    *("a\u00a0*b*", "\u00a0**a**\u00a0", "*a*\u3000", "a*b*\u00e9"),
    # emphasis ending in punctuation, before a space or the end only
    *("**Note:** x", "**Note:**x", "**Note:**", "**a.** b", "**a.**b", "(**a.**)", "**a)** b"),
    *("**a,**\tb", "*a;* b", "**a:*", "*a:**", "***a:** b", "**a:***", "**a:**\u00a0b"),
    # `&` and `>` as text, and `&` that starts a character reference
    *("a & b", "a &b", "a &amp b", "a &amp; b", "a &#1; b", "a &#x1; b", "&", "a&", "&&", ">"),
    *("a >1 TB", "[a](b) & c", "**a** & b", "a &<br>b", "a &copy b", "a &Copy; b", "x &\tb"),
    # line breaks
    *("a</br>b", "a</BR>b", "a </br > b", "</br>", "<br></br>", "a<BR/>b", "a<br />b"),
    *("a<br\n>b", "<br>", "a</ br>b", "a<//br>b", "*a*<br>**b**", "x</br>[a](b)"),
]


@pytest.mark.parametrize("raw", SIMPLE_EDGES)
@pytest.mark.parametrize("base", [BASE, None])
def test_simple_markup_shortcut_equals_the_full_path(raw: str, base: str | None) -> None:
    assert inline_html(raw, link_base=base) == _full(raw, base)


def test_simple_markup_shortcut_takes_what_it_should() -> None:
    """The shortcut is taken for the markup it is meant for (else the test above proves
    nothing about it), and left for what it does not render."""
    from compiler.site.html import _simple_inline

    for raw in ("[a](https://x/)", "**a b**", "*x* y", "a<br/>[b](c) </br> **d**", "**N:** & >"):
        assert _simple_inline(raw, BASE) is not None, raw
    for raw in ("[a](javascript:x)", "[a](b c)", "**a **", "`c`", "<b>x</b>", "*a**b*"):
        assert _simple_inline(raw, BASE) is None, raw


def _full_block(raw: str, link_base: str | None) -> str:
    """What block_html's shortcut stands for: the parser, then the sanitizer."""
    from compiler.site import html as site_html

    return site_html.sanitize(site_html._markdown().render(raw), link_base=link_base).strip()


def test_simple_block_shortcut_equals_the_full_path() -> None:
    """block_html renders one-line paragraphs and bullet lists of simple inline text itself
    (`_simple_block`): on every paragraph and note of the corpus, exactly as the parser and
    the sanitizer would."""
    from pathlib import Path

    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_file
    from compiler.site import html as site_html

    root = Path(__file__).resolve().parents[1]
    config = load_config(root)
    docs = [*config.sources, *sorted((root.parent / "shared" / "corpus").rglob("*.md"))]
    simple = total = 0
    for doc in docs:
        try:
            matrix = compile_file(doc, config)
        except InputError:
            continue
        for section in matrix.sections:
            texts = [p.markdown for p in section.prose]
            texts += [n.raw or n.text for n in section.notes]
            for raw in texts:
                for base in (BASE, None):
                    assert block_html(raw, link_base=base) == _full_block(raw, base)
                simple += site_html._simple_block(raw, BASE) is not None
                total += 1
    assert simple > total // 3


BLOCK_EDGES = [
    # what opens another block
    *("# a", "#a", "> a", "- a", "-a", "* a", "***", "* * *", "- - -", "---", "___", "=a"),
    *("1. a", "1) a", "1.5 GB", "2019. a", "123456789. a", "1234567890. a", "```a", "~~~a"),
    *("    a", "\ta", " a", "a ", "a  ", "a\\", "<br> a", "<br>", "a<br>", "a </br>", "a\r"),
    *("[a](b)", "[a]: b", "[a](b): c", "[a](javascript:x)", "a\u00a0", "\u00a0a", "É"),
    # lists, and what is not one list of one-line items
    *("- a\n- b", "- a\n+ b", "* a\n* b", "+ a\n+ b", "- a\n-  b", "- a\n- b\n", "- a\n\n- b"),
    *("- a\n  b", "- # a", "- > a", "- 1. a", "- ***", "- a<br>b", "- b <br> c", "* *a*"),
    *("- **a**", "- [a](b)", "- [a](javascript:x)", "- a\r\n- b", "- a\u00a0", "- É", "- a\n- "),
    *("-", "- ", "+", "a\nb", "- x\n- y\n- z", "Ab *c* **d** [e](f.md) <br/> g </br> h"),
]


@pytest.mark.parametrize("raw", BLOCK_EDGES)
@pytest.mark.parametrize("base", [BASE, None])
def test_simple_block_shortcut_on_edges(raw: str, base: str | None) -> None:
    assert block_html(raw, link_base=base) == _full_block(raw, base)


def test_simple_block_shortcut_takes_what_it_should() -> None:
    from compiler.site.html import _simple_block

    for raw in ("A [b](c).", "**Note:** x", "- a\n- [b](c)", "* a\n* b"):
        assert _simple_block(raw, BASE) is not None, raw
    for raw in ("# a", "1. a", "- a\n+ b", "a\nb", " a", "> a"):
        assert _simple_block(raw, BASE) is None, raw
