"""The diff of version limits: floors, ranges, ceilings and any_of release lines, as sets.

containerd's RELEASES.md (../shared/corpus/beyond/) lists per Kubernetes release the containerd
versions it recommends, one floor per release line ("2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+" at L165:
the newest open-ended, the older ones bounded to their line). Its upstream history edits those
lists as one would expect: a line's floor moves, a line is dropped, a newer line is put in
front. Each edit below hits exactly one place of the real document and is diffed both ways, so
every impact is checked with its mirror. The ceilings are redis-py's README table and the
clients' table of Kubernetes-style bounds (the excerpts `test_reading_versions` reads).
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from compiler.diff.engine import diff
from compiler.diff.render import render_json
from compiler.emit.rules import rule_file
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_text

from .conftest import CORPUS
from .test_reading_versions import CEILINGS, REDIS_PY

CONTAINERD = CORPUS / "beyond" / "containerd-releases.md"
ROW_1_33 = "| 1.33               | 2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+ |"


@cache
def compiled(text: str) -> RuleFile:
    return rule_file(compile_text(text, text.encode(), "m.md"))


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def limits(old: str, new: str) -> list[tuple[str, str | None, list[str], list[str]]]:
    """(impact, delta, added, removed) of each limit change, one per row (not per scenario)."""
    data = json.loads(render_json(diff(compiled(old), compiled(new))))
    seen: dict[tuple[str, str | None], tuple[str, str | None, list[str], list[str]]] = {}
    for c in data["changes"]:
        if c["kind"] == "constraint_changed":
            found = (c["impact"], c["delta"], c["added"], c["removed"])
            seen.setdefault((c["row"], c["delta"]), found)
    return list(seen.values())


def kinds(old: str, new: str) -> set[tuple[str, str]]:
    data = json.loads(render_json(diff(compiled(old), compiled(new))))
    return {(c["kind"], c["impact"]) for c in data["changes"]}


@pytest.fixture(scope="module")
def containerd() -> str:
    return CONTAINERD.read_text(encoding="utf-8")


def test_the_row_is_read_as_one_floor_per_release_line(containerd: str) -> None:
    rf = compiled(containerd)
    row = next(r for r in rf.rules if r.key == "1.33")
    assert [(c.kind, c.version, c.max_version, c.any_of) for c in row.constraints] == [
        ("min_version", "2.1.0", None, True),
        ("version_range", "2.0.4", "2.0.x", True),
        ("version_range", "1.7.24", "1.7.x", True),
        ("version_range", "1.6.36", "1.6.x", True),
    ]


def test_a_release_lines_floor_raised_breaks_and_lowered_relaxes(containerd: str) -> None:
    raised = edited(containerd, ROW_1_33, ROW_1_33.replace("2.0.4+", "2.0.6+"))
    # Was neutral text before versions were compared: 2.0.4 and 2.0.5 are no longer listed.
    assert limits(containerd, raised) == [("breaking", None, ["2.0.6+"], ["2.0.4+"])]
    assert limits(raised, containerd) == [("relaxing", None, ["2.0.4+"], ["2.0.6+"])]


def test_a_release_line_dropped_breaks_and_added_relaxes(containerd: str) -> None:
    dropped = edited(containerd, ROW_1_33, ROW_1_33.replace(", 1.6.36+", ""))
    # Was "limit removed", relaxing: one alternative fewer allows less, not more.
    assert limits(containerd, dropped) == [("breaking", None, [], ["1.6.36+"])]
    assert limits(dropped, containerd) == [("relaxing", None, ["1.6.36+"], [])]


def test_a_newer_line_put_in_front_restates_the_same_versions(containerd: str) -> None:
    # "2.1.0+" in front allowed 2.2 already; "2.2.0+, 2.1.0+" reads 2.1.0+ as the 2.1 line and
    # allows exactly the same versions: a neutral change of words, in both directions (it was
    # two breaking changes: 2.1.0+ paired with 2.2.0+, 1.6.36+ "new").
    newer = edited(containerd, ROW_1_33, ROW_1_33.replace("| 2.1.0+", "| 2.2.0+, 2.1.0+"))
    assert limits(containerd, newer) == []
    assert kinds(containerd, newer) == {("text_changed", "neutral")}
    assert kinds(newer, containerd) == {("text_changed", "neutral")}


def test_the_newest_floor_raised_breaks(containerd: str) -> None:
    raised = edited(containerd, ROW_1_33, ROW_1_33.replace("2.1.0+", "2.1.2+"))
    assert limits(containerd, raised) == [("breaking", None, ["2.1.2+"], ["2.1.0+"])]


def test_a_single_floor_keeps_its_delta(containerd: str) -> None:
    # "| v1.4 | 1.19+ |" (L178): a floor of its own, not a list of alternatives.
    old = "| v1.4                     | 1.19+              |"
    raised = edited(containerd, old, old.replace("1.19+", "1.20+"))
    assert limits(containerd, raised) == [("breaking", "1.19+ -> 1.20+", [], [])]
    assert limits(raised, containerd) == [("relaxing", "1.20+ -> 1.19+", [], [])]


@pytest.mark.parametrize(
    ("old", "new", "impact", "delta"),
    [
        ("<= 6.2 Family", "<= 7.0 Family", "relaxing", "<= 6.2 -> <= 7.0"),
        ("<= 6.2 Family", "< 6.2 Family", "breaking", "<= 6.2 -> < 6.2"),
        ("Version 5.0 to 7.0", "Version 5.0 to 7.2", "relaxing", "5.0 to 7.0 -> 5.0 to 7.2"),
        ("Version 5.0 to 7.0", "Version 6.0 to 7.0", "breaking", "5.0 to 7.0 -> 6.0 to 7.0"),
        # narrower at the top, wider at the bottom: a version lost is breaking
        ("Version 5.0 to 7.0", "Version 4.0 to 6.2", "breaking", "5.0 to 7.0 -> 4.0 to 6.2"),
    ],
)
def test_ceilings_and_ranges_compare_as_intervals(
    old: str, new: str, impact: str, delta: str
) -> None:
    # These changed nothing before: a ceiling or a range fell to the comparison of patterns.
    changed = edited(REDIS_PY, old, new)
    assert limits(REDIS_PY, changed) == [(impact, delta, [], [])]
    mirror = {"breaking": "relaxing", "relaxing": "breaking"}[impact]
    if new != "Version 4.0 to 6.2":  # both sides lose versions: breaking either way
        assert limits(changed, REDIS_PY)[0][0] == mirror


def test_a_ceiling_restated_for_its_release_line_is_no_change() -> None:
    # "<= 6.2" already covers 6.2.14: "<= 6.2.x" says the same.
    changed = edited(REDIS_PY, "<= 6.2 Family", "<= 6.2.x Family")
    assert limits(REDIS_PY, changed) == []


def test_a_floor_that_becomes_a_range_is_one_change() -> None:
    # "Version 7.2 to current" is open-ended; "to 7.4" caps it: one breaking change, not a new
    # limit and a removed one.
    changed = edited(REDIS_PY, "Version 7.2 to current", "Version 7.2 to 7.4")
    assert limits(REDIS_PY, changed) == [("breaking", "7.2+ -> 7.2 to 7.4", [], [])]
    assert limits(changed, REDIS_PY) == [("relaxing", "7.2 to 7.4 -> 7.2+", [], [])]


# --- a cell's versions as one set: its own bounds together, its alternatives as their union ----


def test_a_floor_restated_as_lines_is_no_change(containerd: str) -> None:
    # "1.19+" and "1.20.0+, 1.19+" (1.19+ then read as the 1.19 line) allow the same versions:
    # it was a breaking "new limit" beside a relaxing "limit removed".
    old = "| v1.4                     | 1.19+              |"
    lines = edited(containerd, old, old.replace("1.19+    ", "1.20.0+, 1.19+"))
    assert limits(containerd, lines) == []
    assert kinds(containerd, lines) == {("text_changed", "neutral")}
    assert kinds(lines, containerd) == {("text_changed", "neutral")}


def test_lines_replaced_by_their_oldest_floor_relax(containerd: str) -> None:
    wide = ROW_1_33.replace("2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+", "1.6.36+" + " " * 25)
    changed = edited(containerd, ROW_1_33, wide)
    assert limits(containerd, changed) == [("relaxing", None, [], ["2.1.0+", "2.0.4+", "1.7.24+"])]


def test_a_floor_and_a_ceiling_of_one_cell_hold_together() -> None:
    # "5.0+" over "<= 7.0" is the range "5.0 to 7.0" written in two limits: no change; and
    # dropping the floor while raising the ceiling is one relaxing change, not a breaking
    # "5.0+ -> <= 7.2" beside a relaxing "limit removed".
    two = edited(REDIS_PY, "Version 5.0 to 7.0", "5.0+<br><= 7.0")
    assert limits(REDIS_PY, two) == []
    assert limits(two, edited(two, "5.0+<br><= 7.0", "<= 7.2")) == [
        ("relaxing", None, ["<= 7.2"], ["5.0+", "<= 7.0"])
    ]


def test_bounds_that_allow_the_same_versions_are_no_change() -> None:
    # "< 1.30" allows every 1.29.x, as "<= 1.29" does.
    same = edited(CEILINGS, "< 1.30", "<= 1.29")
    assert limits(CEILINGS, same) == []
    assert kinds(CEILINGS, same) == {("text_changed", "neutral")}


def test_an_exclusive_floor_is_above_its_version() -> None:
    # ">1.21" rejects 1.21.0 (the validator says so): ">=1.21" admits it.
    assert limits(CEILINGS, edited(CEILINGS, ">1.21", ">=1.21")) == [
        ("relaxing", ">1.21 -> 1.21+", [], [])
    ]


def test_a_version_too_long_for_int_does_not_stop_the_diff() -> None:
    huge = edited(REDIS_PY, "<= 6.2 Family", "<= 6." + "9" * 5000 + " Family")
    assert [impact for impact, *_ in limits(REDIS_PY, huge)] == ["relaxing"]


VMWARE = CORPUS / "matrices" / "vmware-physical-azure-support-matrix.md"
RHEL = "Linux Red Hat Enterprise | 5.2 to 5.11</b><br/> 6.1 to 6.10</b>"  # L96


@pytest.mark.parametrize(
    ("new", "impact"),
    [
        (RHEL.replace("6.10", "6.4"), "breaking"),
        (RHEL.replace("6.10", "6.12"), "relaxing"),
        (RHEL.replace("</b><br/> 6.1 to 6.10", ""), "breaking"),  # the 6 line dropped
    ],
)
def test_a_cells_ranges_are_alternatives(new: str, impact: str) -> None:
    # VMware's RHEL cell states two ranges, one per major release: together they allow either
    # (intersected, they allowed nothing and every edit of them was a neutral text change).
    text = VMWARE.read_text(encoding="utf-8")
    changed = edited(text, RHEL, new)
    found = limits(text, changed)
    assert {i for i, *_ in found} == {impact}, found


def test_a_version_padded_with_zeros_is_the_same_version() -> None:
    # "1.2" and "1.2.0.0.0.0.0.0.0" (nine parts) are one version, as the validator compares them.
    padded = edited(REDIS_PY, "Version 7.2 to current", "Version 7.2.0.0.0.0.0.0.0 to current")
    assert limits(REDIS_PY, padded) == []
