"""Stage 2: Document -> Matrix, the canonical model.

Decides what each column means, which scenarios exist and how they are spelled, what every cell
says (through `cells.read_cell`), and gives rows and sections their GitHub-anchor ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from compiler.errors import InputError
from compiler.frontend import cells as _cells
from compiler.frontend import scenarios as sc
from compiler.frontend.parse import Callout, Document, Heading, RawRow, RawTable, document_date
from compiler.frontend.parse import Prose as RawProse
from compiler.frontend.text import inline_text, slugify, split_breaks, to_text, unique_slug
from compiler.model.matrix import (
    Cell,
    Column,
    Diagnostic,
    Matrix,
    Note,
    Prose,
    Role,
    Row,
    Scenario,
    Section,
    Source,
    Table,
)

DEFAULT_SCENARIO = Scenario(id="all", label="All deployments", aliases=())

_ROLE_WORDS: dict[str, Role] = {
    "requirement": "requirement",
    "requirements": "requirement",
    "support": "requirement",
    "supported": "requirement",
    "supported versions": "requirement",
    "limit": "requirement",
    "limits": "requirement",
    "maximum limit": "requirement",
    "value": "requirement",
    "details": "details",
    "detail": "details",
    "notes": "details",
    "comments": "details",
    "more information": "details",
    "description": "description",
}
_NOTE_PREFIX = re.compile(r"^\s*(?:note|important|warning|tip|caution)\s*:\s*", re.IGNORECASE)
_UNCLOSED = re.compile(r"\*\*")


def _diag(code: str, message: str, line: int, severity: str = "warning") -> Diagnostic:
    return Diagnostic(severity=severity, code=code, message=message, line=line)


class _Builder:
    def __init__(self, doc: Document, path: str) -> None:
        self.doc = doc
        self.path = path
        self.diagnostics: list[Diagnostic] = list(doc.diagnostics)
        self.section_ids: dict[str, int] = {}
        tables = [b for b in doc.blocks if isinstance(b, RawTable)]
        self.found, self.expand = self._discover(tables)
        self.aliases: dict[str, set[str]] = {f.id: set() for f in self.found}

    def _discover(
        self, tables: list[RawTable]
    ) -> tuple[list[sc.Found], dict[str, tuple[str, ...]]]:
        """Scenarios are the keys of a 'Scenario' table; acronyms come from the whole document."""
        labels: list[tuple[str, int]] = []
        for t in tables:
            if t.header.cells and inline_text(t.header.cells[0]).lower() in sc.SCENARIO_HEADERS:
                for r in t.rows:
                    label = _key_text(r.cells[0]) if r.cells else ""
                    if label:
                        labels.append((label, r.line))
        corpus = "\n".join(
            b.text if isinstance(b, Heading | Callout) else b.markdown
            for b in self.doc.blocks
            if not isinstance(b, RawTable)
        ) + "\n".join(c for t in tables for r in t.rows for c in r.cells)
        expand = sc.acronyms(corpus, (label for label, _ in labels))
        found: list[sc.Found] = []
        seen: set[str] = set()
        for label, line in labels:
            sid = sc.scenario_id(label)
            ws = sc.words(label, expand)
            if sid in seen or any(f.words == ws for f in found):
                continue
            seen.add(sid)
            found.append(sc.Found(sid, label, ws, line))
        return found, expand

    def _columns(self, table: RawTable) -> tuple[Column, ...]:
        columns: list[Column] = []
        for i, raw in enumerate(table.header.cells):
            label = inline_text(raw.replace("<br", " <br"))
            if i == 0:
                columns.append(Column(label=label, role="key"))
                continue
            hits = sc.match_all(label, self.found, self.expand)
            if hits and label.lower() not in _ROLE_WORDS:
                for h in hits:
                    self.aliases[h.id].add(_balanced(label))
                columns.append(
                    Column(
                        label=label,
                        role="scenario",
                        scenario=hits[0].id if len(hits) == 1 else None,
                        scenarios=tuple(h.id for h in hits),
                    )
                )
                continue
            role = _ROLE_WORDS.get(label.lower().rstrip(":"), "details")
            columns.append(Column(label=label, role=role))
            if not label:
                self.diagnostics.append(_diag("MX008", f"header cell {i + 1} is empty", table.line))
        roles = {c.role for c in columns}
        if "scenario" not in roles and "requirement" not in roles and len(columns) > 1:
            # Two-column "Component | Details" tables state their verdicts in the second column.
            c = columns[1]
            columns[1] = Column(label=c.label, role="requirement")
        return tuple(columns)

    def _row(
        self, raw: RawRow, columns: Sequence[Column], section_id: str, seen: dict[str, int]
    ) -> Row:
        width = len(columns)
        if len(raw.cells) != width:
            more = len(raw.cells) > width
            self.diagnostics.append(
                _diag(
                    "MX003" if more else "MX002",
                    f"row has {len(raw.cells)} cells but the header has {width}"
                    + ("; extra cells are kept with no column" if more else ""),
                    raw.line,
                )
            )
        key_raw = raw.cells[0] if raw.cells else ""
        pieces = [to_text(p) for p in split_breaks(key_raw)]
        pieces = [p for p in pieces if p]
        key = pieces[0] if pieces else ""
        notes: list[Note] = []
        if len(pieces) > 1:
            rest = "\n".join(pieces[1:])
            notes.append(Note(kind="row_note", text=rest, line=raw.line, raw=key_raw, column=0))
        if not key:
            self.diagnostics.append(_diag("MX007", "row has an empty key cell", raw.line))
        if key_raw.count("**") % 2 or key_raw.count("`") % 2:
            self.diagnostics.append(
                _diag("MX006", "unclosed emphasis or code span in key cell", raw.line)
            )
        base = slugify(key) or "row"
        if base in seen:
            self.diagnostics.append(
                _diag("MX005", f"duplicate key {key!r} in this section: id gets a suffix", raw.line)
            )
        row_id = f"{section_id}/{unique_slug(base, seen)}"
        cells: list[Cell] = []
        for i, cell_raw in enumerate(raw.cells):
            column = columns[i] if i < width else None
            text = to_text(cell_raw)
            if column is None or column.role not in ("scenario", "requirement"):
                cells.append(Cell(column=i, scenario=None, raw=cell_raw, text=text, status=None))
                continue
            verdict_lines: list[str] = []
            for line in text.split("\n") if text else ():
                if _NOTE_PREFIX.match(line):
                    notes.append(
                        Note(
                            kind="row_note",
                            text=_NOTE_PREFIX.sub("", line),
                            line=raw.line,
                            raw=line,
                            column=i,
                        )
                    )
                else:
                    verdict_lines.append(line)
            reading = _cells.read_cell("\n".join(verdict_lines))
            if (
                column.role == "scenario"
                and reading.status is None
                and not reading.constraints
                and text
            ):
                self.diagnostics.append(
                    _diag(
                        "MX004",
                        f"no verdict word in scenario cell {text.splitlines()[0][:40]!r}",
                        raw.line,
                        "info",
                    )
                )
            cells.append(
                Cell(
                    column=i,
                    scenario=column.scenario,
                    raw=cell_raw,
                    text=text,
                    status=reading.status,
                    constraints=reading.constraints,
                    unparsed=reading.unparsed,
                )
            )
        named = sc.match_all(key, self.found, self.expand) if self.found else ()
        return Row(
            id=row_id,
            key=key,
            line=raw.line,
            cells=tuple(cells),
            notes=tuple(notes),
            scenarios=tuple(h.id for h in named),
        )

    def _table(self, raw: RawTable, section_id: str, seen: dict[str, int]) -> Table:
        columns = self._columns(raw)
        rows = tuple(self._row(r, columns, section_id, seen) for r in raw.rows)
        if not rows:
            self.diagnostics.append(_diag("MX009", "table has no body rows", raw.line))
        return Table(line=raw.line, columns=columns, rows=rows, recovered=raw.recovered)

    def sections(self) -> list[Section]:
        out: list[Section] = []
        current: Heading | None = None
        notes: list[Note] = []
        tables: list[Table] = []
        prose: list[Prose] = []
        rows_seen: dict[str, int] = {}
        section_id = ""

        def close() -> None:
            if current is None and not (notes or tables or prose):
                return
            if current is None:  # the preamble's id "" is taken: an empty-slug heading gets "-1"
                self.section_ids.setdefault("", 0)
            out.append(
                Section(
                    id=section_id,
                    title=current.text if current else "",
                    level=current.level if current else 0,
                    line=current.line if current else 1,
                    notes=tuple(notes),
                    tables=tuple(tables),
                    prose=tuple(prose),
                )
            )

        for block in self.doc.blocks:
            if isinstance(block, Heading):
                close()
                current, notes, tables, prose, rows_seen = block, [], [], [], {}
                section_id = unique_slug(slugify(block.text), self.section_ids)
            elif isinstance(block, RawTable):
                tables.append(self._table(block, section_id, rows_seen))
            elif isinstance(block, Callout):
                notes.append(
                    Note(
                        kind=block.kind,
                        text=block.text,
                        line=block.line,
                        raw=block.raw,
                        target=block.target,
                    )
                )
            elif isinstance(block, RawProse):
                prose.append(Prose(line=block.line, markdown=block.markdown))
        close()
        return out

    def scenarios(self) -> tuple[Scenario, ...]:
        if not self.found:
            return (DEFAULT_SCENARIO,)
        return tuple(
            Scenario(
                id=f.id,
                label=inline_text(f.label),
                aliases=tuple(sorted(self.aliases[f.id] - {inline_text(f.label)})),
                line=f.line,
            )
            for f in self.found
        )


def _balanced(label: str) -> str:
    """A header as an alias, without the stray bracket some documents leave ('… VMM)')."""
    while label.endswith(")") and label.count(")") > label.count("("):
        label = label[:-1].rstrip()
    while label.startswith("(") and label.count("(") > label.count(")"):
        label = label[1:].lstrip()
    return label


def _key_text(raw: str) -> str:
    for piece in split_breaks(raw):
        text = to_text(piece)
        if text:
            return text
    return ""


def build(doc: Document, *, path: str, data: bytes) -> Matrix:
    """The canonical model of a parsed document; `path` and `data` identify its source."""
    if not any(isinstance(b, RawTable) for b in doc.blocks):
        raise InputError("no tables: this is not a support matrix")
    b = _Builder(doc, path)
    sections = b.sections()
    title = next((s.title for s in sections if s.level == 1), "")
    if not title:
        title = str(doc.front_matter.get("title") or PurePosixPath(path).stem)
        b.diagnostics.append(_diag("MX010", "no level-1 heading: title taken from elsewhere", 1))
    scenarios = b.scenarios()
    return Matrix(
        id=slugify(PurePosixPath(path).stem) or "matrix",
        title=title,
        source=Source(
            path=path, sha256=hashlib.sha256(data).hexdigest(), date=document_date(doc.front_matter)
        ),
        front_matter=doc.front_matter,
        scenarios=scenarios,
        sections=tuple(sections),
        diagnostics=tuple(sorted(b.diagnostics, key=lambda d: (d.line, d.column, d.code))),
    )
