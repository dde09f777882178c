"""What a semantic diff says: the change kinds, both sides, the semver bump, and revisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

Impact = Literal["breaking", "relaxing", "neutral"]
SemverBump = Literal["major", "minor", "patch", "none"]
Kind = Literal[
    "row_added",
    "row_removed",
    "row_renamed",
    "row_moved",
    "status_changed",
    "constraint_changed",
    "text_changed",
    "note_added",
    "note_removed",
    "note_changed",
    "section_added",
    "section_removed",
    "scenario_added",
    "scenario_removed",
]


IMPACT_ORDER: dict[str, int] = {"breaking": 0, "relaxing": 1, "neutral": 2}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference in meaning between two revisions; subclasses name the kind."""

    kind: ClassVar[Kind]
    impact: Impact
    section: str | None = None
    row: str | None = None
    renamed_from: str | None = None
    scenario: str | None = None
    old: str | None = None
    new: str | None = None
    key: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    score: float | None = None
    delta: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md shape, plus key, line numbers, rename score and numeric delta."""
        return {
            "kind": self.kind,
            "impact": self.impact,
            "section": self.section,
            "row": self.row,
            "renamed_from": self.renamed_from,
            "scenario": self.scenario,
            "old": self.old,
            "new": self.new,
            "key": self.key,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "score": self.score,
            "delta": self.delta,
        }


@dataclass(frozen=True, slots=True)
class RowAdded(Change):
    """A row only the new revision has (`new` is its key)."""

    kind: ClassVar[Kind] = "row_added"


@dataclass(frozen=True, slots=True)
class RowRemoved(Change):
    """A row only the old revision had: everything it allowed is gone."""

    kind: ClassVar[Kind] = "row_removed"


@dataclass(frozen=True, slots=True)
class RowRenamed(Change):
    """A row whose key was re-worded; `score` says how sure the match is."""

    kind: ClassVar[Kind] = "row_renamed"


@dataclass(frozen=True, slots=True)
class RowMoved(Change):
    """A row that moved to another section under the same key (`old`/`new` are section ids)."""

    kind: ClassVar[Kind] = "row_moved"


@dataclass(frozen=True, slots=True)
class StatusChanged(Change):
    """A scenario's verdict changed (`old`/`new`: supported, not_supported, ... or null)."""

    kind: ClassVar[Kind] = "status_changed"


@dataclass(frozen=True, slots=True)
class ConstraintChanged(Change):
    """A limit moved, appeared or disappeared; `delta` states by how much."""

    kind: ClassVar[Kind] = "constraint_changed"


@dataclass(frozen=True, slots=True)
class TextChanged(Change):
    """Same verdict and limits, different words (or a re-titled section when `row` is null)."""

    kind: ClassVar[Kind] = "text_changed"


@dataclass(frozen=True, slots=True)
class NoteAdded(Change):
    """A callout or row note appeared."""

    kind: ClassVar[Kind] = "note_added"


@dataclass(frozen=True, slots=True)
class NoteRemoved(Change):
    """A callout or row note disappeared."""

    kind: ClassVar[Kind] = "note_removed"


@dataclass(frozen=True, slots=True)
class NoteChanged(Change):
    """A callout or row note was re-worded."""

    kind: ClassVar[Kind] = "note_changed"


@dataclass(frozen=True, slots=True)
class SectionAdded(Change):
    """A section only the new revision has (its rows are reported as added too)."""

    kind: ClassVar[Kind] = "section_added"


@dataclass(frozen=True, slots=True)
class SectionRemoved(Change):
    """A section only the old revision had (its rows are reported as removed too)."""

    kind: ClassVar[Kind] = "section_removed"


@dataclass(frozen=True, slots=True)
class ScenarioAdded(Change):
    """A deployment scenario the matrix now distinguishes."""

    kind: ClassVar[Kind] = "scenario_added"


@dataclass(frozen=True, slots=True)
class ScenarioRemoved(Change):
    """A deployment scenario the matrix no longer covers."""

    kind: ClassVar[Kind] = "scenario_removed"


@dataclass(frozen=True, slots=True)
class Side:
    """Which revision a side of the diff is."""

    path: str
    date: str | None
    sha256: str
    id: str = ""
    title: str = ""
    version: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "date": self.date, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class Changes:
    """The diff of two revisions: sides, the semver bump it calls for, and the changes."""

    old: Side
    new: Side
    bump: SemverBump
    changes: tuple[Change, ...]
    sections: tuple[tuple[str, str], ...] = ()
    scenarios: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def counts(self) -> dict[str, int]:
        """Number of changes per impact, in the order breaking, relaxing, neutral."""
        out = {"breaking": 0, "relaxing": 0, "neutral": 0}
        for c in self.changes:
            out[c.impact] += 1
        return out

    def section_title(self, section: str | None) -> str:
        return dict(self.sections).get(section or "", section or "(matrix)")

    def scenario_label(self, scenario: str | None) -> str:
        return dict(self.scenarios).get(scenario or "", scenario or "")

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's JSON shape: {old, new, bump, changes}, plus counts and warnings."""
        return {
            "old": self.old.to_json(),
            "new": self.new.to_json(),
            "bump": self.bump,
            "counts": self.counts(),
            "changes": [c.to_json() for c in self.changes],
            "warnings": list(self.warnings),
        }


def bump_for(changes: Iterable[Change]) -> SemverBump:
    """Semver of a content change: major breaks, minor adds or relaxes, patch re-words."""
    bump: SemverBump = "none"
    for c in changes:
        if c.impact == "breaking" or c.kind in ("row_removed", "scenario_removed"):
            return "major"
        if c.impact == "relaxing" or c.kind in ("row_added", "scenario_added", "section_added"):
            bump = "minor"
        elif bump == "none":
            bump = "patch"
    return bump


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision of a matrix and what changed since the revision before it (None: first)."""

    path: str
    date: str | None
    sha256: str
    title: str
    changes: Changes | None
    commit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "date": self.date,
            "sha256": self.sha256,
            "title": self.title,
            "commit": self.commit,
            "changes": self.changes.to_json() if self.changes is not None else None,
        }
