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
