"""Document Markdown -> safe HTML for the site: render, then keep only an allow-list of tags.

Matrices are third-party text, so nothing they contain may run in a reader's browser. Markdown is
rendered with markdown-it-py (raw HTML allowed through, so `<br>` and `<b>` keep working), then
every tag is checked against a small allow-list. A tag outside it is not dropped silently but
shown as the text it was (`<script>` reads as "<script>"): the reader sees what the source says
and nothing executes. Links may only be http(s), or relative (rebased onto `link_base`, the site
the documents were written for), or a fragment of the current page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

# Tags a document may use, and the attributes each may keep (checked again below).
ALLOWED: dict[str, frozenset[str]] = {
    "br": frozenset(),
    "strong": frozenset(),
    "b": frozenset(),
    "em": frozenset(),
    "i": frozenset(),
    "code": frozenset(),
    "a": frozenset({"href", "title"}),
    # Block structure that markdown-it itself produces for prose (never attributes).
    "p": frozenset(),
    "ul": frozenset(),
    "ol": frozenset(),
    "li": frozenset(),
}
VOID = frozenset({"br"})
_SAFE_SCHEMES = frozenset({"http", "https"})
_DROPPED_LINK = "a!"
_WS = re.compile(r"[\x00-\x20\x7f]+")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """One parser for every cell: CommonMark with raw HTML (sanitized after) and no images."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.add_render_rule("image", _image_as_link)
    return md


def _image_as_link(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """An image becomes a link to it: the site loads nothing from elsewhere."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{html.escape(src, quote=True)}">{html.escape(alt, quote=True)}</a>'


def safe_href(href: str, link_base: str | None) -> str | None:
    """The URL a link may point to, or None when it must not be a link at all."""
    value = _WS.sub("", html.unescape(href))
    if not value:
        return None
    if value.startswith("#"):
        return value
    parts = urlsplit(value)
    if parts.scheme:
        return value if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None
    if value.startswith("//"):
        return None
    if link_base is None:
        return value
    target = urljoin(link_base, value)
    if target.endswith(".md") or ".md#" in target:
        target = re.sub(r"\.md(?=$|#)", "", target)
    return target if urlsplit(target).scheme in _SAFE_SCHEMES else None


class _Sanitizer(HTMLParser):
    """Re-emits allowed tags (attributes filtered) and everything else as escaped text."""

    def __init__(self, link_base: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.link_base = link_base
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "")
        if tag in ALLOWED and tag not in VOID:
            self.handle_endtag(tag)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], source: str) -> None:
        allowed = ALLOWED.get(tag)
        if allowed is None:
            self.out.append(html.escape(source))
            return
        kept: list[str] = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            kept_value = safe_href(value, self.link_base) if name == "href" else value
            if kept_value is None:
                continue
            kept.append(f' {name}="{html.escape(kept_value, quote=True)}"')
        if tag == "a" and not any(k.startswith(" href=") for k in kept):
            self.open.append(_DROPPED_LINK)  # a link to nowhere (or javascript:) is plain text
            return
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            self.out.append(html.escape(f"</{tag}>"))
            return
        matches = (tag, _DROPPED_LINK) if tag == "a" else (tag,)
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth] in matches:
                break
        else:
            return  # '</br>', or a stray end tag: nothing to close
        while len(self.open) > depth:
            name = self.open.pop()
            if name != _DROPPED_LINK:
                self.out.append(f"</{name}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=True))

    def handle_comment(self, data: str) -> None:
        """Comments are authoring notes, never content: dropped."""

    def handle_decl(self, decl: str) -> None:
        self.out.append(html.escape(f"<!{decl}>"))

    def unknown_decl(self, data: str) -> None:
        self.out.append(html.escape(f"<![{data}]>"))

    def handle_pi(self, data: str) -> None:
        self.out.append(html.escape(f"<?{data}>"))

    def result(self) -> str:
        self.close()
        rest = self.rawdata
        if rest:
            self.out.append(html.escape(rest, quote=True))
        for name in reversed(self.open):
            if name != _DROPPED_LINK:
                self.out.append(f"</{name}>")
        self.open.clear()
        return "".join(self.out)


def sanitize(fragment: str, *, link_base: str | None = None) -> str:
    """HTML with only allow-listed tags; anything else shown as text, never interpreted."""
    parser = _Sanitizer(link_base)
    parser.feed(fragment)
    return parser.result()


# Text with none of the characters inline Markdown or HTML acts on renders as itself, escaped:
# most cells ("Supported for generation 2 VMs") skip the parser and the sanitizer. A test holds
# the shortcut equal to the full path on every cell of the corpus.
_PLAIN = re.compile(r"[^\\`*_\[\]<>&!\n\r\x00]*")  # NUL: the parser makes it U+FFFD
# The markup of the next most common cells, rendered here as the parser and the sanitizer would:
# `[label](destination)`, a plain label and a destination with nothing to unescape, balance or
# end early (no spaces or control characters, parentheses, brackets, quotes, `&`, `\`, `<`, `>`
# or backticks), no title; `*text*` and `**text**` around plain text that starts with an ASCII
# letter or digit and ends with one, or with `).:,;` before a space or the end, no other `*`
# beside (so the delimiters open and close whatever is around them); line breaks, `<br>` (kept)
# and `</br>` (which the sanitizer drops: there is nothing to close); a `&` that starts no
# character reference, and `>`. A test holds them equal to the full path on the corpus and on
# edge cases.
_MARKUP = re.compile(
    r"\[(?P<label>[^\\`*_\[\]<>&!\n\r\x00]+)\]\((?P<href>[^\s\x00-\x1f\x7f()<>\\&\[\]`\"']+)\)"
    r"|(?<!\*)(?P<stars>\*\*?)(?P<text>[A-Za-z0-9](?:[^\\`*_\[\]<>&!\n\r\x00]*"
    r"(?:[A-Za-z0-9]|[).:,;](?=(?P=stars)(?![^ \t]))))?)(?P=stars)(?!\*)"
    r"|(?P<br><br\s*/?>)|</br>|(?P<amp>&)(?![#A-Za-z0-9])|(?P<gt>>)",
    re.IGNORECASE,
)
_EMPHASIS = {"*": "em", "**": "strong"}


def inline_html(raw: str, *, link_base: str | None = None) -> str:
    """A table cell's Markdown as safe inline HTML (line breaks kept)."""
    if _PLAIN.fullmatch(raw):
        return html.escape(raw, quote=True).strip()
    simple = _simple_inline(raw, link_base)
    if simple is not None:
        return simple.strip()
    return _rendered_inline(raw, link_base)


def _simple_inline(raw: str, link_base: str | None) -> str | None:
    """Plain text with only `_MARKUP`, as the parser and the sanitizer render it (but for the
    strip): text escaped, a link's destination normalized as markdown-it does and kept as
    `safe_href` keeps it (a link it refuses is its label alone). None for any other text, and
    for a destination markdown-it would not take for a link."""
    out: list[str] = []
    start = 0
    for m in _MARKUP.finditer(raw):
        text = raw[start : m.start()]
        if not _PLAIN.fullmatch(text):
            return None
        out.append(html.escape(text, quote=True))
        start = m.end()
        if m["label"] is not None:
            href = _destination(m["href"])
            if href is None:
                return None
            label = html.escape(m["label"], quote=True)
            kept = safe_href(href, link_base)
            out.append(label if kept is None else f'<a href="{html.escape(kept)}">{label}</a>')
        elif m["stars"] is not None:
            tag = _EMPHASIS[m["stars"]]
            out.append(f"<{tag}>{html.escape(m['text'], quote=True)}</{tag}>")
        elif m["br"] is not None:
            out.append("<br>")
        elif m["amp"] is not None:
            out.append("&amp;")
        elif m["gt"] is not None:
            out.append("&gt;")
    rest = raw[start:]
    if not _PLAIN.fullmatch(rest):
        return None
    out.append(html.escape(rest, quote=True))
    return "".join(out)


@lru_cache(maxsize=4096)
def _destination(raw: str) -> str | None:
    """A link destination as markdown-it normalizes it, None when it refuses the link; once
    per destination (a matrix links the same few pages from row after row)."""
    md = _markdown()
    href = md.normalizeLink(raw)
    return href if md.validateLink(href) else None


@lru_cache(maxsize=4096)
def _rendered_inline(raw: str, link_base: str | None) -> str:
    """Markup through the parser and the sanitizer, once per text: a matrix repeats its linked
    cells ("[9.55](https://...)" in every version row), and a build renders several pages of
    the same rows (the matrix, its compare and check views)."""
    return sanitize(_markdown().renderInline(raw), link_base=link_base).strip()


def block_html(raw: str, *, link_base: str | None = None) -> str:
    """A paragraph or list of prose (or a note) as safe HTML."""
    simple = _simple_block(raw, link_base)
    if simple is not None:
        return simple
    return sanitize(_markdown().render(raw), link_base=link_base).strip()


# A line that can only be paragraph text (or a list item's): it starts with a letter, a digit,
# a link or emphasis, never with what opens another block (`#`, `>`, a fence, HTML, a list
# marker or a thematic break, or an ordered list's `1.`).
_TEXT_LINE = re.compile(r"(?=[A-Za-z0-9\[]|\*{1,2}[A-Za-z0-9])(?!\d{1,9}[.)](?:\s|$))")
_BULLET = re.compile(r"([-+*]) (.*)")


def _simple_block(raw: str, link_base: str | None) -> str | None:
    """A one-line paragraph, or a bullet list of one-line items (one marker, one space before
    each item), of `_simple_inline` text, as the parser and the sanitizer render it; None for
    any other prose. A test holds it equal to the full path on the corpus and edge cases."""
    if "\n" not in raw:
        text = _line(raw, link_base)
        return None if text is None else f"<p>{text}</p>"
    items = []
    marker = None
    for line in raw.split("\n"):
        m = _BULLET.fullmatch(line)
        if m is None or marker not in (None, m[1]):
            return None
        marker = m[1]
        text = _line(m[2], link_base)
        if text is None:
            return None
        items.append(f"<li>{text}</li>\n")
    return f"<ul>\n{''.join(items)}</ul>"


def _line(raw: str, link_base: str | None) -> str | None:
    """One line of paragraph text as HTML, or None (see `_TEXT_LINE`, `_simple_inline`)."""
    if raw != raw.strip() or "\r" in raw or not _TEXT_LINE.match(raw):
        return None
    if _PLAIN.fullmatch(raw):
        return html.escape(raw, quote=True)
    return _simple_inline(raw, link_base)


# Elements whose whitespace is content (or code): left exactly as they are.
_KEEP = re.compile(
    r"<(pre|textarea|script|style|code)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE
)
_LINE_BREAKS = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def squeeze_whitespace(page: str) -> str:
    """A whole page with every run of whitespace that holds a line break, between tags or
    around text, written as one line break: the theme's templates indent and blank-line every
    nav item, a tenth of a matrix site. The browser renders the page the same (such runs
    collapse to one space anyway); tags and their attribute values, comments, and the text of
    `pre`, `textarea`, `script`, `style` and `code` are left byte for byte."""
    out: list[str] = []
    at = 0
    for kept in _KEEP.finditer(page):
        out.append(_LINE_BREAKS.sub("\n", page[at : kept.start()]))
        out.append(kept.group(0))
        at = kept.end()
    out.append(_LINE_BREAKS.sub("\n", page[at:]))
    return "".join(out)
