"""Scenario discovery and unification, from the spellings real documents use."""

from __future__ import annotations

import pytest

from compiler.frontend.build import build
from compiler.frontend.parse import parse
from compiler.frontend.scenarios import Found, acronyms, match, match_all, words
from compiler.project.pipeline import compile_file

from .conftest import ALL_DOCS, REFERENCE, REVISIONS

WITH = "hyper-v-with-virtual-machine-manager"
WITHOUT = "hyper-v-without-virtual-machine-manager"
LABELS = ["Hyper-V with Virtual Machine Manager", "Hyper-V without Virtual Machine Manager"]


@pytest.fixture(scope="module")
def known() -> tuple[list[Found], dict[str, tuple[str, ...]]]:
    expand = acronyms("", LABELS)
    return [
        Found(label.lower().replace(" ", "-"), label, words(label, expand), 1) for label in LABELS
    ], expand


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Hyper-V with Virtual Machine Manager", WITH),
        ("**Hyper-V with Virtual Machine Manager**", WITH),
        ("Hyper-V with VMM", WITH),
        ("**Hyper-V with VMM**", WITH),
        ("Hyper-V without VMM)", WITHOUT),  # 2017: stray parenthesis in a header
        ("Hyper-V (running with Virtual Machine Manager)", WITH),
        ("Hyper-V (running without Virtual Machine Manager)", WITHOUT),
        ("Hyper-V with Virtual Machine Manager <br> <br>", WITH),
        ("hyper-v WITHOUT virtual machine manager", WITHOUT),
    ],
)
def test_spellings_unify(
    spelling: str, expected: str, known: tuple[list[Found], dict[str, tuple[str, ...]]]
) -> None:
    found, expand = known
    hit = match(spelling, found, expand)
    assert hit is not None
    assert hit.id == expected


@pytest.mark.parametrize(
    "label", ["Hyper-V", "Details", "Requirements", "VMware", "Virtual Machine Manager", ""]
)
def test_other_labels_name_no_scenario(
    label: str, known: tuple[list[Found], dict[str, tuple[str, ...]]]
) -> None:
    found, expand = known
    assert match(label, found, expand) is None


def test_with_slash_without_names_both(
    known: tuple[list[Found], dict[str, tuple[str, ...]]],
) -> None:
    found, expand = known
    hits = match_all("Hyper-V (with/without Virtual Machine Manager)", found, expand)
    assert [h.id for h in hits] == [WITH, WITHOUT]


def test_acronym_definitions_in_text_are_used() -> None:
    expand = acronyms("System Center Virtual Machine Manager (VMM) fabric", [])
    assert expand["vmm"] == ("virtual", "machine", "manager")


def test_reference_scenarios_and_aliases() -> None:
    matrix = compile_file(REFERENCE)
    assert [(s.id, s.label, s.aliases) for s in matrix.scenarios] == [
        (WITH, "Hyper-V with Virtual Machine Manager", ("Hyper-V with VMM",)),
        (WITHOUT, "Hyper-V without Virtual Machine Manager", ("Hyper-V without VMM",)),
    ]
    # The vault table spells the scenarios "Hyper-V with VMM": its columns still map.
    vault = next(s for s in matrix.sections if s.id == "recovery-services-vault-actions")
    assert [c.scenarios for c in vault.tables[0].columns] == [(), (WITH,), (WITHOUT,)]


def test_key_cells_that_name_a_scenario_apply_to_it_only() -> None:
    matrix = compile_file(REFERENCE)
    rows = {r.key: r for _, _, r in matrix.rows()}
    assert rows["Hyper-V (running without Virtual Machine Manager)"].scenarios == (WITHOUT,)
    assert rows["Hyper-V (running with Virtual Machine Manager)"].scenarios == (WITH,)
    assert rows["VM name"].scenarios == ()


@pytest.mark.parametrize("doc", REVISIONS, ids=lambda p: p.name)
def test_every_revision_has_exactly_two_scenarios(doc: object) -> None:
    matrix = compile_file(doc)  # type: ignore[arg-type]
    assert len(matrix.scenarios) == 2
    for table in (t for s in matrix.sections for t in s.tables):
        scenario_columns = [c for c in table.columns if c.role == "scenario"]
        assert len(scenario_columns) in (0, 2), table.line


def test_a_table_naming_both_scenarios_in_one_column() -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "**Feature** | **Hyper-V with Virtual Machine Manager** | "
        "**Hyper-V without Virtual Machine Manager**",
        "**Feature** | **Hyper-V (with/without Virtual Machine Manager)**",
    )
    matrix = build(parse(text), path="x.md", data=text.encode())
    compute = next(s for s in matrix.sections if s.id == "azure-compute-features")
    column = compute.tables[0].columns[1]
    assert column.role == "scenario"
    assert column.scenarios == (WITH, WITHOUT)


def test_matrix_without_scenarios_gets_one_that_covers_all() -> None:
    a2a = compile_file(next(d for d in ALL_DOCS if d.name.startswith("azure-to-azure")))
    assert [s.id for s in a2a.scenarios] == ["all"]


# A predecessor matrix in the 2017 style: no "Supported scenarios" table, a column naming two
# scenarios at once, and a later table spelling them out. (Written for this test.)
PREDECESSOR = """\
# Support matrix for replication to Azure

Hosts can be managed by System Center Virtual Machine Manager (VMM).

## Deployment options

**Feature** | **VMware/physical server** | **Hyper-V (with/without VMM)**
--- | --- | ---
Azure portal | Yes | Yes
Classic portal | Maintenance mode only. No new vaults. | Maintenance mode only.
PowerShell | Not currently supported | Supported

## Failback

**Feature** | **Hyper-V with VMM** | **Hyper-V without VMM**
--- | --- | ---
Failback to on-premises | Yes | No
"""


def test_scenario_columns_without_a_scenarios_table() -> None:
    from compiler.emit.rules import rule_file

    matrix = build(parse(PREDECESSOR), path="m.md", data=PREDECESSOR.encode())
    assert [s.label for s in matrix.scenarios] == [
        "VMware/physical server",
        "Hyper-V with VMM",
        "Hyper-V without VMM",
    ]
    ids = [s.id for s in matrix.scenarios]
    first = matrix.sections[1].tables[0]
    assert first.columns[2].scenarios == (ids[1], ids[2])  # with/without: both
    second = matrix.sections[2].tables[0]
    assert [c.scenario for c in second.columns[1:]] == ids[1:]  # unified across tables
    rules = {r.id: r for r in rule_file(matrix).rules}
    assert rules[f"deployment-options/powershell@{ids[0]}"].status == "not_supported"
    assert rules[f"deployment-options/powershell@{ids[2]}"].status == "supported"
    assert rules[f"failback/failback-to-on-premises@{ids[1]}"].status == "supported"
    assert rules[f"failback/failback-to-on-premises@{ids[2]}"].status == "not_supported"
    # the failback table crosses only the Hyper-V scenarios
    assert f"failback/failback-to-on-premises@{ids[0]}" not in rules
    assert any(d.code == "MX012" for d in matrix.diagnostics)


def test_the_2017_revision_keeps_its_scenarios_table() -> None:
    matrix = compile_file(REVISIONS[0])
    assert [s.label for s in matrix.scenarios] == ["Hyper-V with VMM", "Hyper-V without VMM"]
    roles = [c.role for s in matrix.sections for t in s.tables for c in t.columns]
    assert roles.count("scenario") >= 10


def test_acronym_scan_completes_on_a_cell_of_capitals() -> None:
    """64 KB of capital letters (and of '(AB)') took quadratic time in `acronyms` (issue 11);
    the scan now reads each definition's words backwards from its parenthesis."""
    assert acronyms("A" * 65536, ["A" * 200]) == {}
    assert acronyms("(AB)" * 16384, []) == {}
    defined = acronyms("Virtual Machine Manager (VMM) " * 2000, [])
    assert defined["vmm"] == ("virtual", "machine", "manager")


def test_a_column_of_dates_is_no_scenario() -> None:
    # Cluster API's release table: lifecycle events under "Supported Until" read as stages (EOL),
    # but a date says when, not where; the provider matrix below it has the real targets.
    text = """\
# Cluster API versions

## Release support

| Minor Release | Status                  | Supported Until (including maintenance mode) |
|---------------|-------------------------|----------------------------------------------|
| v1.12.x       | Standard support period | Maintenance mode since 2026-08-18 |
| v1.11.x       | EOL                     | EOL since 2026-08-18 - v1.14.0 release date |
| v1.10.x       | EOL                     | EOL since 2026-04-21 - v1.13.0 release date |

## Core provider

|                  | v1.12 | v1.13 | v1.14 |
|------------------|-------|-------|-------|
| Kubernetes v1.31 | ✓     | ✓     | ✓     |
| Kubernetes v1.32 | ✓     | ✓     | ✓     |
"""
    m = build(parse(text), path="capi.md", data=text.encode())
    assert [s.label for s in m.scenarios] == ["v1.12", "v1.13", "v1.14"]
    release = m.sections[1].tables[0]
    assert [c.role for c in release.columns] == ["key", "requirement", "details"]


@pytest.mark.parametrize(
    ("label", "wanted"),
    [
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("C", "c"),
        ("C++17", "c-plus-plus-17"),  # C++'s standard, not C's "C17"
        ("C++/CLI", "c-plus-plus-cli"),
        ("Windows+Linux", "windowslinux"),  # a "+" between words joins them, as a slug does
        ("LRS+ZRS", "lrszrs"),
    ],
)
def test_a_name_s_plus_and_sharp_are_said_where_they_end_it(label: str, wanted: str) -> None:
    from compiler.frontend.scenarios import scenario_id

    assert scenario_id(label) == wanted
