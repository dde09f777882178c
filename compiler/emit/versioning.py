"""Rule-file versions from the semantic diff against the previous build, and the changelog.

`emit_versioned(matrix, previous)` diffs the new model against the rule file it replaces
(`generated/rules/<id>.json`, as a dict) and bumps the semver: major for breaking changes and
removed rows or scenarios, minor for additions and relaxations, patch for wording. When nothing
changed, version and `release` are kept as they were, so a rebuild is byte-identical. Every
release is kept in the rule file's `changelog`, and `generated/changelog/<id>.md` is rendered
from it alone: the log accumulates across builds and never depends on anything but the file.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from compiler.emit.rules import rule_file
from compiler.model.jsonstyle import dumps
from compiler.model.rulefile import Release, RuleFile

if TYPE_CHECKING:
    from compiler.model.changes import Changes
    from compiler.model.matrix import Matrix

INITIAL_VERSION = "1.0.0"
# A release records at most this many reasons; the rest are counted.
MAX_REASONS = 40
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def next_version(version: str, bump: str) -> str:
    """Semver arithmetic: major resets minor and patch, minor resets patch."""
    m = _SEMVER.match(version)
    if m is None:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch = (int(x) for x in m.groups())
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def reasons(changes: Changes) -> tuple[str, ...]:
    """One line per change, most severe first (stable within an impact): why the version moved."""
    from compiler.diff.render import describe
    from compiler.model.changes import IMPACT_ORDER

    ordered = sorted(changes.changes, key=lambda c: IMPACT_ORDER[c.impact])
    lines = []
    for c in ordered[:MAX_REASONS]:
        where = changes.section_title(c.section) if c.section else "Scenarios"
        lines.append(f"{c.impact}: {where}: {describe(c, changes, width=160)}")
    if len(ordered) > MAX_REASONS:
        lines.append(f"… and {len(ordered) - MAX_REASONS} more change(s)")
    return tuple(lines)


def _previous(previous: dict[str, object] | None) -> RuleFile | None:
    """The previous rule file, or None when there is none or it is unusable."""
    if not previous:
        return None
    from pydantic import ValidationError

    try:
        prev = RuleFile.model_validate(previous)
    except (ValidationError, ValueError, TypeError):
        return None
    return prev if _SEMVER.match(prev.version) and _consistent(prev) else None


def _consistent(prev: RuleFile) -> bool:
    """True when version, release and changelog agree: a hand-edited version is not trusted.

    Without this, `matrixc check` would accept an edited version (build reads the file it
    checks as the previous release) and the next build would carry the edit forward.
    """
    log = prev.changelog
    if not log:
        return True  # written before changelogs existed
    if log[-1] != prev.release or prev.release.version != prev.version:
        return False
    if log[0].bump == "initial" and log[0].version != INITIAL_VERSION:
        return False
    for before, entry in itertools.pairwise(log):
        if before.version is None or entry.previous != before.version:
            return False
        if next_version(before.version, entry.bump) != entry.version:
            return False
    return True


def _seed(prev: RuleFile) -> tuple[Release, ...]:
    """The changelog of a previous file written before changelogs existed: its one release."""
    if prev.changelog:
        return prev.changelog
    first = prev.release
    if first.version is None:
        first = first.model_copy(update={"version": prev.version, "date": prev.source.date})
    return (first,)


def versioned_rule_file(matrix: Matrix, previous: dict[str, object] | None) -> RuleFile:
    """The rule file with its version, release and changelog decided by the diff."""
    from compiler.diff.engine import diff

    current = rule_file(matrix)
    prev = _previous(previous)
    log: tuple[Release, ...]
    if prev is None:
        release = Release(
            previous=None, bump="initial", version=INITIAL_VERSION, date=matrix.source.date
        )
        version, log = INITIAL_VERSION, (release,)
    else:
        changes = diff(prev, current)
        if changes.bump == "none":
            version, release, log = prev.version, prev.release, _seed(prev)
        else:
            version = next_version(prev.version, changes.bump)
            release = Release(
                previous=prev.version,
                bump=changes.bump,
                reasons=reasons(changes),
                version=version,
                date=matrix.source.date,
            )
            log = (*_seed(prev), release)
    return current.model_copy(update={"version": version, "release": release, "changelog": log})


def render_changelog(rf: RuleFile) -> str:
    """generated/changelog/<id>.md: newest release first, rendered from the rule file alone."""
    out = [
        f"<!-- Generated by matrixc from generated/rules/{rf.id}.json. "
        "Do not edit: run `matrixc build`. -->",
        "",
        f"# Changelog: {rf.title}",
        "",
        f"Rule file `{rf.id}` — current version **{rf.version}**. Major: something stopped being "
        "allowed or a row disappeared; minor: additions and relaxations; patch: wording.",
    ]
    for entry in reversed(rf.changelog):
        out.append("")
        heading = f"## {entry.version or '?'}"
        if entry.date:
            heading += f" — {entry.date}"
        if entry.bump == "initial":
            heading += " (initial)"
        else:
            heading += f" ({entry.bump}, from {entry.previous})"
        out.append(heading)
        out.append("")
        if entry.bump == "initial":
            out.append("First generated rule file.")
        elif not entry.reasons:
            out.append("No recorded reasons.")
        else:
            out += [f"- {reason}" for reason in entry.reasons]
    return "\n".join(out) + "\n"


def emit_versioned(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    """Generated files that depend on the previous rule file: the rule file and the changelog."""
    rf = versioned_rule_file(matrix, previous)
    return {
        f"rules/{matrix.id}.json": dumps(rf.model_dump(mode="json")),
        f"changelog/{matrix.id}.md": render_changelog(rf),
    }
