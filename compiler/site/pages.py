"""The site's generated pages: matrix reference pages, history timelines and the home list.

The plugin (mkdocs_plugin) decides which files exist; this module decides what they say. Links
are made relative to the page, so the site works from any folder or sub-path, offline.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.utils import get_relative_url

from compiler.model.matrix import Matrix
from compiler.site.render import (
    Download,
    esc,
    is_spacer,
    render_matrix,
    scenario_counts,
    short_title,
)

if TYPE_CHECKING:
    from compiler.model.changes import Change, Changes, Revision
    from compiler.model.rulefile import RuleFile
    from compiler.site.api import ValidatorDownload

log = logging.getLogger("mkdocs.plugins.matrixc")

IMPACT_ORDER = ("breaking", "relaxing", "neutral")
IMPACT_TITLE = {
    "breaking": ("▼", "Breaking", "something stops being allowed, a limit tightens, a row goes"),
    "relaxing": ("▲", "Relaxing", "something becomes allowed, a limit loosens"),
    "neutral": ("●", "Neutral", "wording, notes and rows that change no verdict"),
}


@dataclass
class SiteMatrix:
    """One compiled matrix with where its pages and downloads live in the site."""

    matrix: Matrix
    page_uri: str
    history_uri: str
    version: str | None = None
    downloads: list[tuple[str, str, str]] = field(default_factory=list)  # label, path, kind
    rules_json: str | None = None  # its rule file, as the build writes it into generated/
    rule_file: RuleFile | None = None  # the same, as the pipeline's model (not parsed again)
    validator: ValidatorDownload | None = None  # its validator, published in parts

    @property
    def page_url(self) -> str:
        return f"matrices/{self.matrix.id}/"

    @property
    def history_url(self) -> str:
        return f"matrices/{self.matrix.id}/history/"


@dataclass
class PageBody:
    """What a generated page shows: body HTML and toc tokens."""

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    indexed: str = ""  # `html` without what search skips (data-search-exclude blocks)


def render_matrix_page(entry: SiteMatrix, page_url: str, link_base: str | None) -> PageBody:
    """The reference page of a matrix."""
    downloads = [
        Download(
            label=label,
            href=get_relative_url(path, page_url),
            kind=kind,
            # the rule file is the API's `<version>.json`: saved as `<id>.json`, as in generated/
            filename=f"{entry.matrix.id}.json" if kind == "rules" else "",
            parts=tuple(get_relative_url(p, page_url) for p in entry.validator.parts)
            if kind == "validator" and entry.validator is not None
            else (),
            file=entry.validator.file if kind == "validator" and entry.validator else "",
            sha256=entry.validator.sha256 if kind == "validator" and entry.validator else "",
        )
        for label, path, kind in entry.downloads
    ]
    rendered = render_matrix(
        entry.matrix,
        link_base=link_base,
        downloads=downloads,
        version=entry.version,
        history_href=get_relative_url(entry.history_url, page_url),
    )
    return PageBody(
        html=rendered.html,
        toc=rendered.toc,
        indexed=rendered.indexed,
    )


def partial(counts: dict[str, int]) -> str:
    """' · ◐ N' where a matrix has partial verdicts (most have none: nothing is shown)."""
    return f" · ◐ {counts['p']}" if counts.get("p") else ""


def home_list(entries: Sequence[SiteMatrix], page_url: str) -> str:
    """The table of matrices on the home page."""
    if not entries:
        return "<p><em>No matrices were found in the source folder.</em></p>"
    rows = []
    for e in entries:
        m = e.matrix
        href = esc(get_relative_url(e.page_url, page_url))
        history = esc(get_relative_url(e.history_url, page_url))
        counts = "; ".join(
            f"{esc(label)}: ✓ {c['s']}{partial(c)} · ✗ {c['n']} · ⊘ {c['a']}"
            for label, c in scenario_counts(m)
        )
        rows.append(
            f'<tr><td><a class="mx-home__link" href="{href}">{esc(short_title(m))}</a>'
            f'<br><small><a href="{history}">history of changes</a></small></td>'
            f'<td data-label="Rows">{sum(1 for _, _, r in m.rows() if not is_spacer(r))}</td>'
            f'<td data-label="Verdicts per scenario">{counts}</td>'
            f'<td data-label="Source date">{esc(m.source.date or "—")}</td>'
            f'<td data-label="Rule file">{esc(e.version or "—")}</td></tr>'
        )
    return (
        '<table class="mx-home"><thead><tr><th>Matrix</th><th>Rows</th>'
        "<th>Verdicts per scenario</th><th>Source date</th><th>Rule file</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


# --------------------------------------------------------------------------- history


def _clip(value: object, limit: int = 240) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change_line(change: Change, changes: Changes, rows: set[str], matrix_href: str) -> str:
    """One change: what, where (linked to the row when it still exists), old → new."""
    from compiler.diff.render import show
    from compiler.model.changes import (
        RowAdded,
        RowMoved,
        RowRemoved,
        RowRenamed,
        key_of,
        row_of,
        scenario_of,
    )

    shown = show(change, changes)
    parts = [f'<span class="mx-kind">{esc(shown.label)}</span>']
    row, key, scenario = row_of(change), key_of(change), scenario_of(change)
    if row:
        label = esc(key or row)
        if row in rows:
            parts.append(f'<a href="{esc(matrix_href)}#{esc(row)}">{label}</a>')
        else:
            parts.append(f"<strong>{label}</strong>")
        parts.append(f"<small>in {esc(changes.section_title(change.section))}</small>")
    elif change.section:
        parts.append(f"<strong>{esc(changes.section_title(change.section))}</strong>")
    if isinstance(change, RowRenamed | RowMoved):
        parts.append(f"(was <code>{esc(change.renamed_from)}</code>)")
    if scenario:
        parts.append(f'<span class="mx-scn">[{esc(changes.scenario_label(scenario))}]</span>')
    old = f'<span class="mx-old">{esc(_clip(shown.old))}</span>' if shown.old else ""
    new = f'<span class="mx-new">{esc(_clip(shown.new))}</span>' if shown.new else ""
    if shown.items:
        parts.append(esc(", ".join(shown.items)))
    elif old and new:
        parts.append(f"{old} → {new}")
    elif (old or new) and not isinstance(change, RowAdded | RowRemoved):
        parts.append(old or new)
    return f"<li>{' '.join(parts)}</li>"


def _impact_groups(changes: Changes, rows: set[str], matrix_href: str) -> str:
    if not changes.changes:
        return "<p>No change in meaning (wording, front matter or whitespace only).</p>"
    out = []
    for impact in IMPACT_ORDER:
        group = [ch for ch in changes.changes if ch.impact == impact]
        if not group:
            continue
        icon, word, why = IMPACT_TITLE[impact]
        lines = "".join(_change_line(ch, changes, rows, matrix_href) for ch in group)
        opened = " open" if impact != "neutral" else ""
        out.append(
            f'<details class="mx-impact mx-impact--{impact}"{opened}>'
            f'<summary><span aria-hidden="true">{icon}</span> {word}: {len(group)} '
            f"<small>({why})</small></summary><ul>{lines}</ul></details>"
        )
    return "".join(out)


def render_history_page(
    entry: SiteMatrix, page_url: str, revisions: Sequence[Revision]
) -> PageBody:
    """A timeline of the matrix's revisions, newest first, changes grouped by impact."""
    m = entry.matrix
    back = get_relative_url(entry.page_url, page_url)
    head = (
        f"<h1>History: {esc(short_title(m))}</h1>"
        f'<p>Every recorded revision of <a href="{esc(back)}">the matrix</a>, newest first, with '
        "what changed since the revision before it, grouped by impact. Links go to the row on "
        "the current page (rows that no longer exist are not linked).</p>"
    )
    if not revisions:
        return PageBody(
            html=f'{head}<p class="mx-empty">No history is recorded for this matrix.</p>'
        )
    rows = {row.id for _, _, row in m.rows()}
    items, toc = [], []
    for number, rev in reversed(list(enumerate(revisions, start=1))):
        date = rev.date or "undated"
        anchor = f"revision-{number}"
        title = f"{date} · revision {number}"
        toc.append({"level": 2, "id": anchor, "name": esc(title), "children": []})
        if rev.changes is None:
            body = "<p>First recorded revision.</p>"
            bump = ""
        else:
            body = _impact_groups(rev.changes, rows, back)
            counts = rev.changes.counts()
            bump = (
                f' · <span class="mx-bump mx-bump--{esc(rev.changes.bump)}">'
                f"{esc(rev.changes.bump)} bump</span> · ▼ {counts['breaking']} breaking, "
                f"▲ {counts['relaxing']} relaxing, ● {counts['neutral']} neutral"
            )
        items.append(
            f'<li class="mx-rev"><h2 id="{anchor}">{esc(title)}</h2>'
            f'<p class="mx-rev__meta">{esc(rev.title)} · <code>{esc(rev.path)}</code> · sha256 '
            f"<code>{esc(rev.sha256[:12])}</code>{bump}</p>{body}</li>"
        )
    return PageBody(html=f'{head}<ol class="mx-timeline">{"".join(items)}</ol>', toc=toc)
