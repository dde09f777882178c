"""What a semantic diff says: one small frozen dataclass per change kind, both sides, the bump.

Each kind carries only its own fields, named for what they hold (`old_status`, `old_title`,
`old_key`), so no reader has to know that `old` means a key for one kind and a status for
another. DESIGN.md's JSON shape (`{kind, impact, section, row, renamed_from, scenario, old,
new}`) is one renderer of these (`compiler.diff.render.change_json`), not their layout.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal

Impact = Literal["breaking", "relaxing", "neutral"]
SemverBump = Literal["major", "minor", "patch", "none"]
Kind = Literal[
    "row_added",
    "row_removed",
    "row_renamed",
    "row_moved",
    "status_changed",
    "stage_changed",
    "constraint_changed",
    "text_changed",
    "footnote_changed",
    "note_added",
    "note_removed",
    "note_changed",
    "section_added",
    "section_removed",
    "scenario_added",
    "scenario_removed",
]

IMPACT_ORDER: dict[str, int] = {"breaking": 0, "relaxing": 1, "neutral": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One difference in meaning between two revisions; each subclass is one kind.

    Its `__eq__`, `__hash__` and `__repr__` serve every kind (declared `eq=False,
    repr=False`), as the dataclass would write them for each: each method a dataclass writes
    is compiled when the module is imported, and three per kind were a third of the import."""

    kind: ClassVar[Kind]
    impact: Impact
    section: str | None  # the section id on the new side (the old one when it is gone)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self)))
        return f"{type(self).__qualname__}({shown})"


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """A change kind's field names, in the order the dataclass compares and shows them."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _values(change: Change) -> tuple[object, ...]:
    return tuple(getattr(change, name) for name in _names(type(change)))


# -- scenarios and sections ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class ScenarioAdded(Change):
    """A deployment scenario the matrix now distinguishes."""

    kind: ClassVar[Kind] = "scenario_added"
    scenario: str
    label: str
    line: int | None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class ScenarioRemoved(Change):
    """A deployment scenario the matrix no longer covers: every rule of it is gone."""

    kind: ClassVar[Kind] = "scenario_removed"
    scenario: str
    label: str
    line: int | None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SectionAdded(Change):
    """A section only the new revision has (its rows are reported as added too)."""

    kind: ClassVar[Kind] = "section_added"
    section: str
    title: str
    line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SectionRemoved(Change):
    """A section only the old revision had (its rows are reported as removed too)."""

    kind: ClassVar[Kind] = "section_removed"
    section: str
    title: str
    line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SectionRetitled(Change):
    """A section whose heading was re-worded (JSON kind `text_changed` with no row)."""

    kind: ClassVar[Kind] = "text_changed"
    section: str
    old_title: str
    new_title: str
    old_line: int
    new_line: int


# -- notes --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class NoteAdded(Change):
    """A callout (row None) or row note appeared."""

    kind: ClassVar[Kind] = "note_added"
    section: str
    row: str | None
    key: str | None
    text: str
    line: int | None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class NoteRemoved(Change):
    """A callout (row None) or row note disappeared."""

    kind: ClassVar[Kind] = "note_removed"
    section: str
    row: str | None
    key: str | None
    text: str
    line: int | None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class NoteChanged(Change):
    """A callout or row note was re-worded; `score` is how alike the two wordings are."""

    kind: ClassVar[Kind] = "note_changed"
    section: str
    row: str | None
    key: str | None
    old_text: str
    new_text: str
    score: float
    old_line: int | None
    new_line: int | None


# -- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an added or removed row says in one scenario."""

    scenario: str
    status: str | None
    text: str
    stage: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class RowAdded(Change):
    """A row only the new revision has, with its verdict per scenario."""

    kind: ClassVar[Kind] = "row_added"
    section: str
    row: str
    key: str
    line: int
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class RowRemoved(Change):
    """A row only the old revision had: everything it allowed is gone."""

    kind: ClassVar[Kind] = "row_removed"
    section: str
    row: str
    key: str
    line: int
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class RowRenamed(Change):
    """A row whose key was re-worded; `score` says how sure the match is."""

    kind: ClassVar[Kind] = "row_renamed"
    section: str
    row: str
    renamed_from: str
    old_key: str
    key: str
    score: float
    old_line: int
    new_line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class RowMoved(Change):
    """A row that moved to another section under the same key."""

    kind: ClassVar[Kind] = "row_moved"
    section: str
    row: str
    renamed_from: str
    key: str
    old_section: str
    old_line: int
    new_line: int


# -- what one row says in one scenario (scenario None: a column that names no scenario) --------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class StatusChanged(Change):
    """A scenario's verdict changed (supported, partial, not_supported, ... or None)."""

    kind: ClassVar[Kind] = "status_changed"
    section: str
    row: str
    key: str
    scenario: str
    old_status: str | None
    new_status: str | None
    old_line: int
    new_line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class StageChanged(Change):
    """A release stage changed (preview -> ga relaxes, ga -> deprecated breaks)."""

    kind: ClassVar[Kind] = "stage_changed"
    section: str
    row: str
    key: str
    scenario: str
    old_stage: str | None
    new_stage: str | None
    old_line: int
    new_line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class ConstraintChanged(Change):
    """A limit moved, appeared or disappeared; `delta` states by how much.

    For lists (allowed values, characters) `added` and `removed` hold the items.
    """

    kind: ClassVar[Kind] = "constraint_changed"
    section: str
    row: str
    key: str
    scenario: str
    old_text: str | None
    new_text: str | None
    delta: str | None
    old_line: int
    new_line: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class TextChanged(Change):
    """Same verdict and limits, different words in a cell (`column`: a Details-like column)."""

    kind: ClassVar[Kind] = "text_changed"
    section: str
    row: str
    key: str
    scenario: str | None
    old_text: str
    new_text: str
    old_line: int
    new_line: int
    column: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class FootnoteChanged(Change):
    """A footnote of a cell appeared, disappeared or was re-worded."""

    kind: ClassVar[Kind] = "footnote_changed"
    section: str
    row: str
    key: str
    scenario: str | None
    old_text: str | None
    new_text: str | None
    old_line: int
    new_line: int


RowChange = (
    RowAdded
    | RowRemoved
    | RowRenamed
    | RowMoved
    | StatusChanged
    | StageChanged
    | ConstraintChanged
    | TextChanged
    | FootnoteChanged
)
CellChange = StatusChanged | StageChanged | ConstraintChanged | TextChanged | FootnoteChanged
NoteChange = NoteAdded | NoteRemoved | NoteChanged


def row_of(c: Change) -> str | None:
    """The row a change is about (None: a scenario, a section or a section callout)."""
    if isinstance(c, RowChange | NoteChange):
        return c.row
    return None


def key_of(c: Change) -> str | None:
    """The key text of the row a change is about (the new key for a rename)."""
    if isinstance(c, RowChange | NoteChange):
        return c.key
    return None


def scenario_of(c: Change) -> str | None:
    """The scenario a change is about (scenario changes and per-scenario cell changes)."""
    if isinstance(c, CellChange | ScenarioAdded | ScenarioRemoved):
        return c.scenario
    return None


def lines_of(c: Change) -> tuple[int | None, int | None]:
    """(old line, new line): where the change sits on each side (None: not on that side)."""
    if isinstance(c, ScenarioAdded | SectionAdded | NoteAdded | RowAdded):
        return None, c.line
    if isinstance(c, ScenarioRemoved | SectionRemoved | NoteRemoved | RowRemoved):
        return c.line, None
    if isinstance(c, SectionRetitled | NoteChanged | RowRenamed | RowMoved | CellChange):
        return c.old_line, c.new_line
    raise ValueError(f"Unsupported change kind {type(c).__name__}")


# -- a whole diff -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Side:
    """Which revision a side of the diff is."""

    path: str
    date: str | None
    sha256: str
    id: str = ""
    title: str = ""
    version: str | None = None  # a generated rule file's version; None for a Markdown side


@dataclass(frozen=True, slots=True)
class Changes:
    """The diff of two revisions: sides, the semver bump it calls for, and the changes."""

    old: Side
    new: Side
    bump: SemverBump
    changes: tuple[Change, ...]
    sections: Mapping[str, str] = field(default_factory=dict)  # id -> title, both sides
    scenarios: Mapping[str, str] = field(default_factory=dict)  # id -> label, both sides
    warnings: tuple[str, ...] = ()
    new_scenarios: tuple[str, ...] = ()  # the new side's scenario ids, in order

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
        """A section's title (either side); the id itself when the diff does not know it."""
        return self.sections.get(section or "", section or "(matrix)")

    def scenario_label(self, scenario: str | None) -> str:
        """A scenario's label (either side); the id itself when the diff does not know it."""
        return self.scenarios.get(scenario or "", scenario or "")


def bump_for(changes: Iterable[Change]) -> SemverBump:
    """Semver of a content change: major breaks, minor adds or relaxes, patch re-words."""
    bump: SemverBump = "none"
    for c in changes:
        if c.impact == "breaking" or isinstance(c, RowRemoved | ScenarioRemoved):
            return "major"
        if c.impact == "relaxing" or isinstance(c, RowAdded | ScenarioAdded | SectionAdded):
            bump = "minor"
        elif bump == "none":
            bump = "patch"
    return bump


def next_version(version: str, bump: str) -> str:
    """Semver arithmetic: major resets minor and patch, minor resets patch (else unchanged)."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return version
    major, minor, patch = (int(p) for p in parts)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision of a matrix and what changed since the revision before it (None: first)."""

    path: str
    date: str | None
    sha256: str
    title: str
    changes: Changes | None
    commit: str | None = None
    version: str | None = None
