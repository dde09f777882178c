"""HTML `<table>` markup in a Markdown document, read as tables like pipe tables.

Documentation sites write their richest matrices in HTML (Bootstrap's browser tables, tables with
merged cells). markdown-it hands such a block over as raw HTML; here its outermost tables become
`RawTable`s: a row per `<tr>` (its line is the `<tr>`'s), a cell per `<td>`/`<th>` whose raw text
is the markup inside it, as written (line breaks inside a cell folded to spaces, as HTML shows
them). The header is the `<thead>`'s rows, else the first row with any rows of `<th>` cells
stacked under it. A cell that spans columns or rows
(`colspan`, `rowspan`) says the same in every place it covers, so it is repeated there, and
stacked header rows name a column by their labels top-down ("Windows" over "10" is "Windows 10").
Text of the block outside its tables stays prose, and so does a table with no header cell (no
`<th>`, `<thead>` or `<caption>`): READMEs lay out logos and sponsors that way, and a table that
marks nothing as a header is presentation, not data (the distinction WCAG draws).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from compiler.errors import InputError

TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)
_FOLD = re.compile(r"\s*\n\s*")
_SPAN = re.compile(r"\s*(\d{1,6})")
# A table whose spans repeat its cells more than this (and past this many cells) is refused: a
# few kilobytes of `colspan="1000"` would otherwise make millions of cells.
_SPAN_FACTOR = 16
_SPAN_CELLS = 10_000


class HtmlCell(NamedTuple):
    raw: str
    colspan: int
    rowspan: int


class HtmlRow(NamedTuple):
    line: int  # 1-based, in the document
    cells: tuple[HtmlCell, ...]
    thead: bool  # inside <thead>
    th: bool  # every cell a <th>


class HtmlTable(NamedTuple):
    line: int  # of the <table> tag
    end: int  # offset just past </table> in the block (its length when never closed)
    start: int  # offset of the <table> tag in the block
    rows: tuple[HtmlRow, ...]
    data: bool  # it marks a header (<th>, <thead>, <caption>): a data table, not a layout


def block_end(lines: list[str], first: int, last: int) -> int:
    """The last line of an HTML block markdown-it saw as `lines[first:last + 1]`: `last`, or
    further on where a table is still open there (markdown-it ends an HTML block at a blank
    line, which a table may contain), up to the line that closes it, or the document's end.
    Tags inside comments do not count."""
    depth = 0
    in_comment = False
    for i in range(first, len(lines)):
        line = lines[i]
        if in_comment or "<!--" in line:
            line, in_comment = _outside_comments(line, in_comment)
        for m in _TABLE_TAG.finditer(line):
            depth = max(0, depth + (-1 if m.group(1) else 1))
        if i >= last and depth == 0:
            return i
    return len(lines) - 1


def _outside_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The parts of a line outside HTML comments, and whether a comment is open at its end."""
    out: list[str] = []
    pos = 0
    while pos < len(line):
        if in_comment:
            close = line.find("-->", pos)
            if close < 0:
                return "".join(out), True
            pos, in_comment = close + 3, False
        else:
            opening = line.find("<!--", pos)
            if opening < 0:
                out.append(line[pos:])
                break
            out.append(line[pos:opening])
            pos, in_comment = opening + 4, True
    return "".join(out), in_comment


def _span(attrs: list[tuple[str, str | None]], name: str, limit: int) -> int:
    """A colspan/rowspan as browsers read it: leading digits, at least 1, at most `limit`."""
    for key, value in attrs:
        if key == name and value is not None:
            m = _SPAN.match(value)
            return max(1, min(int(m.group(1)), limit)) if m else 1
    return 1


class _Reader(HTMLParser):
    """The outermost tables of a block, from its tags' positions (nested tables stay in their
    cell's raw text)."""

    def __init__(self, text: str, first_line: int, max_cells: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.first_line = first_line
        self.max_cells = max_cells
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())
        self.tables: list[HtmlTable] = []
        self.depth = 0
        self._reset_table(0, 0)

    def _reset_table(self, line: int, start: int) -> None:
        self.t_line, self.t_start = line, start
        self.rows: list[HtmlRow] = []
        self.cells: list[HtmlCell] = []
        self.row_line: int | None = None
        self.row_head = True
        self.cell: tuple[int, int, int, bool] | None = None  # content start, colspan, rowspan, th
        self.section = ""
        self.data = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _close_cell(self, end: int) -> None:
        if self.cell is None:
            return
        start, colspan, rowspan, th = self.cell
        raw = _FOLD.sub(" ", self.text[start:end].strip())
        self.cells.append(HtmlCell(raw, colspan, rowspan))
        self.row_head = self.row_head and th
        self.cell = None

    def _close_row(self, end: int) -> None:
        self._close_cell(end)
        if self.row_line is not None:
            th = self.row_head and bool(self.cells)
            self.rows.append(HtmlRow(self.row_line, tuple(self.cells), self.section == "thead", th))
        self.cells, self.row_line, self.row_head = [], None, True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._reset_table(self._line(), self._offset())
            return
        if self.depth != 1:
            return
        if tag == "caption":
            self.data = True
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_row(self._offset())
            self.section = tag
        elif tag == "tr":
            self._close_row(self._offset())
            self.row_line = self._line()
        elif tag in ("td", "th"):
            here = self._offset()
            self._close_cell(here)
            if self.row_line is None:  # a cell before any <tr>: browsers open the row
                self.row_line = self._line()
            self.data = self.data or tag == "th" or self.section == "thead"
            opened = here + len(self.get_starttag_text() or "")
            self.cell = (
                opened,
                _span(attrs, "colspan", self.max_cells),
                _span(attrs, "rowspan", 65534),
                tag == "th",
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self.depth == 1:
                here = self._offset()
                self._close_row(here)
                end = self.text.find(">", here) + 1 or len(self.text)
                self._finish(end)
            self.depth = max(0, self.depth - 1)
            return
        if self.depth != 1:
            return
        if tag in ("td", "th"):
            self._close_cell(self._offset())
        elif tag == "tr" or tag in ("thead", "tbody", "tfoot"):
            self._close_row(self._offset())

    def _finish(self, end: int) -> None:
        if self.rows:
            self.tables.append(
                HtmlTable(self.t_line, end, self.t_start, tuple(self.rows), self.data)
            )
        self._reset_table(0, 0)

    def close(self) -> None:
        super().close()
        if self.depth >= 1:  # never closed: the table runs to the end of the block
            self._close_row(len(self.text))
            self._finish(len(self.text))
            self.depth = 0


def read_tables(text: str, first_line: int, max_cells: int) -> list[HtmlTable]:
    """The outermost tables of an HTML block starting on `first_line` (1-based)."""
    reader = _Reader(text, first_line, max_cells)
    reader.feed(text)
    reader.close()
    return reader.tables


def grid(table: HtmlTable, max_cells: int) -> tuple[list[HtmlRow], list[HtmlRow]]:
    """(header rows, body rows) with every spanning cell repeated where it reaches: the rows'
    cells are then `colspan` and `rowspan` 1, one per column."""
    out: list[HtmlRow] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows still to cover, raw)
    written = sum(len(r.cells) for r in table.rows)
    made = 0
    for row in table.rows:
        cells = _expand(row, carried, max_cells)
        made += len(cells)
        if made > _SPAN_CELLS and made > _SPAN_FACTOR * written:
            raise InputError(
                f"spanning cells repeat {written} cells into more than {made}: not a support "
                "matrix",
                line=table.line,
            )
        out.append(HtmlRow(row.line, tuple(HtmlCell(c, 1, 1) for c in cells), row.thead, row.th))
    if any(r.thead for r in out):
        return [r for r in out if r.thead], [r for r in out if not r.thead]
    split = 1
    while split < len(out) and out[split].th and out[split - 1].th:
        split += 1  # header rows all of <th> cells, stacked
    if split == len(out) > 1:  # every row of <th>s: only the first is the header
        split = 1
    return out[:split], out[split:]


def _expand(row: HtmlRow, carried: dict[int, tuple[int, str]], max_cells: int) -> list[str]:
    """A row's raw cells one per column: its own, repeated over their colspan, and those of the
    rows above whose rowspan reaches it (`carried`, updated for the rows below)."""
    cells: list[str] = []
    queue = list(row.cells)
    col = 0
    while queue or any(c >= col for c in carried):
        if col in carried:
            left, raw = carried.pop(col)
            cells.append(raw)
            if left > 1:
                carried[col] = (left - 1, raw)
        elif queue:
            cell = queue.pop(0)
            for k in range(cell.colspan):
                if cell.rowspan > 1:
                    carried[col + k] = (cell.rowspan - 1, cell.raw)
                cells.append(cell.raw)
            col += cell.colspan - 1
        else:  # a gap before a carried cell further right: an empty place
            cells.append("")
        col += 1
        if len(cells) > max_cells:
            raise InputError(f"table row has more than {max_cells} cells", line=row.line)
    return cells


def header_labels(head: list[HtmlRow]) -> tuple[str, ...]:
    """One raw label per column: the labels stacked above it, top-down, each once."""
    width = max((len(r.cells) for r in head), default=0)
    labels: list[str] = []
    for i in range(width):
        parts: list[str] = []
        for row in head:
            raw = row.cells[i].raw if i < len(row.cells) else ""
            if raw and raw not in parts:
                parts.append(raw)
        labels.append(" ".join(parts))
    return tuple(labels)
