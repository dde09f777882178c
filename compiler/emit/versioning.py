"""Rule-file versions from the semantic diff against the previous build, and the changelog.

`versioned(previous, current)` diffs the new rule file against the one it replaces
(`generated/rules/<id>.json`) and bumps the semver: major for breaking changes and
removed rows or scenarios, minor for additions and relaxations, patch for wording. When nothing
changed, version and `release` are kept as they were, so a rebuild is byte-identical. Every
release is kept in the rule file's `changelog`, and `generated/changelog/<id>.md` is rendered
from it alone: the log accumulates across builds and never depends on anything but the file.
"""

from __future__ import annotations

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
    """The previous rule file as far as its recorded releases vouch for it; None when unusable.

    A committed file is verified, not trusted: its version and release must be the last link
    of a changelog chain that starts at 1.0.0 and moves by one bump per entry. A file whose
    version or release disagrees with its chain is rebuilt from the chain's longest valid
    prefix (so a hand-edited "99.0.0" reverts, and `check` reports the file as stale); a file
    with no valid chain at all starts over at 1.0.0.
    """
    if previous is None:
        return None
    chain = trusted_chain(previous.changelog)
    if not chain:
        return None
    last = chain[-1]
    if (
        chain == previous.changelog
        and previous.release == last
        and previous.version == last.version
    ):
        return previous
    return previous.model_copy(
        update={"version": last.version, "release": last, "changelog": chain}
    )


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def trusted_chain(log: tuple[Release, ...]) -> tuple[Release, ...]:
    """The longest prefix of a changelog in which every release follows from the one before."""
    chain: list[Release] = []
    for entry in log:
        if entry.version is None or not _SEMVER.match(entry.version):
            break
        if entry.date is not None and not _DATE.match(entry.date):
            break
        if not chain:
            if entry.bump != "initial" or entry.previous is not None:
                break
            if entry.version != INITIAL_VERSION:
                break
        else:
            before = chain[-1].version
            if entry.bump not in ("major", "minor", "patch") or entry.previous != before:
                break
            assert before is not None
            if next_version(before, entry.bump) != entry.version:
                break
        chain.append(entry)
    return tuple(chain)


def _seed(prev: RuleFile) -> tuple[Release, ...]:
    """The releases a new release is appended to (a verified previous file always has some)."""
    return prev.changelog


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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MARKUP = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def one_line(text: str) -> str:
    """Document text as one inert Markdown line: control characters and line breaks escaped
    (`\\n`, `\\x1b`), so a title cannot end its line and forge a `## 9.9.9` entry, and
    `<`, `>`, `&` written as entities, so no text becomes HTML where the file is rendered."""
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return re.sub(r"[<>&]", lambda m: _MARKUP[m.group()], text)


def render_changelog(rf: RuleFile) -> str:
    """generated/changelog/<id>.md: newest release first, rendered from the rule file alone."""
    out = [
        f"<!-- Generated by matrixc from generated/rules/{rf.id}.json. "
        "Do not edit: run `matrixc build`. -->",
        "",
        f"# Changelog: {one_line(rf.title)}",
        "",
        f"Rule file `{rf.id}` — current version **{rf.version}**. Major: something stopped being "
        "allowed or a row disappeared; minor: additions and relaxations; patch: wording.",
    ]
    for entry in reversed(rf.changelog):
        out.append("")
        heading = f"## {one_line(entry.version or '?')}"
        if entry.date:
            heading += f" — {one_line(entry.date)}"
        if entry.bump == "initial":
            heading += " (initial)"
        else:
            heading += f" ({entry.bump}, from {one_line(entry.previous or '?')})"
        out.append(heading)
        out.append("")
        if entry.bump == "initial":
            out.append("First generated rule file.")
        elif not entry.reasons:
            out.append("No recorded reasons.")
        else:
            out += [f"- {one_line(reason)}" for reason in entry.reasons]
    return "\n".join(out) + "\n"
