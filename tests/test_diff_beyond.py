"""The diff over what the general front end reads: stages, footnotes, partial verdicts, lists.

The Defender for Servers revision pair in ../shared/corpus/beyond/ is diffed as published; the
other cases are one-cell edits of its 2026-06-12 revision (each edit is asserted to hit exactly
one place of the real document), diffed both ways so each impact is checked with its mirror.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from compiler.diff.engine import diff
from compiler.diff.render import render_json, render_markdown, render_text
from compiler.emit.rules import rule_file
from compiler.model.changes import Changes
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_file, compile_text

from .conftest import CORPUS

BEYOND = CORPUS / "beyond"
OLD = BEYOND / "defender-for-servers__2025-11-17.md"
NEW = BEYOND / "defender-for-servers__2026-06-12.md"


@cache
def side(path: Path) -> RuleFile:
    return rule_file(compile_file(path))


def edited(old: str, new: str) -> RuleFile:
    """The 2026-06-12 revision with one exact passage replaced."""
    text = NEW.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    changed = text.replace(old, new)
    return rule_file(compile_text(changed, changed.encode(), NEW.as_posix()))


def rows(changes: Changes) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (c["kind"], c["impact"], c["row"], c["scenario"])
        for c in json.loads(render_json(changes))["changes"]
    ]


def test_defender_pair_as_published() -> None:
    # Read from the two documents: "Network map" left the Windows (L75: ✔ | - | Yes), Linux
    # (L100: ✔ | - | Yes) and multicloud (L125: - | -) tables; "Control plane security
    # alerts" (- | -) joined the multicloud table at L117; the Azure VMs cell of "Microsoft
    # Defender for Endpoint integration" lost ", Windows 10/11 Enterprise multi-session" from
    # its "Available on:" list. Front matter (author, ms.date) is no change.
    changes = diff(side(OLD), side(NEW))
    data = json.loads(render_json(changes))
    assert data["bump"] == "major"
    assert data["counts"] == {"breaking": 4, "relaxing": 0, "neutral": 1}
    assert rows(changes) == [
        (
            "constraint_changed",
            "breaking",
            "windows-machine-support/microsoft-defender-for-endpoint-integration",
            "azure-vms",
        ),
        ("row_removed", "breaking", "windows-machine-support/network-map", None),
        ("row_removed", "breaking", "linux-machine-support/network-map", None),
        ("row_added", "neutral", "multicloud-machines/control-plane-security-alerts", None),
        ("row_removed", "breaking", "multicloud-machines/network-map", None),
    ]
    listed = data["changes"][0]
    assert (listed["added"], listed["removed"]) == ([], ["Windows 10/11 Enterprise multi-session"])
    assert (listed["old_line"], listed["new_line"]) == (69, 67)
    lines = {c["row"]: (c["old_line"], c["new_line"]) for c in data["changes"][1:]}
    assert lines == {
        "windows-machine-support/network-map": (75, None),
        "linux-machine-support/network-map": (100, None),
        "multicloud-machines/control-plane-security-alerts": (None, 117),
        "multicloud-machines/network-map": (125, None),
    }
    removed = {c["row"]: c["verdicts"] for c in data["changes"] if c["kind"] == "row_removed"}
    assert [v["status"] for v in removed["windows-machine-support/network-map"]] == [
        "supported",
        "not_supported",
    ]
    assert [v["status"] for v in removed["multicloud-machines/network-map"]] == [
        "not_supported",
        "not_supported",
    ]

    text = render_text(changes)
    assert "major: 4 breaking, 0 relaxing, 1 neutral" in text
    assert "limit - Windows 10/11 Enterprise multi-session" in text
    assert text.count('removed row "Network map"') == 3

    comment = render_markdown(changes)
    assert comment.splitlines()[0].startswith(
        "**matrixc diff:** **▼ 4 breaking** · ● 1 neutral → **major** bump"
    )
    assert "| Microsoft Defender for Endpoint integration | Azure VMs | - Windows 10/11" in comment
    html = MarkdownIt("gfm-like", {"linkify": False}).render(comment)
    assert html.count("<td>row removed</td>") == 3


def test_the_reverse_pair_mirrors_it() -> None:
    changes = diff(side(NEW), side(OLD))
    assert rows(changes) == [
        (
            "constraint_changed",
            "relaxing",
            "windows-machine-support/microsoft-defender-for-endpoint-integration",
            "azure-vms",
        ),
        ("row_added", "neutral", "windows-machine-support/network-map", None),
        ("row_added", "neutral", "linux-machine-support/network-map", None),
        ("row_removed", "breaking", "multicloud-machines/control-plane-security-alerts", None),
        ("row_added", "neutral", "multicloud-machines/network-map", None),
    ]


MALWARE = "| [Agentless malware scanning](agentless-malware-scanning.md) | GA | GA | GA |"
DOCKER = "| [Docker host hardening](./harden-docker-hosts.md)  | GA | GA | GA |"


@pytest.mark.parametrize(
    ("old", "new", "stages"),
    [
        (MALWARE, MALWARE.replace("| GA | GA | GA", "| Preview | GA | GA"), ("ga", "preview")),
        (
            DOCKER,
            DOCKER.replace("| GA | GA | GA", "| Deprecated | GA | GA"),
            ("ga", "deprecated"),
        ),
    ],
)
def test_stage_changes(old: str, new: str, stages: tuple[str, str]) -> None:
    # GA -> Preview loses the SLA, GA -> Deprecated is on the way out: both breaking; the
    # way back relaxes. Only the Azure column was edited.
    forward = diff(side(NEW), edited(old, new))
    back = diff(edited(old, new), side(NEW))
    row = "azure-cloud-support/" + (
        "agentless-malware-scanning" if old == MALWARE else "docker-host-hardening"
    )
    assert rows(forward) == [("stage_changed", "breaking", row, "azure")]
    assert rows(back) == [("stage_changed", "relaxing", row, "azure")]
    change = json.loads(render_json(forward))["changes"][0]
    assert (change["old"], change["new"]) == stages
    assert forward.bump == "major"
    assert back.bump == "minor"
    assert f"stage ga → {stages[1]}" in render_text(forward)
    assert f"| stage | {_row_key(old)} | Azure | ga → {stages[1]} |" in render_markdown(forward)


def _row_key(line: str) -> str:
    return line.split("](", maxsplit=1)[0].removeprefix("| [")


GOV = "| GA | GA <sup>[1](#azure-footnote1)</sup>| GA |"
ENDPOINT = "azure-cloud-support/microsoft-defender-for-endpoint-integration"


def test_footnote_removed_and_added() -> None:
    # L45's Azure Government cell carries footnote 1 (L59: "In Government Community Cloud –
    # Moderate (GCC-M) environments ... aren't supported: Direct onboarding, ..."): a caveat
    # on a supported cell. Dropping it widens what the cell allows; adding it narrows it.
    without = edited(GOV, "| GA | GA | GA |")
    dropped = diff(side(NEW), without)
    assert rows(dropped) == [("footnote_changed", "relaxing", ENDPOINT, "azure-government")]
    change = json.loads(render_json(dropped))["changes"][0]
    assert change["old"].startswith("[1] In Government Community Cloud – Moderate (GCC-M)")
    assert change["new"] is None
    added = diff(without, side(NEW))
    assert rows(added) == [("footnote_changed", "breaking", ENDPOINT, "azure-government")]
    assert "footnote added: [1] In Government Community Cloud" in render_text(added)
    assert "| footnote removed | Microsoft Defender for Endpoint integration |" in render_markdown(
        dropped
    )


def test_footnote_reworded_is_neutral() -> None:
    reworded = edited(
        "integrations aren't supported: Direct onboarding, Vulnerability",
        "integrations aren't supported: Vulnerability",
    )
    changes = diff(side(NEW), reworded)
    assert rows(changes) == [("footnote_changed", "neutral", ENDPOINT, "azure-government")]
    assert changes.bump == "patch"
    assert "[-Direct onboarding,-]" in render_text(changes)
    assert "~~Direct onboarding,~~" in render_markdown(changes)


FILELESS = "| [Fileless security alerts](alerts-windows-machines.md) | ✔ | ✔ | Yes |"


def test_partial_status() -> None:
    # Arc-enabled servers' "✔" for fileless alerts made "Partial": less than supported.
    partial = edited(FILELESS, FILELESS.replace("| ✔ | ✔ |", "| ✔ | Partial |"))
    row = "windows-machine-support/fileless-security-alerts"
    narrowed = diff(side(NEW), partial)
    assert rows(narrowed) == [("status_changed", "breaking", row, "azure-arc-enabled-servers")]
    assert "supported → partial" in render_text(narrowed)
    widened = diff(partial, side(NEW))
    assert rows(widened) == [("status_changed", "relaxing", row, "azure-arc-enabled-servers")]
    # A blank cell in a verdict column is no verdict (MX013): Partial -> blank loses the
    # partial support it stated, blank -> Partial gains it.
    blank = edited(FILELESS, FILELESS.replace("| ✔ | ✔ |", "| ✔ |  |"))
    lost = diff(partial, blank)
    assert rows(lost) == [("status_changed", "breaking", row, "azure-arc-enabled-servers")]
    assert "partial → no verdict" in render_text(lost)
    gained = diff(blank, partial)
    assert rows(gained) == [("status_changed", "relaxing", row, "azure-arc-enabled-servers")]
    # "-" (not supported) -> Partial: something is allowed now.
    byol = "| Non-Microsoft vulnerability assessment Bring Your Own License (BYOL) | ✔ | - | No |"
    some = diff(side(NEW), edited(byol, byol.replace("| ✔ | - |", "| ✔ | Partial |")))
    assert rows(some) == [
        (
            "status_changed",
            "relaxing",
            "windows-machine-support/non-microsoft-vulnerability-assessment-bring-your-own-license-byol",
            "azure-arc-enabled-servers",
        )
    ]
    assert json.loads(render_json(some))["changes"][0]["new"] == "partial"


A2A = CORPUS / "matrices" / "azure-to-azure-support-matrix.md"


@pytest.mark.parametrize(
    "edit",
    [
        # A release's new row on top of "Supported Ubuntu kernel versions" (the document adds
        # one per mobility service release): the rows below keep their ids and their pairs.
        (
            "14.04 LTS | [9.56]() | No new 14.04 LTS kernels supported in this release. |\n",
            "14.04 LTS | [9.57]() | No new 14.04 LTS kernels supported in this release. |\n"
            "14.04 LTS | [9.56]() | No new 14.04 LTS kernels supported in this release. |\n",
        ),
    ],
)
def test_a_row_added_above_rows_of_its_key_is_the_one_added(edit: tuple[str, str]) -> None:
    text = A2A.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1
    changed = text.replace(*edit)
    old = rule_file(compile_file(A2A))
    new = rule_file(compile_text(changed, changed.encode(), A2A.as_posix()))
    section = "supported-ubuntu-kernel-versions-for-azure-virtual-machines"
    assert rows(diff(old, new)) == [("row_added", "neutral", f"{section}/1404-lts-957", None)]
    # Its removal, the mirror, is breaking: a configuration naming that row loses its rule.
    assert rows(diff(new, old)) == [("row_removed", "breaking", f"{section}/1404-lts-957", None)]
