"""Every real document parses completely: no table row and no callout is lost.

Rows and callouts are counted here with a line scanner that shares no code with the parser, so a
parser that drops a row (GFM drops refused tables and excess cells) cannot agree by accident.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler.frontend.text import to_text
from compiler.model.matrix import Matrix
from compiler.project.pipeline import compile_file

from .conftest import ALL_DOCS, REFERENCE

DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
CALLOUT = re.compile(r"^\s*(>\s*)+\[!(note|important|warning|tip|caution)\]", re.IGNORECASE)
INCLUDE = re.compile(r"\[!INCLUDE", re.IGNORECASE)


def count_independently(text: str) -> tuple[int, int, int, int]:
    """(tables, body rows, callouts, includes) by scanning lines: a header line with a pipe,
    then a delimiter line, then every non-blank line up to the next blank or heading."""
    lines = text.split("\n")
    tables = rows = 0
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and DELIMITER.match(lines[i + 1]) and "-" in lines[i + 1]:
            tables += 1
            i += 2
            while i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("#"):
                rows += 1
                i += 1
        else:
            i += 1
    callouts = sum(1 for ln in lines if CALLOUT.match(ln))
    includes = len(INCLUDE.findall(text))
    return tables, rows, callouts, includes


def model_counts(m: Matrix) -> tuple[int, int, int, int]:
    notes = [n for s in m.sections for n in s.notes]
    return (
        sum(len(s.tables) for s in m.sections),
        len(m.rows()),
        sum(1 for n in notes if n.kind not in ("include", "row_note")),
        sum(1 for n in notes if n.kind == "include"),
    )


@pytest.mark.parametrize("doc", ALL_DOCS, ids=lambda p: p.name)
def test_no_row_or_callout_is_lost(doc: Path) -> None:
    expected = count_independently(doc.read_text(encoding="utf-8"))
    assert model_counts(compile_file(doc)) == expected


@pytest.mark.parametrize("doc", ALL_DOCS, ids=lambda p: p.name)
def test_rows_point_at_their_source_line(doc: Path) -> None:
    lines = doc.read_text(encoding="utf-8").split("\n")
    matrix = compile_file(doc)
    for _, _, row in matrix.rows():
        source = to_text(lines[row.line - 1].replace("|", " "))
        if row.key:  # a few real rows ("|||") have an empty key cell
            assert row.key.replace("|", " ").split()[0] in source, (row.line, row.key)
        for cell in row.cells:
            assert cell.raw in lines[row.line - 1]


def test_reference_has_93_rows_in_13_tables() -> None:
    matrix = compile_file(REFERENCE)
    assert sum(len(s.tables) for s in matrix.sections) == 13
    assert len(matrix.rows()) == 93
    assert (
        matrix.title == "Support matrix for disaster recovery of on-premises Hyper-V VMs to Azure"
    )
    assert matrix.source.date == "2024-12-19"


def test_refused_tables_are_recovered_with_a_diagnostic() -> None:
    doc = next(d for d in ALL_DOCS if d.name.startswith("2017-12-31"))
    matrix = compile_file(doc)
    recovered = [t for s in matrix.sections for t in s.tables if t.recovered]
    assert [t.line for t in recovered] == [82, 167]
    assert [d.line for d in matrix.diagnostics if d.code == "MX001"] == [83, 168]
    host_storage = recovered[0]
    assert [r.key for r in host_storage.rows] == [
        "NFS",
        "SMB 3.0",
        "SAN (ISCSI)",
        "Multi-path (MPIO)",
    ]


def test_ragged_rows_keep_every_cell() -> None:
    doc = next(d for d in ALL_DOCS if d.name.startswith("2017-12-31"))
    matrix = compile_file(doc)
    rows = {r.key: r for _, _, r in matrix.rows()}
    disk = rows["Disk > 1 TB"]
    assert [c.raw for c in disk.cells] == [
        "Disk > 1 TB",
        "",
        "Yes<br/><br/>Up to 4095 GB",
        "Yes<br/><br/>Up to 4095 GB",
    ]
    assert any(d.code == "MX003" and d.line == disk.line for d in matrix.diagnostics)
    teaming = rows["Host network:NIC teaming"]
    assert len(teaming.cells) == 2
    assert any(d.code == "MX002" and d.line == teaming.line for d in matrix.diagnostics)


def test_callouts_in_every_spelling() -> None:
    a2a = compile_file(next(d for d in ALL_DOCS if d.name.startswith("azure-to-azure")))
    notes = [n for s in a2a.sections for n in s.notes]
    kinds = {n.kind for n in notes}
    assert {"note", "important"} <= kinds
    # `>[!Note]` (no space, mixed case) on line 365 is a note like any other.
    assert any(n.line == 365 and n.kind == "note" for n in notes)


def test_row_notes_and_key_continuations_are_kept() -> None:
    matrix = compile_file(REFERENCE)
    rows = {r.id: r for _, _, r in matrix.rows()}
    server = rows["on-premises-servers/hyper-v-running-without-virtual-machine-manager"]
    assert [n.text for n in server.notes] == [
        "Server core installations of these operating systems are also supported."
    ]
    efi = rows["hyper-v-vm-guest-storage/efiuefi"]
    assert efi.key == "EFI/UEFI"
    assert efi.notes[0].text.startswith("The migrated VM in Azure will be automatically converted")


def test_row_ids_follow_github_anchor_rules() -> None:
    matrix = compile_file(REFERENCE)
    ids = [r.id for _, _, r in matrix.rows()]
    assert "hyper-v-network-configuration/guest-vm-network-ipv6" in ids
    assert "vmdisk-management/resize-disk-on-replicated-hyper-v-vm" in ids
    assert "hyper-v-vm-guest-storage/disk-1-tb" in ids
    assert len(ids) == len(set(ids))
    # NFS appears twice in one section in no document, but twice across sections here: ids differ.
    assert "hyper-v-host-storage/nfs" in ids
    assert "hyper-v-vm-guest-storage/nfs" in ids


def test_duplicate_keys_get_github_suffixes() -> None:
    a2a = compile_file(next(d for d in ALL_DOCS if d.name.startswith("azure-to-azure")))
    ids = [r.id for _, _, r in a2a.rows()]
    assert len(ids) == len(set(ids))
    # "SUSE Linux Enterprise Server 11" has two rows of "Linux" (SP3, SP4 in a column of
    # requirements, not a sub-key): the second takes a suffix, and MX005 says whose id it is.
    assert {"linux/suse-linux-enterprise-server-11", "linux/suse-linux-enterprise-server-11-1"} <= {
        *ids
    }
    messages = [d.message for d in a2a.diagnostics if d.code == "MX005"]
    assert (
        "key 'SUSE Linux Enterprise Server 11' has the id 'linux/suse-linux-enterprise-server-11'"
        " of an earlier row in this section: it gets a suffix"
    ) in messages


def test_a_column_that_tells_repeated_keys_apart_is_their_sub_key() -> None:
    # "Supported Ubuntu kernel versions": "Release | Mobility service version | Kernel version",
    # five "14.04 LTS" rows, one per mobility service version (9.56 … 9.52): each row's id
    # says its version, so the release that adds a row on top renames none of the others.
    a2a = compile_file(next(d for d in ALL_DOCS if d.name.startswith("azure-to-azure")))
    section = "supported-ubuntu-kernel-versions-for-azure-virtual-machines"
    ids = [r.id for _, _, r in a2a.rows() if r.id.startswith(f"{section}/1404-lts")]
    assert ids == [f"{section}/1404-lts-{v}" for v in ("956", "955", "954", "953", "952")]
