"""Markdown-to-plain-text and slug helpers shared by every stage.

Cells are small and numerous, so plain text is made with a few compiled regexes rather than a
second markdown-it pass: this keeps a compile within a small factor of the bare parse.
"""

from __future__ import annotations

import html
import operator
import re
from collections.abc import Callable
from functools import lru_cache

# Every spelling of a line break seen in real matrices: <br>, <br/>, <br />, <br></br>, stray </br>.
_BR = re.compile(r"<\s*/?\s*br\s*/?\s*>(?:\s*<\s*/\s*br\s*>)?", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Every pattern below is linear-time on hostile input: bracket contents exclude brackets, and lazy
# spans are bounded, so a 1 MB cell of "[" or "*a " cannot make a regex backtrack for minutes.
_IMAGE = re.compile(r"!\[([^\[\]]{0,1000})\](?:\(([^()]{0,2000})\)|\[[^\[\]]{0,1000}\])")
# Pictures and components written as tags: HTML's <img>, Microsoft Learn's `:::image …:::` (and
# the `:::image-end:::` of a long description), and a JSX component as MDX writes one, a
# self-closing tag with a capitalised name (`<Yes/>`, `<Version version="3.17.2"/>`). Values
# exclude the brackets and quotes that end them: linear on any text.
_IMG_TAG = re.compile(r"<img(\s[^<>]{0,2000})?/?>", re.IGNORECASE)
_LEARN_IMAGE = re.compile(r":::image(?:-end)?(\s[^\n]{0,2000}?)?:::")
_COMPONENT = re.compile(
    r"(?<!\\)<([A-Z][A-Za-z0-9]{0,50})((?:\s+[A-Za-z][\w:-]{0,50}(?:\s*=\s*(?:\"[^\"<>]{0,500}\""
    r"|'[^'<>]{0,500}'|\{[^{}<>]{0,500}\}))?){0,20})\s*/>"
)
_ATTRIBUTE = re.compile(r"""([A-Za-z][\w:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{[^{}]*\})))?""")
# Attributes that place or style a component: never its text.
_LOOKS = frozenset(("class", "classname", "style", "id", "key", "width", "height", "size", "color"))
_LOOKS |= {"href", "to", "src", "url", "icon", "name"}  # where it leads, what it draws: no text
# [text](target "title"): one level of brackets in the text, of parentheses in the target.
_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]{0,500}\]){0,1000})\]\((?:[^()\s]|\([^()]{0,500}\)){0,2000}"
    r"(?:\s+\"[^\"]{0,500}\")?\)"
)
_REFLINK = re.compile(r"\[([^\[\]]{1,1000})\]\[[^\[\]]{0,1000}\]")
# A shortcut reference link, "[Workspace support]": not followed by "(" or "[" or ":".
_SHORTREF = re.compile(r"(?<![\]!\\])\[([^\[\]]{1,1000})\](?![\[(:])")
# Emphasis content never contains its own delimiter, so a scan stops at the next one (linear).
# (the characters a match must contain, the pattern)
_EMPHS = tuple(
    (opening, re.compile(p))
    for opening, p in (
        ("**", r"\*\*(?=\S)([^*]{1,1000}?)(?<=\S)\*\*"),
        ("__", r"(?<!\w)__(?=\S)([^_]{1,1000}?)(?<=\S)__(?!\w)"),
        ("*", r"\*(?=\S)([^*]{1,1000}?)(?<=\S)\*"),
        ("_", r"(?<!\w)_(?=\S)([^_]{1,1000}?)(?<=\S)_(?!\w)"),
        ("~~", r"~~(?=\S)([^~]{1,1000}?)(?<=\S)~~"),
    )
)
_TICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An escaped character stands for itself: hidden while emphasis and links are read, so the
# `\*` of "N/A\*\*" is never taken for a delimiter.
_HIDDEN = re.compile("\x01([2-7][0-9a-f])")
# A version's wildcard ("1.29.*, 1.30.*") is no emphasis delimiter: GitHub would set ", 1.30."
# in italics, but the author wrote two release lines. Hidden like an escaped `*`.
_WILDCARD = re.compile(r"(?<=\d\.)\*(?=[\s,;/)\]]|$)")
_SPACE = re.compile(r"[ \t\u00a0]+")
# The characters some markup below needs, and the invisible ones (`_INVISIBLE`): a cell with
# none of them is its own text.
_MARKUP = re.compile("[*_\\[\\]<>&\\\\!~`{\u200b\u2060\ufeff]")
# Characters that show nothing and join nothing (ZWJ and variation selectors do, and stay): a
# byte-order mark or zero-width space pasted into a cell must not hide "No".
_INVISIBLE = str.maketrans("", "", "\u200b\u2060\ufeff")
# Block-level elements: a browser starts a new line at either side of one, so its text never
# runs into the text beside it ("<p>Yes</p><p>up to 32 TB</p>" is two lines, not "Yesup…").
# Inline elements (span, code, a) join their neighbours as written. A table cell in a nested
# table is a column apart: a space.
_BLOCKS = (
    "address|article|aside|blockquote|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption"
    "|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody"
    "|tfoot|thead|tr|ul"
)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCKS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_GAP_TAG = re.compile(rf"</?(?:{_BLOCKS}|br|td|th)(?:\s[^<>]*)?/?>", re.IGNORECASE)
# Where a cell's text breaks a line: <br> in any spelling, or either side of a block element.
_BREAK = re.compile(f"{_BR.pattern}|{_BLOCK_TAG.pattern}", re.IGNORECASE)
# Liquid tags (`{% … %}`, Jekyll, GitHub Docs) and Hugo shortcodes (`{{< … >}}`, `{{% … %}}`).
# Their contents exclude braces, so a scan stops at the next one (linear on "{%{%{%…").
_TEMPLATE = re.compile(
    r"\{%-?([^{}%]{0,1000}?)-?%\}|\{\{<([^{}]{0,1000}?)>\}\}|\{\{%([^{}]{0,1000}?)%\}\}"
)
_TEMPLATE_LABEL = re.compile(
    r"""\b(aria-label|alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_LIQUID_DATA = re.compile(r"^data\s+(?:[\w-]+\.)*([\w-]+)$")
_SHORTCODE_NAME = re.compile(r"^[A-Za-z][\w-]*$")

_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)
# `pattern.sub(_GROUP1, s)` is `pattern.sub(r"\1", s)` (group 1 takes part in every match of
# the patterns it is used with) without the Python-level template expansion per match.
_GROUP1 = operator.methodcaller("group", 1)


def _code_spans(s: str, keep: Callable[[re.Match[str]], str]) -> str:
    """Replace code spans (a run of backticks up to the next run of the same length) via `keep`.

    One pass over the backtick runs, each run looked at once: linear however many backticks a
    cell holds (a regex with a back-reference is quadratic on 16 KB of them).
    """
    if "`" not in s:
        return s
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(s)]
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(i)
    cursor: dict[int, int] = dict.fromkeys(by_length, 0)
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(runs):
        a, b = runs[i]
        if a < pos:
            i += 1
            continue
        length = b - a
        same = by_length[length]
        k = cursor[length]
        while k < len(same) and same[k] <= i:
            k += 1
        cursor[length] = k
        if k == len(same):
            i += 1
            continue
        j = same[k]
        c, d = runs[j]
        body = s[b:c]
        if not body.strip(" ") or len(body) > 1000:
            i += 1
            continue
        out.append(s[pos:a])
        out.append(keep(_Span(s[a:d], s[a:b], body)))  # type: ignore[arg-type]
        pos = d
        i = j + 1
    out.append(s[pos:])
    return "".join(out)


class _Span:
    """The two groups `keep_code` reads from a code span, like a regex match's."""

    def __init__(self, whole: str, ticks: str, body: str) -> None:
        self._groups = (whole, ticks, body)

    def group(self, n: int) -> str:
        return self._groups[n]


_SUP = re.compile(
    r"<sup>([^<>]{0,200}?)</sup>|<sup>(\[[^\[\]<>]{0,50}\]\([^()<>]{0,300}\))</sup>", re.I
)
_SUPER_TABLE = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPER_RUN = re.compile(r"\s?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_MARKER_PART = re.compile(r"^[0-9A-Za-z]{1,3}$|^[*†‡§]{1,3}$")
_MARKER_SPLIT = re.compile(r"[,\s]+")
# (not the wildcard of a version: "2.0.*")
_TRAILING_MARK = re.compile(r"(?<=[^\s*\\])(?<!\d\.) ?(?:\\?\*){1,3}$| ?[†‡]+$")
_LEFTOVER = re.compile(r"[\s,]+$")
_HAS_SUPER = re.compile("[\u2070-\u2079\u00b9\u00b2\u00b3]")  # "⁰" <= ch <= "⁹" or in "¹²³"
# A bracketed number closing a cell, "Yes [1]" or "Yes [1] [2]", cites a note the way a
# superscript does (Wikipedia's style; `[1]: …` below the table says what it means). After a
# `]` it is a reference link's label ("[Android][0]"), and a cell of nothing else is a link.
_BRACKET_MARK = re.compile(r"(?<=[^\s\[\]])((?: ?\[[0-9]{1,3}\])+)$")
_BRACKET_NUMBER = re.compile(r"[0-9]+")
# A GitHub footnote reference, `[^2]` or `[^note]` (a definition, `[^2]: …`, opens a line).
GFM_REF = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")


@lru_cache(maxsize=16384)
def split_footnotes(raw: str) -> tuple[str, tuple[str, ...]]:
    """A cell or header without the footnote markers glued to it, and the markers.

    Markers: `<sup>2,3</sup>`, `<sup>[1](#note)</sup>`, GitHub's `[^2]`, Unicode superscripts
    (`Yes ¹`, `R/W ¹⁰`), a closing bracketed number (`Yes [1]`), and trailing `*`/`**`/`†`
    ("September 2026*") where no emphasis is open before them.
    """
    markers: list[str] = []

    def sup(m: re.Match[str]) -> str:
        content = inline_text(m.group(1) or m.group(2) or "")
        parts = [p for p in _MARKER_SPLIT.split(content) if p]
        if parts and all(_MARKER_PART.match(p) for p in parts):
            markers.extend(parts)
            return " "
        return m.group(0)

    # Cheap tests first: ASCII text holds a `<sup>` only where its lower case shows one (no
    # other character folds to those letters), and none of the superscript digits.
    may_sup = "<" in raw and (not raw.isascii() or "<sup" in raw.lower())
    s = _SUP.sub(sup, raw) if may_sup else raw
    if "[^" in s:

        def ref(m: re.Match[str]) -> str:
            markers.append(m.group(1))
            return " "

        s = GFM_REF.sub(ref, s)
    if not s.isascii() and _HAS_SUPER.search(s):

        def sups(m: re.Match[str]) -> str:
            markers.append(m.group(1).translate(_SUPER_TABLE))
            return " "

        s = _SUPER_RUN.sub(sups, s)
    s = s.rstrip()
    if s.endswith(("*", "†", "‡", "]")):  # one test for both kinds of trailing marker
        s = _trailing_markers(s, markers)
    if not markers:
        return raw, ()
    return _LEFTOVER.sub("", s).strip(), tuple(dict.fromkeys(markers))


def _trailing_markers(s: str, markers: list[str]) -> str:
    """`s` without the markers that close it (`Yes [1]`, `September 2026*`), added to
    `markers`."""
    if s.endswith("]"):
        m = _BRACKET_MARK.search(s)
        if m is not None:
            markers.extend(_BRACKET_NUMBER.findall(m.group(1)))
            s = s[: m.start()].rstrip()
    if s.endswith(("*", "†", "‡")):
        m = _TRAILING_MARK.search(s)
        if m is not None and "*" not in s[: m.start()]:
            markers.append(m.group(0).replace("\\", "").strip())
            s = s[: m.start()]
    return s


def split_breaks(raw: str) -> list[str]:
    """The pieces of a cell between its line breaks, as written (Markdown kept): a `<br>` or
    the edge of a block element (`<p>`, `<div>`, `<li>`, a nested table's rows) breaks a line."""
    return _BREAK.split(raw) if "<" in raw else [raw]


# An escaped character's stand-in: \x01 and its code in hex, no character markup reads.
_HIDE = {chr(c): f"\x01{c:02x}" for c in range(0x21, 0x7F)}
_UNHIDE = {v[1:]: k for k, v in _HIDE.items()}


def _hide(m: re.Match[str]) -> str:
    return _HIDE[m.group(1)]


def _unhide(m: re.Match[str]) -> str:
    return _UNHIDE.get(m.group(1), m.group(0))


def template_only(line: str) -> bool:
    """Is the line nothing but template tags (`{% endrowheaders %}`, `{{< /table >}}`)? With
    `_TEMPLATE`, whose contents exclude braces: linear on any line."""
    return "{" in line and not _TEMPLATE.sub("", line).strip()


def _template_text(m: re.Match[str]) -> str:
    """What a reader sees of a template tag, where the tag itself says: its label
    (`aria-label`, `alt`, `title`: GitHub Docs' `{% octicon "check" aria-label="Supported" %}`);
    for Liquid's `{% data a.b.name %}` the variable's own name (the product name it stands for is
    the site's, unknown here); for a Hugo shortcode with no arguments (`{{< yes >}}`) its name,
    all its template shows of it; nothing for a Hugo closing tag (`{{< /table >}}`). Any other
    tag is kept as written: whether a page goes through a template engine at all (GitHub shows
    `{% raw %}` as it is) is not the document's to say, and text is never silently lost."""
    body = (m.group(1) or m.group(2) or m.group(3) or "").strip()
    if "=" in body:
        found: dict[str, str] = {k.lower(): a or b for k, a, b in _TEMPLATE_LABEL.findall(body)}
        for key in ("aria-label", "alt", "title"):
            if found.get(key):
                return found[key]
    if m.group(1) is not None:
        data = _LIQUID_DATA.match(body)
        return data.group(1) if data else m.group(0)
    if body.startswith("/") and _SHORTCODE_NAME.match(body[1:].strip()):
        return ""
    return body if _SHORTCODE_NAME.match(body) else m.group(0)


def _attributes(body: str | None) -> dict[str, str | None]:
    """A tag's attributes by lower-case name: a string's value, entities decoded; None for an
    expression (`{…}`) or a bare name, which say nothing a reader sees."""
    out: dict[str, str | None] = {}
    for m in _ATTRIBUTE.finditer(body or ""):
        value = m.group(2) if m.group(2) is not None else m.group(3)
        out.setdefault(m.group(1).lower(), None if value is None else html.unescape(value))
    return out


def picture_text(alt: str, source: str) -> str:
    """What a reader is told of a picture: its alt text; where that says no verdict (none, a
    translation: Microsoft Learn's `![はい](../media/icons/yes-icon.png)`, Confluence's
    "(tick)"), the verdict its file name says it draws (`drawn_verdict`: "✓")."""
    # (imported where used: the site and the rule emitter import this module for `slugify`)
    from compiler.frontend.vocabulary import DEFAULT, drawn_verdict

    drawn = drawn_verdict(source) if source else None
    if drawn is None or (alt.strip() and DEFAULT.read(alt) is not None):
        return alt
    return drawn


def _image_text(m: re.Match[str]) -> str:
    """A Markdown image's text: `picture_text` of its alt text and target (title dropped)."""
    target = m.group(2)
    return picture_text(m.group(1), target.split()[0] if target and target.split() else "")


def _tag_text(name: str, attrs: dict[str, str | None], whole: bool) -> str | None:
    """What a reader sees of a picture or component tag, or None where it shows nothing of its
    own: a picture (`src`) its `picture_text` where that is a verdict; a component that is the
    whole line and has one attribute, that attribute's value (`<Version version="3.17.2"/>`
    shows "3.17.2", `<Maybe label="In Beta"/>` "In Beta": React Native Reanimated's and Radon
    IDE's components render their one prop); one named for a verdict (`<Yes/>`, `<No/>`), its
    name (`verdict_name`)."""
    from compiler.frontend.vocabulary import DEFAULT, verdict_name

    if "src" in attrs:
        # only where it says a verdict: an HTML picture's alt text is mostly a logo's name
        # beside its caption (Ant Design's `<img alt="Edge" …/><br>Edge` browser headers)
        said = picture_text(attrs.get("alt") or "", attrs["src"] or "")
        return said if said and DEFAULT.read(said) is not None else None
    if name == "img":
        return None
    if whole and len(attrs) == 1:
        ((key, value),) = attrs.items()
        if value is not None and key not in _LOOKS:
            return value
    return verdict_name(name)


def _tags_text(s: str, keep: Callable[[str], str]) -> str:
    """Pictures and components replaced by what a reader sees of them (`_tag_text`), each kept
    by `keep` (hidden from the markup read after it: a document's attribute value is text, never
    a tag, emphasis or code); other tags left for `_TAG`."""
    whole = s.strip()

    def component(m: re.Match[str]) -> str:
        said = _tag_text(m.group(1), _attributes(m.group(2)), m.group(0) == whole)
        return m.group(0) if said is None else keep(said)

    def img(m: re.Match[str]) -> str:
        said = _tag_text("img", _attributes(m.group(1)), False)
        return m.group(0) if said is None else keep(said)

    def learn(m: re.Match[str]) -> str:
        attrs = _attributes(m.group(1))
        return keep(picture_text(attrs.get("alt-text") or "", attrs.get("source") or ""))

    if ":::" in s:
        s = _LEARN_IMAGE.sub(learn, s)
    if "<" in s:
        if "/>" in s:
            s = _COMPONENT.sub(component, s)
        if "<img" in s or "<IMG" in s:
            s = _IMG_TAG.sub(img, s)
    return s


def _unwrap(s: str) -> str:
    """Links and emphasis replaced by their text, nested ones too: [**x**](y), ***x***."""
    for _ in range(3):
        s2 = s
        if "[" in s2:  # each link pattern needs a '[' (one the last removed may have been)
            s2 = _LINK.sub(_GROUP1, s2)
            if "[" in s2:
                s2 = _REFLINK.sub(_GROUP1, s2)
            if "[" in s2:
                s2 = _SHORTREF.sub(_GROUP1, s2)
        for opening, emph in _EMPHS:
            if opening in s2:
                s2 = emph.sub(_GROUP1, s2)
        if s2 == s:
            break
        s = s2
    return s


# What `inline_text` puts in place of a code span's or an attribute's text while it strips the
# markup around it (a document holds no NUL: `compiler.frontend.parse` refuses one).
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")


@lru_cache(maxsize=16384)
def inline_text(raw: str) -> str:  # noqa: C901, PLR0912 - each kind of markup tested for before its pattern runs
    """Plain text of one line of inline Markdown: markup, links, tags gone; entities decoded;
    template tags read as their labels (`_template_text`)."""
    if _MARKUP.search(raw) is None and ":::" not in raw:  # most cells: "Yes", "No", "16 or less"
        # Where _SPACE changes anything: a tab, a no-break space or two spaces in a row (three
        # substring scans in C; the character-class regex took microseconds a cell).
        if "  " in raw or "\t" in raw or "\u00a0" in raw:
            return _SPACE.sub(" ", raw).strip()
        return raw.strip()
    # Each pattern runs only where its opening characters occur: most cells hold one kind of
    # markup, and a pattern that cannot match leaves the text as it is.
    if not raw.isascii() and ("\u200b" in raw or "\u2060" in raw or "\ufeff" in raw):
        raw = raw.translate(_INVISIBLE)  # (_MARKUP sends every such cell here)
    s = _COMMENT.sub("", raw) if "<!--" in raw else raw
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        # GFM's tables read `\|` as a pipe even inside a code span (`^8.7.0 \| ^9.0.0`), and
        # cells are where this text mostly comes from; elsewhere a code span with `\|` is rare.
        codes.append(m.group(2).strip().replace("\\|", "|"))
        return f"\x00{len(codes) - 1}\x00"

    s = _code_spans(s, keep_code)

    def keep_text(text: str) -> str:
        if "\x00" in text:  # a code span in the value (an alt text's `az login`): its text
            text = _PLACEHOLDER.sub(lambda m: codes[int(m.group(1))], text)
        codes.append(text.strip())
        return f"\x00{len(codes) - 1}\x00"

    if ":::" in s or ("<" in s and ("/>" in s or "<img" in s or "<IMG" in s)):
        s = _tags_text(s, keep_text)
    if "{" in s and ("{%" in s or "{{" in s):
        s = _TEMPLATE.sub(_template_text, s)
    escaped = "\\" in s
    if escaped:
        s = _ESCAPE.sub(_hide, s)  # the character kept, its markup meaning hidden
    if ".*" in s and (wild := _WILDCARD.sub(_HIDE["*"], s)) != s:
        s, escaped = wild, True
    if "[^" in s:  # a footnote reference is a superscript link: no text of the cell's own
        s = GFM_REF.sub("", s)
    if "![" in s:
        s = _IMAGE.sub(_image_text, s)
    s = _unwrap(s)
    if "<" in s:
        s = _TAG.sub("", _GAP_TAG.sub(" ", s))
    if escaped:
        s = _HIDDEN.sub(_unhide, s)
    if "&" in s:
        s = html.unescape(s)
    if codes:
        s = _PLACEHOLDER.sub(lambda m: codes[int(m.group(1))], s)
    if "  " in s or "\t" in s or "\u00a0" in s:  # where _SPACE changes anything (see above)
        s = _SPACE.sub(" ", s)
    return s.strip()


@lru_cache(maxsize=16384)
def to_text(raw: str) -> str:
    """Plain text of a cell: one line per non-empty piece between line breaks, joined by '\\n'."""
    if "<" not in raw:  # no line break: one piece (most cells)
        return inline_text(raw)
    lines = (inline_text(piece) for piece in split_breaks(raw))
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=16384)
def slugify(text: str) -> str:
    """GitHub's heading-anchor slug: lower case, punctuation dropped, spaces to hyphens.

    Like GitHub, runs of hyphens are kept ("Disk > 1 TB" -> "disk--1-tb"), so ids are anchors.
    """
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def unique_slug(slug: str, seen: dict[str, int]) -> str:
    """GitHub's de-duplication: the second 'x' becomes 'x-1', the third 'x-2'."""
    if slug not in seen:
        seen[slug] = 0
        return slug
    while True:
        seen[slug] += 1
        candidate = f"{slug}-{seen[slug]}"
        if candidate not in seen:
            seen[candidate] = 0
            return candidate
