"""The canonical model: what a support matrix says, independent of how it was written.

Every stage after `build` reads these frozen pydantic models and nothing else. Key names are a
contract (see DESIGN.md): tools outside this package read `matrixc parse` output and rule files.
"""

from __future__ import annotations

import math
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_jsonable_python

from compiler.model import kinds as _kinds

# The kinds live in a pydantic-free module (see there); every stage imports them from here.
Status = _kinds.Status
Stage = _kinds.Stage
Role = _kinds.Role
Orientation = _kinds.Orientation
RowKind = _kinds.RowKind
Severity = _kinds.Severity
NoteKind = _kinds.NoteKind
ConstraintKind = _kinds.ConstraintKind

_REQUIRED = object()  # a required field's place in a trusted layout, filled by every caller
_setattr = object.__setattr__
_new = object.__new__
# Per model class: (every field in declaration order with its default, the required fields,
# the set of every field name); see `Frozen.trusted`.
_LAYOUTS: dict[type, tuple[dict[str, Any], frozenset[str], set[str]]] = {}


class Frozen(BaseModel):
    """Base of every model: immutable, and strict about unknown keys so typos fail loudly.

    `defer_build`: a model's validator and serializer are built when first used, not when the
    class is defined. The front end makes its models with `trusted` and `matrixc parse` prints
    them with `plain_data`, so a parse never builds one (building them all was a third of the
    command's start-up); rule files, configurations and the site build theirs as before.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """The model from values the compiler itself made, without validating them again.

        Validation belongs at the boundaries (rule files, configurations, `Matrix` itself); the
        front end builds tens of thousands of cells a document from values it has already
        checked, and a validation each was most of its time and memory. The caller passes the
        types the fields declare (tuples, not lists); tests revalidate whole models to hold it to
        that. Every field counts as set (`model_fields_set`), and the set is shared by the
        class's trusted instances (pydantic copies it before a `model_copy` updates it).
        """
        try:
            template, required, fields = _LAYOUTS[cls]
        except KeyError:
            template, required, fields = _layout(cls)
        data = {**template, **values}
        if len(data) != len(template) or not values.keys() >= required:
            unknown = sorted(set(values) - set(template))
            missing = sorted(required - set(values))
            raise TypeError(f"{cls.__name__}: unknown fields {unknown}, missing {missing}")
        return made(cls, fields, data)


F = TypeVar("F", bound="Frozen")


def made(cls: type[F], fields: set[str], data: dict[str, Any]) -> F:
    """A model of `cls` whose `__dict__` is `data` (its every field, in declaration order) and
    whose set fields are `fields`: the end of `Frozen.trusted`, for callers that build `data`
    themselves (`new_cell` and `new_row` write it out: they run once per cell)."""
    obj = _new(cls)  # `cls.__new__` (see `_layout`), without looking it up
    _setattr(obj, "__dict__", data)
    _setattr(obj, "__pydantic_fields_set__", fields)
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj


def _layout(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str], set[str]]:
    if cls.__new__ is not _new:
        raise TypeError(f"{cls.__name__}: a model with its own __new__ is not trusted-safe")
    template: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if info.is_required():
            template[name] = _REQUIRED
        elif info.default_factory is not None:
            raise TypeError(f"{cls.__name__}.{name}: a default factory is not trusted-safe")
        else:
            template[name] = info.default
    required = frozenset(name for name, value in template.items() if value is _REQUIRED)
    layout = (template, required, set(template))
    _LAYOUTS[cls] = layout
    return layout


class Condition(Frozen):
    """When a constraint applies only to some configurations ("for generation 2 VMs")."""

    fact: str = Field(description="What the condition tests, as a slug: 'generation'.")
    value: str = Field(description="The value it must have: '2'.")
    text: str = Field(description="The words of the document that state it.")


class Constraint(Frozen):
    """One structured limit that a cell's text states."""

    kind: ConstraintKind
    text: str = Field(description="The phrase of the cell this was read from.")
    minimum: int | float | None = Field(
        default=None, description="Lower bound: a count, characters, or bytes for sizes."
    )
    maximum: int | float | None = Field(
        default=None, description="Upper bound: a count, characters, or bytes for sizes."
    )
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    quantity: int | float | None = Field(
        default=None, description="The number as written ('32' of '32 TB')."
    )
    unit: str | None = Field(default=None, description="The unit as written: 'TB', 'GiB', 'disks'.")
    values: tuple[str, ...] = Field(
        default=(), description="Allowed values, or the character classes of a charset rule."
    )
    pattern: str | None = Field(
        default=None, description="A Python/ECMAScript regex a value must fully match."
    )
    version: str | None = Field(
        default=None, description="The version floor of a min_version or version_range."
    )
    max_version: str | None = Field(
        default=None,
        description=(
            "The ceiling of a version_range (inclusive; a trailing '.x' matches any) or of a"
            " max_version (exclusive with exclusive_maximum); a ceiling covers its release"
            " line: '6.2' admits 6.2.5."
        ),
    )
    any_of: bool = Field(
        default=False,
        description="One of a cell's any_of constraints is enough ('2.1.0+, 2.0.1+': per line).",
    )
    per: str | None = Field(
        default=None, description="What the limit counts per: 'disk' of '168 GB per disk'."
    )
    subject: str | None = Field(
        default=None, description="What a version floor applies to: 'replication provider'."
    )
    condition: Condition | None = None


class Footnote(Frozen):
    """A marker glued to a verdict or header (`<sup>2</sup>`, `¹`, `*`) and what it refers to."""

    marker: str = Field(description="The marker as a plain string: '2', '*', '**'.")
    text: str | None = Field(
        default=None, description="The footnote's text where the document defines it."
    )
    line: int | None = Field(default=None, description="Where the footnote's text is defined.")


class Diagnostic(Frozen):
    """Something in the source a reader could trip on, located like a compiler message."""

    severity: Severity
    code: str
    message: str
    line: int
    column: int = 1


class Note(Frozen):
    """A callout, an include directive, or a note inside a row; never dropped."""

    kind: NoteKind
    text: str
    line: int
    raw: str = Field(description="The note's Markdown as written, markers removed.")
    target: str | None = Field(default=None, description="An include directive's path.")
    column: int | None = Field(default=None, description="For row notes: the cell it sits in.")


class Scenario(Frozen):
    """A deployment scenario the matrix distinguishes, however many ways it is spelled."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    line: int | None = Field(default=None, description="Where the scenario is first named.")


class Column(Frozen):
    """A table column and what it means."""

    label: str
    role: Role
    scenario: str | None = Field(
        default=None, description="The scenario id of a column naming exactly one scenario."
    )
    scenarios: tuple[str, ...] = Field(
        default=(),
        description="Every scenario a scenario column names (several for 'with/without').",
    )
    footnotes: tuple[Footnote, ...] = Field(
        default=(), description="Markers glued to the header: they qualify every cell below it."
    )


class Cell(Frozen):
    """One cell exactly as written, with what it was understood to say."""

    column: int = Field(description="Index into the table's columns (may exceed them: ragged row).")
    scenario: str | None
    raw: str
    text: str
    status: Status | None
    stage: Stage | None = Field(default=None, description="A release stage the cell states.")
    footnotes: tuple[Footnote, ...] = Field(
        default=(), description="Markers glued to the verdict, with their text where defined."
    )
    constraints: tuple[Constraint, ...] = ()
    unparsed: str | None = Field(
        default=None,
        description="The part of the text no verdict or constraint was read from, if any.",
    )


class Row(Frozen):
    """A table row: one requirement or feature of the matrix."""

    id: str
    key: str
    line: int
    cells: tuple[Cell, ...]
    notes: tuple[Note, ...] = ()
    scenarios: tuple[str, ...] = Field(
        default=(),
        description="Scenarios the key itself names ('Hyper-V (running with VMM)'); empty: all.",
    )
    kind: RowKind = Field(
        default="data", description="'group' and 'spacer' rows state nothing and make no rules."
    )


class Table(Frozen):
    """A table with its columns' roles; rows keep their source order."""

    line: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    recovered: bool = Field(
        default=False, description="True when GFM would not render this as a table."
    )
    orientation: Orientation = Field(
        default="columns",
        description="'columns': columns are the targets; 'rows': rows are (a transposed table).",
    )


class Prose(Frozen):
    """A paragraph, list or other block between tables, kept so nothing of the source is lost."""

    line: int
    markdown: str


class Section(Frozen):
    """A heading and everything up to the next heading."""

    id: str
    title: str
    level: int
    line: int
    notes: tuple[Note, ...] = ()
    tables: tuple[Table, ...] = ()
    prose: tuple[Prose, ...] = ()


class Source(Frozen):
    """Where a matrix came from; `sha256` is of the file's bytes."""

    path: str
    sha256: str
    date: str | None


class Matrix(Frozen):
    """A whole support matrix: the canonical model every output is made from."""

    id: str
    title: str
    source: Source
    front_matter: dict[str, Any]
    scenarios: tuple[Scenario, ...]
    sections: tuple[Section, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def rows(self) -> list[tuple[Section, Table, Row]]:
        """Every row with the section and table it sits in, in source order."""
        return [(s, t, r) for s in self.sections for t in s.tables for r in t.rows]

    def scenario(self, id_: str) -> Scenario:
        """The scenario with this id; KeyError when there is none."""
        for s in self.scenarios:
            if s.id == id_:
                return s
        raise KeyError(id_)


# The front end's two most numerous models, made the way `Frozen.trusted` makes them, with their
# fields in a literal: a keyword dict and a merge less per cell of a 100,000-row document.
_CELL_FIELDS = set(Cell.model_fields)
_ROW_FIELDS = set(Row.model_fields)


def new_cell(  # noqa: PLR0913 - one argument per field, as the model declares them
    *,
    column: int,
    scenario: str | None,
    raw: str,
    text: str,
    status: Status | None,
    stage: Stage | None = None,
    footnotes: tuple[Footnote, ...] = (),
    constraints: tuple[Constraint, ...] = (),
    unparsed: str | None = None,
) -> Cell:
    """`Cell.trusted(...)`, faster: values the compiler made, not validated again."""
    obj = _new(Cell)
    _setattr(
        obj,
        "__dict__",
        {
            "column": column,
            "scenario": scenario,
            "raw": raw,
            "text": text,
            "status": status,
            "stage": stage,
            "footnotes": footnotes,
            "constraints": constraints,
            "unparsed": unparsed,
        },
    )
    _setattr(obj, "__pydantic_fields_set__", _CELL_FIELDS)
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj


def new_row(  # noqa: PLR0913 - one argument per field, as the model declares them
    *,
    id: str,
    key: str,
    line: int,
    cells: tuple[Cell, ...],
    notes: tuple[Note, ...] = (),
    scenarios: tuple[str, ...] = (),
    kind: RowKind = "data",
) -> Row:
    """`Row.trusted(...)`, faster: values the compiler made, not validated again."""
    obj = _new(Row)
    _setattr(
        obj,
        "__dict__",
        {
            "id": id,
            "key": key,
            "line": line,
            "cells": cells,
            "notes": notes,
            "scenarios": scenarios,
            "kind": kind,
        },
    )
    _setattr(obj, "__pydantic_fields_set__", _ROW_FIELDS)
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj


def plain_data(value: Any, *, untyped: bool = False) -> Any:
    """`value.model_dump(mode="json")` for the models of this module, without pydantic.

    `matrixc parse` prints a whole Matrix: building pydantic's serializer for it cost more than
    the compile. The models hold only str, int, float, bool, None, tuples, nested models and the
    front matter (JSON-safe values, see `compiler.frontend.parse`), so the walk is short; it
    matches pydantic's JSON mode, which keeps a typed float's inf and nan but writes them as null
    where the type is `Any` (the front matter's values). Tests compare it with `model_dump` on
    the corpus.
    """
    if isinstance(value, BaseModel):
        data = value.__dict__
        return {name: plain_data(data[name]) for name in type(value).model_fields}
    if isinstance(value, str | bool | int) or value is None:
        return value
    if isinstance(value, float):
        return None if untyped and not math.isfinite(value) else value
    if isinstance(value, tuple | list):
        return [plain_data(v, untyped=untyped) for v in value]
    if isinstance(value, dict):
        return {str(k): plain_data(v, untyped=True) for k, v in value.items()}
    return to_jsonable_python(value)  # not reached by the compiler's own values
