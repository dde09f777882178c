"""Matrix -> the HTML of its reference page, its search entries and its summary.

Pages are rendered from the canonical model, never from the source Markdown, so the site shows
what every other output was compiled from. Every document string goes through `html.escape` or
the allow-list sanitizer (site_sanitize). The page must stay readable without CSS or JavaScript:
verdicts are a word (and an icon, drawn by the stylesheet), counts are written out, controls are
progressive enhancement.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from compiler.emit.rules import further_facts, verdict_cells
from compiler.model.matrix import Cell, Constraint, Matrix, Note, Row, Section, Status, Table
from compiler.site.html import block_html, inline_html

# Keyed by str, not Status: a verdict the model gains later ("partial") is rendered, not a KeyError.
STATUS_CODE: dict[str | None, str] = {
    "supported": "s",
    "partial": "p",
    "not_supported": "n",
    "not_applicable": "a",
    None: "-",
}
STATUS_LABEL: dict[str, tuple[str, str]] = {  # icon, word (both shown; the badge's icon by CSS)
    "supported": ("✓", "Supported"),
    "partial": ("◐", "Partial"),
    "not_supported": ("✗", "Not supported"),
    "not_applicable": ("⊘", "Not applicable"),
}
ADMONITION_TITLE = {
    "note": "Note",
    "important": "Important",
    "warning": "Warning",
    "tip": "Tip",
    "caution": "Caution",
}
# Cell texts that say nothing beyond the badge: the badge replaces them.
_BARE_VERDICTS = frozenset(
    {"yes", "no", "supported", "not supported", "na", "n/a", "not applicable", "not available"}
)
_NON_WORD = re.compile(r"[^a-z/ ]+")
_BR = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)
_WIDE = frozenset({"details", "description"})  # columns the grid view gives 30% of the width


def esc(text: object) -> str:
    """Escape any document string for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


SITE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Download:
    """A file offered for download on the matrix page (already copied into the site)."""

    label: str
    href: str
    kind: str
    filename: str = ""  # the name to save it under, when the URL's own name is not it
    # A file assembled in the page (matrixc.js): these parts (URLs relative to the page),
    # concatenated, saved as `file`; `href` is where the button leads without JavaScript.
    parts: tuple[str, ...] = ()
    file: str = ""
    sha256: str = ""


@dataclass
class RenderedPage:
    """A page body plus the table of contents mkdocs should show for it.

    `indexed` is the body without the blocks marked `data-search-exclude` (tables, chart,
    controls): what material's search would index of `html`, a fraction of its size, so its
    HTML parser does not walk every table cell only to skip it."""

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    indexed: str = ""


def short_title(matrix: Matrix) -> str:
    """The title without the 'Support matrix for' boilerplate every document starts with."""
    title = re.sub(r"^support matrix for\s+", "", matrix.title, flags=re.IGNORECASE).strip()
    return title[:1].upper() + title[1:] if title else matrix.id


# --------------------------------------------------------------------------- verdicts


def badge(status: Status) -> str:
    """A verdict as its word (meaningful without colour, CSS or JavaScript) and its icon, which
    the stylesheet puts before the word (`.mx-matrix .mx-badge--<code>::before`, hidden from
    screen readers as the icon always was): not the same span on every cell of every table."""
    word = STATUS_LABEL[status][1]
    return f'<span class="mx-badge mx-badge--{STATUS_CODE[status]}">{word}</span>'


# Markup the compiler reads but a page cannot show: MDX components (`<Yes/>`, `<Version
# version="3.17.2"/>`, which no sanitizer keeps) and Microsoft Learn's `:::image …:::`. Where a
# cell holds some, its page shows the text read from it, escaped, a line each.
_READ_MARKUP = re.compile(r"<[A-Z][A-Za-z0-9]*[\s/]|:::image\b")


def _shown(cell: Cell, link_base: str | None) -> str:
    raw = cell.raw
    if ("<" in raw or ":::" in raw) and _READ_MARKUP.search(raw):
        return "<br>".join(esc(line) for line in cell.text.split("\n"))
    return inline_html(raw, link_base=link_base)


def _is_bare(cell: Cell) -> bool:
    """True when the cell says only its verdict word, judged on the raw text (markup counts)."""
    words = _NON_WORD.sub("", _BR.sub(" ", cell.raw).lower())
    return " ".join(words.split()) in _BARE_VERDICTS


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else f"{value:,}"


def _plural(noun: str, n: float) -> str:
    """'disk' -> 'disks' unless n is 1; a noun already plural stays as written."""
    if n == 1:
        return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    return noun if noun.endswith("s") else f"{noun}s"


def _range(lo: float | None, hi: float | None, c: Constraint, show: Any) -> str:
    """A bound in words: 'at most 16', 'more than 1,024 MB', 'between 1 and 63'."""
    if lo is not None and hi is not None:
        return f"exactly {show(lo)}" if lo == hi else f"{show(lo)} to {show(hi)}"
    if hi is not None:
        return f"{'less than' if c.exclusive_maximum else 'at most'} {show(hi)}"
    if lo is not None:
        return f"{'more than' if c.exclusive_minimum else 'at least'} {show(lo)}"
    return c.text


def _quantity(c: Constraint) -> str:
    """Sizes and rates as the document wrote the number ('32 TB', not bytes)."""
    written = f"{_number(c.quantity)} {c.unit}" if c.quantity is not None and c.unit else ""
    lo, hi = c.minimum, c.maximum
    if written and (lo is None) != (hi is None):
        return _range(None if lo is None else 0, None if hi is None else 0, c, lambda _: written)
    if written and lo is None and hi is None:
        return written  # a quantity no bound word qualifies: shown as written
    return _range(lo, hi, c, _number) if (lo, hi) != (None, None) else c.text


_COUNT_NOUN = re.compile(r"(?:^|\s)([A-Za-z]{2,})\s+(?:count|number|limit)s?\s*$", re.I)


def _count(c: Constraint, key: str) -> str:
    """'1 disk' for an 'OS disk count' of 1; a count's unit or the key's noun names the things."""
    noun = c.unit or ""
    if not noun:
        m = _COUNT_NOUN.search(key)
        noun = m.group(1).lower() if m else ""
    lo, hi = c.minimum, c.maximum
    if lo is None and hi is None and c.quantity is not None:
        return f"{_number(c.quantity)} {_plural(noun, c.quantity)}" if noun else c.text
    if lo is not None and lo == hi:
        return f"{_number(lo)} {_plural(noun, lo)}" if noun else f"exactly {_number(lo)}"
    last = hi if hi is not None else lo
    suffix = f" {_plural(noun, last)}" if noun and last is not None else ""
    return _range(lo, hi, c, _number) + suffix


def _words(values: Sequence[str]) -> str:
    """'letters, numbers and hyphens'."""
    items = [v for v in values if v]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _version_bound(c: Constraint) -> str:
    """A floor or ceiling of versions in words: 'version 2.1 or later', 'Az module before 4.0'."""
    subject = f"{c.subject} " if c.subject else "version "
    if c.kind == "min_version" and c.version:
        bound = f"more than {c.version}" if c.exclusive_minimum else f"{c.version} or later"
    elif c.kind == "max_version" and c.max_version:
        bound = f"before {c.max_version}" if c.exclusive_maximum else f"{c.max_version} or earlier"
    else:
        return c.text
    return f"{subject}{bound}"


def constraint_text(c: Constraint, key: str = "") -> str:
    """One structured limit in plain words ('up to 32 TB', 'letters, numbers and hyphens only')."""
    if c.kind == "allowed_values":
        shown = ", ".join(c.values[:8]) + (", …" if len(c.values) > 8 else "")
        text = f"one of: {shown}"
    elif c.kind == "charset":
        text = f"{_words(c.values)} only" if c.values else c.text
    elif c.kind == "affix":
        singular = [_plural(v, 1) for v in c.values]
        text = f"starts and ends with a {' or '.join(singular)}" if singular else c.text
    elif c.kind in ("min_version", "max_version"):
        text = _version_bound(c)
    elif c.kind == "length":
        text = f"{_range(c.minimum, c.maximum, c, _number)} characters"
    elif c.kind == "count":
        text = _count(c, key)
    elif c.kind == "rate":
        text = _quantity(c).replace("at most", "up to")
    else:  # size
        text = _quantity(c).replace("at most", "up to")
    if c.condition is not None:
        text = f"{text} ({c.condition.text})"
    return text


def _limits(cell: Cell, key: str = "") -> str:
    """A cell's limits as chips; its any_of alternatives ("2.1.0+, 2.0.4+", one per release
    line) as one chip, where the first stands: apart, each would read as a limit of its own."""
    if not cell.constraints:
        return ""
    either = [c for c in cell.constraints if c.any_of]
    items: list[str] = []
    for c in cell.constraints:
        if not c.any_of:
            text = constraint_text(c, key)
            items.append(f'<li title="{esc(c.text)}" data-kind="{esc(c.kind)}">{esc(text)}</li>')
        elif c is either[0]:
            listed = ", ".join(a.text for a in either)
            items.append(f'<li title="{esc(listed)}" data-kind="any_of">any of: {esc(listed)}</li>')
    return f'<ul class="mx-limits" aria-label="Limits">{"".join(items)}</ul>'


STAGE_LABEL = {"ga": "GA", "preview": "Preview", "deprecated": "Deprecated", "retired": "Retired"}


def is_spacer(row: Row) -> bool:
    """A `|||` row: every cell empty. It separates groups of rows and says nothing."""
    return all(not c.raw.strip() for c in row.cells)


def _footnotes(cell: Cell) -> str:
    """The text of the footnotes marked in the cell, shown where the marker is."""
    notes = getattr(cell, "footnotes", None) or ()
    items = []
    for note in notes:
        marker = str(getattr(note, "marker", "") or "")
        text = str(getattr(note, "text", "") or "")
        if not text:
            continue
        items.append(f'<li><span class="mx-fn__marker">{esc(marker)}</span> {esc(text)}</li>')
    return f'<ul class="mx-fn" aria-label="Footnotes">{"".join(items)}</ul>' if items else ""


# --------------------------------------------------------------------------- tables


class _Renderer:
    """Renders one matrix; holds the scenario index so attributes stay short."""

    def __init__(self, matrix: Matrix, link_base: str | None) -> None:
        self.matrix = matrix
        self.further = further_facts(matrix)  # (row id, column) -> the fact a cell states
        self.link_base = link_base
        self.index = {s.id: i for i, s in enumerate(matrix.scenarios)}

    def scenario_attr(self, ids: Sequence[str]) -> str:
        return " ".join(str(self.index[s]) for s in ids if s in self.index)

    def row_codes(self, table: Table, row: Row) -> str:
        """One status code per matrix scenario: s/n/a, '-' silent, 'x' row not for it."""
        cells = verdict_cells(table, row, self.matrix.scenarios)
        codes = []
        for scenario in self.matrix.scenarios:
            if scenario.id not in cells:
                codes.append("x")
            else:
                cell = cells[scenario.id]
                codes.append(STATUS_CODE[cell.status if cell else None])
        return "".join(codes)

    def cell(
        self,
        table: Table,
        cell: Cell,
        *,
        key: bool = False,
        row: Row | None = None,
        anchor: str | None = None,
    ) -> str:
        """`anchor`: the id of the fact a further requirement cell states (`further_columns`),
        which validator findings link to."""
        column = table.columns[cell.column] if cell.column < len(table.columns) else None
        # A body cell carries its column's class only where the stylesheet reads it (a details
        # or description column's width in the grid view); the header cell above has it too.
        attrs = f' class="mx-col--{column.role}"' if column and column.role in _WIDE else ""
        if column is not None and column.role == "scenario":
            ids = column.scenarios or (column.scenario or "",)
            attrs += f' data-sc="{self.scenario_attr(ids)}"'
        if key and row is not None:
            # The row's link (to its own anchor, the row's id), its tooltip and the grid
            # view's "details" button (rows marked data-more) are added by matrixc.js, which
            # copies the link and runs the grid view anyway: not on every row of the page.
            content = _shown(cell, self.link_base)
            return f'<th scope="row"{attrs}>{content}'  # end tag implied (see `table`)
        if column is not None and column.role != "key":
            attrs += f' data-label="{esc(column.label)}"'
        if anchor is not None and cell.text:
            attrs += f' id="{esc(anchor)}"'
        parts: list[str] = []
        if cell.status is not None:
            parts.append(badge(cell.status))
        stage = getattr(cell, "stage", None)  # the model's release stage, where it has one
        if isinstance(stage, str) and stage in STAGE_LABEL:
            parts.append(
                f'<span class="mx-stage mx-stage--{esc(stage)}">{STAGE_LABEL[stage]}</span>'
            )
        if cell.status is None or not _is_bare(cell):
            content = _shown(cell, self.link_base)
            if content:
                parts.append(f'<span class="mx-text">{content}</span>')
        parts.append(_limits(cell, row.key if row is not None else ""))
        parts.append(_footnotes(cell))
        return f"<td{attrs}>{''.join(parts)}"

    def table(self, table: Table) -> str:
        head = []
        for column in table.columns:
            attrs = f' class="mx-col--{column.role}"'
            if column.role == "scenario":
                ids = column.scenarios or (column.scenario or "",)
                attrs += f' data-sc="{self.scenario_attr(ids)}"'
            head.append(f'<th scope="col"{attrs}>{esc(column.label)}</th>')
        body: list[str] = []
        key_index = next((i for i, c in enumerate(table.columns) if c.role == "key"), 0)
        gap = False
        for row in table.rows:
            if is_spacer(row):  # a `|||` row only separates groups: a rule above the next row
                gap = bool(body)
                continue
            key_raw = row.cells[key_index].raw if key_index < len(row.cells) else ""
            more = _BR.search(key_raw) is not None or any(
                c.column != key_index and c.raw.strip() and (c.status is None or not _is_bare(c))
                for c in row.cells
            )
            cells = "".join(
                self.cell(
                    table,
                    cell,
                    key=cell.column == key_index,
                    row=row,
                    anchor=self.further.get((row.id, cell.column)) if self.further else None,
                )
                for cell in row.cells
            )
            missing = len(table.columns) - len(row.cells)
            cells += "<td>" * max(missing, 0)
            restricted = f' data-rs="{self.scenario_attr(row.scenarios)}"' if row.scenarios else ""
            group = ' class="mx-gap"' if gap else ""
            group += " data-more" if more else ""
            gap = False
            body.append(
                f'<tr id="{esc(row.id)}"{group} data-v="{self.row_codes(table, row)}"{restricted}>'
                f"{cells}"
            )
        # A body row's and its cells' end tags are left out, as HTML allows: the next cell, row
        # or `</tbody>` ends them, and the parser builds the same table (a cell's content is
        # closed with its cell either way), a tenth less of every table.
        roles = " ".join(sorted({c.role for c in table.columns}))
        return (
            f'<div class="mx-scroll"><table class="mx-table" data-roles="{roles}"'
            f" data-search-exclude><thead><tr>{''.join(head)}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def note(self, note: Note) -> str:
        if note.kind == "include":
            target = f" <code>{esc(note.target)}</code>" if note.target else ""
            return f'<p class="mx-include">Included in the source:{target}</p>'
        if note.kind == "row_note":
            return ""
        title = ADMONITION_TITLE.get(note.kind, note.kind.title())
        return (
            f'<div class="admonition {esc(note.kind)}"><p class="admonition-title">{title}</p>'
            f"{block_html(note.raw or note.text, link_base=self.link_base)}</div>"
        )

    def section(self, section: Section, first: bool) -> tuple[str, str]:
        """The section's HTML, and the same without its tables (for the search index)."""
        blocks: list[tuple[int, int, str]] = []
        blocks += [
            (p.line, 0, block_html(p.markdown, link_base=self.link_base)) for p in section.prose
        ]
        blocks += [(n.line, 1, self.note(n)) for n in section.notes]
        blocks += [(t.line, 2, self.table(t)) for t in section.tables]
        blocks.sort(key=lambda b: (b[0], b[1]))
        body = "".join(b[2] for b in blocks)
        light = "".join(b[2] for b in blocks if b[1] != 2)  # tables are data-search-exclude
        if first and section.level == 1:
            start, end = f'<div class="mx-intro" id="{esc(section.id)}">', "</div>"
        else:
            level = min(max(section.level, 2), 6)
            heading = f'<h{level} id="{esc(section.id)}">{esc(section.title)}</h{level}>'
            # One wrapper per section, so a filter can hide a section with no matching rows.
            start, end = f'<section class="mx-sec" data-level="{level}">{heading}', "</section>"
        return start + body + end, start + light + end


def _toc(sections: Sequence[Section]) -> list[dict[str, Any]]:
    """mkdocs toc tokens (nested by heading level) for the sections that get a heading."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for i, s in enumerate(sections):
        if i == 0 and s.level == 1:
            continue
        level = min(max(s.level, 2), 6)
        token: dict[str, Any] = {"level": level, "id": s.id, "name": esc(s.title), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


# --------------------------------------------------------------------------- summary


def scenario_counts(matrix: Matrix) -> list[tuple[str, dict[str, int]]]:
    """Per scenario label: how many rows say supported / not supported / n.a. / nothing."""
    counts = {s.id: {"s": 0, "p": 0, "n": 0, "a": 0, "-": 0} for s in matrix.scenarios}
    for _, table, row in matrix.rows():
        if is_spacer(row):
            continue
        for sid, cell in verdict_cells(table, row, matrix.scenarios).items():
            if sid in counts:
                counts[sid][STATUS_CODE[cell.status if cell else None]] += 1
    return [(s.label, counts[s.id]) for s in matrix.scenarios]


_CHART_ORDER: tuple[tuple[str, str], ...] = (
    ("s", "supported"),
    ("p", "partial"),
    ("n", "not_supported"),
    ("a", "not_applicable"),
)


def summary_chart(matrix: Matrix) -> str:
    """A bar per scenario; the numbers are text, so the chart reads without CSS."""
    rows = []
    for label, c in scenario_counts(matrix):
        total = max(c["s"] + c["n"] + c["a"], 1)
        segments = "".join(
            f'<span class="mx-seg mx-seg--{code}" style="width:{100 * c[code] / total:.1f}%">'
            "</span>"
            for code, _ in _CHART_ORDER
            if c[code]
        )
        figures = " · ".join(
            f'<span class="mx-count mx-count--{code}">{STATUS_LABEL[status][0]} {c[code]} '
            f"{STATUS_LABEL[status][1].lower()}</span>"
            for code, status in _CHART_ORDER
            if code != "p" or c[code]
        )
        rows.append(
            f'<li><span class="mx-chart__label">{esc(label)}</span>'
            f'<span class="mx-bar" aria-hidden="true">{segments}</span>'
            f'<span class="mx-chart__figures">{figures}</span></li>'
        )
    return f'<ul class="mx-chart">{"".join(rows)}</ul>'


# --------------------------------------------------------------------------- pages


def render_matrix(
    matrix: Matrix,
    *,
    link_base: str | None,
    downloads: Sequence[Download] = (),
    version: str | None = None,
    history_href: str | None = None,
) -> RenderedPage:
    """The reference page body of one matrix, and its table of contents."""
    r = _Renderer(matrix, link_base)
    intro = ("", "")
    rest = matrix.sections
    if rest and rest[0].level == 1:
        intro, rest = r.section(rest[0], True), rest[1:]
    sections = [r.section(s, False) for s in rest]
    head = _page_head(matrix, version=version, downloads=downloads, history_href=history_href)
    controls = _controls(
        matrix,
        chart=summary_chart(matrix),
        partial=any(
            STATUS_CODE.get(c.status) == "p" for _, _, row in matrix.rows() for c in row.cells
        ),
    )
    # Built only from escaped strings and sanitized document HTML; search indexes the page
    # without the chart, the controls and the tables.
    body = f"{head}{intro[0]}\n{controls}\n{''.join(full for full, _ in sections)}\n</div>\n"
    indexed = f"{head}{intro[1]}\n\n{''.join(light for _, light in sections)}\n</div>\n"
    return RenderedPage(html=body, toc=_toc(matrix.sections), indexed=indexed)


def _page_head(
    matrix: Matrix,
    *,
    version: str | None,
    downloads: Sequence[Download],
    history_href: str | None,
) -> str:
    """The page's title, its facts and its download buttons (every value escaped)."""
    rows = sum(1 for _, _, row in matrix.rows() if not is_spacer(row))
    tables = sum(len(s.tables) for s in matrix.sections)
    source = matrix.source
    dated = f", dated {escape(source.date)}" if source.date else ""
    released = f"; rule file version <strong>{escape(version)}</strong>" if version else ""
    buttons = []
    for d in downloads:
        if d.parts:
            how = (
                f'data-parts="{escape(" ".join(d.parts))}" data-file="{escape(d.file)}" '
                f'data-sha256="{escape(d.sha256)}"'
            )
        else:
            how = f'download="{escape(d.filename)}"' if d.filename else "download"
        buttons.append(
            f'<a class="md-button mx-download" href="{escape(d.href)}" {how} '
            f'data-kind="{escape(d.kind)}">{escape(d.label)}</a> '
        )
    if history_href:
        buttons.append(f'<a class="md-button" href="{escape(history_href)}">History of changes</a>')
    return (
        f"<h1>{escape(matrix.title)}</h1>\n"
        f'<div class="mx-matrix" data-matrix="{escape(matrix.id)}" '
        f'data-scenarios="{len(matrix.scenarios)}">\n'
        f'<p class="mx-meta">Compiled from <code>{escape(source.path)}</code>{dated} (sha256 '
        f"<code>{escape(source.sha256[:12])}</code>){released}. {tables} tables, {rows} rows.</p>\n"
        f'<p class="mx-downloads">{"".join(buttons)}</p>\n'
    )


def _controls(matrix: Matrix, *, chart: str, partial: bool) -> str:
    """The summary chart and the filter form (progressive enhancement: hidden until
    matrixc.js shows it), and what the page says when no row matches; none of it is indexed."""
    several = len(matrix.scenarios) > 1
    switch = ""
    if several:
        choices = "".join(
            f'<label><input type="radio" name="mx-scenario" value="{i}" '
            f'data-sid="{escape(s.id)}"> {escape(s.label)}</label>'
            for i, s in enumerate(matrix.scenarios)
        )
        switch = (
            '<fieldset class="mx-switch"><legend>Scenario</legend><label><input type="radio" '
            'name="mx-scenario" value="all" data-sid="all" checked> All scenarios</label>'
            f"{choices}</fieldset>"
        )
    partial_option = '<option value="p">◐ partial</option>' if partial else ""
    differ = (
        '<label class="mx-filter"><input type="checkbox" name="mx-differ"> Only rows where '
        "scenarios differ</label>"
        if several
        else ""
    )
    return (
        '<section class="mx-summary" aria-label="Verdicts per scenario" data-search-exclude>\n'
        '<p class="mx-summary__title"><strong>Verdicts per scenario</strong></p>\n'
        f"{chart}\n"
        "</section>\n"
        '<form class="mx-controls" hidden data-search-exclude aria-label="Filter the rows">\n'
        f"{switch}\n"
        '<label class="mx-filter">Verdict <select name="mx-status"><option value="">any</option>'
        f'<option value="s">✓ supported</option>{partial_option}<option value="n">✗ not '
        'supported</option><option value="a">⊘ not applicable</option><option value="-">no '
        "verdict</option></select></label>\n"
        f"{differ}\n"
        '<fieldset class="mx-switch mx-view"><legend>View</legend><label><input type="radio" '
        'name="mx-view" value="read" checked> Reading</label><label><input type="radio" '
        'name="mx-view" value="grid"> Grid</label></fieldset>\n'
        '<output class="mx-shown" aria-live="polite"></output>\n'
        '<button type="button" class="mx-reset" hidden>Reset filters</button>\n'
        "</form>\n"
        '<p class="mx-none" hidden data-search-exclude>No rows match — <button type="button" '
        'class="mx-reset">reset</button> the filters to see every row.</p>'
    )


def _details(table: Table, row: Row) -> list[str]:
    return [
        c.text
        for c in row.cells
        if c.column < len(table.columns)
        and table.columns[c.column].role in ("details", "description")
        and c.text
    ]


def row_details(table: Table, row: Row) -> str:
    """The text of a row's details and description columns (what no scenario column says)."""
    return " ".join(dict.fromkeys(_details(table, row)))


def row_search_entries(matrix: Matrix, page_url: str) -> list[dict[str, Any]]:
    """One search document per row, each its own result that opens the row.

    material keys result groups by the location before '#' and shows a group's article first,
    so a row filed as a section of its page would only ever be found under the page's top.
    Each row is therefore an article of its own at `<page>?row=<row id>`; the page script turns
    that into the row's anchor (`<page>#<row id>`) on arrival.
    """
    context = short_title(matrix)
    sections = {s.id: s.title for s in matrix.sections}
    entries = []
    for section, table, row in matrix.rows():
        if is_spacer(row):
            continue
        cells = verdict_cells(table, row, matrix.scenarios)
        said = {
            sid: " ".join(
                x
                for x in (
                    STATUS_LABEL[cell.status][1] if cell.status else "",
                    "" if cell.status and _is_bare(cell) else cell.text,
                )
                if x
            )
            for sid, cell in cells.items()
            if cell is not None
        }
        if len(set(said.values())) == 1 and (len(said) == len(matrix.scenarios) or len(said) == 1):
            verdicts = list(said.values())
        else:
            verdicts = [f"{matrix.scenario(sid).label}: {text}" for sid, text in said.items()]
        text = " ".join(dict.fromkeys([*verdicts, *_details(table, row)]))
        entries.append(
            {
                "location": f"{page_url}?row={row.id}",
                # material puts these strings into the page as HTML: escape them all.
                "title": html.escape(row.key, quote=False),
                "text": html.escape(text, quote=False),
                "tags": [
                    html.escape(t, quote=False)
                    for t in (context, sections.get(section.id, section.title))
                ],
            }
        )
    return entries
