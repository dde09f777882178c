"""Semantic diff of two revisions of a support matrix: what changed in meaning, not which lines.

Both sides are rule files (`RuleFile`), so a Markdown matrix, a generated rule file and a git blob
compare the same way; `compiler.diff_matrices` is the shortcut for two compiled `Matrix` models.

Identity (how things are matched across revisions):

- Scenarios: by id, or by the words of any of their spellings with acronyms expanded from the
  scenario labels of both sides ("Hyper-V with VMM" = "Hyper-V with Virtual Machine Manager").
- Sections: by the words of their titles ("Azure storage" = "Azure Storage"); left-over sections
  by title similarity >= SECTION_THRESHOLD (a re-titled section is a neutral `text_changed`).
- Text: a cell's words (case, punctuation, markup and acronym spelling ignored) decide whether
  its wording changed, once its verdict and limits compare equal.
- Rows: by the key's words (case, spacing and punctuation ignored, so "Guest VM network:IPv4" =
  "Guest VM network: IPv4"): first in the same section, then in any section (a move). Left-over
  rows of one section are renames when the difflib ratio of their normalized keys reaches
  RENAME_THRESHOLD, or RENAME_EQUAL_CELLS when every scenario's verdict (status and limits) is
  equal, or when one key is the initials of the other ("LRS" -> "Locally redundant storage",
  scored ACRONYM_SCORE). Anything else stays a removal plus an addition.

Impact: `breaking` when something stops being allowed (status rank goes down, a limit tightens, a
row, scenario or section with rules disappears), `relaxing` when the reverse, `neutral` for
wording, notes, renames and moves. Status rank: supported > partial > no verdict (None) >
not_supported = not_applicable, so "None -> No" is breaking and "None -> Yes" relaxing: a rule
file consumer sees a verdict appear; "Yes -> Partial" is breaking (some of what was supported no
longer is) and "Partial -> Yes" relaxing. Stages and footnotes: see `_STAGE_RANK` and
`_footnote_changes`. An item dropped from a list a verdict cell states ("Available on: A, B")
is breaking in a supported cell, see `_list_changes`. Additions are neutral (they constrain
nobody who did not use the new row) but still bump the minor version.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from compiler.frontend.cells import unit_bytes
from compiler.frontend.scenarios import acronyms, words
from compiler.model.changes import (
    Change,
    Changes,
    ConstraintChanged,
    FootnoteChanged,
    Impact,
    Kind,
    NoteAdded,
    NoteChanged,
    NoteRemoved,
    RowAdded,
    RowMoved,
    RowRemoved,
    RowRenamed,
    ScenarioAdded,
    ScenarioRemoved,
    SectionAdded,
    SectionRemoved,
    SectionRetitled,
    Side,
    StageChanged,
    StatusChanged,
    TextChanged,
    Verdict,
    bump_for,
    scenario_of,
)
from compiler.model.memory import compiling

if TYPE_CHECKING:
    from compiler.model.matrix import Constraint, Footnote
    from compiler.model.rulefile import Rule, RuleFile

RENAME_THRESHOLD = 0.75
RENAME_EQUAL_CELLS = 0.5
ACRONYM_SCORE = 0.9
SECTION_THRESHOLD = 0.6
NOTE_THRESHOLD = 0.5
# A note that mostly survives inside its successor (a bullet dropped, a sentence appended).
NOTE_CONTAINED = 0.8
# Similarity (renames, re-titled sections, edited notes) compares at most this many characters
# of each text: difflib's matching is cubic on repetitive text, and a real key or title is far
# shorter. It only decides what is paired; every difference of a pair is still reported.
SIMILAR_CHARS = 200
# Below this share of rows in common, two sides are probably different matrices.
SAME_MATRIX_SHARE = 0.5

# Partial sits between the two: it says support exists with limits, which is more than no
# verdict at all and less than full support.
_STATUS_RANK: dict[str | None, int] = {
    "supported": 3,
    "partial": 2,
    None: 1,
    "not_supported": 0,
    "not_applicable": 0,
}
# Release stages: GA > Preview > Deprecated > Retired, so Preview -> GA relaxes (the feature
# gets an SLA) and GA -> Deprecated breaks (it is on its way out). A cell that states no stage
# ("✓") is read as GA, as the documents use it (a stage word marks the exception): "✓ -> GA" is
# neutral, "✓ -> Preview" breaking, "Deprecated -> ✓" relaxing.
_STAGE_RANK: dict[str | None, int] = {
    "ga": 3,
    None: 3,
    "preview": 2,
    "deprecated": 1,
    "retired": 0,
}
# Words that make a list in a cell one of exceptions ("Not available on: A, B"), so dropping an
# item from it relaxes instead of breaking.
_NEGATING = frozenset({"not", "no", "except", "excluding", "unsupported", "without"})
_LIST_LINE = re.compile(r"^(?P<head>[^:]{1,80}):\s*(?P<items>.+,.+)$")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")

# ---------------------------------------------------------------------------------------------
# What one side looks like to the diff


@dataclass(slots=True, eq=False)
class _Row:
    """A row rebuilt from its rules: scenario id -> rule."""

    id: str
    key: str
    section: str
    line: int
    norm: str
    pos: int
    cells: dict[str, Rule] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


_Expand = tuple[tuple[str, tuple[str, ...]], ...]


def _tail(row: _Row) -> str:
    """A row's id without its section's: the part a renamed section keeps."""
    head = row.section + "/"
    return row.id[len(head) :] if row.section and row.id.startswith(head) else row.id


@lru_cache(maxsize=16384)
def _words(text: str, expand: _Expand) -> tuple[str, ...]:
    """`scenarios.words` with a hashable acronym table, memoized: keys repeat across revisions."""
    return words(text, dict(expand))


def _plain(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _rows(rf: RuleFile, expand: _Expand) -> list[_Row]:
    rows: dict[str, _Row] = {}
    for rule in rf.rules:
        row = rows.get(rule.row)
        if row is None:
            norm = "".join(_words(rule.key, expand)) or rule.row
            row = rows[rule.row] = _Row(
                rule.row, rule.key, rule.section, rule.line, norm, len(rows), notes=rule.notes
            )
        row.cells[rule.scenario] = rule
    return list(rows.values())


def _scenario_keys(sc: Any, expand: _Expand) -> set[str]:
    keys = {sc.id}
    for spelling in (sc.label, *sc.aliases):
        keys.add(" ".join(_words(spelling, expand)))
    return keys


def _ratio(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio, made symmetric so that diff(b, a) mirrors diff(a, b).

    Below `floor` the cheap upper bound is returned instead: the caller rejects it either way.
    Only the first SIMILAR_CHARS characters are compared (see there).
    """
    x, y = (a, b) if a <= b else (b, a)
    matcher = SequenceMatcher(None, x[:SIMILAR_CHARS], y[:SIMILAR_CHARS], autojunk=False)
    bound = matcher.quick_ratio()
    return bound if bound < floor else matcher.ratio()


def _may_be_similar(a: str, b: str) -> bool:
    """Cheap upper bounds of `_ratio` and `_contained` (shared characters) vs. thresholds."""
    shared = sum((Counter(a) & Counter(b)).values())
    return (
        2 * shared / max(1, len(a) + len(b)) >= NOTE_THRESHOLD
        or shared / max(1, min(len(a), len(b))) >= NOTE_CONTAINED
    )


def _contained(a: str, b: str) -> float:
    """Share of the shorter text found, in order, in the longer one."""
    x, y = (
        (a[:SIMILAR_CHARS], b[:SIMILAR_CHARS]) if a <= b else (b[:SIMILAR_CHARS], a[:SIMILAR_CHARS])
    )
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / max(1, min(len(x), len(y)))


def _initials_match(a: str, b: str, expand: _Expand) -> bool:
    """True when one key is an acronym ("RA-GRS") spelled by the initials of the other's words."""
    for short, long_ in ((a, b), (b, a)):
        if any(ch.islower() for ch in short):
            continue
        ws, wl = _words(short, expand), _words(long_, expand)
        if len(wl) > len(ws) >= 1 and "".join(ws) == "".join(w[0] for w in wl):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Constraints


def _signature(c: Constraint) -> tuple[str, str, str, str]:
    cond = c.condition
    return (
        c.kind,
        (c.subject or "").lower(),
        cond.fact if cond else "",
        cond.value if cond else "",
    )


def _unit_scale(c: Constraint) -> float:
    """Bytes in one of a size's or rate's unit as written: a delta is shown in it."""
    unit = (c.unit or "").strip()
    if c.kind in ("size", "rate") and unit:
        return unit_bytes(unit)
    return 1


def _number(x: float) -> str:
    return f"{x:+.1f}" if x != int(x) else f"{int(x):+d}"


def _delta(o: float, n: float, c: Constraint) -> str:
    """`n - o` in the unit of the newer text: '+28.0 TB' for 4,095 GB -> 32 TB (1024-based)."""
    if c.kind in ("size", "rate"):
        scale = _unit_scale(c)
        unit = c.unit or "B"
        return f"{(n - o) / scale:+.1f} {unit}"
    unit = f" {c.unit}" if c.unit else ""
    return f"{_number(n - o)}{unit}"


_Found = tuple[Impact, str | None, tuple[str, ...], tuple[str, ...]]


def _compare_constraint(o: Constraint, n: Constraint, expand: _Expand) -> _Found | None:  # noqa: C901, PLR0912 - one comparison per constraint kind
    """(impact, delta, items added, items removed) when two constraints of one signature say
    different things, else None. Items are those of lists (allowed values, characters)."""
    if o.kind in ("size", "rate", "count", "length"):
        tighter = looser = False
        delta: str | None = None
        if o.maximum != n.maximum:
            if o.maximum is None:
                tighter = True
            elif n.maximum is None:
                looser = True
            else:
                tighter, looser = n.maximum < o.maximum, n.maximum > o.maximum
                delta = _delta(o.maximum, n.maximum, n)
        if o.minimum != n.minimum:
            if n.minimum is None:
                looser = True
            elif o.minimum is None:
                tighter = True
            else:
                tighter |= n.minimum > o.minimum
                looser |= n.minimum < o.minimum
                delta = delta or _delta(o.minimum, n.minimum, n)
        if (o.exclusive_maximum, o.exclusive_minimum) != (n.exclusive_maximum, n.exclusive_minimum):
            tighter |= n.exclusive_maximum > o.exclusive_maximum
            tighter |= n.exclusive_minimum > o.exclusive_minimum
            looser |= n.exclusive_maximum < o.exclusive_maximum
            looser |= n.exclusive_minimum < o.exclusive_minimum
        if not (tighter or looser):
            return None
        return ("breaking" if tighter else "relaxing"), delta, (), ()
    if o.kind in ("allowed_values", "charset"):
        old_v = {" ".join(_words(v, expand)): _plain(v) for v in o.values}
        new_v = {" ".join(_words(v, expand)): _plain(v) for v in n.values}
        if old_v.keys() == new_v.keys():
            return None if o.pattern == n.pattern else ("breaking", None, (), ())
        added = [new_v[k] for k in new_v if k not in old_v]
        removed = [old_v[k] for k in old_v if k not in new_v]
        parts = [f"+{v}" for v in added] + [f"-{v}" for v in removed]
        # "Generation 2--Windows" -> "Generation 2": a value re-stated more broadly is no loss.
        added_words = [set(k.split()) for k in new_v if k not in old_v]
        lost = [
            k for k in old_v if k not in new_v and not any(a < set(k.split()) for a in added_words)
        ]
        return ("breaking" if lost else "relaxing"), ", ".join(parts), tuple(added), tuple(removed)
    if (o.pattern, o.values) == (n.pattern, n.values):
        return None
    return "breaking", None, (), ()


# ---------------------------------------------------------------------------------------------
# Versions as sets: a floor, a range or a ceiling is an interval of versions; a cell's versions
# (per subject and condition) are the intersection of its floors and ceilings ("1.21+" and
# "<= 1.30") with the union of its alternatives (any_of: "2.1.0+, 2.0.4+, 1.7.24+", per release
# line; and its ranges: "5.2 to 5.11" over "6.1 to 6.10"). Two
# cells' versions compare by containment: a version the old text allowed and the new one does
# not is breaking, one only the new allows is relaxing, and a re-statement of the same versions
# ("1.19+" becoming "1.20.0+, 1.19+"; "< 1.30" becoming "<= 1.29") is no change of limit at all.

_VERSION_KINDS = frozenset({"min_version", "version_range", "max_version"})
_PARTS = 16  # versions are padded to this many parts, so that 2.2 and 2.2.0 are one point
_INF = float("inf")
_Point = tuple[float, ...]
_Interval = tuple[_Point, _Point]
_TOP: _Point = (_INF,)
_BOTTOM: _Point = (-_INF,)
_EVERY: list[_Interval] = [(_BOTTOM, _TOP)]


def _part(digits: str) -> float:
    """A version's part as a number; one too long for int() (4,300 digits) as +inf: no real
    version has one, and a diff must not fail on it."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 1000 else _INF


def _version(text: str | None) -> tuple[float, ...]:
    return tuple(_part(d) for d in _DIGITS.findall(text or ""))


def _point(parts: tuple[float, ...]) -> _Point:
    while parts and parts[-1] == 0:  # 1.2.0 is 1.2, however many parts it is written with
        parts = parts[:-1]
    return parts + (0,) * (_PARTS - len(parts))


def _below(line: tuple[float, ...]) -> _Point:
    """The highest point under a version, as the line it ends: "< 1.30" is "<= 1.29" (every
    1.29.x), "< 2.0" is "<= 1.x", "< 1.30.1" is "<= 1.30.0"; nothing is below 0."""
    parts = list(line)
    while parts and parts[-1] == 0:
        parts.pop()
    if not parts:
        return _BOTTOM
    parts[-1] -= 1
    return _point((*parts, _INF))


def _interval(c: Constraint) -> _Interval:
    """[lowest, highest] version a constraint allows. A ceiling covers its release line ('5.11'
    and '2.0.x' admit 5.11.4 and 2.0.9: its next part is +inf); an exclusive floor starts just
    above its version ('> 1.21' admits 1.21.0.1, not 1.21.0)."""
    lo = _BOTTOM
    if c.version and c.kind != "max_version":
        lo = _point(_version(c.version))
        if c.exclusive_minimum:
            lo = (*lo, 1)  # just above it: above every padding of it, below the next version
    line = _version(c.max_version)  # its digits: a '.x' or '.*' wildcard adds none
    if c.kind == "min_version" or not line:
        return lo, _TOP
    exclusive = c.kind == "max_version" and c.exclusive_maximum
    return lo, _below(line) if exclusive else _point((*line, _INF))


def _next_line(hi: _Point) -> _Point | None:
    """The first version above a ceiling that covers a release line (2.1.x -> 2.2), else None."""
    if _INF not in hi:
        return None
    line = hi[: hi.index(_INF)]
    return _point((*line[:-1], line[-1] + 1)) if line else None


def _union(intervals: Iterable[_Interval]) -> list[_Interval]:
    """Intervals merged where they overlap or meet (2.1.x and 2.2.0+ meet), empty ones gone
    ("< 0" allows nothing)."""
    merged: list[_Interval] = []
    for lo, hi in sorted(i for i in intervals if i[0] <= i[1] and i[1] != _BOTTOM):
        if merged and (lo <= merged[-1][1] or lo == _next_line(merged[-1][1])):
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _alternative(c: Constraint) -> bool:
    """A limit that is one of a cell's alternatives: any_of, or a range ("5.2 to 5.11" over
    "6.1 to 6.10": the validator checks a cell's ranges so too)."""
    return c.any_of or c.kind == "version_range"


def _allowed(cs: Sequence[Constraint]) -> list[_Interval]:
    """The versions a cell's version limits (of one subject and condition) allow together: its
    alternatives' union, within its floors and ceilings ("1.21+" over "<= 1.30")."""
    alternatives = [_interval(c) for c in cs if _alternative(c)]
    out = _union(alternatives) if alternatives else _EVERY
    for c in cs:
        if not _alternative(c):
            lo, hi = _interval(c)
            out = _union((max(a, lo), min(b, hi)) for a, b in out)
    return out


def _within(a: list[_Interval], b: list[_Interval]) -> bool:
    """Is every version of `a` one of `b`?"""
    return all(any(l2 <= lo and hi <= h2 for l2, h2 in b) for lo, hi in a)


def _versions_impact(old: Sequence[Constraint], new: Sequence[Constraint]) -> Impact | None:
    before, after = _allowed(old), _allowed(new)
    if not _within(before, after):
        return "breaking"  # a version allowed before is not any more (whatever else opened)
    return None if _within(after, before) else "relaxing"


def _shown_interval(c: Constraint) -> str:
    if c.kind == "version_range":
        return f"{c.version} to {c.max_version}"
    if c.kind == "max_version":
        return f"{'<' if c.exclusive_maximum else '<='} {c.max_version}"
    return f"{'>' if c.exclusive_minimum else ''}{c.version}{'' if c.exclusive_minimum else '+'}"


def _group(c: Constraint) -> tuple[str, str, str]:
    """What a cell's version limits hold together for: their subject and condition."""
    return _signature(c)[1:]


class _Limit(NamedTuple):
    """One difference between the limits of two cells."""

    impact: Impact
    old_text: str | None
    new_text: str | None
    delta: str | None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def _version_changes(old: list[Constraint], new: list[Constraint]) -> list[_Limit]:
    """A cell's version limits, per subject and condition, compared as the sets of versions
    they allow. One limit each side keeps its delta ("1.19+ -> 1.20+"); otherwise the change
    names the limits that came and went. Limits that appear or vanish as a whole are a new or a
    removed limit as any other."""
    groups: dict[tuple[str, str, str], tuple[list[Constraint], list[Constraint]]] = {}
    for side, cs in ((0, old), (1, new)):
        for c in cs:
            groups.setdefault(_group(c), ([], []))[side].append(c)
    out: list[_Limit] = []
    for before, after in groups.values():
        if not before:
            out += [_Limit("breaking", None, c.text, "new limit") for c in after]
            continue
        if not after:
            out += [_Limit("relaxing", c.text, None, "limit removed") for c in before]
            continue
        found = _versions_impact(before, after)
        if found is None:
            continue
        if len(before) == len(after) == 1:
            o, n = before[0], after[0]
            delta = f"{_shown_interval(o)} -> {_shown_interval(n)}"
            out.append(_Limit(found, o.text, n.text, delta))
            continue
        had, has = [c.text for c in before], [c.text for c in after]
        added = tuple(t for t in has if t not in had)
        removed = tuple(t for t in had if t not in has)
        out.append(_Limit(found, ", ".join(had), ", ".join(has), None, added, removed))
    return out


def _constraint_changes(
    old: Sequence[Constraint], new: Sequence[Constraint], expand: _Expand
) -> list[_Limit]:
    """Pair constraints by signature (kind, subject, condition), the unchanged first, the rest
    in order; report differences. A cell's version limits are compared as one set."""
    if tuple(old) == tuple(new):
        return []
    out = _version_changes(
        [c for c in old if c.kind in _VERSION_KINDS], [c for c in new if c.kind in _VERSION_KINDS]
    )
    old = [c for c in old if c.kind not in _VERSION_KINDS]
    new = [c for c in new if c.kind not in _VERSION_KINDS]
    both = Counter(old) & Counter(new)  # a constraint stated on both sides pairs itself
    by_sig: dict[tuple[str, str, str, str], deque[Constraint]] = defaultdict(deque)
    unchanged = both.copy()
    for c in old:
        if unchanged[c]:
            unchanged[c] -= 1
        else:
            by_sig[_signature(c)].append(c)
    unchanged = both
    for c in new:
        if unchanged[c]:
            unchanged[c] -= 1
            continue
        pool = by_sig.get(_signature(c))
        if pool:
            o = pool.popleft()
            found = _compare_constraint(o, c, expand)
            if found is not None:
                out.append(_Limit(found[0], o.text, c.text, found[1], found[2], found[3]))
        else:
            out.append(_Limit("breaking", None, c.text, "new limit"))
    for pool in by_sig.values():
        for o in pool:
            out.append(_Limit("relaxing", o.text, None, "limit removed"))
    return out


def _verdicts_equal(o: _Row, n: _Row, smap: dict[str, str], expand: _Expand) -> bool:
    """Same status and limits in every scenario: the rename tie-breaker."""
    mapped = {smap[s]: r for s, r in o.cells.items() if s in smap}
    if set(mapped) != set(n.cells):
        return False
    for sid, rule in n.cells.items():
        other = mapped[sid]
        if other.status != rule.status or _constraint_changes(
            other.constraints, rule.constraints, expand
        ):
            return False
    return True


class _At(NamedTuple):
    """Where a cell change sits: section, row, key, scenario and the row's line on each side."""

    section: str
    row: str
    key: str
    scenario: str
    old_line: int
    new_line: int


def _footnote_text(f: Footnote) -> str:
    return f"[{f.marker}] {f.text}" if f.text else f"[{f.marker}]"


def _footnote_changes(
    old: Sequence[Footnote], new: Sequence[Footnote], status: str | None, at: _At
) -> list[FootnoteChanged]:
    """Footnotes of one cell, paired by their text, then by their marker (a re-numbered note is
    no change; a re-worded one is neutral).

    A footnote on a verdict qualifies it ("¹ partial coverage on Uniform scale sets", "only in
    the Plan 2 tier"), so on a cell that allows something (supported or partial) a new footnote
    narrows what the cell allows (breaking) and a removed one widens it (relaxing). On any other
    cell a footnote only explains, and its coming and going is neutral.
    """

    def same(f: Footnote) -> str:
        return _plain(f.text or "").casefold() or f"[{f.marker}]"

    left = list(old)
    added: list[Footnote] = []
    for f in new:
        hit = next((i for i, g in enumerate(left) if same(g) == same(f)), None)
        if hit is None:
            added.append(f)
        else:
            del left[hit]
    allows = status in ("supported", "partial")
    out: list[FootnoteChanged] = []

    def change(impact: Impact, o: Footnote | None, n: Footnote | None) -> FootnoteChanged:
        return FootnoteChanged(
            impact=impact,
            section=at.section,
            row=at.row,
            key=at.key,
            scenario=at.scenario,
            old_text=_footnote_text(o) if o else None,
            new_text=_footnote_text(n) if n else None,
            old_line=at.old_line,
            new_line=at.new_line,
        )

    for f in added:
        hit = next((i for i, g in enumerate(left) if g.marker == f.marker), None)
        if hit is not None:
            out.append(change("neutral", left.pop(hit), f))
        else:
            out.append(change("breaking" if allows else "neutral", None, f))
    out += [change("relaxing" if allows else "neutral", g, None) for g in left]
    return out


def _listed(text: str, expand: _Expand) -> tuple[list[str], dict[str, dict[str, str]]]:
    """(other lines' words, {list head's words: {item's words: item}}) of a cell's text: the
    lines shaped "Available on: A, B, C" are lists, every other line is plain text."""
    plain: list[str] = []
    lists: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        m = _LIST_LINE.match(line.strip())
        if m is None:
            plain.append(" ".join(_words(line, expand)))
            continue
        head = " ".join(_words(m["head"], expand))
        items = [_plain(x) for x in m["items"].split(",") if x.strip()]
        lists[head] = {" ".join(_words(x, expand)): x for x in items}
    return [p for p in plain if p], lists


def _list_changes(
    old: str, new: str, status: str | None, expand: _Expand, at: _At
) -> ConstraintChanged | None:
    """A cell whose only change is items of a list it states ("Available on: Windows Server
    2025, 2022, …") as `+ item` / `- item`; None when anything else changed too.

    A supported or partial cell lists where its support holds, so an item gone is breaking and
    items only added relax; a list headed by a negation ("Not available on", "except") lists
    exceptions and reads the other way round; a cell with any other verdict only explains.
    """
    old_plain, old_lists = _listed(old, expand)
    new_plain, new_lists = _listed(new, expand)
    if not old_lists or old_plain != new_plain or old_lists.keys() != new_lists.keys():
        return None
    added: list[str] = []
    removed: list[str] = []
    negated = False
    for head, items in new_lists.items():
        before = old_lists[head]
        changed = items.keys() != before.keys()
        added += [v for k, v in items.items() if k not in before]
        removed += [v for k, v in before.items() if k not in items]
        negated |= changed and bool(_NEGATING & set(head.split()))
    if not (added or removed):
        return None
    impact: Impact = "neutral"
    if status in ("supported", "partial"):
        narrowed = bool(added) if negated else bool(removed)
        impact = "breaking" if narrowed else "relaxing"
    parts = [f"+{v}" for v in added] + [f"-{v}" for v in removed]
    return ConstraintChanged(
        impact=impact,
        section=at.section,
        row=at.row,
        key=at.key,
        scenario=at.scenario,
        old_text=old,
        new_text=new,
        delta=", ".join(parts),
        old_line=at.old_line,
        new_line=at.new_line,
        added=tuple(added),
        removed=tuple(removed),
    )


# ---------------------------------------------------------------------------------------------
# The diff


class _Differ:
    """One diff run: matching state for two rule files (not shared, not returned)."""

    def __init__(self, old: RuleFile, new: RuleFile) -> None:
        self.a, self.b = old, new
        labels = [s.label for s in (*old.scenarios, *new.scenarios)]
        labels += [a for s in (*old.scenarios, *new.scenarios) for a in s.aliases]
        self.expand: _Expand = tuple(sorted(acronyms("", labels).items()))
        self.out: list[tuple[tuple[float, float, int, int], Change]] = []
        self.sec_pos: dict[str, float] = {s.id: i for i, s in enumerate(new.sections)}
        self.scn_pos: dict[str, int] = {s.id: i for i, s in enumerate(new.scenarios)}

    def emit(self, change: Change, section_pos: float, row_pos: float = -1.0) -> None:
        kind_rank = _KIND_RANK[change.kind]
        scenario = self.scn_pos.get(scenario_of(change) or "", -1)
        self.out.append(((section_pos, row_pos, kind_rank, scenario), change))

    # -- scenarios -----------------------------------------------------------------------------
    def scenarios(self) -> dict[str, str]:
        """Old scenario id -> new scenario id; unmatched ones are reported."""
        new_keys = [(s, _scenario_keys(s, self.expand)) for s in self.b.scenarios]
        smap: dict[str, str] = {}
        taken: set[str] = set()
        for s in self.a.scenarios:
            keys = _scenario_keys(s, self.expand)
            for t, tkeys in new_keys:
                if t.id not in taken and keys & tkeys:
                    smap[s.id] = t.id
                    taken.add(t.id)
                    break
            else:
                self.emit(
                    ScenarioRemoved(
                        impact="breaking", section=None, scenario=s.id, label=s.label, line=s.line
                    ),
                    -1,
                )
        for t in self.b.scenarios:
            if t.id not in taken:
                self.emit(
                    ScenarioAdded(
                        impact="neutral", section=None, scenario=t.id, label=t.label, line=t.line
                    ),
                    -1,
                )
        return smap

    # -- sections ------------------------------------------------------------------------------
    def sections(self, has_rules: set[str]) -> dict[str, str]:  # noqa: C901, PLR0912 - sections added, removed, renamed and their callouts in one pass
        """Old section id -> new section id, by title words, then by title similarity."""

        def norm(title: str) -> str:
            return " ".join(_words(title, self.expand))

        new_by_norm: dict[str, list[str]] = defaultdict(list)
        for s in self.b.sections:
            new_by_norm[norm(s.title)].append(s.id)
        smap: dict[str, str] = {}
        for s in self.a.sections:
            pool = new_by_norm.get(norm(s.title))
            if pool:
                smap[s.id] = pool.pop(0)
        left_old = [s for s in self.a.sections if s.id not in smap]
        taken = set(smap.values())
        left_new = [s for s in self.b.sections if s.id not in taken]
        first_a = self.a.sections[0].id if self.a.sections else None
        first_b = self.b.sections[0].id if self.b.sections else None
        pairs = []
        for s in left_old:
            for t in left_new:
                score = _ratio(norm(s.title), norm(t.title), SECTION_THRESHOLD)
                if s.id == first_a and t.id == first_b:
                    score = max(score, 1.0)  # the document title: the H1 section
                if score >= SECTION_THRESHOLD:
                    pairs.append((-score, min(s.id, t.id), max(s.id, t.id), s, t))
        pairs.sort(key=lambda p: p[:3])
        for _, _, _, s, t in pairs:
            if s.id in smap or t.id in taken:
                continue
            smap[s.id] = t.id
            taken.add(t.id)
            self.emit(
                SectionRetitled(
                    impact="neutral",
                    section=t.id,
                    old_title=s.title,
                    new_title=t.title,
                    old_line=s.line,
                    new_line=t.line,
                ),
                self.sec_pos[t.id],
            )
        # Removed sections sit after the new counterpart of the old section before them.
        last = -0.5
        for s in self.a.sections:
            if s.id in smap:
                last = self.sec_pos[smap[s.id]]
            else:
                self.sec_pos[f"old:{s.id}"] = last + 0.5
                impact: Impact = "breaking" if s.id in has_rules else "neutral"
                self.emit(
                    SectionRemoved(impact=impact, section=s.id, title=s.title, line=s.line),
                    last + 0.5,
                )
        for t in self.b.sections:
            if t.id not in taken:
                self.emit(
                    SectionAdded(impact="neutral", section=t.id, title=t.title, line=t.line),
                    self.sec_pos[t.id],
                )
        return smap

    def pos_of_old_section(self, old_id: str, sec_map: dict[str, str]) -> float:
        if old_id in sec_map:
            return self.sec_pos[sec_map[old_id]]
        return self.sec_pos.get(f"old:{old_id}", -1.0)

    # -- notes ---------------------------------------------------------------------------------
    def notes(  # noqa: C901, PLR0912, PLR0913 - callouts added, removed and changed, matched in one pass
        self,
        old: Sequence[tuple[str, str, int | None]],
        new: Sequence[tuple[str, str, int | None]],
        *,
        section: str,
        row: str | None,
        key: str | None,
        pos: tuple[float, float],
    ) -> None:
        """Callouts or row notes: exact matches first, then re-wordings, then additions/removals."""
        pool: dict[tuple[str, str], deque[int]] = defaultdict(deque)
        for i, o in enumerate(old):
            pool[o[:2]].append(i)
        left_new: list[tuple[str, str, int | None]] = []
        gone: set[int] = set()
        for note in new:
            hits = pool.get(note[:2])
            if hits:
                gone.add(hits.popleft())
            else:
                left_new.append(note)
        left_old = [o for i, o in enumerate(old) if i not in gone]
        pairs = []
        for i, o in enumerate(left_old):
            for j, n in enumerate(left_new):
                if o[0] != n[0] or not _may_be_similar(o[1], n[1]):
                    continue
                score = _ratio(o[1], n[1])
                if score >= NOTE_THRESHOLD or _contained(o[1], n[1]) >= NOTE_CONTAINED:
                    pairs.append((-score, i, j))
        pairs.sort()
        used_o: set[int] = set()
        used_n: set[int] = set()
        for score, i, j in pairs:
            if i in used_o or j in used_n:
                continue
            used_o.add(i)
            used_n.add(j)
            o, n = left_old[i], left_new[j]
            self.emit(
                NoteChanged(
                    impact="neutral",
                    section=section,
                    row=row,
                    key=key,
                    old_text=o[1],
                    new_text=n[1],
                    old_line=o[2],
                    new_line=n[2],
                    score=round(-score, 2),
                ),
                *pos,
            )
        for i, o in enumerate(left_old):
            if i not in used_o:
                self.emit(
                    NoteRemoved(
                        impact="neutral", section=section, row=row, key=key, text=o[1], line=o[2]
                    ),
                    *pos,
                )
        for j, n in enumerate(left_new):
            if j not in used_n:
                self.emit(
                    NoteAdded(
                        impact="neutral", section=section, row=row, key=key, text=n[1], line=n[2]
                    ),
                    *pos,
                )

    # -- rows ----------------------------------------------------------------------------------
    def match_rows(  # noqa: C901 - row matching in stages: exact key, words, rename scores, moves
        self,
        old_rows: list[_Row],
        new_rows: list[_Row],
        sec_map: dict[str, str],
        smap: dict[str, str],
    ) -> list[tuple[_Row, _Row, float | None]]:
        """(old, new, rename score or None) for every row that survived, in three passes."""
        pairs: list[tuple[_Row, _Row, float | None]] = []
        left_old = list(old_rows)

        def take(bucket_of: Any, rows: list[_Row]) -> list[_Row]:
            """Pair rows by a bucket key, first come first served; returns the unpaired new."""
            nonlocal left_old
            buckets: dict[Any, deque[_Row]] = defaultdict(deque)
            for o in left_old:
                buckets[bucket_of(o, True)].append(o)
            taken: set[int] = set()
            rest = []
            for n in rows:
                pool = buckets.get(bucket_of(n, False))
                if pool:
                    o = pool.popleft()
                    taken.add(o.pos)
                    pairs.append((o, n, None))
                else:
                    rest.append(n)
            left_old = [o for o in left_old if o.pos not in taken]
            return rest

        def section_of(r: _Row, is_old: bool) -> str | None:
            return sec_map.get(r.section) if is_old else r.section

        # Rows of one key (a kernel table's "14.04 LTS", once per agent release) pair by their
        # ids first, which a sub-key tells apart ("1404-lts-957"): in order, a row added on top
        # would pair each old row with the new one above it and report the last one as added.
        rest = take(lambda r, is_old: (section_of(r, is_old), r.norm, _tail(r)), new_rows)
        rest = take(lambda r, is_old: (section_of(r, is_old), r.norm), rest)
        rest = take(lambda r, is_old: r.norm, rest)
        rest_by_section: dict[str, list[_Row]] = defaultdict(list)
        for n in rest:
            rest_by_section[n.section].append(n)
        candidates = []
        for o in left_old:
            target = sec_map.get(o.section)
            for n in rest_by_section.get(target, ()) if target is not None else ():
                score = _ratio(o.norm, n.norm, RENAME_EQUAL_CELLS)
                if _initials_match(o.key, n.key, self.expand):
                    score = max(score, ACRONYM_SCORE)
                ok = score >= RENAME_THRESHOLD or (
                    score >= RENAME_EQUAL_CELLS and _verdicts_equal(o, n, smap, self.expand)
                )
                if ok:
                    candidates.append((-score, min(o.norm, n.norm), max(o.norm, n.norm), o, n))
        candidates.sort(key=lambda c: c[:3])
        used_o: set[str] = set()
        used_n: set[str] = set()
        for neg, _, _, o, n in candidates:
            if o.id in used_o or n.id in used_n:
                continue
            used_o.add(o.id)
            used_n.add(n.id)
            pairs.append((o, n, round(-neg, 2)))
        return pairs

    def row_changes(self, o: _Row, n: _Row, score: float | None, smap: dict[str, str]) -> None:
        """Everything that differs between two matched rows, scenario by scenario."""
        pos = (self.sec_pos[n.section], float(n.pos))
        sec, rid, key = n.section, n.id, n.key
        if score is not None:
            self.emit(
                RowRenamed(
                    impact="neutral",
                    section=sec,
                    row=rid,
                    key=key,
                    renamed_from=o.id,
                    old_key=o.key,
                    score=score,
                    old_line=o.line,
                    new_line=n.line,
                ),
                *pos,
            )
        elif o.section != n.section and self.sec_map.get(o.section) != n.section:
            self.emit(
                RowMoved(
                    impact="neutral",
                    section=sec,
                    row=rid,
                    key=key,
                    renamed_from=o.id,
                    old_section=o.section,
                    old_line=o.line,
                    new_line=n.line,
                ),
                *pos,
            )
        old_cells = {smap[s]: r for s, r in o.cells.items() if s in smap}
        for sid in sorted(set(old_cells) | set(n.cells), key=lambda s: self.scn_pos.get(s, 99)):
            at = _At(sec, rid, key, sid, o.line, n.line)
            self.cell_changes(old_cells.get(sid), n.cells.get(sid), at, pos)
        if o.notes == n.notes:
            return
        self.notes(
            [("row_note", _plain(t), o.line) for t in o.notes],
            [("row_note", _plain(t), n.line) for t in n.notes],
            section=sec,
            row=rid,
            key=key,
            pos=pos,
        )

    def cell_changes(
        self, a: Rule | None, b: Rule | None, at: _At, pos: tuple[float, float]
    ) -> None:
        """What differs between one scenario's cells of two matched rows."""
        sa, sb = (a.status if a else None), (b.status if b else None)
        if sa != sb:
            ra, rb = _STATUS_RANK[sa], _STATUS_RANK[sb]
            impact: Impact = "breaking" if rb < ra else "relaxing" if rb > ra else "neutral"
            self.emit(
                StatusChanged(
                    impact=impact,
                    section=at.section,
                    row=at.row,
                    key=at.key,
                    scenario=at.scenario,
                    old_status=sa,
                    new_status=sb,
                    old_line=at.old_line,
                    new_line=at.new_line,
                ),
                *pos,
            )
        if a is None or b is None:
            return  # the row gained or lost a scenario's cell: its status says it all
        staged = self.stage(a, b, at, pos)
        for change in _footnote_changes(a.footnotes, b.footnotes, b.status, at):
            self.emit(change, *pos)
        # A limit that moved is reported beside a verdict that changed ("Yes, up to 4,095 GB" ->
        # "Yes, up to 32 TB … managed disks only": partial, and +28 TB): both matter to a review.
        found = (
            _constraint_changes(a.constraints, b.constraints, self.expand)
            if a.constraints != b.constraints
            else []
        )
        for limit in found:
            self.emit(
                ConstraintChanged(
                    impact=limit.impact,
                    section=at.section,
                    row=at.row,
                    key=at.key,
                    scenario=at.scenario,
                    old_text=limit.old_text,
                    new_text=limit.new_text,
                    delta=limit.delta,
                    old_line=at.old_line,
                    new_line=at.new_line,
                    added=limit.added,
                    removed=limit.removed,
                ),
                *pos,
            )
        if a.status != b.status or a.text == b.text:
            return  # the verdict changed: its words did too, no need to say so twice
        if found or staged or self.same_words(a, b):
            return
        listed = _list_changes(a.text, b.text, b.status, self.expand, at)
        if listed is not None:
            self.emit(listed, *pos)
            return
        self.emit(
            TextChanged(
                impact="neutral",
                section=at.section,
                row=at.row,
                key=at.key,
                scenario=at.scenario,
                old_text=a.text,
                new_text=b.text,
                old_line=at.old_line,
                new_line=at.new_line,
            ),
            *pos,
        )

    def same_words(self, a: Rule, b: Rule) -> bool:
        """Whether two cells say the same words; footnote markers glued to the verdict ("GA 1")
        are left out when the footnotes changed, since those changes are reported as such."""
        wa, wb = _words(a.text, self.expand), _words(b.text, self.expand)
        if a.footnotes != b.footnotes:
            marks = {w for f in (*a.footnotes, *b.footnotes) for w in _words(f.marker, self.expand)}
            wa = tuple(w for w in wa if w not in marks)
            wb = tuple(w for w in wb if w not in marks)
        return wa == wb

    def stage(self, a: Rule, b: Rule, at: _At, pos: tuple[float, float]) -> bool:
        """Report a release-stage change of one cell (see `_STAGE_RANK`); True if there was one."""
        if a.stage == b.stage:
            return False
        ra, rb = _STAGE_RANK[a.stage], _STAGE_RANK[b.stage]
        impact: Impact = "breaking" if rb < ra else "relaxing" if rb > ra else "neutral"
        self.emit(
            StageChanged(
                impact=impact,
                section=at.section,
                row=at.row,
                key=at.key,
                scenario=at.scenario,
                old_stage=a.stage,
                new_stage=b.stage,
                old_line=at.old_line,
                new_line=at.new_line,
            ),
            *pos,
        )
        return True

    def run(self) -> Changes:  # noqa: C901 - the diff's stages, in order
        smap = self.scenarios()
        old_rows = _rows(self.a, self.expand)
        new_rows = _rows(self.b, self.expand)
        self.sec_map = self.sections({r.section for r in old_rows})
        # Section callouts of sections present on both sides, gathered by id: should two
        # sections share one (content before the first heading and a heading with an empty
        # slug are both ""), their notes are compared together, not one section's against both.
        old_notes: dict[str, list[tuple[str, str, int | None]]] = defaultdict(list)
        new_notes: dict[str, list[tuple[str, str, int | None]]] = defaultdict(list)
        for side, by_id in ((self.a, old_notes), (self.b, new_notes)):
            for s in side.sections:
                by_id[s.id] += [(x.kind, _plain(x.text), x.line) for x in s.notes]
        for sid, section_notes in old_notes.items():
            if sid in self.sec_map:
                tid = self.sec_map[sid]
                self.notes(
                    section_notes,
                    new_notes[tid],
                    section=tid,
                    row=None,
                    key=None,
                    pos=(self.sec_pos[tid], -1.0),
                )
        pairs = self.match_rows(old_rows, new_rows, self.sec_map, smap)
        matched_new = {n.id for _, n, _ in pairs}
        matched_old = {o.id for o, _, _ in pairs}
        # Where a removed row sits: after the new counterpart of the matched row before it.
        new_pos_of_old = {o.id: float(n.pos) for o, n, _ in pairs}
        for o, n, score in pairs:
            self.row_changes(o, n, score, smap)
        last = -0.5
        for o in old_rows:
            if o.id in new_pos_of_old:
                last = new_pos_of_old[o.id]
                continue
            self.emit(
                RowRemoved(
                    impact="breaking",
                    section=o.section,
                    row=o.id,
                    key=o.key,
                    line=o.line,
                    verdicts=_verdicts(o),
                ),
                self.pos_of_old_section(o.section, self.sec_map),
                last + 0.5,
            )
        for n in new_rows:
            if n.id not in matched_new:
                self.emit(
                    RowAdded(
                        impact="neutral",
                        section=n.section,
                        row=n.id,
                        key=n.key,
                        line=n.line,
                        verdicts=_verdicts(n),
                    ),
                    self.sec_pos[n.section],
                    float(n.pos),
                )
        warnings: list[str] = []
        total = max(len(old_rows), len(new_rows))
        share = len(matched_old) / total if total else 1.0
        if share < SAME_MATRIX_SHARE and self.a.id != self.b.id:
            warnings.append(
                f"{self.a.source.path} and {self.b.source.path} look like different matrices "
                f"({self.a.id!r} vs {self.b.id!r}, {len(matched_old)} of {total} rows in common); "
                "diffing anyway"
            )
        self.out.sort(key=lambda p: p[0])
        changes = tuple(c for _, c in self.out)
        titles = {s.id: s.title for s in self.a.sections} | {s.id: s.title for s in self.b.sections}
        labels = {s.id: s.label for s in self.a.scenarios} | {
            s.id: s.label for s in self.b.scenarios
        }
        return Changes(
            old=_side(self.a),
            new=_side(self.b),
            bump=bump_for(changes),
            changes=changes,
            sections=titles,
            scenarios=labels,
            warnings=tuple(warnings),
            new_scenarios=tuple(s.id for s in self.b.scenarios),
        )

    sec_map: dict[str, str]


_KIND_ORDER: tuple[Kind, ...] = (
    "scenario_removed",
    "scenario_added",
    "section_removed",
    "section_added",
    "row_removed",
    "row_renamed",
    "row_moved",
    "row_added",
    "status_changed",
    "stage_changed",
    "constraint_changed",
    "text_changed",
    "footnote_changed",
    "note_removed",
    "note_changed",
    "note_added",
)
_KIND_RANK: dict[str, int] = {kind: i for i, kind in enumerate(_KIND_ORDER)}


def _verdicts(row: _Row) -> tuple[Verdict, ...]:
    """What an added or removed row says, scenario by scenario (the PR comment shows it)."""
    return tuple(Verdict(sid, r.status, r.text, r.stage) for sid, r in row.cells.items())


def _side(rf: RuleFile) -> Side:
    return Side(
        path=rf.source.path,
        date=rf.source.date,
        sha256=rf.source.sha256,
        id=rf.id,
        title=rf.title,
        version=rf.version if rf.release.version is not None else None,
    )


@compiling
def diff(old: RuleFile, new: RuleFile) -> Changes:
    """What changed in meaning from `old` to `new`: pure, deterministic, symmetric in matching."""
    return _Differ(old, new).run()
