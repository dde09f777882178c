"""Renderers of a semantic diff: terminal text, a pull-request comment in Markdown, and JSON.

Pure functions `(Changes, ...) -> str`; the CLI decides colour (only on a TTY) and where output
goes. `describe` is the one sentence per change shared by every renderer and the changelog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from compiler.model.changes import IMPACT_ORDER, Change, Changes

if TYPE_CHECKING:
    from compiler.model.changes import Revision

# A section's table shows this many rows; the rest goes into a collapsible <details>.
VISIBLE_ROWS = 8
_LABEL: dict[str, str] = {
    "row_added": "row added",
    "row_removed": "row removed",
    "row_renamed": "row renamed",
    "row_moved": "row moved",
    "status_changed": "status",
    "constraint_changed": "limit",
    "text_changed": "text",
    "note_added": "note added",
    "note_removed": "note removed",
    "note_changed": "note changed",
    "section_added": "section added",
    "section_removed": "section removed",
    "scenario_added": "scenario added",
    "scenario_removed": "scenario removed",
}
_COLOUR = {"breaking": "\x1b[31m", "relaxing": "\x1b[32m", "neutral": "\x1b[2m"}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"


def _short(text: str | None, width: int = 90) -> str:
    if text is None:
        return "—"
    one = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return one if len(one) <= width else one[: width - 1] + "…"


def _status(value: str | None) -> str:
    return value.replace("_", " ") if value else "no verdict"


def summary(changes: Changes) -> str:
    """'major: 2 breaking, 1 relaxing, 5 neutral' (or 'no changes')."""
    if not changes.changes:
        return "no changes"
    counts = changes.counts()
    return f"{changes.bump}: " + ", ".join(f"{n} {impact}" for impact, n in counts.items())


def describe(c: Change, changes: Changes, width: int = 90) -> str:  # noqa: C901, PLR0911, PLR0912 - one sentence per change kind
    """One sentence for one change: what a reviewer needs without the table around it."""
    key = f'"{_short(c.key, 60)}"' if c.key else ""
    where = f"{key} · {changes.scenario_label(c.scenario)}" if c.scenario else key
    if c.kind == "row_added":
        return f"added row {key}"
    if c.kind == "row_removed":
        return f"removed row {key}"
    if c.kind == "row_renamed":
        return f'renamed "{_short(c.old, 60)}" → "{_short(c.new, 60)}" (similarity {c.score})'
    if c.kind == "row_moved":
        return (
            f"moved {key} from “{changes.section_title(c.old)}” to “{changes.section_title(c.new)}”"
        )
    if c.kind == "status_changed":
        return f"{where}: {_status(c.old)} → {_status(c.new)}"
    if c.kind == "constraint_changed":
        delta = f" ({c.delta})" if c.delta else ""
        return f"{where}: limit {_short(c.old, width // 2)} → {_short(c.new, width // 2)}{delta}"
    if c.kind == "text_changed":
        if c.row is None:
            return f'section retitled "{_short(c.old, 60)}" → "{_short(c.new, 60)}"'
        return f"{where}: {_short(c.old, width // 2)} → {_short(c.new, width // 2)}"
    what = f"{key}: row note" if c.row else "note"
    if c.kind == "note_added":
        return f"{what} added: {_short(c.new, width)}"
    if c.kind == "note_removed":
        return f"{what} removed: {_short(c.old, width)}"
    if c.kind == "note_changed":
        return f"{what} changed: {_short(c.old, width // 2)} → {_short(c.new, width // 2)}"
    if c.kind in ("section_added", "scenario_added"):
        return f"{_LABEL[c.kind]}: {c.new}"
    if c.kind in ("section_removed", "scenario_removed"):
        return f"{_LABEL[c.kind]}: {c.old}"
    raise ValueError(f"Unsupported change kind {c.kind!r}")


def _lines(c: Change) -> str:
    old = f"L{c.old_line}" if c.old_line else "—"
    new = f"L{c.new_line}" if c.new_line else "—"
    return f"{old} → {new}"


def merged(items: Sequence[Change], changes: Changes) -> list[Change]:
    """One change per row and fact: the same change in every scenario is shown once.

    The merged change's `scenario` holds the scenarios' labels joined by ', '.
    """
    groups: dict[tuple[object, ...], list[Change]] = {}
    for c in items:
        key = (c.kind, c.impact, c.section, c.row, c.old, c.new, c.delta, c.scenario is None)
        groups.setdefault(key, []).append(c)
    out: list[Change] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1 or first.scenario is None:
            out.extend(group)
            continue
        label = ", ".join(changes.scenario_label(c.scenario) for c in group)
        out.append(replace(first, scenario=label))
    return out


def by_section(changes: Changes) -> list[tuple[str | None, list[Change]]]:
    """Changes grouped by section in document order, merged across scenarios, breaking first."""
    groups: dict[str | None, list[Change]] = {}
    for c in changes.changes:
        section = None if c.kind.startswith("scenario_") else c.section
        groups.setdefault(section, []).append(c)
    return [
        (section, sorted(merged(items, changes), key=lambda c: IMPACT_ORDER[c.impact]))
        for section, items in groups.items()
    ]


def _side(changes: Changes, which: str) -> str:
    side = changes.old if which == "old" else changes.new
    return f"{side.path} ({side.date or 'undated'})"


def render_text(changes: Changes, *, color: bool = False) -> str:
    """Terminal output: a header, the summary, then one line per change under its section."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out = [
        paint(_BOLD, f"--- {_side(changes, 'old')}"),
        paint(_BOLD, f"+++ {_side(changes, 'new')}"),
    ]
    out.append(summary(changes))  # warnings go to stderr (the CLI), not into the diff
    for section, items in by_section(changes):
        title = "Scenarios" if section is None else changes.section_title(section)
        out.append("")
        out.append(paint(_BOLD, f"## {title}"))
        for c in items:
            tag = paint(_COLOUR[c.impact], f"{c.impact:<8}")
            out.append(f"  {tag} {_LABEL[c.kind]:<15} {describe(c, changes)}  [{_lines(c)}]")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell of a pull-request comment."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", "<br>")
    )


def _table(items: Sequence[Change], changes: Changes) -> list[str]:
    rows = [
        "| impact | change | row | scenario | old | new | lines |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in items:
        old, new = c.old, c.new
        if c.kind == "status_changed":
            old, new = _status(old), _status(new)
        elif c.kind == "row_moved":
            old, new = changes.section_title(old), changes.section_title(new)
        if c.delta and c.kind == "constraint_changed":
            new = f"{new or '—'} ({c.delta})"
        if c.score is not None and c.kind == "row_renamed":
            new = f"{new} (similarity {c.score})"
        cells = [
            f"**{c.impact}**" if c.impact == "breaking" else c.impact,
            _LABEL[c.kind],
            _short(c.key, 60) if c.key else "",
            changes.scenario_label(c.scenario) if c.scenario else "",
            _short(old, 80),
            _short(new, 80),
            _lines(c),
        ]
        rows.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return rows


def render_markdown(changes: Changes, *, heading_level: int = 3) -> str:
    """A pull-request comment: summary line, then per section a table, long ones collapsed."""
    counts = changes.counts()
    head = "#" * heading_level
    if not changes.changes:
        line = "no semantic changes"
    else:
        line = f"**{changes.bump}** — " + " · ".join(f"{n} {k}" for k, n in counts.items())
    out = [
        f"**matrixc diff** `{changes.old.path}` → `{changes.new.path}`: {line}",
    ]
    out += [f"> [!WARNING]\n> {_cell(w)}" for w in changes.warnings]
    for section, items in by_section(changes):
        title = "Scenarios" if section is None else changes.section_title(section)
        out.append("")
        out.append(f"{head} {_cell(title)}")
        out.append("")
        out += _table(items[:VISIBLE_ROWS], changes)
        if len(items) > VISIBLE_ROWS:
            rest = items[VISIBLE_ROWS:]
            out.append("")
            out.append(f"<details><summary>{len(rest)} more change(s)</summary>")
            out.append("")
            out += _table(rest, changes)
            out.append("")
            out.append("</details>")
    return "\n".join(out) + "\n"


def render_json(changes: Changes) -> str:
    """DESIGN.md's JSON shape, in the project's one JSON style (sorted keys, final newline)."""
    from compiler.model.jsonstyle import dumps

    return dumps(changes.to_json())


RENDERERS: dict[str, Callable[[Changes], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


# ---------------------------------------------------------------------------------------------
# History: a matrix's revisions, each with what changed since the one before


def render_history_text(history: dict[str, list[Revision]], *, color: bool = False) -> str:
    """Per matrix, per revision: date, path, summary, then one line per change."""
    out: list[str] = []
    for matrix_id, revisions in history.items():
        out.append(f"{_BOLD}# {matrix_id}{_RESET}" if color else f"# {matrix_id}")
        for rev in revisions:
            head = f"{rev.date or 'undated'}  {rev.path}"
            if rev.changes is None:
                out.append(f"{head}  first revision: {rev.title}")
                continue
            out.append(f"{head}  {summary(rev.changes)}")
            for w in rev.changes.warnings:
                out.append(f"    warning: {w}")
            for c in rev.changes.changes:
                tag = f"{_COLOUR[c.impact]}{c.impact:<8}{_RESET}" if color else f"{c.impact:<8}"
                title = rev.changes.section_title(c.section) if c.section else "Scenarios"
                out.append(f"    {tag} {_LABEL[c.kind]:<15} [{title}] {describe(c, rev.changes)}")
        out.append("")
    return "\n".join(out)


def render_history_markdown(history: dict[str, list[Revision]]) -> str:
    """A page per the whole history: newest revision first, each diff as in a PR comment."""
    out: list[str] = []
    for matrix_id, revisions in history.items():
        title = revisions[-1].title if revisions else matrix_id
        out.append(f"# History of {title}")
        out.append("")
        out.append("| date | revision | changes |")
        out.append("|---|---|---|")
        for rev in reversed(revisions):
            what = summary(rev.changes) if rev.changes is not None else "first revision"
            out.append(f"| {rev.date or 'undated'} | `{_cell(rev.path)}` | {_cell(what)} |")
        for rev in reversed(revisions):
            out.append("")
            out.append(f"## {rev.date or 'undated'}: `{_cell(rev.path)}`")
            out.append("")
            if rev.changes is None:
                out.append(f"First revision in the history: {_cell(rev.title)}.")
            else:
                out.append(render_markdown(rev.changes, heading_level=3).rstrip("\n"))
        out.append("")
    return "\n".join(out)


def render_history_json(history: dict[str, list[Revision]]) -> str:
    from compiler.model.jsonstyle import dumps

    return dumps({mid: [r.to_json() for r in revs] for mid, revs in history.items()})
