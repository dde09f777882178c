"""`matrixc diff OLD NEW --inventory FILE`: the configurations whose verdict a new revision changes.

The revisions are the reference matrix's real history (../shared/corpus/hyper-v-azure-revisions/);
each configuration below was chosen from reading both revisions' rows:

2024-12-19 -> 2026-09-11
- "Operating system disk size" for generation 2 VMs: "Up to 4 TB" (L171) -> "Up to 4,095 GiB"
  (L185): a 4 TB disk passed and now fails;
- "Data disk count | 16 or less" (L173) is gone: 17 disks failed, the new revision no longer
  checks the count (the fact is named as unchecked there);
- "Hyper-V (running without Virtual Machine Manager)": Windows Server 2025 joined the list (L35);
- "VM security type: Trusted Launch or confidential VM | No | No" is new (L175): a machine that
  uses it passed (no row) and now fails;
- "Data disk VHD size": "Up to 32 TB" (L174) -> "From 1 GiB through 32,767 GiB" (L188): 32 TB
  passed and now fails; 40 TB fails under both, with another finding;
- a machine within every limit of both is unchanged.

2023-05-26 -> 2024-12-19: "Guest VM network: Static IP (Linux)" went from No (L69) to Yes (L70).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from compiler.cli.main import main
from compiler.diff.engine import diff
from compiler.model.changes import Changes
from compiler.project import fleet as fleet_module
from compiler.project.fleet import Fleet, Summary
from compiler.project.history import load_side

from .conftest import REVISIONS

R2023, R2024, R2026, R2026B = (str(REVISIONS[i]) for i in (3, 4, 5, 6))

HEADER = (
    "name,scenario,generation,Operating system disk size,Data disk count,Data disk VHD size,"
    "Hyper-V (running without Virtual Machine Manager),"
    "VM security type: Trusted Launch or confidential VM"
)
ROWS = [
    "os-4tb,Hyper-V with VMM,2,4 TB,,,,",
    "disks-17,Hyper-V with VMM,,,17,,,",
    "host-2025,Hyper-V without VMM,,,,,Windows Server 2025,",
    "trusted,Hyper-V with VMM,,,,,,true",
    "steady,Hyper-V with VMM,2,1 TB,8,10 TB,,false",
    "vhd-32tb,Hyper-V with VMM,,,,32 TB,,",
    "vhd-40tb,Hyper-V with VMM,,,,40 TB,,",
]


def write_csv(tmp_path: Path, rows: list[str] = ROWS, name: str = "fleet.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


def messages(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(f["severity"], f["row"], f["message"]) for f in findings]


def test_csv_inventory_across_2024_and_2026(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = report(capsys, "diff", R2024, R2026, "--inventory", str(write_csv(tmp_path)))
    assert code == 0
    by_name = {c["name"]: c for c in data["configurations"]}
    assert [(c["name"], c["change"]) for c in data["configurations"]] == [
        ("os-4tb", "newly_failing"),
        ("disks-17", "newly_passing"),
        ("host-2025", "newly_passing"),
        ("trusted", "newly_failing"),
        ("vhd-32tb", "newly_failing"),
        ("vhd-40tb", "findings_changed"),
    ]
    assert by_name["os-4tb"]["where"].endswith("fleet.csv:2")
    os4 = by_name["os-4tb"]
    assert (os4["old"]["verdict"], os4["new"]["verdict"]) == ("pass", "fail")
    assert os4["removed"] == []
    assert messages(os4["added"]) == [
        (
            "error",
            "azure-vm-requirements/operating-system-disk-size",
            "Operating system disk size: 4 TB is outside the limit: at most 4 TB "
            "('Up to 4,095 GiB'), for generation 2 VMs",
        )
    ]
    assert os4["added"][0]["source"]["line"] == 185
    disks = by_name["disks-17"]
    assert messages(disks["removed"]) == [
        (
            "error",
            "azure-vm-requirements/data-disk-count",
            "Data disk count: 17 is outside the limit: at most 16 ('16 or less')",
        )
    ]
    assert disks["added"] == []
    assert disks["new"]["unchecked"] == ["Data disk count"]
    assert disks["old"]["unchecked"] == []
    host = by_name["host-2025"]
    assert host["new"]["scenario"] == "hyper-v-without-virtual-machine-manager"
    assert "'Windows Server 2025' is not one of" in host["removed"][0]["message"]
    trusted = by_name["trusted"]
    assert trusted["old"]["unchecked"] == ["VM security type: Trusted Launch or confidential VM"]
    assert [f["source"]["line"] for f in trusted["added"]] == [175]
    assert (
        "not supported in Hyper-V with Virtual Machine Manager: 'No'"
        in (trusted["added"][0]["message"])
    )
    assert "('From 1 GiB through 32,767 GiB')" in by_name["vhd-32tb"]["added"][0]["message"]
    forty = by_name["vhd-40tb"]
    assert (forty["old"]["verdict"], forty["new"]["verdict"]) == ("fail", "fail")
    assert "('Up to 32 TB')" in forty["removed"][0]["message"]
    assert "('From 1 GiB through 32,767 GiB')" in forty["added"][0]["message"]
    assert data["summary"] == {
        "configurations": 7,
        "unchanged": 1,
        "newly_failing": 3,
        "newly_passing": 2,
        "newly_unusable": 0,
        "findings_changed": 1,
        "old": {"pass": 4, "fail": 3, "unusable": 0},
        "new": {"pass": 3, "fail": 4, "unusable": 0},
    }
    assert data["matrix"]["bump"] == "major"


def test_fail_on_newly_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = str(write_csv(tmp_path))
    code, _out, _ = run(
        capsys, "diff", R2024, R2026, "--inventory", inventory, "--fail-on", "newly-failing"
    )
    assert code == 1
    # Only machines the new revision lets through: the gate stays open.
    relaxed = str(write_csv(tmp_path, [ROWS[1], ROWS[2], ROWS[4]], "relaxed.csv"))
    code, out, _ = run(
        capsys, "diff", R2024, R2026, "--inventory", relaxed, "--fail-on", "newly-failing"
    )
    assert code == 0
    assert (
        "0 newly failing, 0 newly unusable, 2 newly passing, 0 findings changed, 1 unchanged" in out
    )
    code, _, _ = run(capsys, "diff", R2024, R2026, "--inventory", relaxed, "--exit-code")
    assert code == 1  # something changed


def test_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", R2024, R2026, "--inventory", str(write_csv(tmp_path)))
    assert code == 0
    assert "NEWLY FAILING os-4tb (Hyper-V with Virtual Machine Manager)" in out
    assert "fleet.csv:2: PASS → FAIL" in out
    assert "  note: 'Data disk count' has no row in the new revision: not checked" in out
    assert "NEWLY PASSING host-2025 (Hyper-V without Virtual Machine Manager)" in out
    assert "steady" not in out  # unchanged configurations are only counted
    assert out.rstrip().endswith(
        "7 configurations: 3 newly failing, 0 newly unusable, 2 newly passing, "
        "1 findings changed, 1 unchanged (old 4 pass, 3 fail, 0 unusable; "
        "new 3 pass, 4 fail, 0 unusable)"
    )


def test_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [*ROWS, "<img src=x onerror=alert(1)>|x,Hyper-V with VMM,2,4 TB,,,,"]
    code, out, _ = run(
        capsys,
        "diff",
        R2024,
        R2026,
        "--inventory",
        str(write_csv(tmp_path, rows)),
        "--format",
        "markdown",
    )
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("**matrixc fleet impact:** **▼ 4 newly failing** · 0 newly unusable")
    assert "1 unchanged, of 8 configurations — matrix major bump" in first
    html = MarkdownIt("gfm-like", {"linkify": False}).render(out)
    assert html.count("<table>") == 3  # newly failing, newly passing, findings changed
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    section = out.split("### Newly failing (4)")[1].split("###")[0]
    names = [
        line.split(" | ")[0].removeprefix("| ")
        for line in section.splitlines()
        if line.startswith("| ") and "---" not in line
    ]
    assert names[1:] == ["os-4tb", "trusted", "vhd-32tb", "&lt;img src=x onerror=alert(1)&gt;\\|x"]


def test_markdown_lists_at_most_its_rows_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fleet_module, "MARKDOWN_ROWS", 2)
    _, out, _ = run(
        capsys,
        "diff",
        R2024,
        R2026,
        "--inventory",
        str(write_csv(tmp_path)),
        "--format",
        "markdown",
    )
    assert "*… and 1 more newly failing (`--format json` lists them all).*" in out


def test_jsonl_inventory_and_a_status_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fleet.jsonl"
    lines = [
        {
            "name": "linux-static",
            "scenario": "Hyper-V with VMM",
            "facts": {"Guest VM network: Static IP (Linux)": True},
        },
        {
            "name": "linux-dhcp",
            "scenario": "Hyper-V with VMM",
            "facts": {"Guest VM network: Static IP (Linux)": False},
        },
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    code, data = report(
        capsys, "diff", R2023, R2024, "--inventory", str(path), "--fail-on", "newly-failing"
    )
    assert code == 0
    [only] = data["configurations"]
    assert (only["name"], only["change"], only["where"][-2:]) == (
        "linux-static",
        "newly_passing",
        ":1",
    )
    assert messages(only["removed"]) == [
        (
            "error",
            "hyper-v-network-configuration/guest-vm-network-static-ip-linux",
            "Guest VM network: Static IP (Linux): not supported in Hyper-V with Virtual Machine "
            "Manager: 'No'",
        )
    ]
    assert only["removed"][0]["source"]["line"] == 69
    assert data["summary"]["unchanged"] == 1


def test_a_date_only_revision_changes_no_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Neither 2026 revision has "Data disk count": that column is left out here.
    path = tmp_path / "fleet.csv"
    keep = [i for i, c in enumerate(HEADER.split(",")) if c != "Data disk count"]
    lines = [",".join(line.split(",")[i] for i in keep) for line in [HEADER, *ROWS]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, data = report(capsys, "diff", R2026, R2026B, "--inventory", str(path))
    assert code == 0
    assert data["configurations"] == []
    assert data["summary"]["unchanged"] == 7
    assert data["summary"]["new"] == {"pass": 3, "fail": 4, "unusable": 0}
    # Where neither revision knows a column, the inventory is unusable, as for `validate`.
    code, _, err = run(capsys, "diff", R2026, R2026B, "--inventory", str(write_csv(tmp_path)))
    assert code == 2
    assert "fleet.csv:1: column 5: unknown fact 'Data disk count'" in err


def test_a_configuration_the_new_revision_cannot_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A row naming a scenario neither revision has: unusable under both.
    rows = [*ROWS[:1], "nowhere,Hyper-V on Mars,,,,,,"]
    code, out, err = run(
        capsys, "diff", R2024, R2026, "--inventory", str(write_csv(tmp_path, rows))
    )
    assert code == 2  # a configuration neither revision can check is bad input
    assert "fleet.csv:3: nowhere: unknown scenario 'Hyper-V on Mars'" in err
    assert "1 of 2 configurations could not be checked under either revision" in err
    assert "NEWLY FAILING os-4tb" in out  # the report is still written


def test_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", R2024, R2026, "--fail-on", "newly-failing")
    assert code == 2
    assert "need --inventory FILE" in err
    code, _, err = run(capsys, "diff", R2024, R2026, "--inventory", str(tmp_path / "none.csv"))
    assert code == 2
    assert err.strip().endswith("none.csv: no such file")
    assert len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("name,scenario,Warp drive\nvm,Hyper-V with VMM,true\n", encoding="utf-8")
    code, out, err = run(capsys, "diff", R2024, R2026, "--inventory", str(bad))
    assert code == 2
    assert out == ""
    assert "bad.csv:1: column 3: unknown fact 'Warp drive'" in err
    assert len(err.strip().splitlines()) == 1


def test_validators_built_once_and_inventory_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler.emit import validator

    calls = []
    real = validator.emit_validator
    monkeypatch.setattr(validator, "emit_validator", lambda rf: calls.append(rf.id) or real(rf))
    old, new = load_side(R2024), load_side(R2026)
    fleet = Fleet(old, new)
    assert len(calls) == 2

    class Item:
        def __init__(self, i: int) -> None:
            self.name, self.where = f"vm{i}", f"gen:{i}"
            self.config: dict[str, Any] | None = {
                "scenario": "Hyper-V with VMM",
                "facts": {"Data disk count": 17 if i % 1000 == 999 else 3},
            }
            self.error = None

    def endless() -> Iterator[Item]:
        for i in itertools.count():
            yield Item(i)

    import io

    impacts = fleet.run(endless(), None, Summary(), io.StringIO())
    first = next(impacts)  # an endless inventory: the first change comes without reading on
    assert (first.name, first.kind) == ("vm999", "newly_passing")
    assert len(calls) == 2


def test_the_matrix_diff_is_the_one_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    changes: Changes = diff(load_side(R2024), load_side(R2026))
    _, data = report(capsys, "diff", R2024, R2026, "--inventory", str(write_csv(tmp_path)))
    assert data["matrix"] == {"bump": changes.bump, "counts": changes.counts()}


def test_help_documents_the_gate_and_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    out = capsys.readouterr().out
    assert "--inventory FILE" in out
    assert "newly-failing: with --inventory, a configuration newly failing or newly" in " ".join(
        out.split()
    )
    assert "matrixc diff old.md new.md --inventory fleet.csv --fail-on newly-failing" in out


def test_two_columns_for_one_fact_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "twice.csv"
    bad.write_text(
        "name,scenario,Data disk count,data-disk-count\nvm,Hyper-V with VMM,3,4\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "diff", R2024, R2026, "--inventory", str(bad))
    assert code == 2
    assert out == ""
    assert "twice.csv:1: columns 3 ('Data disk count') and 4 ('data-disk-count') give" in err
