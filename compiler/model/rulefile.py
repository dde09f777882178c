"""The rule file's model: what `generated/rules/<id>.json` holds, one rule per row x scenario.

In memory a rule file is a flat tuple of `Rule`s, the unit the validator and the diff work on. On
disk (format 2) the rules of one row are one record: what the row says, once, and per scenario only
what differs (see `row_records`); readers get the flat rules back (`unpack_rows`). The flat form
repeated the row's key, section, notes and other cells, and every field's default, per scenario:
the reference matrix's file was nine times its source.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple

from pydantic import (
    Field,
    GetCoreSchemaHandler,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic_core import core_schema

from compiler.model.jsonstyle import join_lines, split_lines
from compiler.model.matrix import (
    Constraint,
    Footnote,
    Frozen,
    Role,
    Scenario,
    Section,
    Source,
    Stage,
    Status,
    made,
)

FORMAT_VERSION = "2.1"  # 2.1: constraints of kind max_version (a ceiling of versions)
# Format 1.x (a flat `rules` list) is still read: old revisions in git and published API copies.
Bump = Literal["initial", "major", "minor", "patch", "none"]


class RuleCell(Frozen):
    """Another cell of the rule's row (requirement, details, description): carried for the diff."""

    column: str = Field(description="The column's label.")
    role: Role
    text: str
    status: Status | None = None
    stage: Stage | None = None
    footnotes: tuple[Footnote, ...] = ()


class RuleData(Frozen):
    """A rule as validated where rule files are read; in memory each becomes a `Rule`."""

    id: str = Field(description="'<row id>@<scenario id>'.")
    row: str
    section: str
    key: str
    scenario: str
    status: Status | None
    stage: Stage | None = Field(default=None, description="The release stage the cell states.")
    footnotes: tuple[Footnote, ...] = Field(
        default=(), description="Footnotes of the cell and of its column's header."
    )
    constraints: tuple[Constraint, ...] = ()
    text: str = Field(description="The plain text of the cell the rule was read from.")
    unparsed: str | None = None
    line: int
    column: str | None = Field(description="The label of the column the cell sits in.")
    notes: tuple[str, ...] = Field(default=(), description="Row notes that qualify the rule.")
    cells: tuple[RuleCell, ...] = Field(
        default=(), description="The row's other cells (details, description, requirement)."
    )

    @model_validator(mode="after")
    def _id_names_row_and_scenario(self) -> RuleData:
        if self.id != f"{self.row}@{self.scenario}":
            raise ValueError(
                f"id {self.id!r} is not '<row>@<scenario>' ({self.row}@{self.scenario})"
            )
        return self


class Rule(NamedTuple):
    """What one row says for one scenario, with where it was said.

    A named tuple, not a pydantic model: a large matrix has hundreds of thousands of rules, and
    a model's field dict made each four times the size (the x1000 document's rules took 109 MB)
    and several times slower to make. Like the models it is immutable and compares by value
    (though only with other rules, never with a plain tuple). Values come from the validated
    `Matrix` or, where rule files are read, through `RuleData`: pydantic validates a
    `tuple[Rule, ...]` field with it. The id is derived: `<row>@<scenario>`.
    """

    row: str
    section: str
    key: str
    scenario: str
    status: Status | None
    stage: Stage | None = None
    footnotes: tuple[Footnote, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    text: str = ""
    unparsed: str | None = None
    line: int = 0
    column: str | None = None
    notes: tuple[str, ...] = ()
    cells: tuple[RuleCell, ...] = ()

    @property
    def id(self) -> str:
        """'<row id>@<scenario id>'."""
        return f"{self.row}@{self.scenario}"

    def __eq__(self, other: object) -> bool:
        return type(other) is Rule and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)

    def data(self) -> RuleData:
        """The rule as its pydantic model (for dumping it, or a JSON Schema of it)."""
        return RuleData.trusted(id=self.id, **self._asdict())

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        """As the model's `model_dump` (the same keyword arguments)."""
        return self.data().model_dump(**kwargs)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Rule:
        """A copy with `update`'s fields changed (the id follows the row and scenario)."""
        return self._replace(**{k: v for k, v in (update or {}).items() if k != "id"})

    @classmethod
    def _from_data(cls, data: RuleData) -> Rule:
        values = data.__dict__
        return tuple.__new__(cls, [values[name] for name in cls._fields])

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validated as `RuleData` (a `Rule` passes as it is), dumped as one."""

        def validate(value: Any, inner: core_schema.ValidatorFunctionWrapHandler) -> Rule:
            if type(value) is Rule:
                return value
            return cls._from_data(inner(value))

        return core_schema.no_info_wrap_validator_function(
            validate,
            handler.generate_schema(RuleData),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda rule, info: rule.model_dump(mode=info.mode),
                info_arg=True,
            ),
        )


class Verdict(Frozen):
    """On disk (format 2): what a row says for one scenario. In `except`, only what differs."""

    status: Status | None = None
    stage: Stage | None = None
    footnotes: tuple[Footnote, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    text: str = ""
    unparsed: str | Literal[True] | None = Field(
        default=None, description="The words no rule was read from; true: all of `text`."
    )
    column: str | None = Field(
        default=None,
        description="The label of the column the cell sits in; absent: the scenario's own column"
        " (the file's `columns`), or none where it has none.",
    )


class RowRecord(Frozen):
    """On disk (format 2): the rules of one row, its verdict once and per scenario what differs."""

    row: str
    key: str
    section: str | None = Field(default=None, description="Absent: the row id's prefix.")
    scenarios: tuple[str, ...] | None = Field(
        default=None, description="Absent: every scenario of the file, in its order."
    )
    notes: tuple[str, ...] = ()
    cells: tuple[RuleCell, ...] = ()
    verdict: Verdict = Field(description="What the row says for its first scenario.")
    except_: dict[str, Verdict] = Field(
        default={},
        alias="except",
        description="Scenario id -> the verdict fields that differ from `verdict` there.",
    )


class SectionNote(Frozen):
    kind: str
    text: str
    line: int


class SectionInfo(Frozen):
    id: str
    title: str
    line: int
    notes: tuple[SectionNote, ...] = ()


_NOTE_FIELDS = set(SectionNote.model_fields)
_SECTION_FIELDS = set(SectionInfo.model_fields)


def section_info(section: Section) -> SectionInfo:
    """The rule file's record of a matrix's section, trusted (`Frozen.trusted`, without its
    merge and checks: made from the validated `Matrix`)."""
    notes = tuple(
        made(SectionNote, _NOTE_FIELDS, {"kind": n.kind, "text": n.text, "line": n.line})
        for n in section.notes
    )
    data = {"id": section.id, "title": section.title, "line": section.line, "notes": notes}
    return made(SectionInfo, _SECTION_FIELDS, data)


class Release(Frozen):
    """Why the rule file has the version it has."""

    previous: str | None = Field(description="The version of the rule file this build replaced.")
    bump: Bump
    reasons: tuple[str, ...] = Field(
        default=(), description="One line per change, most severe first."
    )
    version: str | None = Field(
        default=None, description="The version this release produced (changelog entries)."
    )
    date: str | None = Field(default=None, description="The source's date at this release.")


class RuleFile(Frozen):
    """generated/rules/<id>.json: the machine-readable form of one matrix."""

    generated: str = Field(description="Says the file is generated, by what and from what.")
    format_version: str
    id: str
    title: str
    version: str = Field(description="Semver of the content, bumped by the semantic diff.")
    release: Release
    source: Source
    scenarios: tuple[Scenario, ...]
    sections: tuple[SectionInfo, ...]
    rules: tuple[Rule, ...] = Field(exclude=True)  # written as `rows`: see `_layout`
    changelog: tuple[Release, ...] = Field(
        default=(), description="Every release so far, oldest first: the changelog's source."
    )

    # On disk, a row's rules are one record (`rows`, see `row_records`) and line numbers live in one
    # map (`lines`, see jsonstyle.split_lines).
    @model_serializer(mode="wrap")
    def _layout(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        data = handler(self)
        if not isinstance(data, dict):
            return data
        if info.mode != "json":
            return {**data, "rules": tuple(r.model_dump() for r in self.rules)}
        data = split_lines(data)
        if (info.context or {}).get("rows", True):
            columns = own_columns(self.rules)
            rows, lines = row_records(self.rules, tuple(s.id for s in self.scenarios), columns)
            data["columns"] = columns
            data["rows"] = rows
            data["lines"]["rows"] = lines
        return data

    @model_validator(mode="after")
    def _rules_name_what_the_file_lists(self) -> RuleFile:
        """A rule of a section or scenario the file does not list is refused where the file is
        read (the diff places each rule by its section's place, the validator by scenario)."""
        sections = {s.id for s in self.sections}
        scenarios = {s.id for s in self.scenarios}
        for rule in self.rules:
            if rule.section not in sections:
                raise ValueError(
                    f"row {rule.row!r} names section {rule.section!r}, which `sections` lacks"
                )
            if rule.scenario not in scenarios:
                raise ValueError(
                    f"row {rule.row!r} names scenario {rule.scenario!r}, which `scenarios` lacks"
                )
        return self

    @model_validator(mode="before")
    @classmethod
    def _unlayout(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "lines" in data:
            data = join_lines(data)
        if "rows" in data and "rules" not in data:
            rows, columns = data["rows"], data.get("columns", {})
            data = {k: v for k, v in data.items() if k not in ("rows", "columns")}
            data["rules"] = unpack_rows(rows, _scenario_ids(data), columns)
        return data


# ---------------------------------------------------------------------------------------------
# The rows layout (format 2)
#
# One record per run of rules that share a row, section, key, line, notes and other cells (a
# row of a table; in a transposed table, a feature column crossed with one target row):
#
#   {"row", "key", "section"?, "scenarios"?, "notes"?, "cells"?, "verdict", "except"?}
#
# `verdict` is what the row says for its first scenario; `except` maps each other scenario whose
# verdict differs to the fields that differ. Absent keys mean: `section`, the row id's prefix
# (ids are `<section>/<slug>`); `scenarios`, every scenario of the file in its order; `notes`,
# `cells`, `except`, none; in a verdict, constraint, footnote or cell, the field's default; a
# verdict's `column`, the scenario's own column (the file's `columns`: the label of the column
# that speaks for only that scenario in most rows; no column where it has none). `unparsed: true`
# stands for "all of `text`". A rule's id is `<row>@<scenario>`.

_DEFAULTS: dict[str, Any] = {
    "status": None,
    "stage": None,
    "footnotes": [],
    "constraints": [],
    "text": "",
    "unparsed": None,
}
_ROW_KEYS = frozenset({"row", "key", "section", "scenarios", "notes", "cells", "verdict", "except"})
_VERDICT_KEYS = frozenset(_DEFAULTS) | {"column"}


def _compact(model: Frozen, memo: dict[int, Any]) -> Any:
    """A model as JSON without its default fields; shared (frozen) models are dumped once."""
    out = memo.get(id(model))
    if out is None:
        out = memo[id(model)] = _without_defaults(model)
    return out


# Per model class: (field, whether it has a default, the default), in name order (`_row_record`).
_DEFAULTS_OF: dict[type, tuple[tuple[str, bool, Any], ...]] = {}


def _without_defaults(model: Frozen) -> dict[str, Any]:
    """`model.model_dump(mode="json", exclude_defaults=True)` for the footnotes, constraints and
    cells a rule file lists, without building pydantic's serializer per call (a record's cells
    and constraints were a third of encoding it). Their values are str, int, float, bool, None,
    tuples and such models; a field is left out where it equals its default, as pydantic leaves
    it; tests compare the two on the corpus. Keys come in name order (see `_row_record`)."""
    fields = _DEFAULTS_OF.get(type(model))
    if fields is None:
        fields = _DEFAULTS_OF[type(model)] = tuple(
            (name, not info.is_required(), info.default)
            for name, info in sorted(type(model).model_fields.items())
        )
    data = model.__dict__
    out: dict[str, Any] = {}
    for name, has_default, default in fields:
        value = data[name]
        if has_default and value == default:
            continue
        if isinstance(value, Frozen):
            value = _without_defaults(value)
        elif isinstance(value, tuple):
            value = [_without_defaults(v) if isinstance(v, Frozen) else v for v in value]
        out[name] = value
    return out


def own_columns(rules: Sequence[Rule]) -> dict[str, str]:
    """Scenario id -> the label of its own column: of the labels that speak for that scenario
    alone, the one it is read from most often (first seen on a tie)."""
    used: dict[str, dict[str, int]] = {}
    for rule in rules:
        if rule.column is not None:
            counts = used.setdefault(rule.scenario, {})
            counts[rule.column] = counts.get(rule.column, 0) + 1
    owners: dict[str, int] = {}
    for counts in used.values():
        for label in counts:
            owners[label] = owners.get(label, 0) + 1
    out: dict[str, str] = {}
    for sid, counts in used.items():
        alone = [(n, label) for label, n in counts.items() if owners[label] == 1]
        if alone:
            best = max(n for n, _ in alone)
            out[sid] = next(label for n, label in alone if n == best)
    return out


def _verdict(rule: Rule, columns: dict[str, str], memo: dict[int, Any]) -> dict[str, Any]:
    """The rule's verdict fields, each present only when it is not its default, in key order
    (see `_row_record`)."""
    _, _, _, scenario, status, stage, footnotes, constraints, text, unparsed, _, column, _, _ = rule
    out: dict[str, Any] = {}
    if column != columns.get(scenario):
        out["column"] = column
    if constraints:
        out["constraints"] = [_compact(c, memo) for c in constraints]
    if footnotes:
        out["footnotes"] = [_compact(f, memo) for f in footnotes]
    if stage is not None:
        out["stage"] = stage
    if status is not None:
        out["status"] = status
    if text:
        out["text"] = text
    if unparsed is not None:
        out["unparsed"] = True if unparsed == text else unparsed
    return out


def _changes(first: dict[str, Any], other: dict[str, Any], own: str | None) -> dict[str, Any]:
    """What `other` says differently from `first`; a field `other` leaves out is written out:
    its default, or for `column` the scenario's own column (`own`)."""
    out = {k: v for k, v in other.items() if k not in first or first[k] != v}
    missing = first.keys() - other.keys()
    if not missing:
        return out  # in `other`'s order, the keys' (`_verdict`)
    for k in missing:
        out[k] = own if k == "column" else _DEFAULTS[k]
    return {k: out[k] for k in sorted(out)}


# A rule's fields that make its row record (row, section, key, line, notes, cells), and those
# its verdict is read from (status, stage, footnotes, constraints, text, unparsed), by position.
_HEAD = operator.itemgetter(0, 1, 2, 10, 12, 13)
_SAID = operator.itemgetter(4, 5, 6, 7, 8, 9)
_NO_COLUMN = object()  # a verdict without `column`: the scenario's own column


def row_records(
    rules: Sequence[Rule],
    scenario_ids: tuple[str, ...],
    columns: dict[str, str],
    encode: Callable[[dict[str, Any]], Any] | None = None,
) -> tuple[list[Any], list[int]]:
    """(the rules as row records, each record's line). `encode`: each record is encoded as it is
    made, and only its text kept (a large file is never in memory as records)."""
    out: list[Any] = []
    lines: list[int] = []
    keep = out.append if encode is None else lambda record: out.append(encode(record))
    memo: dict[int, Any] = {}
    head_rule: Rule | None = None
    head: tuple[Any, ...] | None = None
    first: dict[str, Any] = {}
    first_said: tuple[Any, ...] = ()
    first_column: Any = None
    changes: dict[str, dict[str, Any]] = {}
    seen: list[str] = []
    for rule in rules:
        here = _HEAD(rule)
        scenario = rule.scenario
        column: object = rule.column
        if column == columns.get(scenario):
            column = _NO_COLUMN
        if here == head and scenario not in seen:
            seen.append(scenario)
            # The rules of a row mostly say what its first does (one cell for every scenario):
            # the same fields give the same verdict, and only a different one is worked out.
            if column != first_column or _SAID(rule) != first_said:
                verdict = _verdict(rule, columns, memo)
                if verdict != first:
                    changes[scenario] = _changes(first, verdict, columns.get(scenario))
            continue
        if head_rule is not None:
            keep(_row_record(head_rule, first, changes, seen, scenario_ids, memo))
            lines.append(head_rule.line)
        head_rule, head, seen, changes = rule, here, [scenario], {}
        first, first_said, first_column = _verdict(rule, columns, memo), _SAID(rule), column
    if head_rule is not None:
        keep(_row_record(head_rule, first, changes, seen, scenario_ids, memo))
        lines.append(head_rule.line)
    return out, lines


def _row_record(  # noqa: PLR0913, PLR0917 - the parts of a record, as `row_records` collects them
    rule: Rule,
    verdict: dict[str, Any],
    changes: dict[str, dict[str, Any]],
    seen: list[str],
    every: tuple[str, ...],
    memo: dict[int, Any],
) -> dict[str, Any]:
    """The record of a run of rules, from its first rule and verdict and the other scenarios'
    changes. Its keys, and those of everything in it, are in sorted order: a writer can encode
    it without sorting again (`jsonstyle.encode_ordered`)."""
    record: dict[str, Any] = {}
    if rule.cells:
        record["cells"] = [_compact(c, memo) for c in rule.cells]
    if changes:
        record["except"] = (
            changes if len(changes) == 1 else {k: changes[k] for k in sorted(changes)}
        )
    record["key"] = rule.key
    if rule.notes:
        record["notes"] = list(rule.notes)
    record["row"] = rule.row
    if tuple(seen) != every:
        record["scenarios"] = seen
    if rule.section != rule.row.rpartition("/")[0]:
        record["section"] = rule.section
    record["verdict"] = verdict
    return record


def _scenario_ids(data: dict[str, Any]) -> tuple[Any, ...]:
    """The file's scenario ids, as given (validation reports what is wrong with them)."""
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, list | tuple):
        return ()
    return tuple(s.get("id") if isinstance(s, dict) else getattr(s, "id", None) for s in scenarios)


def _said(verdict: Any, where: str) -> dict[str, Any]:
    if not isinstance(verdict, dict):
        raise ValueError(f"{where}: expected an object of verdict fields")
    unknown = sorted(verdict.keys() - _VERDICT_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}")
    return verdict


def _record(n: int, record: Any, scenario_ids: tuple[Any, ...]) -> tuple[Any, ...]:
    """(shared fields, verdict, scenarios, except) of row record `n`, checked."""
    if not isinstance(record, dict):
        raise ValueError(f"rows.{n}: expected a row record (an object)")
    unknown = sorted(record.keys() - _ROW_KEYS - {"line"})
    if unknown:
        raise ValueError(f"rows.{n}: unknown field(s) {', '.join(map(repr, unknown))}")
    row, changes = record.get("row"), record.get("except", {})
    if not isinstance(row, str):
        raise ValueError(f"rows.{n}: needs `row`, a string")
    base = {**_DEFAULTS, **_said(record.get("verdict"), f"rows.{n}.verdict")}
    scenarios = record.get("scenarios", scenario_ids)
    if not isinstance(changes, dict) or not isinstance(scenarios, list | tuple):
        raise ValueError(f"rows.{n}: `scenarios` must be a list and `except` an object")
    if changes.keys() - set(scenarios):
        raise ValueError(f"rows.{n}.except: names a scenario the row does not list")
    shared = {
        "row": row,
        "section": record.get("section", row.rpartition("/")[0]),
        "key": record.get("key"),
        "notes": record.get("notes", ()),
        "cells": record.get("cells", ()),
    }
    if "line" in record:
        shared["line"] = record["line"]
    return shared, base, scenarios, changes


def unpack_rows(rows: Any, scenario_ids: tuple[Any, ...], columns: Any) -> list[dict[str, Any]]:
    """Row records back into one rule dict per row x scenario, for validation as `Rule`s.

    Anything malformed raises ValueError naming the record, which validation reports."""
    if not isinstance(rows, list | tuple):
        raise ValueError("rows: expected a list of row records")
    if not isinstance(columns, dict):
        raise ValueError("columns: expected an object of scenario id -> column label")
    rules: list[dict[str, Any]] = []
    for n, record in enumerate(rows):
        shared, base, scenarios, changes = _record(n, record, scenario_ids)
        for sid in scenarios:
            said = base
            if sid in changes:
                said = {**base, **_said(changes[sid], f"rows.{n}.except.{sid}")}
            if said.get("unparsed") is True:
                said = {**said, "unparsed": said.get("text")}
            if "column" not in said:
                said = {**said, "column": columns.get(sid) if isinstance(sid, str) else None}
            rules.append({**shared, **said, "id": f"{shared['row']}@{sid}", "scenario": sid})
    return rules
