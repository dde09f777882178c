"""Rule-file versions from the semantic diff against the previous build, and the changelog.

`versioned(previous, current)` diffs the new rule file against the one it replaces
(`generated/rules/<id>.json`) and bumps the semver: major for breaking changes and
removed rows or scenarios, minor for additions and relaxations, patch for wording. When nothing
changed, version and `release` are kept as they were, so a rebuild is byte-identical. Every
release is kept in the rule file's `changelog`, and `generated/changelog/<id>.md` is rendered
from it alone: the log accumulates across builds and never depends on anything but the file.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from compiler.model.rulefile import Release, RuleFile

if TYPE_CHECKING:
    from compiler.model.changes import Changes

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


def trusted(previous: RuleFile | None) -> RuleFile | None:
    """The previous rule file when its version can be carried forward, else None."""
    if previous is None:
        return None
    return previous if _SEMVER.match(previous.version) and _consistent(previous) else None


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


def versioned(previous: RuleFile | None, current: RuleFile) -> RuleFile:
    """`current` with its version, release and changelog decided by the diff against `previous`.

    `previous` is the rule file this one replaces (the last build's), or None for a first build;
    one that is not trusted (hand-edited version, broken changelog) counts as none.
    """
    from compiler.diff.engine import diff

    prev = trusted(previous)
    date = current.source.date
    log: tuple[Release, ...]
    if prev is None:
        release = Release(previous=None, bump="initial", version=INITIAL_VERSION, date=date)
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
                date=date,
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
