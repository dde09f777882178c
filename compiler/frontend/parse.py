"""Stage 1: Markdown text -> Document, a flat list of located blocks.

markdown-it-py finds the block structure and its line maps, with its table rule off: a pipe table
reaches us as a paragraph, and rows are split from the source lines themselves. So cells keep
their Markdown exactly as written (GFM would drop excess cells), tables GFM refuses (a delimiter
row wider than the header) are read like any other, with a diagnostic, and one code path serves
both. Nothing downstream sees a markdown-it token.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block.lheading import lheading
from markdown_it.token import Token

from compiler.errors import InputError, diagnostic_code
from compiler.frontend import html_tables
from compiler.frontend.text import inline_text, template_only
from compiler.model.matrix import Diagnostic
from compiler.model.memory import compiling

MAX_FRONT_MATTER = 64 * 1024
# markdown-it stops reading blocks nested deeper than this (its guard against recursion); what it
# skips is reported as an error rather than silently lost.
MAX_NESTING = 50
MAX_CELLS = 1000  # per table row; real matrices have a handful

_CALLOUT = re.compile(r"^\s*\[!(NOTE|IMPORTANT|WARNING|TIP|CAUTION)\]\s*", re.IGNORECASE)
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\(([^)\s]*)[^)]*\)\s*\]", re.IGNORECASE)
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?")
# MkDocs `!!! warning "Title"` (body indented below) and Docusaurus `:::note Title` … `:::`.
_MKDOCS = re.compile(r'^ {0,3}(?:!!!|\?\?\?\+?)\s*([A-Za-z]+)(?:\s+"([^"]{0,500})")?\s*$')
_DOCUSAURUS = re.compile(r"^ {0,3}:::\s*([A-Za-z]+)\b\s*(.{0,500})$")
_DOCUSAURUS_END = re.compile(r"^ {0,3}:::\s*$")
_ADMONITION_KIND = {
    "note": "note",
    "info": "note",
    "abstract": "note",
    "summary": "note",
    "example": "note",
    "quote": "note",
    "question": "note",
    "seealso": "note",
    "important": "important",
    "attention": "important",
    "warning": "warning",
    "danger": "warning",
    "error": "warning",
    "failure": "warning",
    "bug": "warning",
    "tip": "tip",
    "hint": "tip",
    "success": "tip",
    "caution": "caution",
}
_DELIM_CELL = re.compile(r"^\s*:?-+:?\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_DATE_MDY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
# Nesting markdown-it would spend quadratic time on before its own guard stops it.
_TOO_DEEP = re.compile(
    rf"^(?:[ \t]*>){{{MAX_NESTING + 1}}}|^ {{{4 * MAX_NESTING},}}\S", re.MULTILINE
)
# What a line `_TOO_DEEP` matches must hold: the regex engine skips to each '>' (a literal first
# character), where `^` makes it try every position.
_QUOTE_RUN = re.compile(rf">(?:[ \t]*>){{{MAX_NESTING}}}")


class RawRow(NamedTuple):
    """One table line split into cells; `cells` are stripped Markdown, exactly as written (a
    named tuple: the front end makes one per table line)."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RawTable:
    """A pipe table: header, delimiter and body rows. `recovered`: GFM renders it as a paragraph."""

    line: int
    header: RawRow
    delimiter: RawRow
    rows: tuple[RawRow, ...]
    recovered: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Callout:
    """A `> [!NOTE]` style callout or an `[!INCLUDE]` directive (kind 'include')."""

    line: int
    kind: str
    raw: str
    text: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Prose:
    """Any other block (paragraph, list, code, HTML), kept verbatim."""

    line: int
    markdown: str


Block = Heading | RawTable | Callout | Prose
# A RawRow from the tuple of its fields (`RawRow._make` without its Python frame: one per line).
_NEW_RAW_ROW = functools.partial(tuple.__new__, RawRow)


@dataclass(frozen=True, slots=True)
class Document:
    """The parsed source: front matter and blocks in order, plus what the parser noticed."""

    front_matter: dict[str, Any]
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())


# The characters a line must start with (after its indentation) for each of markdown-it's block
# rules to match it: each rule returns False, having changed nothing, on any other line.
_RULE_STARTS: dict[str, frozenset[str]] = {
    "_fence_rule": frozenset("`~"),
    "blockquote": frozenset(">"),
    "hr": frozenset("*-_"),
    "list_block": frozenset("*-+0123456789"),
    "html_block": frozenset("<"),
    "heading": frozenset("#"),
}
_Rule = Callable[[Any, int, int, bool], bool]


def _dispatch(rules: list[_Rule]) -> _Rule:
    """One rule that tries `rules` in order, skipping those the line's first character rules out.

    A table is a paragraph to this parser, and markdown-it asks every rule that may interrupt a
    paragraph about each of its lines: that asking was most of the block pass. The answers are
    the same; only calls that could not match are left out.
    """
    plan = [(rule, _RULE_STARTS.get(getattr(rule, "__name__", ""))) for rule in rules]
    # The rules to try for a line, by its first character (and for any other character).
    anything = [rule for rule, starts in plan if starts is None]
    by_first = {
        ch: [rule for rule, starts in plan if starts is None or ch in starts]
        for ch in set().union(*(starts for _, starts in plan if starts is not None))
    }

    def run(state: Any, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        for rule in by_first.get(state.src[pos : pos + 1], anything):
            if rule(state, line, end, silent):
                return True
        return False

    return run


def _screened_lheading(setext: _Rule) -> _Rule:
    """markdown-it's setext heading rule, asked only where it can succeed.

    It reads ahead from a paragraph's first line to an underline (`---`, `===`), asking the rules
    that may end a paragraph about every line on the way: for a table, every row, before the
    paragraph rule asks again. Without an underline before the next empty line (a delimiter row
    `--- | ---` is none) it can only fail; then this fails as it does, with the one thing it
    changes on the way (`parentType`, which it leaves set when it fails).
    """

    def rule(state: Any, start: int, end: int, silent: bool) -> bool:
        if state.is_code_block(start):
            return False
        begins, ends, shifts, counts = state.bMarks, state.eMarks, state.tShift, state.sCount
        src, indent = state.src, state.blkIndent
        for line in range(start + 1, end):
            first = begins[line] + shifts[line]
            if first >= ends[line]:
                break  # an empty line: the paragraph ends with no underline in it
            if indent <= counts[line] <= indent + 3 and src[first] in "-=":
                rest = src[first : ends[line]].lstrip(src[first])
                if not rest.strip(" \t"):  # the marker repeated, then spaces: an underline
                    return setext(state, start, end, silent)
        state.parentType = "paragraph"
        return False

    return rule


def _quick_paragraph(firsts: frozenset[str], trim: Callable[[str], str]) -> _Rule:
    """markdown-it's paragraph rule (4.x, `rules_block/paragraph.py`), asking the rules that may
    end a paragraph only about lines that open with a character one of them can start with
    (`firsts`): a table is a paragraph, and every row was a call that could only say no."""

    def paragraph(state: Any, start: int, end: int, silent: bool) -> bool:
        line = start + 1
        terminators = state.md.block.ruler.getRules("paragraph")
        end = state.lineMax
        old_parent = state.parentType
        state.parentType = "paragraph"
        begins, ends, shifts, counts, src = (
            state.bMarks,
            state.eMarks,
            state.tShift,
            state.sCount,
            state.src,
        )
        while line < end:
            first = begins[line] + shifts[line]
            if first >= ends[line]:  # an empty line
                break
            # Indented past the paragraph (a lazy continuation), or the blockquote quirk.
            if counts[line] - state.blkIndent > 3 or counts[line] < 0:
                line += 1
                continue
            if src[first] in firsts and any(t(state, line, end, True) for t in terminators):
                break
            line += 1
        content = trim(state.getLines(start, line, state.blkIndent, False))
        state.line = line
        token = state.push("paragraph_open", "p", 1)
        token.map = [start, state.line]
        token = state.push("inline", "", 0)
        token.content = content
        token.map = [start, state.line]
        token.children = []
        state.push("paragraph_close", "p", -1)
        state.parentType = old_parent
        return True

    return paragraph


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    # Only block structure and line maps are needed: inline parsing is most of markdown-it's cost,
    # and tables are split here (see the module docstring).
    # (markdown-it's normalize rule stays on although `parse` has already made every line end
    # "\n" and refused NUL bytes: with it off, the x1000 compile's peak RSS was 16 MB higher.)
    md.core.ruler.disable(["inline", "text_join"])
    ruler = md.block.ruler
    screened = {id(lheading): _screened_lheading(lheading)}
    # The paragraph rule's own copy, where this markdown-it's is the one it copies (one `mdTrim`
    # beside it) and every rule that may end a paragraph says which characters it starts with.
    ends = [_RULE_STARTS.get(getattr(r, "__name__", "")) for r in ruler.getRules("paragraph")]
    # (the package exports the rule under its module's name: the module itself by import_module)
    module = importlib.import_module("markdown_it.rules_block.paragraph")
    trim = getattr(module, "mdTrim", None)
    if trim is not None and all(ends):
        firsts = frozenset().union(*(e for e in ends if e))
        screened[id(module.paragraph)] = _quick_paragraph(firsts, trim)
    chains = {
        name: [_dispatch([screened.get(id(r), r) for r in ruler.getRules(name)])]
        for name in _CHAINS
    }
    # This instance only (nothing else shares it): every chain through its dispatcher.
    ruler.getRules = lambda name="": chains.get(name) or []  # type: ignore[method-assign, assignment]
    return md


# The block rule chains markdown-it's rules ask for: "" is the main one, the others say what may
# interrupt a paragraph, a reference, a blockquote or a list.
_CHAINS = ("", "paragraph", "reference", "blockquote", "list")


_MD = _markdown()


_YAML: tuple[Any, Any, Any] | None = None


def _yaml() -> tuple[Any, Any, Any]:
    """PyYAML, its alias-free safe loader and libyaml's safe loader (None without libyaml):
    imported with the first front matter, since a document without one never needs them."""
    global _YAML  # noqa: PLW0603 - made once, on first use
    if _YAML is None:
        import yaml

        class _NoAliasLoader(yaml.SafeLoader):
            """Safe YAML without aliases: front matter never needs them, and alias bombs do."""

            def compose_node(self, parent: Any, index: Any) -> Any:
                if self.check_event(yaml.AliasEvent):
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    raise yaml.MarkedYAMLError(
                        problem="YAML aliases are not allowed in front matter",
                        problem_mark=event.start_mark,
                    )
                return super().compose_node(parent, index)

        _YAML = (yaml, _NoAliasLoader, getattr(yaml, "CSafeLoader", None))
    return _YAML


_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonable(value: Any) -> Any:  # noqa: PLR0911 - one return per YAML value type
    """Front matter as JSON-safe values: dates become ISO strings, keys strings."""
    if isinstance(value, dict):
        return {_SURROGATE.sub("\ufffd", str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):  # "\ud800" in YAML is a lone surrogate: not writable as UTF-8
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, int) and value.bit_length() > 13_000:  # 0x… has no digit limit in YAML
        raise InputError("broken front matter: a number of more than 3,900 digits", line=1)
    if value is None or isinstance(value, int | float | bool):
        return value
    return _SURROGATE.sub("\ufffd", str(value))


_SLOW = object()


def _fast_yaml(body: str) -> Any:
    """Front matter through libyaml's safe loader where it can only agree with `_NoAliasLoader`:
    no `*` (so no alias) and no error. Anything else (`_SLOW`) takes the pure-Python loader,
    whose errors are the ones reported."""
    plain = _plain_mapping(body)
    if plain is not _SLOW:
        return plain
    yaml, _, cloader = _yaml()
    if cloader is None or "*" in body:
        return _SLOW
    try:
        return yaml.load(body, Loader=cloader)
    except Exception:  # any failure: reported by the loader whose messages are the ones we give
        return _SLOW


# A line of the commonest front matter, `key: plain words` (`ms.date: 12/19/2024`): a key and a
# value YAML reads as plain scalars on one line, with none of the characters that would make
# either anything else (an indicator first; ':' or '#' or a flow bracket or a tab anywhere).
_PLAIN_ENTRY = re.compile(
    r"([A-Za-z_][A-Za-z0-9_.-]{0,127}): +([^\s\-?:,\[\]{}#&*!|>'\"%@`][^\t:#\[\]{}]*)"
)
_STR_TAG = "tag:yaml.org,2002:str"


def _plain_mapping(body: str) -> Any:
    """Front matter of `_PLAIN_ENTRY` lines as YAML reads it, without a YAML parse: each key and
    value a string where no implicit resolver of the loader that would read it claims it (a
    number, a date, `yes`, `null`...); anything else (`_SLOW`) goes to that loader."""
    yaml, no_alias_loader, cloader = _yaml()
    loader = no_alias_loader if cloader is None or "*" in body else cloader
    if (
        loader.yaml_path_resolvers
        or loader.yaml_constructors.get(_STR_TAG)
        is not yaml.constructor.SafeConstructor.construct_yaml_str
    ):
        return _SLOW
    resolvers = loader.yaml_implicit_resolvers
    wildcard = resolvers.get(None, [])
    out: dict[str, str] = {}
    for line in body.split("\n"):
        m = _PLAIN_ENTRY.fullmatch(line)
        if m is None or not line.isprintable():
            return _SLOW
        key, value = m.group(1), m.group(2).rstrip(" ")
        for scalar in (key, value):
            for _, pattern in (*resolvers.get(scalar[0], ()), *wildcard):
                if pattern.match(scalar):
                    return _SLOW
        out[key] = value
    return out


def _front_matter(lines: list[str]) -> tuple[dict[str, Any], int]:  # noqa: C901 - one message per way YAML fails
    """Parse a leading `---` YAML block; returns it and how many lines it spans."""
    if not lines or lines[0].rstrip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise InputError("front matter opened on line 1 is never closed with '---'", line=1)
    body = "\n".join(lines[1:end])
    if len(body) > MAX_FRONT_MATTER:
        raise InputError(f"front matter is larger than {MAX_FRONT_MATTER} bytes", line=1)
    data = _fast_yaml(body)
    yaml, no_alias_loader, _ = _yaml()
    try:
        if data is _SLOW:
            data = yaml.load(body, Loader=no_alias_loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1
        raise InputError(f"broken front matter: {exc.problem or exc}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"broken front matter: {exc}", line=1) from None
    except RecursionError:  # PyYAML composes recursively: [[[[…]]]] 10,000 deep
        raise InputError("front matter is nested too deeply", line=2) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise InputError(f"broken front matter: {str(exc).split(':')[0]}", line=1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a mapping of keys to values", line=1)
    return _jsonable(data), end + 1


def document_date(front_matter: dict[str, Any]) -> str | None:
    """ISO date from `ms.date` (often `1/27/2020`, not zero-padded) or `date`; None if absent."""
    for key in ("ms.date", "date"):
        value = front_matter.get(key)
        if not isinstance(value, str):
            continue
        m = _DATE_MDY.match(value)
        parts = (m.group(3), m.group(1), m.group(2)) if m else None
        if parts is None and (m := _DATE_ISO.match(value)):
            parts = (m.group(1), m.group(2), m.group(3))
        if parts is not None:
            try:
                return _dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
            except ValueError:
                return None
    return None


def split_row(line: str) -> tuple[str, ...]:
    """Cells of a pipe-table line: outer pipes optional, `\\|` does not split."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = _PIPE_SPLIT.split(s) if "\\" in s else s.split("|")  # no backslash: no `\|`
    return tuple(map(str.strip, parts))


def _is_delimiter(line: str) -> bool:
    if "-" not in line:
        return False
    cells = split_row(line)
    return all(_DELIM_CELL.match(c) for c in cells) and ("|" in line or len(cells) > 1)


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.diagnostics: list[Diagnostic] = []

    def source(self, start: int, end: int, depth: int) -> list[str]:
        """Source lines [start, end) with `depth` levels of blockquote markers removed."""
        out = self.lines[start:end]
        for _ in range(depth):
            out = [_QUOTE_PREFIX.sub("", ln, count=1) for ln in out]
        return out

    def table(self, start: int, lines: list[str]) -> RawTable:
        """A table from its header line on; GFM refuses it when header and delimiter differ."""
        for i, text in enumerate(lines):
            if text.count("|") > MAX_CELLS and len(_PIPE_SPLIT.findall(text)) > MAX_CELLS:
                raise InputError(f"table row has more than {MAX_CELLS} cells", line=start + 1 + i)
        header = RawRow(start + 1, split_row(lines[0]))
        delimiter = RawRow(start + 2, split_row(lines[1]))
        new = _NEW_RAW_ROW
        rows = tuple(
            [
                new((start + 3 + i, split_row(text)))
                for i, text in enumerate(lines[2:])
                if text.strip()
            ]
        )
        recovered = len(header.cells) != len(delimiter.cells)
        if recovered:
            self.diagnostics.append(
                Diagnostic.trusted(
                    severity=diagnostic_code("MX001").severity,
                    code="MX001",
                    message=(
                        f"delimiter row has {len(delimiter.cells)} cells but the header "
                        f"has {len(header.cells)}: GFM renders this as a paragraph; "
                        "recovered as a table"
                    ),
                    line=delimiter.line,
                )
            )
        return RawTable(start + 1, header, delimiter, rows, recovered)

    def paragraph(self, start: int, lines: list[str], prose: bool = True) -> None:
        """A paragraph may hold a pipe table (from its header line on) and include directives."""
        for i in range(len(lines) - 1):
            if "|" in lines[i] and _is_delimiter(lines[i + 1]):
                if i:
                    self.paragraph(start, lines[:i], prose)
                end = len(lines)  # a template tag under the table ("{% endrowheaders %}") is no row
                while end > i + 2 and template_only(lines[end - 1]):
                    end -= 1
                self.blocks.append(self.table(start + i, lines[i:end]))
                if end < len(lines) and prose:
                    self.blocks.append(Prose(start + end + 1, "\n".join(lines[end:])))
                return
        text = "\n".join(lines)
        includes = list(_INCLUDE.finditer(text)) if "[!" in text else []
        for m in includes:
            line = start + 1 + text.count("\n", 0, m.start())
            self.blocks.append(
                Callout(line, "include", m.group(0), inline_text(m.group(1)), m.group(2))
            )
        rest = (_INCLUDE.sub("", text) if includes else text).strip()
        if rest and prose:
            self.blocks.append(Prose(start + 1, text))

    def walk(self, tokens: list[Token], depth: int, prose: bool = True) -> None:  # noqa: C901 - a branch per kind of block
        """Blocks of a token range; `prose=False` inside lists, which are kept whole as prose."""
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            end = _close_index(tokens, i)
            m = tok.map
            if m is None:
                i = end + 1
                continue
            if tok.type == "paragraph_open" and prose:
                skip = self.admonition(tokens, i, end, depth)
                if skip is not None:
                    i = skip
                    continue
            if tok.type == "heading_open":
                text = inline_text(tokens[i + 1].content)
                self.blocks.append(Heading(m[0] + 1, int(tok.tag[1:]), text))
            elif tok.type == "paragraph_open":
                self.paragraph(m[0], self.source(m[0], m[1], depth), prose)
            elif tok.type == "blockquote_open":
                self.blockquote(tokens[i + 1 : end], m, depth, prose)
            elif tok.type == "html_block" and html_tables.TABLE_START.search(tok.content):
                i = self.html_block(tokens, end + 1, m, depth, prose)
                continue
            else:
                body = "\n".join(self.source(m[0], m[1], depth)).strip("\n")
                if body.strip() and prose:
                    self.blocks.append(Prose(m[0] + 1, body))
                if end > i:  # a list or other container: callouts and tables inside still count
                    self.walk(tokens[i + 1 : end], depth, prose=False)
            i = end + 1

    def html_block(
        self, tokens: list[Token], nxt: int, m: list[int], depth: int, prose: bool
    ) -> int:
        """An HTML block holding `<table>`s: a RawTable each (data tables: see `html_tables`),
        the rest prose. Returns the index of
        the first token after it (markdown-it ends the block at a blank line, which a table may
        hold: the block then runs on to the line that closes its tables)."""
        last = html_tables.block_end(self.lines, m[0], m[1] - 1)
        while nxt < len(tokens):
            tm = tokens[nxt].map
            if tm is not None and tm[0] > last:
                break
            nxt = _close_index(tokens, nxt) + 1
        text = "\n".join(self.source(m[0], last + 1, depth))
        tables = html_tables.read_tables(text, m[0] + 1, MAX_CELLS)
        done = 0
        for table in (t for t in tables if t.data):
            self._html_prose(text[done : table.start], m[0], text.count("\n", 0, done), prose)
            head, body = html_tables.grid(table, MAX_CELLS)
            header = RawRow(head[0].line, html_tables.header_labels(head))
            rows = tuple(RawRow(r.line, tuple(c.raw for c in r.cells)) for r in body)
            self.blocks.append(RawTable(table.line, header, RawRow(header.line, ()), rows))
            done = table.end
        self._html_prose(text[done:], m[0], text.count("\n", 0, done), prose)
        return nxt

    def _html_prose(self, text: str, start: int, offset: int, prose: bool) -> None:
        """The part of an HTML block outside its tables, kept as prose where it says anything."""
        if prose and text.strip():
            lead = len(text) - len(text.lstrip("\n"))
            line = start + 1 + offset + text.count("\n", 0, lead)
            self.blocks.append(Prose(line, text.strip("\n")))

    def admonition(self, tokens: list[Token], i: int, end: int, depth: int) -> int | None:
        """A MkDocs or Docusaurus admonition opening at tokens[i] becomes a callout; returns the
        index of the first token after it, or None when the paragraph is no admonition."""
        m = tokens[i].map
        if m is None:
            return None
        opener = self.lines[m[0]] if m[0] < len(self.lines) else ""
        if "!!!" not in opener and "???" not in opener and ":::" not in opener:
            return None  # the first line holds no admonition marker (either pattern needs one)
        lines = self.source(m[0], m[1], depth)
        first = lines[0] if lines else ""
        opening = _MKDOCS.match(first)
        mkdocs = opening is not None
        if opening is None:
            opening = _DOCUSAURUS.match(first)
        if opening is None:
            return None
        kind = _ADMONITION_KIND.get(opening.group(1).lower(), "note")
        title = (opening.group(2) or "").strip()
        nxt = end + 1
        if mkdocs:
            # The body is the indented block that follows (to markdown-it: a code block).
            body = list(lines[1:])
            code = tokens[nxt] if nxt < len(tokens) else None
            if code is not None and code.type == "code_block" and code.map is not None:
                body += [
                    ln[4:] if ln.startswith("    ") else ln.lstrip("\t")
                    for ln in self.source(code.map[0], code.map[1], depth)
                ]
                nxt += 1
            raw = "\n".join([first, *body]).strip()
        else:
            close = next(
                (
                    k
                    for k in range(m[0] + 1, len(self.lines))
                    if _DOCUSAURUS_END.match(self.lines[k])
                ),
                None,
            )
            if close is None:
                return None
            body = self.source(m[0] + 1, close, depth)
            while nxt < len(tokens):
                tm = tokens[nxt].map
                if tm is not None and tm[0] > close:
                    break
                nxt += 1
            raw = "\n".join(self.source(m[0], close + 1, depth)).strip()
        text = "\n".join(t for t in (inline_text(title), _callout_text("\n".join(body))) if t)
        self.blocks.append(Callout(m[0] + 1, kind, raw, text))
        return nxt

    def blockquote(self, inner: list[Token], m: list[int], depth: int, prose: bool) -> None:
        """A callout when its first line is `[!KIND]`; either way, look inside for more."""
        body = self.source(m[0], m[1], depth + 1)
        first = inner[1].content if len(inner) > 1 and inner[0].type == "paragraph_open" else ""
        callout = _CALLOUT.match(first)
        if callout is None:
            self.walk(inner, depth + 1, prose)
            return
        raw = "\n".join(body).strip()
        raw = _CALLOUT.sub("", raw, count=1).strip()
        kind = callout.group(1).lower()
        self.blocks.append(Callout(m[0] + 1, kind, raw, _callout_text(raw)))
        # Nested callouts, include directives and tables inside a callout are blocks too.
        nested = _Parser(self.lines)
        nested.walk(inner, depth + 1)
        for block in nested.blocks:
            if not isinstance(block, Prose) and not (
                isinstance(block, Callout) and block.line == m[0] + 1
            ):
                self.blocks.append(block)
        self.diagnostics.extend(nested.diagnostics)


def _close_index(tokens: list[Token], i: int) -> int:
    """Index of the token closing tokens[i] (itself when it does not open anything)."""
    if tokens[i].nesting != 1:
        return i
    level = 0
    for j in range(i, len(tokens)):
        level += tokens[j].nesting
        if level == 0:
            return j
    return len(tokens) - 1


def _callout_text(raw: str) -> str:
    lines = (inline_text(_QUOTE_PREFIX.sub("", ln)) for ln in raw.split("\n"))
    lines = (_CALLOUT.sub("", ln) for ln in lines)
    return "\n".join(ln for ln in lines if ln)


@compiling
def parse(text: str) -> Document:
    """Read a Markdown support matrix; raises InputError for input that is not one."""
    if "\x00" in text:
        raise InputError("binary data (NUL byte): not a Markdown document")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    front_matter, fm_lines = _front_matter(lines)
    too_deep = f"blocks nested more than {MAX_NESTING} deep: not a support matrix"
    # The search tries every line start; only a text with a run of that many '>' (apart only by
    # spaces or tabs) or of that many spaces can match it, and those runs are found fast.
    may_be_deep = _QUOTE_RUN.search(text) is not None or " " * (4 * MAX_NESTING) in text
    if may_be_deep and (deep := _TOO_DEEP.search(text)):
        raise InputError(too_deep, line=text.count("\n", 0, deep.start()) + 1)
    parser = _Parser(lines)
    for tokens in _windows(lines, fm_lines):
        # markdown-it skips whatever lies deeper than its nesting guard, to the end of the
        # document (list markers on one line, "- - - x", reach it without the indentation
        # _TOO_DEEP sees).
        nested = next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.map), None)
        if nested is not None and nested.map is not None:
            raise InputError(too_deep, line=nested.map[0] + 1)
        parser.walk(tokens, 0)
    blocks = sorted(parser.blocks, key=lambda b: b.line)
    return Document(front_matter, tuple(blocks), tuple(parser.diagnostics))


# Lines markdown-it reads at once. A long document is read a window at a time, up to the last
# top-level heading in each window: markdown-it's tokens for all of a 12 MB document (and its
# copies of the text) were most of the parse's peak memory, and the holes they left were most of
# the compile's peak RSS. Documents shorter than this are read whole, as they always were.
WINDOW_LINES = 4096


def _windows(lines: list[str], first: int) -> Iterator[list[Token]]:
    """markdown-it's tokens of `lines[first:]`, line maps absolute, in pieces that end where
    a top-level heading starts.

    Block structure before a line depends on the lines before it only (CommonMark reads a line at
    a time), so the blocks before a top-level heading are the same whether markdown-it reads on
    past it or stops there; the window after it is read again from that heading. The walk's
    own reach past a block (an HTML table across blank lines, a Docusaurus admonition up to its
    `:::`) is kept inside a piece (`_cut`). After a window with no such heading, the rest is
    read at once."""
    begin, size = first, WINDOW_LINES
    while True:
        last = len(lines) - begin <= size
        end = len(lines) if last else begin + size
        tokens = _MD.parse("\n".join(lines[begin:end]))
        cut = None if last else _cut(tokens, lines, begin)
        if not last and cut is None:
            size = len(lines)  # nowhere to stop (one long table?): the rest at once, as before
            continue
        if cut is not None:
            tokens = tokens[: cut[0]]
        if begin:
            for t in tokens:
                if t.map is not None:
                    t.map = [t.map[0] + begin, t.map[1] + begin]
        yield tokens
        if cut is None:
            return
        begin, size = begin + cut[1], WINDOW_LINES


def _cut(tokens: list[Token], lines: list[str], begin: int) -> tuple[int, int] | None:
    """(token index, line in the window) of the last top-level heading after the window's first
    line that no earlier block's walk reads past; None if there is none."""
    best: tuple[int, int] | None = None
    reach = 0  # the last line (absolute) the walk reads for the blocks before here
    for i, t in enumerate(tokens):
        m = t.map
        if m is None:
            continue
        if t.type == "heading_open" and t.level == 0 and m[0] > 0 and begin + m[0] > reach:
            best = (i, m[0])
        elif t.type == "html_block" and html_tables.TABLE_START.search(t.content):
            reach = max(reach, html_tables.block_end(lines, begin + m[0], begin + m[1] - 1))
        elif t.type == "paragraph_open" and ":::" in lines[begin + m[0]]:
            close = next(
                (k for k in range(begin + m[0] + 1, len(lines)) if _DOCUSAURUS_END.match(lines[k])),
                None,
            )
            if close is not None:
                reach = max(reach, close)
    return best
