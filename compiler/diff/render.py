"""Renderers of a semantic diff: terminal text, a pull-request comment in Markdown, and JSON.

Each format has one table from change type to renderer (`TEXT`, `MARKDOWN_CELLS`, `JSON`); an
unknown type raises `ValueError("Unsupported change kind ...")` instead of printing something
wrong. What a change shows (label, old and new value, an extra note) is decided once, in
`show`, and every format (and the site's history page) spells that out its own way. Changed
texts are shown word by word: what was removed and what was added, with a little context.

Pure functions `(Changes, ...) -> str`; the CLI decides colour (only on a TTY) and where output
goes. `describe` is the one sentence per change shared by the text format and the changelog.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from compiler.errors import terminal
from compiler.model.changes import (
    IMPACT_ORDER,
    CellChange,
    Change,
    Changes,
    ConstraintChanged,
    FootnoteChanged,
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
    StageChanged,
    StatusChanged,
    TextChanged,
    Verdict,
    key_of,
    lines_of,
    next_version,
    row_of,
    scenario_of,
)

if TYPE_CHECKING:
    from compiler.model.changes import Revision

# GitHub refuses comments longer than this many characters.
GITHUB_COMMENT_LIMIT = 65_536
# The PR comment lists this many breaking changes before the tables.
BREAKING_LIST = 10
# Words of context kept on each side of a changed run in a word-level diff.
CONTEXT_WORDS = 4
# A word-level diff compares at most this many words of each side (difflib is quadratic).
MAX_DIFF_WORDS = 400

_COLOUR = {"breaking": "\x1b[31m", "relaxing": "\x1b[32m", "neutral": "\x1b[2m"}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_ICON = {"breaking": "▼", "relaxing": "▲", "neutral": "●"}
_STATUS_ICON = {
    "supported": "✓",
    "partial": "◐",
    "not_supported": "✗",
    "not_applicable": "⊘",
    None: "○",
}


# ---------------------------------------------------------------------------------------------
# What a change shows, whatever the format


@dataclass(frozen=True, slots=True)
class Shown:
    """A change as a reader sees it: a label, the old and new value, and a remark.

    `words` is True when old and new are texts whose word-level difference is the point.
    `items` holds `+ item` / `- item` lines of a list whose items changed.
    """

    label: str
    old: str | None
    new: str | None
    remark: str = ""
    words: bool = False
    items: tuple[str, ...] = ()


def _status(value: str | None) -> str:
    return value.replace("_", " ") if value else "no verdict"


def _stage(value: str | None) -> str:
    return value.replace("_", " ") if value else "no stage"


def verdicts_text(verdicts: Sequence[Verdict], changes: Changes) -> str:
    """'✓ Hyper-V with VMM: Yes · ✗ Hyper-V without VMM: No' for an added or removed row;
    'every scenario: ✓ Yes' when all scenarios say the same."""

    def said(v: Verdict) -> str:
        stage = f" ({_stage(v.stage)})" if v.stage else ""
        return f"{_STATUS_ICON.get(v.status, '○')} {_one_line(v.text) or _status(v.status)}{stage}"

    if len(verdicts) > 1 and len({(v.status, v.text, v.stage) for v in verdicts}) == 1:
        return f"every scenario: {said(verdicts[0])}"
    return " · ".join(f"{changes.scenario_label(v.scenario)}: {said(v)}" for v in verdicts)


def _show_scenario_added(c: ScenarioAdded, changes: Changes) -> Shown:
    return Shown("scenario added", None, c.label)


def _show_scenario_removed(c: ScenarioRemoved, changes: Changes) -> Shown:
    return Shown("scenario removed", c.label, None)


def _show_section_added(c: SectionAdded, changes: Changes) -> Shown:
    return Shown("section added", None, c.title)


def _show_section_removed(c: SectionRemoved, changes: Changes) -> Shown:
    return Shown("section removed", c.title, None)


def _show_section_retitled(c: SectionRetitled, changes: Changes) -> Shown:
    return Shown("section retitled", c.old_title, c.new_title, words=True)


def _show_note_added(c: NoteAdded, changes: Changes) -> Shown:
    return Shown("note added", None, c.text)


def _show_note_removed(c: NoteRemoved, changes: Changes) -> Shown:
    return Shown("note removed", c.text, None)


def _show_note_changed(c: NoteChanged, changes: Changes) -> Shown:
    return Shown("note changed", c.old_text, c.new_text, words=True)


def _show_row_added(c: RowAdded, changes: Changes) -> Shown:
    return Shown("row added", None, verdicts_text(c.verdicts, changes))


def _show_row_removed(c: RowRemoved, changes: Changes) -> Shown:
    return Shown("row removed", verdicts_text(c.verdicts, changes), None)


def _show_row_renamed(c: RowRenamed, changes: Changes) -> Shown:
    return Shown("row renamed", c.old_key, c.key, f"similarity {c.score}", words=True)


def _show_row_moved(c: RowMoved, changes: Changes) -> Shown:
    return Shown(
        "row moved", changes.section_title(c.old_section), changes.section_title(c.section)
    )


def _show_status(c: StatusChanged, changes: Changes) -> Shown:
    return Shown("status", _status(c.old_status), _status(c.new_status))


def _show_stage(c: StageChanged, changes: Changes) -> Shown:
    return Shown("stage", _stage(c.old_stage), _stage(c.new_stage))


def _show_constraint(c: ConstraintChanged, changes: Changes) -> Shown:
    items = tuple(f"+ {x}" for x in c.added) + tuple(f"- {x}" for x in c.removed)
    remark = "" if items else (c.delta or "")
    return Shown("limit", c.old_text, c.new_text, remark, words=not items, items=items)


def _show_text(c: TextChanged, changes: Changes) -> Shown:
    label = f"text ({c.column})" if c.column else "text"
    return Shown(label, c.old_text, c.new_text, words=True)


def _footnote_label(c: FootnoteChanged) -> str:
    if c.old_text is None:
        return "footnote added"
    return "footnote removed" if c.new_text is None else "footnote changed"


def _show_footnote(c: FootnoteChanged, changes: Changes) -> Shown:
    return Shown(_footnote_label(c), c.old_text, c.new_text, words=True)


SHOW: Mapping[type[Change], Callable[[Any, Changes], Shown]] = {
    ScenarioAdded: _show_scenario_added,
    ScenarioRemoved: _show_scenario_removed,
    SectionAdded: _show_section_added,
    SectionRemoved: _show_section_removed,
    SectionRetitled: _show_section_retitled,
    NoteAdded: _show_note_added,
    NoteRemoved: _show_note_removed,
    NoteChanged: _show_note_changed,
    RowAdded: _show_row_added,
    RowRemoved: _show_row_removed,
    RowRenamed: _show_row_renamed,
    RowMoved: _show_row_moved,
    StatusChanged: _show_status,
    StageChanged: _show_stage,
    ConstraintChanged: _show_constraint,
    TextChanged: _show_text,
    FootnoteChanged: _show_footnote,
}


def show(c: Change, changes: Changes) -> Shown:
    """What one change shows; an unknown change type is an error, never a guess."""
    fn = SHOW.get(type(c))
    if fn is None:
        raise ValueError(f"Unsupported change kind {type(c).__name__}")
    return fn(c, changes)


# ---------------------------------------------------------------------------------------------
# Word-level differences

_WORD = re.compile(r"\S+")


def _one_line(text: str | None) -> str:
    if not text:
        return ""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> list[tuple[str, str]]:  # noqa: C901 - kept, removed, added and elided runs, and the tail past the word cap
    """(op, text) runs: '=' kept, '-' removed, '+' added, '…' elided context.

    Unchanged runs longer than 2 x `context` words keep `context` words on each side.
    Beyond MAX_DIFF_WORDS words per side the rest is compared as one block.
    """
    a, b = _WORD.findall(_one_line(old)), _WORD.findall(_one_line(new))
    tail_a, tail_b = a[MAX_DIFF_WORDS:], b[MAX_DIFF_WORDS:]
    a, b = a[:MAX_DIFF_WORDS], b[:MAX_DIFF_WORDS]
    runs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = a[i1:i2]
            first, last = i1 == 0, i2 == len(a) and not tail_a and not tail_b
            if (
                len(same) > 2 * context
                or (first and len(same) > context)
                or (last and len(same) > context)
            ):
                head = [] if first else same[:context]
                tail = [] if last else same[-context:]
                if head:
                    runs.append(("=", " ".join(head)))
                runs.append(("…", "…"))
                if tail:
                    runs.append(("=", " ".join(tail)))
            else:
                runs.append(("=", " ".join(same)))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(b[j1:j2])))
    if tail_a != tail_b:
        if tail_a:
            runs.append(("-", " ".join(tail_a)))
        if tail_b:
            runs.append(("+", " ".join(tail_b)))
    elif tail_a:
        runs.append(("…", "…"))
    return runs


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Text


def _word_text(old: str, new: str, width: int) -> str:
    """`[-removed-]{+added+}` in the manner of `git diff --word-diff`."""
    out = []
    for op, text in word_diff(old, new):
        if op == "-":
            out.append(f"[-{_clip(text, width)}-]")
        elif op == "+":
            out.append(f"{{+{_clip(text, width)}+}}")
        else:
            out.append(_clip(text, width))
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class _Say:
    """What the text renderers of one change get: where it is and how wide a line may be."""

    changes: Changes
    where: str  # '"key" · scenario(s)' or '"key"' or ''
    width: int


def _what(say: _Say, what: str) -> str:
    return f"{say.where}: {what}" if say.where else what


def _note_where(c: NoteAdded | NoteRemoved | NoteChanged, say: _Say) -> str:
    return f"{say.where}: row note" if c.row else "note"


TEXT: Mapping[type[Change], Callable[[Any, _Say], str]] = {
    ScenarioAdded: lambda c, say: f"scenario added: {c.label}",
    ScenarioRemoved: lambda c, say: f"scenario removed: {c.label}",
    SectionAdded: lambda c, say: f"section added: {c.title}",
    SectionRemoved: lambda c, say: f"section removed: {c.title}",
    SectionRetitled: lambda c, say: (
        f'section retitled "{_clip(c.old_title, 60)}" → "{_clip(c.new_title, 60)}"'
    ),
    NoteAdded: lambda c, say: f"{_note_where(c, say)} added: {_clip(_one_line(c.text), say.width)}",
    NoteRemoved: lambda c, say: (
        f"{_note_where(c, say)} removed: {_clip(_one_line(c.text), say.width)}"
    ),
    NoteChanged: lambda c, say: (
        f"{_note_where(c, say)} changed: {_word_text(c.old_text, c.new_text, say.width // 2)}"
    ),
    RowAdded: lambda c, say: (
        f"added row {say.where}: {_clip(verdicts_text(c.verdicts, say.changes), say.width)}"
    ),
    RowRemoved: lambda c, say: (
        f"removed row {say.where}: {_clip(verdicts_text(c.verdicts, say.changes), say.width)}"
    ),
    RowRenamed: lambda c, say: (
        f'renamed "{_clip(_one_line(c.old_key), 60)}" → "{_clip(_one_line(c.key), 60)}" '
        f"(similarity {c.score})"
    ),
    RowMoved: lambda c, say: (
        f"moved {say.where} from “{say.changes.section_title(c.old_section)}” "
        f"to “{say.changes.section_title(c.section)}”"
    ),
    StatusChanged: lambda c, say: _what(say, f"{_status(c.old_status)} → {_status(c.new_status)}"),
    StageChanged: lambda c, say: _what(say, f"stage {_stage(c.old_stage)} → {_stage(c.new_stage)}"),
    ConstraintChanged: lambda c, say: _what(say, "limit " + _limit_text(c, say.width)),
    TextChanged: lambda c, say: _what(
        say,
        (f"{c.column}: " if c.column else "") + _word_text(c.old_text, c.new_text, say.width // 2),
    ),
    FootnoteChanged: lambda c, say: _what(
        say,
        f"{_footnote_label(c)}: "
        + (
            _word_text(c.old_text, c.new_text, say.width // 2)
            if c.old_text is not None and c.new_text is not None
            else _clip(_one_line(c.old_text or c.new_text), say.width)
        ),
    ),
}


def _limit_text(c: ConstraintChanged, width: int) -> str:
    if c.added or c.removed:
        return ", ".join([*(f"+ {x}" for x in c.added), *(f"- {x}" for x in c.removed)])
    delta = f" ({c.delta})" if c.delta else ""
    if c.old_text is None or c.new_text is None:
        return f"{_clip(_one_line(c.old_text or '—'), width)} → " + (
            f"{_clip(_one_line(c.new_text or '—'), width)}{delta}"
        )
    return _word_text(c.old_text, c.new_text, width // 2) + delta


def describe(c: Change, changes: Changes, width: int = 90, scenarios: str | None = None) -> str:
    """One sentence for one change: what a reviewer needs without the table around it.

    `scenarios` names the scenarios a merged change holds for (default: its own).
    """
    fn = TEXT.get(type(c))
    if fn is None:
        raise ValueError(f"Unsupported change kind {type(c).__name__}")
    key = key_of(c)
    where = f'"{_clip(_one_line(key), 60)}"' if key else ""
    scenario = scenario_of(c)
    if scenario is not None and isinstance(c, CellChange):
        where = f"{where} · {scenarios or changes.scenario_label(scenario)}"
    return fn(c, _Say(changes, where, width))


def _lines(c: Change) -> str:
    old, new = lines_of(c)
    return f"{f'L{old}' if old else '—'} → {f'L{new}' if new else '—'}"


Item = tuple[Change, str]  # a change and the label(s) of the scenario(s) it holds for


def merged(items: Iterable[Change], changes: Changes) -> list[Item]:
    """One entry per row and fact: the same change in several scenarios is shown once."""
    groups: dict[Change, list[Change]] = {}
    for c in items:
        if isinstance(c, CellChange) and c.scenario is not None:
            groups.setdefault(dataclasses.replace(c, scenario=""), []).append(c)
        else:
            groups.setdefault(c, []).append(c)
    out: list[Item] = []
    for group in groups.values():
        scenarios = [s for s in (scenario_of(c) for c in group) if s]
        label = ", ".join(changes.scenario_label(s) for s in scenarios)
        if len(scenarios) > 1 and set(scenarios) >= set(changes.new_scenarios):
            label = "every scenario"
        if isinstance(group[0], ScenarioAdded | ScenarioRemoved):
            label = ""
        out.append((group[0], label))
    return out


def by_section(changes: Changes) -> list[tuple[str | None, list[Item]]]:
    """Changes grouped by section in document order, merged across scenarios, breaking first."""
    groups: dict[str | None, list[Change]] = {}
    for c in changes.changes:
        groups.setdefault(c.section, []).append(c)
    return [
        (section, sorted(merged(items, changes), key=lambda it: IMPACT_ORDER[it[0].impact]))
        for section, items in groups.items()
    ]


def summary(changes: Changes) -> str:
    """'major: 2 breaking, 1 relaxing, 5 neutral' (or 'no changes')."""
    if not changes.changes:
        return "no changes"
    counts = changes.counts()
    return f"{changes.bump}: " + ", ".join(f"{n} {impact}" for impact, n in counts.items())


def _side(changes: Changes, which: str) -> str:
    side = changes.old if which == "old" else changes.new
    return f"{side.path} ({side.date or 'undated'})"


def render_text(changes: Changes, *, color: bool = False) -> str:
    """Terminal output: a header, the summary, then one line per change under its section."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out = [
        paint(_BOLD, f"--- {terminal(_side(changes, 'old'))}"),
        paint(_BOLD, f"+++ {terminal(_side(changes, 'new'))}"),
    ]
    out.append(summary(changes))  # warnings go to stderr (the CLI), not into the diff
    for section, items in by_section(changes):
        title = "Scenarios" if section is None else changes.section_title(section)
        out.append("")
        out.append(paint(_BOLD, f"## {terminal(title)}"))
        for c, label in items:
            tag = paint(_COLOUR[c.impact], f"{c.impact:<8}")
            shown = terminal(describe(c, changes, scenarios=label))
            out.append(f"  {tag} {shown}  [{_lines(c)}]")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# JSON: DESIGN.md's shape, {kind, impact, section, row, renamed_from, scenario, old, new} plus
# key, old_line, new_line, score, delta (and per kind: verdicts, added, removed, column)


def _base(c: Change, old: str | None, new: str | None, **extra: Any) -> dict[str, Any]:
    old_line, new_line = lines_of(c)
    out: dict[str, Any] = {
        "kind": c.kind,
        "impact": c.impact,
        "section": c.section,
        "row": row_of(c),
        "renamed_from": None,
        "scenario": scenario_of(c),
        "old": old,
        "new": new,
        "key": key_of(c),
        "old_line": old_line,
        "new_line": new_line,
        "score": None,
        "delta": None,
    }
    out.update(extra)
    return out


def _verdicts_json(verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    return [
        {"scenario": v.scenario, "status": v.status, "stage": v.stage, "text": v.text}
        for v in verdicts
    ]


JSON: Mapping[type[Change], Callable[[Any], dict[str, Any]]] = {
    ScenarioAdded: lambda c: _base(c, None, c.label),
    ScenarioRemoved: lambda c: _base(c, c.label, None),
    SectionAdded: lambda c: _base(c, None, c.title),
    SectionRemoved: lambda c: _base(c, c.title, None),
    SectionRetitled: lambda c: _base(c, c.old_title, c.new_title),
    NoteAdded: lambda c: _base(c, None, c.text),
    NoteRemoved: lambda c: _base(c, c.text, None),
    NoteChanged: lambda c: _base(c, c.old_text, c.new_text, score=c.score),
    RowAdded: lambda c: _base(c, None, c.key, verdicts=_verdicts_json(c.verdicts)),
    RowRemoved: lambda c: _base(c, c.key, None, verdicts=_verdicts_json(c.verdicts)),
    RowRenamed: lambda c: _base(c, c.old_key, c.key, renamed_from=c.renamed_from, score=c.score),
    RowMoved: lambda c: _base(c, c.old_section, c.section, renamed_from=c.renamed_from),
    StatusChanged: lambda c: _base(c, c.old_status, c.new_status),
    StageChanged: lambda c: _base(c, c.old_stage, c.new_stage),
    ConstraintChanged: lambda c: _base(
        c, c.old_text, c.new_text, delta=c.delta, added=list(c.added), removed=list(c.removed)
    ),
    TextChanged: lambda c: _base(c, c.old_text, c.new_text, column=c.column),
    FootnoteChanged: lambda c: _base(c, c.old_text, c.new_text),
}


def change_json(c: Change) -> dict[str, Any]:
    """One change in DESIGN.md's JSON shape (plus the keys of its kind)."""
    fn = JSON.get(type(c))
    if fn is None:
        raise ValueError(f"Unsupported change kind {type(c).__name__}")
    return fn(c)


def changes_json(changes: Changes) -> dict[str, Any]:
    """DESIGN.md's JSON shape: {old, new, bump, changes}, plus counts and warnings."""

    def side(s: Any) -> dict[str, Any]:
        return {"path": s.path, "date": s.date, "sha256": s.sha256}

    return {
        "old": side(changes.old),
        "new": side(changes.new),
        "bump": changes.bump,
        "counts": changes.counts(),
        "changes": [change_json(c) for c in changes.changes],
        "warnings": list(changes.warnings),
    }


def render_json(changes: Changes) -> str:
    """DESIGN.md's JSON shape, in the project's one JSON style (sorted keys, final newline)."""
    from compiler.model.jsonstyle import dumps

    return dumps(changes_json(changes))


# ---------------------------------------------------------------------------------------------
# Markdown: a pull-request comment


def md_escape(text: str) -> str:
    """Text safe inside a GFM table cell: no markup, no HTML, no cell break."""
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("~", "\\~")
        .replace("`", "\\`")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("#", "\\#")
        .replace("\n", "<br>")
    )


def md_code(text: str) -> str:
    """A code span for any text (a path): a fence longer than any run of backticks inside."""
    text = _one_line(text).replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _word_md(old: str, new: str, width: int) -> str:
    """~~removed~~ **added** between a few words of context."""
    out = []
    for op, text in word_diff(old, new):
        if op == "-":
            out.append(f"~~{md_escape(_clip(text, width))}~~")
        elif op == "+":
            out.append(f"**{md_escape(_clip(text, width))}**")
        else:
            out.append(md_escape(_clip(text, width)))
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Links:
    """Where a row can be looked at: the site's page of the matrix, the source files."""

    site_url: str | None = None  # the site's base URL (mkdocs.yml site_url), ending in '/'
    old_source: str | None = None  # a path or URL a `#L123` can be appended to
    new_source: str | None = None
    matrix_id: str | None = None  # the site page's matrix id (default: the new side's id)


def _row_cell(c: Change, changes: Changes, links: Links) -> str:
    key = key_of(c)
    row = row_of(c)
    if not key and not row:
        return ""
    text = md_escape(_clip(_one_line(key or row or ""), 60))
    gone = isinstance(c, RowRemoved)
    if links.site_url and row and not gone:
        page = f"{links.site_url.rstrip('/')}/matrices/{links.matrix_id or changes.new.id}/#{row}"
        return f"[{text}]({_url(page)})"
    return text


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _lines_md(c: Change, links: Links) -> str:
    old, new = lines_of(c)

    def one(line: int | None, source: str | None) -> str:
        if not line:
            return "—"
        if source and not source.startswith("/") and "\\" not in source:
            return f"[L{line}]({_url(f'{source}#L{line}')})"
        return f"L{line}"

    return f"{one(old, links.old_source)} → {one(new, links.new_source)}"


def _what_md(c: Change, changes: Changes) -> str:
    """What changed, in Markdown: word-level for texts, `+ item` / `- item` for lists."""
    shown = show(c, changes)
    if shown.items:
        what = "<br>".join(md_escape(x) for x in shown.items)
    elif shown.old is not None and shown.new is not None:
        if shown.words:
            what = _word_md(shown.old, shown.new, 160)
        else:
            what = f"{md_escape(_clip(shown.old, 160))} → {md_escape(_clip(shown.new, 160))}"
    elif shown.new is not None:
        what = "**+** " + md_escape(_clip(_one_line(shown.new), 300))
    else:
        what = "**−** " + md_escape(_clip(_one_line(shown.old), 300))
    if shown.remark:
        what += f" ({md_escape(shown.remark)})"
    return what


def markdown_cells(c: Change, label: str, changes: Changes, links: Links) -> list[str]:
    """The cells of a change's table row: impact, change, row, scenario, what changed, lines."""
    shown = show(c, changes)
    what = _what_md(c, changes)
    impact = (
        f"**{_ICON[c.impact]} {c.impact}**"
        if c.impact == "breaking"
        else (f"{_ICON[c.impact]} {c.impact}")
    )
    return [
        impact,
        md_escape(shown.label),
        _row_cell(c, changes, links),
        md_escape(label),
        what,
        _lines_md(c, links),
    ]


_HEAD = ["| impact | change | row | scenario | what changed | lines |", "|---|---|---|---|---|---|"]


def _table(items: Sequence[Item], changes: Changes, links: Links) -> list[str]:
    return [*_HEAD] + [
        "| " + " | ".join(markdown_cells(c, label, changes, links)) + " |" for c, label in items
    ]


def _headline(changes: Changes) -> str:
    """Counts by impact, breaking first, and the semver bump they call for."""
    counts = changes.counts()
    if not changes.changes:
        return "no change in meaning"
    parts = [f"{_ICON[k]} {n} {k}" for k, n in counts.items() if n]
    if counts["breaking"]:
        parts[0] = f"**{parts[0]}**"
    bump = f"**{changes.bump}** bump"
    if changes.old.version and changes.bump != "none":
        bump += f" ({changes.old.version} → {next_version(changes.old.version, changes.bump)})"
    return f"{' · '.join(parts)} → {bump}"


_FOLD_KEEPS = {0: 3, 1: 2, 2: 1, 3: 0}  # fold level -> impacts kept (breaking, relaxing, neutral)


def _section_block(  # noqa: PLR0913 - one section, its rows, how to link them and how far to fold
    title: str, items: Sequence[Item], changes: Changes, links: Links, *, level: str, fold: int
) -> tuple[list[str], int]:
    """A section's heading and table; fold 0 shows every change (neutral ones in <details>),
    1 turns neutral changes into a count, 2 relaxing ones too, 3 all. Returns the lines and
    the number of changes folded."""
    keep = _FOLD_KEEPS[fold]
    kept = [it for it in items if IMPACT_ORDER[it[0].impact] < keep]
    folded = [it for it in items if IMPACT_ORDER[it[0].impact] >= keep]
    loud = [it for it in kept if it[0].impact != "neutral"]
    quiet = [it for it in kept if it[0].impact == "neutral"]
    out = ["", f"{level} {md_escape(title)}", ""]
    if loud:
        out += _table(loud, changes, links)
    if quiet:
        if loud:
            out.append("")
        out += [f"<details><summary>{len(quiet)} neutral change(s)</summary>", ""]
        out += _table(quiet, changes, links)
        out += ["", "</details>"]
    if folded:
        if loud or quiet:
            out.append("")
        counts = dict.fromkeys(IMPACT_ORDER, 0)
        for c, _ in folded:
            counts[c.impact] += 1
        said = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        out.append(f"*{len(folded)} change(s) folded to fit the comment: {said}.*")
    return out, len(folded)


def render_markdown(  # noqa: C901 - head, breaking list, section tables and folding to the limit
    changes: Changes,
    *,
    heading_level: int = 3,
    links: Links | None = None,
    limit: int = GITHUB_COMMENT_LIMIT,
) -> str:
    """A pull-request comment: an actionable first line, then per section a table.

    Breaking and relaxing changes are shown, neutral ones folded in <details>. When the
    comment would pass `limit` characters, neutral, then relaxing, then all changes of a
    section become counts, last sections first; the comment says how many were folded.
    """
    links = links or Links()
    level = "#" * heading_level
    sections = by_section(changes)
    name = changes.new.title or changes.new.id or "matrix"
    head = [
        f"**matrixc diff:** {_headline(changes)} — {md_escape(_clip(name, 80))}",
        "",
        f"{md_code(changes.old.path)} → {md_code(changes.new.path)}",
    ]
    breaking = [it for _, items in sections for it in items if it[0].impact == "breaking"]
    if breaking:
        head += ["", "**Breaking:**", ""]
        for c, label in breaking[:BREAKING_LIST]:
            where = changes.section_title(c.section) if c.section else "Scenarios"
            row = _row_cell(c, changes, links)
            at = " › ".join(x for x in (md_escape(_clip(where, 60)), row) if x)
            scope = f" · {md_escape(label)}" if label else ""
            what = f"{md_escape(show(c, changes).label)} {_what_md(c, changes)}"
            head.append(f"- {at}{scope}: {what}")
        if len(breaking) > BREAKING_LIST:
            head.append(f"- … and {len(breaking) - BREAKING_LIST} more, in the tables below")
    head += [f"\n> [!WARNING]\n> {md_escape(w)}" for w in changes.warnings]
    titles = ["Scenarios" if s is None else changes.section_title(s) for s, _ in sections]
    blocks = [
        _section_block(t, items, changes, links, level=level, fold=0)
        for t, (_, items) in zip(titles, sections, strict=True)
    ]

    def size(lines: list[str]) -> int:
        return sum(len(x) + 1 for x in lines)

    sizes = [size(lines) for lines, _ in blocks]
    total = size(head) + sum(sizes) + 400  # the closing lines
    # Fold from the last section backwards, one level at a time, until it fits: neutral
    # changes, then relaxing ones, then all become counts; at last whole sections go.
    gone = 0
    for fold in (1, 2, 3, 4):
        for i in reversed(range(len(sections))):
            if total <= limit:
                break
            if fold == 4:
                block: tuple[list[str], int] = ([], len(sections[i][1]))
                gone += 1
            else:
                block = _section_block(
                    titles[i], sections[i][1], changes, links, level=level, fold=fold
                )
            total += size(block[0]) - sizes[i]
            sizes[i], blocks[i] = size(block[0]), block
    out = list(head)
    for lines, _ in blocks:
        out += lines
    if gone:
        out += ["", f"*{gone} more section(s) with changes folded entirely.*"]
    total_folded = sum(n for _, n in blocks)
    if total_folded:
        out.append("")
        every = sum(len(items) for _, items in sections)
        out.append(
            f"*{total_folded} of {every} change(s) folded to fit GitHub's "
            f"{limit:,}-character limit: `matrixc diff` shows them all.*"
        )
    text = "\n".join(out) + "\n"
    return text


# ---------------------------------------------------------------------------------------------
# History: a matrix's revisions, each with what changed since the one before


def _rev_name(rev: Revision) -> str:
    return f"{rev.version}" if rev.version else rev.path


def render_history_text(history: dict[str, list[Revision]], *, color: bool = False) -> str:
    """Per matrix, per revision: date, path (or version), summary, then one line per change."""
    out: list[str] = []
    for matrix_id, revisions in history.items():
        shown_id = terminal(matrix_id)
        out.append(f"{_BOLD}# {shown_id}{_RESET}" if color else f"# {shown_id}")
        previous: Revision | None = None
        for rev in revisions:
            name = _rev_name(rev)
            if previous is not None and rev.version and previous.version:
                name = f"{previous.version} → {rev.version}"
            head = terminal(f"{rev.date or 'undated'}  {name}")
            previous = rev
            if rev.changes is None:
                out.append(f"{head}  first revision: {terminal(rev.title)}")
                continue
            out.append(f"{head}  {summary(rev.changes)}")
            for w in rev.changes.warnings:
                out.append(f"    warning: {terminal(w)}")
            for c in rev.changes.changes:
                tag = f"{_COLOUR[c.impact]}{c.impact:<8}{_RESET}" if color else f"{c.impact:<8}"
                title = rev.changes.section_title(c.section) if c.section else "Scenarios"
                out.append(f"    {tag} {terminal(f'[{title}] {describe(c, rev.changes)}')}")
        out.append("")
    return "\n".join(out)


def render_history_markdown(history: dict[str, list[Revision]]) -> str:
    """A page per the whole history: newest revision first, each diff as in a PR comment."""
    out: list[str] = []
    for matrix_id, revisions in history.items():
        title = revisions[-1].title if revisions else matrix_id
        out.append(f"# History of {md_escape(title)}")
        out.append("")
        out.append("| date | revision | changes |")
        out.append("|---|---|---|")
        for rev in reversed(revisions):
            what = summary(rev.changes) if rev.changes is not None else "first revision"
            out.append(
                f"| {rev.date or 'undated'} | {md_code(_rev_name(rev))} | {md_escape(what)} |"
            )
        for rev in reversed(revisions):
            out.append("")
            out.append(f"## {rev.date or 'undated'}: {md_code(_rev_name(rev))}")
            out.append("")
            if rev.changes is None:
                out.append(f"First revision in the history: {md_escape(rev.title)}.")
            else:
                out.append(render_markdown(rev.changes, heading_level=3).rstrip("\n"))
        out.append("")
    return "\n".join(out)


def revision_json(rev: Revision) -> dict[str, Any]:
    """A revision as JSON: where it is, and its diff against the one before (None: first)."""
    return {
        "path": rev.path,
        "date": rev.date,
        "sha256": rev.sha256,
        "title": rev.title,
        "commit": rev.commit,
        "version": rev.version,
        "changes": changes_json(rev.changes) if rev.changes is not None else None,
    }


def render_history_json(history: dict[str, list[Revision]]) -> str:
    """Matrix id -> its revisions, oldest first, in the project's JSON style."""
    from compiler.model.jsonstyle import dumps

    return dumps({mid: [revision_json(r) for r in revs] for mid, revs in history.items()})


RENDERERS: Mapping[str, Callable[[Changes], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
