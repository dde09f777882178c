"""The rule file's model: what `generated/rules/<id>.json` holds, one rule per row x scenario."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from compiler.model.jsonstyle import join_lines, split_lines
from compiler.model.matrix import (
    Constraint,
    Footnote,
    Frozen,
    Role,
    Scenario,
    Source,
    Stage,
    Status,
)

FORMAT_VERSION = "1.1"
Bump = Literal["initial", "major", "minor", "patch", "none"]


class RuleCell(Frozen):
    """Another cell of the rule's row (requirement, details, description): carried for the diff."""

    column: str = Field(description="The column's label.")
    role: Role
    text: str
    status: Status | None = None
    stage: Stage | None = None
    footnotes: tuple[Footnote, ...] = ()


class Rule(Frozen):
    """What one row says for one scenario, with where it was said."""

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


class SectionNote(Frozen):
    kind: str
    text: str
    line: int


class SectionInfo(Frozen):
    id: str
    title: str
    line: int
    notes: tuple[SectionNote, ...] = ()


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
    rules: tuple[Rule, ...]
    changelog: tuple[Release, ...] = Field(
        default=(), description="Every release so far, oldest first: the changelog's source."
    )

    # On disk, line numbers live in one map (`lines`): see jsonstyle.split_lines.
    @model_serializer(mode="wrap")
    def _layout(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        data = handler(self)
        return split_lines(data) if info.mode == "json" and isinstance(data, dict) else data

    @model_validator(mode="before")
    @classmethod
    def _unlayout(cls, data: Any) -> Any:
        return join_lines(data) if isinstance(data, dict) and "lines" in data else data
