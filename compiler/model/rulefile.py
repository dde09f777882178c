"""The rule file's model: what `generated/rules/<id>.json` holds, one rule per row x scenario."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from compiler.model.matrix import Constraint, Frozen, Scenario, Source, Status

FORMAT_VERSION = "1.0"
Bump = Literal["initial", "major", "minor", "patch", "none"]


class Rule(Frozen):
    """What one row says for one scenario, with where it was said."""

    id: str = Field(description="'<row id>@<scenario id>'.")
    row: str
    section: str
    key: str
    scenario: str
    status: Status | None
    constraints: tuple[Constraint, ...] = ()
    text: str = Field(description="The plain text of the cell the rule was read from.")
    unparsed: str | None = None
    line: int
    column: str | None = Field(description="The label of the column the cell sits in.")
    notes: tuple[str, ...] = Field(default=(), description="Row notes that qualify the rule.")


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
