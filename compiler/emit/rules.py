"""Rules: one per row x scenario, the unit the rule file, the validator and the diff work on.

This is the single place that decides which cell of a row speaks for which scenario.
"""

from __future__ import annotations

import functools
import operator
from typing import Any, NamedTuple

from pydantic import Field, create_model

from compiler import __version__
from compiler.frontend.text import slugify, unique_slug
from compiler.model.jsonstyle import Encoded, dumps, encode_ordered, pretty
from compiler.model.matrix import (
    Cell,
    Column,
    Footnote,
    Frozen,
    Matrix,
    Role,
    Row,
    Scenario,
    Section,
    Table,
)
from compiler.model.memory import compiling
from compiler.model.rulefile import (
    FORMAT_VERSION,
    Release,
    RowRecord,
    Rule,
    RuleCell,
    RuleFile,
    own_columns,
    row_records,
    section_info,
)


class Speaking(NamedTuple):
    """What `verdict_cells` reads of a table's columns, worked out once per table rather than
    per row: its scenario columns, the scenarios they speak for (in order), and per column
    index the scenarios it speaks for (a scenario column's) and whether it is a requirement."""

    columns: list[Column]
    own: tuple[str, ...]
    speaks: list[tuple[str, ...]]
    requirement: list[bool]


def speaking_columns(table: Table) -> Speaking:
    """`Speaking` of `table`, for `verdict_cells` (one loop: a table has a few columns, and a
    comprehension per list cost more than the loop's work)."""
    columns: list[Column] = []
    own: dict[str, None] = {}
    speaks: list[tuple[str, ...]] = []
    requirement: list[bool] = []
    for column in table.columns:
        role = column.role
        if role == "scenario":
            columns.append(column)
            own.update(dict.fromkeys(column.scenarios))
            speaks.append(column.scenarios)
        else:
            speaks.append(())
        requirement.append(role == "requirement")
    return Speaking(columns, tuple(own), speaks, requirement)


def verdict_cells(
    table: Table,
    row: Row,
    scenarios: tuple[Scenario, ...],
    speaking: Speaking | None = None,
) -> dict[str, Cell | None]:
    """Scenario id -> the cell stating the row's verdict there (None: the row is silent).

    A table with scenario columns speaks for the scenarios of its columns (tables may cross
    different scenario sets); one without speaks, through its (first) requirement cell, for
    every scenario. Group and spacer rows, and rows of transposed tables (see `feature_cells`),
    state no verdict per scenario here. `speaking` is `speaking_columns(table)`, when the caller
    has it.
    """
    if row.kind != "data" or table.orientation == "rows":
        return {}
    columns, own, speaks, requirement = speaking or speaking_columns(table)
    n = len(speaks)
    if not columns:
        said = next((c for c in row.cells if c.column < n and requirement[c.column]), None)
        return dict.fromkeys(row.scenarios or tuple(map(_ID, scenarios)), said)
    out: dict[str, Cell | None] = dict.fromkeys(
        tuple(s for s in row.scenarios if s in own) if row.scenarios else own
    )
    for cell in row.cells:
        if cell.column < n:
            for sid in speaks[cell.column]:
                if sid in out:
                    out[sid] = cell
    return out


def further_columns(table: Table) -> tuple[tuple[int, str, str], ...]:
    """(column index, slug, label) of each requirement column after the first of a table with
    no scenario column: the first speaks for the row (`verdict_cells`), each further one for
    a fact of its own, `<row id>/<slug>` (wagtail's `…/74-lts/compatible-python-versions`,
    made unique in the matrix by `further_facts`). A slug is the header's, unique in the table."""
    if table.orientation == "rows":
        return ()
    wanted = [i for i, c in enumerate(table.columns) if c.role == "requirement"]
    if len(wanted) < 2 or any(c.role == "scenario" for c in table.columns):
        return ()
    seen: dict[str, int] = {}
    out = []
    for i in wanted[1:]:
        label = table.columns[i].label
        out.append((i, unique_slug(slugify(label) or f"column-{i + 1}", seen), label))
    return tuple(out)


def further_facts(matrix: Matrix) -> dict[tuple[str, int], str]:
    """(row id, column index) -> the fact id of each further requirement cell with text
    (`further_columns`): `<row id>/<slug>`, unique in the matrix. A row of a table before any
    heading has no section in its id, so "debian/architectures" could be a section's row too:
    such a fact id gets a suffix, as a repeated key does."""
    out: dict[tuple[str, int], str] = {}
    taken: set[str] | None = None
    for section in matrix.sections:
        for table in section.tables:
            further = further_columns(table)
            if not further:
                continue
            if taken is None:  # row ids, and the ids of transposed tables' feature columns
                taken = {row.id for _, _, row in matrix.rows()}
                taken.update(fid for sec in matrix.sections for fid in feature_ids(sec).values())
            for row in table.rows:
                if row.kind != "data":
                    continue
                for i, slug, _ in further:
                    if i < len(row.cells) and row.cells[i].text:
                        fact = base = f"{row.id}/{slug}"
                        n = 0
                        while fact in taken:
                            n += 1
                            fact = f"{base}-{n}"
                        taken.add(fact)
                        out[(row.id, i)] = fact
    return out


def feature_ids(section: Section) -> dict[tuple[int, int], str]:
    """(table index, column index) -> the row id a transposed table's feature column gets.

    In a transposed table the rows are the targets, so each feature column is one rule per row's
    scenario: `features/purge@box`. Ids are slugs of the header, unique in the section.
    """
    seen: dict[str, int] = {}
    for table in section.tables:
        for row in table.rows:
            seen.setdefault(row.id.rpartition("/")[2], 0)
    out: dict[tuple[int, int], str] = {}
    for t, table in enumerate(section.tables):
        if table.orientation != "rows":
            continue
        for i, column in enumerate(table.columns):
            if column.role == "feature":
                slug = unique_slug(slugify(column.label) or "feature", seen)
                out[(t, i)] = f"{section.id}/{slug}"
    return out


_ID = operator.attrgetter("id")
# A Rule from the tuple of its fields in order (`Rule._make` without its Python frame and
# length check: `add` writes every field, once, in a literal).
_NEW_RULE = functools.partial(tuple.__new__, Rule)
# Roles whose cells a rule never lists among its row's other cells.
_NOT_OTHER = frozenset({"key", "scenario", "feature"})


class _Columns(NamedTuple):
    """What a rule reads of its table's columns, per column index, worked out once per table
    (attribute reads of every column, per cell of every row, were a fifth of deriving rules)."""

    labels: list[str]
    roles: list[Role]
    footnotes: list[tuple[Footnote, ...]]
    feature: list[bool]
    other: list[bool]  # whether its cells are listed among a rule's other cells

    @classmethod
    def of(cls, table: Table) -> _Columns:
        out = cls([], [], [], [], [])
        labels, roles, footnotes, feature, other = out
        for column in table.columns:
            role = column.role
            labels.append(column.label)
            roles.append(role)
            footnotes.append(column.footnotes)
            feature.append(role == "feature")
            other.append(role not in _NOT_OTHER)
        return out


class _Rules:
    """The rules of one matrix as they are derived: trusted models (every value comes from the
    validated `Matrix`), a row's notes and other cells made once and shared by its rules."""

    def __init__(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.rules: list[Rule] = []
        self.further = further_facts(matrix)

    def add(
        self,
        where: tuple[Section, _Columns, Row],
        rid: str,
        key: str,
        said: dict[str, Cell | None],
        others_possible: bool = True,
    ) -> None:
        """One rule per scenario of `said` (scenario id -> the cell stating it), of a row of the
        table whose `_Columns` `where` names; `others_possible`: whether the table has a column
        of other cells (`_Columns.other`; False: every rule lists none)."""
        if not said:
            return
        section, columns, row = where
        labels, _, footnotes, feature, other = columns
        n = len(labels)
        notes = tuple(note.text for note in row.notes) if row.notes else ()
        # A rule lists the row's other cells but the one it is read from: rules read from a cell
        # that is no other cell (a scenario's, none) share one tuple, and all share the RuleCells.
        others: dict[int | None, tuple[RuleCell, ...]] = {}
        made: dict[int, RuleCell] = {}
        make, append, line, sec = _NEW_RULE, self.rules.append, row.line, section.id
        for sid, cell in said.items():
            if cell is None:
                cells = self._others(row, columns, None, others, made) if others_possible else ()
                append(
                    make(
                        (rid, sec, key, sid, None, None, (), (), "", None, line, None, notes, cells)
                    )
                )
                continue
            c = cell.column
            inside = c < n
            if not others_possible or (inside and feature[c]):
                cells = ()
            else:
                cells = self._others(
                    row, columns, cell if inside and other[c] else None, others, made
                )
            # The fields in `Rule`'s order: row, section, key, scenario, then what the cell says
            # (status, stage, footnotes, constraints, text, unparsed), line, column, notes, cells.
            append(
                make(
                    (
                        rid,
                        sec,
                        key,
                        sid,
                        cell.status,
                        cell.stage,
                        cell.footnotes + footnotes[c] if inside else cell.footnotes,
                        cell.constraints,
                        cell.text,
                        cell.unparsed,
                        line,
                        labels[c] if inside else None,
                        notes,
                        cells,
                    )
                )
            )

    @staticmethod
    def _others(
        row: Row,
        columns: _Columns,
        skip: Cell | None,
        memo: dict[int | None, tuple[RuleCell, ...]],
        made: dict[int, RuleCell],
    ) -> tuple[RuleCell, ...]:
        """The row's other cells but `skip` (an other cell itself, or None), memoised per row."""
        key = None if skip is None else id(skip)
        out = memo.get(key)
        if out is not None:
            return out
        labels, roles, _, _, other = columns
        n = len(labels)
        found: list[RuleCell] = []
        for cell in row.cells:
            c = cell.column
            if cell is skip or c >= n or not other[c]:
                continue
            made_cell = made.get(id(cell))
            if made_cell is None:
                made_cell = made[id(cell)] = RuleCell.trusted(
                    column=labels[c],
                    role=roles[c],
                    text=cell.text,
                    status=cell.status,
                    stage=cell.stage,
                    footnotes=cell.footnotes,
                )
            found.append(made_cell)
        out = memo[key] = tuple(found)
        return out

    def _further(
        self,
        where: tuple[Section, _Columns, Row],
        further: tuple[tuple[int, str, str], ...],
        said: dict[str, Cell | None],
    ) -> None:
        """The rules of a row's further requirement cells (`further_facts`), for the scenarios
        its first one speaks for; a blank cell states no fact."""
        row = where[2]
        for i, _, label in further:
            fact = self.further.get((row.id, i))
            if fact is not None:
                key = f"{row.key} ({label})"
                # no other cells: the row's own rule lists them (a wide table's would be
                # rows x columns squared)
                self.add(where, fact, key, dict.fromkeys(said, row.cells[i]), False)

    def section(self, section: Section) -> None:
        transposed = any(table.orientation == "rows" for table in section.tables)
        features = feature_ids(section) if transposed else {}
        scenarios = self.matrix.scenarios
        for t, table in enumerate(section.tables):
            columns = _Columns.of(table)
            if table.orientation == "rows":
                for row in table.rows:
                    if row.kind != "data":
                        continue
                    for cell in row.cells:
                        rid = features.get((t, cell.column))
                        if rid is not None:
                            one: dict[str, Cell | None] = dict.fromkeys(row.scenarios, cell)
                            label = columns.labels[cell.column]
                            self.add((section, columns, row), rid, label, one)
                continue
            speaking = speaking_columns(table)
            others_possible = any(columns.other)
            further = further_columns(table)
            for row in table.rows:
                said = verdict_cells(table, row, scenarios, speaking)
                self.add((section, columns, row), row.id, row.key, said, others_possible)
                if further and row.kind == "data":
                    self._further((section, columns, row), further, said)


def derive_rules(matrix: Matrix) -> tuple[Rule, ...]:
    """Every row x scenario of the matrix, in source order, then scenario order; a transposed
    table gives one rule per feature column x row (its scenario)."""
    out = _Rules(matrix)
    for section in matrix.sections:
        out.section(section)
    return tuple(out.rules)


@compiling
def rule_file(
    matrix: Matrix, *, version: str = "1.0.0", release: Release | None = None
) -> RuleFile:
    """The rule file's model; `version` and `release` come from the diff against the last build.

    Trusted: every value comes from the validated `Matrix` (validating 100,000s of rules again
    was a tenth of a large compile); rule files read from disk are validated.
    """
    return RuleFile.trusted(
        generated=(
            f"Generated by matrixc {__version__} from {matrix.source.path} "
            f"(sha256 {matrix.source.sha256[:12]}). Do not edit: run `matrixc build`."
        ),
        format_version=FORMAT_VERSION,
        id=matrix.id,
        title=matrix.title,
        version=version,
        release=release or Release(previous=None, bump="initial"),
        source=matrix.source,
        scenarios=matrix.scenarios,
        sections=tuple(map(section_info, matrix.sections)),
        rules=derive_rules(matrix),
    )


@compiling
def emit_rules(rf: RuleFile) -> str:
    """generated/rules/<id>.json: the rule file's text, byte-identical for the same model.

    Row records are encoded as they are made, so a large matrix never holds all of them at once.
    """
    data = rf.model_dump(mode="json", context={"rows": False})
    columns = own_columns(rf.rules)
    ids = tuple(s.id for s in rf.scenarios)
    rows, lines = row_records(rf.rules, ids, columns, encode_ordered)
    data["columns"] = columns
    data["rows"] = Encoded(rows)
    data["lines"]["rows"] = lines
    return dumps(data)


def _lines_apart(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of the file as written: records without `line`, the numbers in `lines`.

    (The model keeps `line` on each record; see jsonstyle.split_lines for why the file does not.)
    """
    defs = schema.get("$defs", {})
    for name in ("RowRecord", "SectionInfo", "SectionNote", "Scenario"):
        record = defs.get(name, {})
        record.get("properties", {}).pop("line", None)
        if "line" in record.get("required", []):
            record["required"] = [r for r in record["required"] if r != "line"]
    line = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    schema["properties"]["lines"] = {
        "description": "Source line numbers, one per row record, scenario and section (with its"
        " notes'), in the order of those lists.",
        "type": "object",
        "properties": {
            "rows": {"type": "array", "items": line},
            "scenarios": {"type": "array", "items": line},
            "sections": {
                "type": "array",
                "items": {
                    "type": "array",
                    "prefixItems": [line, {"type": "array", "items": line}],
                    "minItems": 2,
                    "maxItems": 2,
                },
            },
        },
        "required": ["rows", "scenarios", "sections"],
        "additionalProperties": False,
    }
    schema.setdefault("required", []).append("lines")
    return schema


def _on_disk() -> type[Frozen]:
    """The rule file as written (format 2): `columns` and `rows` in place of the flat rules."""
    fields: dict[str, Any] = {
        name: (info.annotation, info)
        for name, info in RuleFile.model_fields.items()
        if name != "rules"
    }
    fields["columns"] = (
        dict[str, str],
        Field(description="Scenario id -> the label of its own column (see `Verdict.column`)."),
    )
    fields["rows"] = (
        tuple[RowRecord, ...],
        Field(description="One record per row (in a transposed table, per feature and target)."),
    )
    return create_model("RuleFile", __base__=Frozen, __doc__=RuleFile.__doc__, **fields)


def rules_schema() -> str:
    """JSON Schema (2020-12) of the rule file, generated from the pydantic models."""
    schema = _lines_apart(_on_disk().model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://matrixc.invalid/schema/rules.schema.json"
    return pretty(schema)
