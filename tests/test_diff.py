"""The semantic diff: the reference matrix's history 2017-2026 against hand-written expectations.

tests/fixtures/diff/<old>__<new>.json list what a reader sees when comparing the two files
(written from reading both revisions, not from matrixc's output): the exact rows added, removed
and renamed, the exact verdict changes, and the limits, notes and untouched rows to check.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from compiler import diff_matrices
from compiler.diff.engine import diff
from compiler.diff.render import change_json, changes_json
from compiler.emit.rules import rule_file
from compiler.model.changes import Changes
from compiler.model.matrix import Matrix
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_file, compile_text

from .conftest import REVISIONS

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "diff").glob("*.json"))
BY_NAME = {p.name: p for p in REVISIONS}


@cache
def matrix(name: str) -> Matrix:
    return compile_file(BY_NAME[name])


@cache
def rules(name: str) -> RuleFile:
    return rule_file(matrix(name))


@cache
def pair_diff(old: str, new: str) -> Changes:
    return diff(rules(old), rules(new))


def of_kind(changes: Changes, kind: str) -> list[dict[str, Any]]:
    """The changes of one kind in DESIGN.md's JSON shape (the contract tools read)."""
    return [change_json(c) for c in changes.changes if c.kind == kind]


def test_fixtures_cover_every_consecutive_pair() -> None:
    names = [p.name for p in REVISIONS]
    assert len(names) == 7
    covered = {
        (json.loads(f.read_text())["old"], json.loads(f.read_text())["new"]) for f in FIXTURES
    }
    assert covered == set(itertools.pairwise(names))


@pytest.fixture(params=FIXTURES, ids=[f.stem for f in FIXTURES])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Changes]:
    spec = json.loads(Path(request.param).read_text(encoding="utf-8"))
    return spec, pair_diff(spec["old"], spec["new"])


def test_rows_added_removed_renamed_moved(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    rows = spec["rows"]
    assert sorted(c["new"] or "" for c in of_kind(changes, "row_added")) == sorted(rows["added"])
    assert sorted(c["old"] or "" for c in of_kind(changes, "row_removed")) == sorted(
        rows["removed"]
    )
    renamed = sorted([c["old"] or "", c["new"] or ""] for c in of_kind(changes, "row_renamed"))
    assert renamed == sorted(rows["renamed"])
    assert [c["key"] for c in of_kind(changes, "row_moved")] == rows["moved"]
    for c in of_kind(changes, "row_renamed"):
        assert c["score"] is not None
        assert 0 < c["score"] <= 1
        assert c["renamed_from"]
        assert c["row"]
        assert c["old_line"]
        assert c["new_line"]


def test_sections_and_scenarios(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    assert [c["new"] for c in of_kind(changes, "section_added")] == spec["sections"]["added"]
    assert [c["old"] for c in of_kind(changes, "section_removed")] == spec["sections"]["removed"]
    assert [c["new"] for c in of_kind(changes, "scenario_added")] == spec["scenarios"]["added"]
    assert [c["old"] for c in of_kind(changes, "scenario_removed")] == spec["scenarios"]["removed"]
    retitled = [[c["old"], c["new"]] for c in of_kind(changes, "text_changed") if c["row"] is None]
    assert retitled == spec.get("retitled", [])


def test_status_changes_exactly(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    got = sorted(
        (c["key"] or "", c["scenario"] or "", str(c["old"]), str(c["new"]), c["impact"])
        for c in of_kind(changes, "status_changed")
    )
    want = sorted((k, s, str(o), str(n), i) for k, s, o, n, i in spec["status"])
    assert got == want


def test_constraint_changes(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    found = of_kind(changes, "constraint_changed")
    for want in spec["constraints"]:
        hits = [
            c
            for c in found
            if c["key"] == want["key"]
            and c["impact"] == want["impact"]
            and ("scenario" not in want or c["scenario"] == want["scenario"])
            and ("delta" not in want or c["delta"] == want["delta"])
            and (want.get("delta_contains", "") in (c["delta"] or ""))
        ]
        assert hits, f"no constraint change like {want}; got {found}"
    for key in spec["no_constraint_change"]:
        assert not [c for c in found if c["key"] == key], key


def test_notes(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    for want in spec["notes"]:
        hits = [
            c
            for c in of_kind(changes, want["kind"])
            if ("key" not in want or c["key"] == want["key"])
            and ("section" not in want or (c["section"] == want["section"] and c["row"] is None))
            and want["contains"] in ((c["new"] or "") + (c["old"] or ""))
        ]
        assert hits, f"no note change like {want}"


def test_untouched_rows_have_no_change(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    keys = {change_json(c)["key"] for c in changes.changes}
    for key in spec["unchanged_rows"]:
        assert key not in keys, key
        assert any(r.key == key for r in rules(spec["new"]).rules), f"{key} not in {spec['new']}"


def test_bump(case: tuple[dict[str, Any], Changes]) -> None:
    spec, changes = case
    if "bump" in spec:
        assert changes.bump == spec["bump"]
    else:
        assert changes.bump in spec["bump_in"]
    if spec.get("exactly_empty"):
        assert changes.changes == ()


def test_every_change_has_impact_and_lines() -> None:
    for old, new in itertools.pairwise(REVISIONS):
        for c in map(change_json, pair_diff(old.name, new.name).changes):
            assert c["impact"] in ("breaking", "relaxing", "neutral")
            assert c["old_line"] or c["new_line"], c
            both = ("status_changed", "constraint_changed", "row_renamed", "text_changed")
            if c["kind"] in both and c["row"] is not None:
                assert c["old_line"], c
                assert c["new_line"], c


# -- properties --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", REVISIONS, ids=[p.stem for p in REVISIONS])
def test_diff_with_itself_is_empty(path: Path) -> None:
    changes = pair_diff(path.name, path.name)
    assert changes.changes == ()
    assert changes.bump == "none"


_MIRROR_KIND = {
    "row_added": "row_removed",
    "row_removed": "row_added",
    "section_added": "section_removed",
    "section_removed": "section_added",
    "scenario_added": "scenario_removed",
    "scenario_removed": "scenario_added",
    "note_added": "note_removed",
    "note_removed": "note_added",
}
_MIRROR_IMPACT = {"breaking": "relaxing", "relaxing": "breaking", "neutral": "neutral"}


def _mirrored(c: dict[str, Any]) -> tuple[str, str, str | None, str | None, str | None]:
    kind = _MIRROR_KIND.get(c["kind"], c["kind"])
    impact = c["impact"]
    if c["kind"] in ("status_changed", "constraint_changed"):
        impact = _MIRROR_IMPACT[c["impact"]]
    elif c["kind"] in ("row_added", "row_removed", "section_added", "section_removed"):
        impact = (
            "breaking"
            if kind in ("row_removed", "section_removed") and impact == "neutral"
            else impact
        )
        impact = "neutral" if kind in ("row_added", "section_added") else impact
    return kind, impact, c["new"], c["old"], None


def _shape(c: dict[str, Any]) -> tuple[str, str, str | None, str | None, str | None]:
    return c["kind"], c["impact"], c["old"], c["new"], None


@pytest.mark.parametrize(
    ("old", "new"), list(itertools.pairwise(REVISIONS)), ids=lambda p: p.stem[:10]
)
def test_reverse_diff_mirrors(old: Path, new: Path) -> None:
    forward = pair_diff(old.name, new.name)
    backward = pair_diff(new.name, old.name)
    assert Counter(_mirrored(change_json(c)) for c in forward.changes) == Counter(
        _shape(change_json(c)) for c in backward.changes
    )


# -- small documents ---------------------------------------------------------------------------

DOC = """\
---
ms.date: 01/01/2024
---
# Test matrix

## Supported scenarios

**Scenario** | **Details**
--- | ---
**Hyper-V with VMM** | Hosts managed by VMM.
**Hyper-V without VMM** | Hosts that are not managed.

## Storage

**Feature** | **Hyper-V with VMM** | **Hyper-V without VMM**
--- | --- | ---
Guest VM network:IPv4 | Yes | Yes
Disk > 1 TB | Yes, up to 4,095 GB | Yes, up to 4,095 GB
Data disk count | 16 or less | 16 or less
Cool storage | No | No

## Network

**Feature** | **Hyper-V with VMM** | **Hyper-V without VMM**
--- | --- | ---
ExpressRoute | Yes | Yes
"""


def compiled(text: str, name: str = "x.md") -> Matrix:
    return compile_text(text, text.encode(), name)


def test_whitespace_markup_and_front_matter_edits_are_no_change() -> None:
    edited = (
        DOC.replace("01/01/2024", "02/02/2025")
        .replace("Guest VM network:IPv4 | Yes", "**Guest VM network: IPv4**   |  Yes ")
        .replace("Cool storage | No | No", "Cool  storage|No|No   ")
        .replace("--- | --- | ---", "---|:---|---:")
    )
    assert diff_matrices(compiled(DOC), compiled(edited)).changes == ()


# MicrosoftDocs/azure-docs, includes/vpn-gateway-table-gwtype-aggtput-include.md at
# 01ceceb19f8d02c02e04c369f250d7d2540f1b99: the table, under a title of its own.
VPN_GATEWAY_SKUS = """# VPN Gateway SKUs

|**SKU**   | **S2S/VNet-to-VNet<br>Tunnels** | **P2S<br> SSTP Connections** | **P2S<br> IKEv2 Connections** | **Aggregate<br>Throughput Benchmark** |
|---       | ---        | ---       | ---            | ---       |
|**VpnGw1**| Max. 30*   | Max. 128  | Max. 250       | 650 Mbps  |
|**VpnGw2**| Max. 30*   | Max. 128  | Max. 500       | 1 Gbps    |
|**VpnGw3**| Max. 30*   | Max. 128  | Max. 1000      | 1.25 Gbps |
|**Basic** | Max. 10    | Max. 128  | Not Supported  | 100 Mbps  |
"""  # noqa: E501 - the table as published


def test_a_bit_rate_moves_by_bits() -> None:
    # Before: a delta was shown in 1,024-based bytes, whatever the unit: 650 -> 750 Mbps was
    # "+11.9 Mbps" (12,500,000 bytes a second over 1,048,576) and 1 -> 2 Gbps "+0.1 Gbps".
    new = VPN_GATEWAY_SKUS.replace("650 Mbps", "750 Mbps").replace("| 1 Gbps", "| 2 Gbps")
    limits = of_kind(diff_matrices(compiled(VPN_GATEWAY_SKUS), compiled(new)), "constraint_changed")
    assert sorted(c["delta"] for c in limits) == ["+1.0 Gbps", "+100.0 Mbps"]


def test_limit_moves_with_the_number_in_the_newer_unit() -> None:
    new = DOC.replace("Yes, up to 4,095 GB | Yes, up to 4,095 GB", "Yes, up to 32 TB | Yes")
    changes = diff_matrices(compiled(DOC), compiled(new))
    limits = of_kind(changes, "constraint_changed")
    assert sorted((c["scenario"], c["impact"], c["delta"]) for c in limits) == [
        ("hyper-v-with-vmm", "relaxing", "+28.0 TB"),
        ("hyper-v-without-vmm", "relaxing", "limit removed"),
    ]
    assert changes.bump == "minor"


def test_status_changes_and_their_impact() -> None:
    new = DOC.replace("Cool storage | No | No", "Cool storage | Yes | No").replace(
        "ExpressRoute | Yes | Yes", "ExpressRoute | No | Yes"
    )
    changes = diff_matrices(compiled(DOC), compiled(new))
    got = {
        (c["key"], c["scenario"], c["old"], c["new"], c["impact"])
        for c in of_kind(changes, "status_changed")
    }
    assert got == {
        ("Cool storage", "hyper-v-with-vmm", "not_supported", "supported", "relaxing"),
        ("ExpressRoute", "hyper-v-with-vmm", "supported", "not_supported", "breaking"),
    }
    assert changes.bump == "major"


def test_rename_move_and_unrelated_replacement() -> None:
    new = (
        DOC.replace("ExpressRoute | Yes | Yes", "Azure ExpressRoute | Yes | Yes")
        .replace("Cool storage | No | No\n", "")
        .replace("## Network\n", "## Network\n\nIntro.\n")
        .replace("--- | --- | ---\nAzure", "--- | --- | ---\nCool storage | No | No\nAzure")
        .replace("Data disk count | 16 or less | 16 or less", "Replication churn | Yes | Yes")
    )
    changes = diff_matrices(compiled(DOC), compiled(new))
    assert [(c["old"], c["new"]) for c in of_kind(changes, "row_renamed")] == [
        ("ExpressRoute", "Azure ExpressRoute")
    ]
    assert [(c["key"], c["old"], c["new"]) for c in of_kind(changes, "row_moved")] == [
        ("Cool storage", "storage", "network")
    ]
    assert [c["old"] for c in of_kind(changes, "row_removed")] == ["Data disk count"]
    assert [c["new"] for c in of_kind(changes, "row_added")] == ["Replication churn"]


def test_scenario_respelled_is_not_a_scenario_change() -> None:
    new = DOC.replace("Hyper-V with VMM", "Hyper-V with Virtual Machine Manager").replace(
        "Hyper-V without VMM", "Hyper-V without Virtual Machine Manager"
    )
    assert diff_matrices(compiled(DOC), compiled(new)).changes == ()


def test_scenario_and_section_removed() -> None:
    new = """\
# Test matrix

## Supported scenarios

**Scenario** | **Details**
--- | ---
**Hyper-V with VMM** | Hosts managed by VMM.

## Storage

**Feature** | **Hyper-V with VMM**
--- | ---
Guest VM network:IPv4 | Yes
Disk > 1 TB | Yes, up to 4,095 GB
Data disk count | 16 or less
Cool storage | No
"""
    changes = diff_matrices(compiled(DOC), compiled(new))
    assert [c["old"] for c in of_kind(changes, "scenario_removed")] == ["Hyper-V without VMM"]
    assert [c["old"] for c in of_kind(changes, "section_removed")] == ["Network"]
    assert [c["old"] for c in of_kind(changes, "row_removed")] == [
        "Hyper-V without VMM",
        "ExpressRoute",
    ]
    assert changes.bump == "major"
    assert [
        c["new"] for c in of_kind(diff_matrices(compiled(new), compiled(DOC)), "scenario_added")
    ] == ["Hyper-V without VMM"]


def test_json_shape() -> None:
    data = changes_json(pair_diff("2024-12-19__d5197e9e.md", "2026-09-11__75b454b6.md"))
    assert set(data) >= {"old", "new", "bump", "changes"}
    assert set(data["old"]) == {"path", "date", "sha256"}
    assert data["old"]["date"] == "2024-12-19"
    assert data["new"]["date"] == "2026-09-11"
    for change in data["changes"]:
        assert set(change) >= {
            "kind",
            "impact",
            "section",
            "row",
            "renamed_from",
            "scenario",
            "old",
            "new",
        }


def test_rule_files_and_markdown_compare_the_same() -> None:
    a, b = "2023-05-26__792799e0.md", "2024-12-19__d5197e9e.md"
    from_json = RuleFile.model_validate(json.loads(json.dumps(rules(a).model_dump(mode="json"))))
    assert diff(from_json, rules(b)).changes == pair_diff(a, b).changes
