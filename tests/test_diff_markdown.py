"""The pull-request comment (`matrixc diff --format markdown`), read back with GFM rules.

The comment for the reference matrix's 2024-12-19 -> 2026-09-11 revisions is rendered with
markdown-it-py's gfm-like preset and its structure checked against what the two documents say
(read side by side: README.md shows the same comment).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from compiler.cli.main import main
from compiler.diff.engine import diff
from compiler.diff.render import GITHUB_COMMENT_LIMIT, Links, by_section, render_markdown
from compiler.model.changes import Changes
from compiler.project.history import load_side

from .conftest import REVISIONS, ROOT

HISTORY = "source_docs/history/hyper-v-azure-support-matrix"
OLD = f"{HISTORY}/2024-12-19__d5197e9e.md"
NEW = f"{HISTORY}/2026-09-11__75b454b6.md"
SITE = "https://docs.example.invalid/matrices-site/"


@cache
def changes() -> Changes:
    return diff(load_side(str(ROOT / OLD)), load_side(str(ROOT / NEW)))


def comment(site_url: str | None = SITE) -> str:
    links = Links(site_url, OLD, NEW, matrix_id="hyper-v-azure-support-matrix")
    return render_markdown(changes(), links=links)


def tokens(text: str) -> list[Token]:
    return MarkdownIt("gfm-like", {"linkify": False}).parse(text)


def rows_of(toks: list[Token]) -> list[list[str]]:
    """Every body row of every table, as the inline source of its cells."""
    out: list[list[str]] = []
    row: list[str] | None = None
    in_body = False
    for i, t in enumerate(toks):
        if t.type == "tbody_open":
            in_body = True
        elif t.type == "tbody_close":
            in_body = False
        elif in_body and t.type == "tr_open":
            row = []
        elif in_body and t.type == "td_open" and row is not None:
            row.append(toks[i + 1].content)
        elif in_body and t.type == "tr_close" and row is not None:
            out.append(row)
            row = None
    return out


def row_for(rows: list[list[str]], key: str, kind: str) -> list[str]:
    hits = [r for r in rows if key in r[2] and r[1] == kind]
    assert len(hits) == 1, (key, kind, hits)
    return hits[0]


def test_first_line_says_what_to_do() -> None:
    first = comment().splitlines()[0]
    # 7 breaking, 2 relaxing, 14 neutral changes; breaking named first, then the bump.
    assert first.startswith("**matrixc diff:** **▼ 7 breaking** · ▲ 2 relaxing · ● 14 neutral")
    assert "→ **major** bump" in first
    html = MarkdownIt("gfm-like", {"linkify": False}).render(first)
    assert "<strong>▼ 7 breaking</strong>" in html


def test_every_change_is_in_a_table_row_and_tables_are_well_formed() -> None:
    text = comment()
    toks = tokens(text)
    tables = [t for t in toks if t.type == "table_open"]
    assert tables
    widths, width = [], 0
    for t in toks:
        width += t.type == "th_open"
        if t.type == "thead_close":
            widths.append(width)
            width = 0
    assert widths == [6] * len(tables)
    rows = rows_of(toks)
    merged = sum(len(items) for _, items in by_section(changes()))
    assert len(rows) == merged  # nothing folded: the comment is far below the limit
    assert all(len(r) == 6 for r in rows)
    assert "folded" not in text
    sections = [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]
    # The sections of the 2026 revision where something changed, in document order.
    assert sections == [
        "On-premises servers",
        "Replicated VMs",
        "Hyper-V VM guest storage",
        "Azure Storage",
        "Azure compute features",
        "Azure VM requirements",
    ]
    # Neutral changes sit in <details> blocks (html_block tokens), nothing else is raw HTML.
    html = [t.content for t in toks if t.type == "html_block"]
    assert all(h.startswith(("<details>", "</details>")) for h in html)
    # Every section but "On-premises servers" (two relaxing changes only) has neutral ones.
    assert sum(h.startswith("<details>") for h in html) == 5


def test_word_level_list_and_verdicts() -> None:
    rows = rows_of(tokens(comment()))
    # 2024 line 174 "Up to 32 TB" -> 2026 line 188 "From 1 GiB through 32,767 GiB".
    vhd = row_for(rows, "Data disk VHD size", "limit")
    assert vhd[0] == "**▼ breaking**"
    assert vhd[3] == "every scenario"
    assert "~~Up to 32 TB~~ **From 1 GiB through 32,767 GiB**" in vhd[4]
    assert vhd[5].startswith(f"[L174]({OLD}#L174) → [L188]({NEW}#L188)")
    # "up to 32 TB" -> "up to 32,767 GiB": only the number and unit changed.
    disk = row_for(rows, "Disk &gt;1 TB", "limit")
    assert disk[4].startswith("up to ~~32 TB~~ **32,767 GiB**")
    # Supported host OS list: 2026 adds Windows Server 2025 (relaxing), nothing removed.
    host = row_for(rows, "Hyper-V (running without Virtual Machine Manager)", "limit")
    assert host[0] == "▲ relaxing"
    assert host[4] == "+ Windows Server 2025"
    vmm = row_for(rows, "Hyper-V (running with Virtual Machine Manager)", "limit")
    assert vmm[4] == "+ Virtual Machine Manager 2025"
    # Added rows with their verdicts: 2026 lines 174-175.
    standard = row_for(rows, "VM security type: Standard", "row added")
    assert standard[4] == "**+** every scenario: ✓ Yes"
    trusted = row_for(rows, "VM security type: Trusted Launch or confidential VM", "row added")
    assert trusted[4] == "**+** every scenario: ✗ No"
    # The removed row, with what it used to say (2024 line 173).
    removed = row_for(rows, "Data disk count", "row removed")
    assert removed[4] == "**−** every scenario: ○ 16 or less"
    assert "[" not in removed[2]  # a row that is gone has no site anchor
    # Row links go to the site's anchor of the row.
    assert vhd[2] == (
        f"[Data disk VHD size]({SITE.rstrip('/')}/matrices/"
        "hyper-v-azure-support-matrix/#azure-vm-requirements/data-disk-vhd-size)"
    )
    # The re-worded sector row: what was removed and what was added, word by word.
    sector = row_for(rows, "Disk: 4-KiB logical and 4-KiB physical sectors (4Kn)", "row renamed")
    assert (
        "~~4K~~ **4-KiB** logical and **4-KiB** physical ~~sector~~ **sectors (4Kn)**"
        in (sector[4])
    )


def test_without_a_site_url_rows_are_plain_text() -> None:
    rows = rows_of(tokens(comment(None)))
    assert row_for(rows, "Data disk VHD size", "limit")[2] == "Data disk VHD size"


def test_a_huge_diff_folds_to_fit_and_says_how_many() -> None:
    text = (ROOT / OLD).read_text(encoding="utf-8")
    head, body = text.split("\n## ", 1)
    big_old = head + ("\n## " + body) * 40
    new_text = (ROOT / NEW).read_text(encoding="utf-8")
    head2, body2 = new_text.split("\n## ", 1)
    big_new = head2 + ("\n## " + body2) * 40
    from compiler.emit.rules import rule_file
    from compiler.project.pipeline import compile_text

    a = rule_file(compile_text(big_old, big_old.encode(), "old.md"))
    b = rule_file(compile_text(big_new, big_new.encode(), "new.md"))
    big = diff(a, b)
    out = render_markdown(big, links=Links(SITE, "old.md", "new.md"))
    assert len(out) <= GITHUB_COMMENT_LIMIT
    toks = tokens(out)
    shown = len(rows_of(toks))
    total = sum(len(items) for _, items in by_section(big))
    folded = total - shown
    assert folded > 0
    last = out.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"*{folded} of {total} change(s) folded to fit GitHub's 65,536")
    # Breaking changes are the last to fold: every one still has its row.
    breaking = sum(1 for _, items in by_section(big) for c, _ in items if c.impact == "breaking")
    assert sum(r[0] == "**▼ breaking**" for r in rows_of(toks)) == breaking


def test_readme_shows_this_comment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["diff", OLD, NEW, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert out in readme
    assert Path(REVISIONS[4]).name in OLD
