"""Matrices beyond the Azure Site Recovery family (../shared/corpus/beyond/): scenario columns
found from the tables themselves, the verdict vocabulary, legends, footnotes, limits, structure.

Every expectation below was read off the document by hand. "Verdict cells" are the non-blank
cells of the columns a reader would call verdict columns: listed per document in VERDICT_COLUMNS
as (section id, column label), because a rule that derived them from what the compiler read
could not fail. Values such as hash names (rclone's Hash), dates, owners or links are not
verdicts and are not counted; blank cells are counted apart (they are null, never guessed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compiler.cli.main import main
from compiler.emit.rules import rule_file
from compiler.model.matrix import Cell, Matrix
from compiler.project.pipeline import compile_file

from .conftest import CORPUS, ROOT

BEYOND = CORPUS / "beyond"
DOCS = sorted(p for p in BEYOND.glob("*.md") if p.name != "README.md")

# What each document's scenario columns are (labels as the model spells them).
SCENARIOS: dict[str, list[str]] = {
    "traefik-mesh-compatibility.md": ["K8s 1.21", "K8s 1.22", "K8s 1.23"],
    "k8s-client-go-readme.md": [f"Kubernetes 1.{n}" for n in range(29, 35)],
    "fury-logging-compatibility-matrix.md": [f"Kubernetes 1.{n}.X" for n in range(20, 32)]
    + [f"Kubernetes 1.{n}.X" for n in range(14, 20)],
    "azure-monitor-agent-supported-os.md": ["Azure Monitor agent", "Legacy agent"],
    "defender-for-servers__2025-11-17.md": [
        "Azure",
        "Azure Government",
        "Microsoft Azure operated by 21Vianet",
        "Azure VMs",
        "Azure Arc-enabled servers",
        "Azure Arc-enabled machines",
        "AWS",
        "GCP",
    ],
    "aks-backup-support-matrix.md": ["All deployments"],
}
SCENARIOS["defender-for-servers__2026-06-12.md"] = SCENARIOS["defender-for-servers__2025-11-17.md"]
RCLONE_BACKENDS = 57  # distinct backends over the Features and Optional Features tables
CONTAINERD_PLATFORMS = [
    "linux/amd64",
    "linux/arm64",
    "windows/amd64",
    "linux/ppc64le",
    "linux/riscv64",
    "linux/s390x",
    "linux/arm/v7",
    "linux/arm/v5",
    "linux/loong64",
    "darwin/arm64",
    "freebsd/amd64",
    "freebsd/arm64",
    "windows/arm64",
]

_RCLONE_OPTIONAL = [
    "Purge",
    "Copy",
    "Move",
    "DirMove",
    "CleanUp",
    "ListR",
    "StreamUpload",
    "MultithreadUpload",
    "LinkSharing",
    "About",
    "EmptyDir",
]
VERDICT_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "traefik-mesh-compatibility.md": [
        ("compatibility-by-features", f"K8s 1.{n}") for n in (21, 22, 23)
    ],
    "k8s-client-go-readme.md": [
        *(("compatibility-matrix", f"Kubernetes 1.{n}") for n in range(29, 35)),
        ("compatibility-matrix", "Maintenance status"),
    ],
    "fury-logging-compatibility-matrix.md": [
        *(("compatibility-matrix", f"1.{n}.X") for n in range(20, 32)),
        *(("legacy-versions", f"1.{n}.X") for n in range(14, 24)),
    ],
    "azure-monitor-agent-supported-os.md": [
        (s, c)
        for s in ("windows-operating-systems", "linux-operating-systems", "linux-hardening")
        for c in ("Azure Monitor agent", "Legacy agent", "Legacy Agent")
    ],
    "defender-for-servers__2025-11-17.md": [
        ("azure-cloud-support", "Azure"),
        ("azure-cloud-support", "Azure Government"),
        ("azure-cloud-support", "Microsoft Azure operated by 21Vianet 21Vianet"),
        *(
            (s, c)
            for s in ("windows-machine-support", "linux-machine-support")
            for c in (
                "Azure VMs Virtual Machine Scale Sets (Flexible orchestration)",
                "Azure Arc-enabled servers (including Azure VMware solution)",
                "Azure Arc-enabled machines",
                "Defender for Servers required",
            )
        ),
        ("multicloud-machines", "Availability in AWS"),
        ("multicloud-machines", "Availability in GCP"),
    ],
    "aks-backup-support-matrix.md": [("limitations", "Limit")],
    "rclone-overview.md": [
        *(
            ("features", c)
            for c in ("ModTime", "Case Insensitive", "Duplicate Files", "MIME Type", "Metadata")
        ),
        *(("optional-features", c) for c in _RCLONE_OPTIONAL),
    ],
    "containerd-releases.md": [
        ("current-state-of-containerd-releases", "Status"),
        ("kubernetes-support", "containerd Version"),
        ("kubernetes-support", "Kubernetes Version"),
        *(
            ("current-platforms", c)
            for c in (
                "Release artifacts",
                "Nightly builds",
                "Functional CI testing",
                "Build / compile check",
            )
        ),
        ("public-api-stability", "Status"),
    ],
}
VERDICT_COLUMNS["defender-for-servers__2026-06-12.md"] = VERDICT_COLUMNS[
    "defender-for-servers__2025-11-17.md"
]
# Verdict cells per document, counted by hand (non-blank cells of the columns above).
VERDICT_CELLS = {
    "traefik-mesh-compatibility.md": 6,
    "k8s-client-go-readme.md": 53,
    "azure-monitor-agent-supported-os.md": 90,
    "aks-backup-support-matrix.md": 5,
    "containerd-releases.md": 16 + 5 + 7 + 52 + 7,
}


def verdict_cells(matrix: Matrix, doc: str) -> tuple[list[Cell], int]:
    """(non-blank verdict cells, blank verdict cells) of the document's verdict columns."""
    wanted = set(VERDICT_COLUMNS[doc])
    found: list[Cell] = []
    blank = 0
    for section in matrix.sections:
        for table in section.tables:
            for row in table.rows:
                if row.kind != "data":
                    continue
                for cell in row.cells:
                    if cell.column >= len(table.columns):
                        continue
                    column = table.columns[cell.column]
                    if column.role == "key" or (section.id, column.label) not in wanted:
                        continue
                    if cell.text:
                        found.append(cell)
                    else:
                        blank += 1
    return found, blank


def is_read(cell: Cell) -> bool:
    return cell.status is not None or cell.stage is not None or bool(cell.constraints)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_verdict_coverage_is_at_least_95_percent(doc: Path) -> None:
    matrix = compile_file(doc)
    cells, _ = verdict_cells(matrix, doc.name)
    assert cells, "no verdict cells found: the column list is wrong"
    read = sum(1 for c in cells if is_read(c))
    assert read / len(cells) >= 0.95, (read, len(cells))
    if doc.name in VERDICT_CELLS:
        assert len(cells) == VERDICT_CELLS[doc.name]


@pytest.mark.parametrize("doc", sorted(SCENARIOS), ids=str)
def test_scenario_columns(doc: str) -> None:
    matrix = compile_file(BEYOND / doc)
    assert [s.label for s in matrix.scenarios] == SCENARIOS[doc]


def test_transposed_tables_keep_every_feature_column() -> None:
    matrix = compile_file(BEYOND / "rclone-overview.md")
    assert len(matrix.scenarios) == RCLONE_BACKENDS
    features = next(t for s in matrix.sections if s.id == "features" for t in s.tables)
    assert features.orientation == "rows"
    assert [c.role for c in features.columns] == ["key"] + ["feature"] * 6
    rules = {r.id: r for r in rule_file(matrix).rules}
    # One rule per feature column x backend: does SFTP do ModTime? Box Purge?
    assert rules["features/modtime@sftp"].text == "DR/W"
    assert rules["features/modtime@sftp"].status == "supported"  # the ModTime legend
    assert rules["features/modtime@dropbox"].status == "partial"  # R: can't be changed
    assert rules["optional-features/purge@box"].status == "supported"
    assert rules["optional-features/purge@1fichier"].status == "not_supported"
    assert rules["features/case-insensitive@sftp"].status == "partial"  # Depends
    # Every cell of every feature column is in the model and in a rule.
    for row in features.rows:
        assert len(row.cells) == 7
        for cell in row.cells[1:]:
            label = features.columns[cell.column].label.lower().replace(" ", "-")
            assert f"features/{label}@{row.scenarios[0]}" in rules
    platforms = compile_file(BEYOND / "containerd-releases.md")
    assert [s.label for s in platforms.scenarios] == CONTAINERD_PLATFORMS


def test_containerd_a_property_tells_its_groups_rows_apart() -> None:
    """ "Deprecated config properties" (L624): "Property Group | Property | …", a group's rows
    one per property (`[plugins."io.containerd.grpc.v1.cri".containerd]` on L628 and L629):
    each row's id says its property, a group of one row keeps the group's id, and no MX005."""
    matrix = compile_file(BEYOND / "containerd-releases.md")
    section = "deprecated-config-properties"
    ids = [r.id.removeprefix(section + "/") for s, _, r in matrix.rows() if s.id == section]
    group = "pluginsiocontainerdgrpcv1cri"
    assert ids[:7] == [
        group,  # L627, the only row of its group
        f"{group}containerd-untrusted_workload_runtime",
        f"{group}containerd-default_runtime",
        f"{group}containerdruntimes-runtime_engine",
        f"{group}containerdruntimes-runtime_root",
        f"{group}containerdruntimes-disable_cgroup",
        f"{group}containerdruntimesoptions",
    ]
    assert not [d for d in matrix.diagnostics if d.code == "MX005"]


def test_rclone_a_keys_footnote_marker() -> None:
    """The encodings table's "None ¹" (L391) is the row None, its footnote the one at L403."""
    matrix = compile_file(BEYOND / "rclone-overview.md")
    (row,) = [r for _, _, r in matrix.rows() if r.id.startswith("encoding/none")]
    assert (row.id, row.key) == ("encoding/none", "None")  # before: "encoding/none-¹"
    (note,) = row.cells[0].footnotes
    assert (note.marker, note.line) == ("1", 403)
    assert note.text is not None
    assert note.text.startswith("Encoding from NUL 0x00 to ␀ is always implicit except")


def test_rclone_mime_type_reads_with_project_verdicts(tmp_path: Path) -> None:
    """rclone says in prose that R and W mean reading and writing: the project says so too."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nverdicts = {"R/W" = "supported", "R" = "partial", "W" = "partial"}\n'
    )
    from compiler.project.config import load_config

    matrix = compile_file(BEYOND / "rclone-overview.md", load_config(tmp_path))
    rules = {r.id: r for r in rule_file(matrix).rules}
    assert rules["features/mime-type@amazon-s3"].status == "supported"
    assert rules["features/mime-type@1fichier"].status == "partial"
    cells, _ = verdict_cells(matrix, "rclone-overview.md")
    unread = [c.text for c in cells if not is_read(c)]
    assert unread == ["RU"]  # Oracle Object Storage's Metadata: no legend entry says what it is


def test_build_reads_the_project_verdicts_and_orientations_as_parse_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build` wrote rclone's "R/W" as unread text though `parse` read it as the project says
    (and a validator then passed what the rule forbids); a revision under history/ is read with
    the same words, else its diff showed every such cell changed."""
    docs = tmp_path / "source_docs"
    (docs / "history" / "rclone-overview").mkdir(parents=True)
    text = (BEYOND / "rclone-overview.md").read_text(encoding="utf-8")
    (docs / "rclone-overview.md").write_text(text, encoding="utf-8")
    (docs / "history" / "rclone-overview" / "a.md").write_text(text, encoding="utf-8")
    settings = '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
    words = 'verdicts = {"R/W" = "supported", "R" = "partial", "W" = "partial"}\n'
    (tmp_path / "pyproject.toml").write_text(settings + words, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-site", "-q"]) == 0
    from compiler.project.config import load_config
    from compiler.project.history import load_history_rules
    from compiler.project.sources import parse_rule_file

    written = (tmp_path / "generated" / "rules" / "rclone-overview.json").read_text("utf-8")
    rules = {r.id: r for r in parse_rule_file(written, "rclone-overview.json").rules}
    assert rules["features/mime-type@amazon-s3"].status == "supported"
    assert rules["features/mime-type@1fichier"].status == "partial"
    ((_, revision),) = load_history_rules(load_config(tmp_path))["rclone-overview"]
    assert {r.id: r.status for r in revision.rules} == {r.id: r.status for r in rules.values()}
    # an orientation for a table the matrix does not have: one line naming pyproject.toml
    wrong = '\n[tool.matrixc.orientation]\n"rclone-overview" = {"nowhere" = "rows"}\n'
    (tmp_path / "pyproject.toml").write_text(settings + wrong, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--no-site", "-q"]) != 0
    err = capsys.readouterr().err
    assert "pyproject.toml:5: [tool.matrixc.orientation]: orientation set for table 'no" in err
    assert "Traceback" not in err


def test_a_project_verdict_overrides_a_default_spelling_in_any_case(tmp_path: Path) -> None:
    """`"Yes" = "partial"` redefines the default "yes" (spellings are compared normalised): the
    reference's line 68, "Guest VM network: IPv6 | No | Yes", then reads partial."""
    from compiler.project.config import load_config

    reference = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
    ipv6 = (
        "hyper-v-network-configuration/guest-vm-network-ipv6"
        "@hyper-v-without-virtual-machine-manager"
    )
    for spelling in ("Yes", "yes", "YES"):
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.matrixc]\nverdicts = {{"{spelling}" = "partial"}}\n'
        )
        rules = {r.id: r for r in rule_file(compile_file(reference, load_config(tmp_path))).rules}
        assert rules[ipv6].status == "partial", spelling
    assert {r.id: r for r in rule_file(compile_file(reference)).rules}[ipv6].status == "supported"


def spot(matrix: Matrix, row_id: str, column: str) -> Cell:
    for _section, table, row in matrix.rows():
        if row.id == row_id:
            for cell in row.cells:
                if table.columns[cell.column].label == column:
                    return cell
    raise KeyError((row_id, column))


def test_spot_cells_per_vocabulary_kind() -> None:
    agent = compile_file(BEYOND / "azure-monitor-agent-supported-os.md")
    cell = spot(agent, "linux-operating-systems/cbl-mariner-20", "Azure Monitor agent")
    assert (cell.status, [f.marker for f in cell.footnotes]) == ("supported", ["2", "3"])
    assert cell.footnotes[0].text == "Also supported on Arm64-based machines."
    assert cell.footnotes[1].text is not None
    assert "4GB of disk space" in cell.footnotes[1].text
    cell = spot(agent, "windows-operating-systems/windows-11-client-and-pro", "Azure Monitor agent")
    assert [f.marker for f in cell.footnotes] == ["1", "2"]
    assert cell.footnotes[0].text is not None
    assert "client installer" in cell.footnotes[0].text
    blank = spot(agent, "windows-operating-systems/windows-server-2022-core", "Legacy agent")
    assert (blank.text, blank.status) == ("", None)  # blank is null, never guessed
    # header footnotes qualify the whole column
    linux = next(s for s in agent.sections if s.id == "linux-operating-systems").tables[0]
    assert linux.columns[1].footnotes[0].text == (
        "Requires Python (2 or 3) to be installed on the machine."
    )

    defender = compile_file(BEYOND / "defender-for-servers__2025-11-17.md")
    row = "azure-cloud-support/microsoft-defender-for-endpoint-integration"
    cell = spot(defender, row, "Azure Government")
    assert (cell.status, cell.stage, cell.footnotes[0].marker) == ("supported", "ga", "1")
    assert cell.footnotes[0].text is not None
    assert cell.footnotes[0].text.startswith("In Government Community Cloud")
    row = "windows-machine-support/system-updates-and-patches"
    cell = spot(defender, row, "Defender for Servers required")
    assert (cell.text, cell.status, cell.unparsed) == ("Yes (Plan 2)", "supported", "(Plan 2)")
    row = "windows-machine-support/network-map"
    assert spot(
        defender, row, "Azure Arc-enabled servers (including Azure VMware solution)"
    ).status == ("not_supported")  # "-"

    containerd = compile_file(BEYOND / "containerd-releases.md")
    rel = "current-state-of-containerd-releases"
    assert (
        spot(containerd, f"{rel}/00", "Status").status,
        spot(containerd, f"{rel}/00", "Status").stage,
    ) == (
        "not_supported",
        "retired",
    )  # End of Life
    assert spot(containerd, f"{rel}/17", "Status").stage == "ga"  # LTS
    assert spot(containerd, f"{rel}/22", "Status").status == "supported"  # Active
    assert spot(containerd, f"{rel}/24", "Status").stage == "preview"  # _Future_
    lts = spot(containerd, f"{rel}/17", "End of Life")
    assert [f.marker for f in lts.footnotes] == []
    assert lts.text == "September 2026*"
    ppc = spot(containerd, "current-platforms/linuxppc64le", "Functional CI testing")
    assert ppc.status == "not_supported"  # ❌
    assert (
        spot(containerd, "current-platforms/linuxppc64le", "Nightly builds").status == "supported"
    )
    assert (
        spot(containerd, "public-api-stability/ctr-tool", "Status").stage == "preview"
    )  # Unstable

    fury = compile_file(BEYOND / "fury-logging-compatibility-matrix.md")
    assert spot(fury, "compatibility-matrix/v200", "1.20.X").status == "partial"  # :warning:
    assert spot(fury, "compatibility-matrix/v201", "1.20.X").status == "supported"
    assert spot(fury, "legacy-versions/v1100", "1.20.X").status == "not_supported"  # :x:

    rclone = compile_file(BEYOND / "rclone-overview.md")
    cell = spot(rclone, "features/opendrive", "Duplicate Files")
    assert (cell.status, cell.footnotes[0].marker) == ("partial", "8")  # Partial ⁸
    assert cell.footnotes[0].text is not None
    assert cell.footnotes[0].text.startswith("Opendrive")
    cell = spot(rclone, "optional-features/openstack-swift", "Purge")
    assert (cell.status, cell.footnotes[0].marker) == ("supported", "1")  # Yes ¹
    assert cell.footnotes[0].text is not None
    assert "Swift" in cell.footnotes[0].text
    cell = spot(rclone, "features/ftp", "ModTime")
    assert (cell.status, cell.footnotes[0].marker) == ("supported", "10")  # R/W ¹⁰


def test_legends_override_the_defaults_per_table() -> None:
    """client-go's two 'Key:' lists give `-` two meanings, one per table."""
    matrix = compile_file(BEYOND / "k8s-client-go-readme.md")
    first = spot(matrix, "compatibility-matrix/kubernetes-1290v0290", "Kubernetes 1.30")
    assert (first.text, first.status, first.stage) == ("+-", "partial", None)
    assert spot(matrix, "compatibility-matrix/kubernetes-1290v0290", "Kubernetes 1.29").status == (
        "supported"
    )
    old = spot(matrix, "compatibility-matrix/release-125", "Maintenance status")
    assert (old.text, old.status, old.stage) == ("=-", "partial", "deprecated")
    manual = spot(matrix, "compatibility-matrix/release-131", "Maintenance status")
    assert (manual.status, manual.stage) == ("partial", None)  # only severe bugs patched


def test_bare_limit_is_a_maximum_and_validates(tmp_path: Path) -> None:
    aks = BEYOND / "aks-backup-support-matrix.md"
    matrix = compile_file(aks)
    cell = spot(matrix, "limitations/number-of-backup-policies-per-backup-vault", "Limit")
    (c,) = cell.constraints
    assert (c.kind, c.minimum, c.maximum, c.quantity) == ("count", None, 5000, 5000)
    fact = "Number of backup policies per Backup vault"
    assert validate(tmp_path, aks, None, {fact: 100}) == 0
    assert validate(tmp_path, aks, None, {fact: 6000}) == 1


def test_version_floors() -> None:
    matrix = compile_file(BEYOND / "containerd-releases.md")
    floor = spot(matrix, "kubernetes-support/v11", "Kubernetes Version").constraints
    assert [(c.kind, c.version) for c in floor] == [("min_version", "1.10")]
    floors = spot(matrix, "kubernetes-support/136", "containerd Version").constraints
    assert [(c.kind, c.version, c.max_version, c.any_of) for c in floors] == [
        ("min_version", "2.3.0", None, True),
        ("version_range", "2.2.0", "2.2.x", True),
    ]


def validate(tmp: Path, doc: Path, scenario: str | None, facts: dict[str, object]) -> int:
    config = tmp / "config.json"
    body: dict[str, object] = {"facts": facts}
    if scenario:
        body["scenario"] = scenario
    config.write_text(json.dumps(body))
    code = main(["validate", str(config), "--matrix", str(doc)])
    assert code in (0, 1)
    return code


def test_validator_verdicts_differ_between_two_scenarios(tmp_path: Path) -> None:
    defender = BEYOND / "defender-for-servers__2025-11-17.md"
    fact = {"windows-machine-support/network-map": True}
    assert validate(tmp_path, defender, "Azure VMs", fact) == 0
    assert validate(tmp_path, defender, "Azure Arc-enabled servers", fact) == 1
    rclone = BEYOND / "rclone-overview.md"
    assert validate(tmp_path, rclone, "Box", {"optional-features/purge": True}) == 0
    assert validate(tmp_path, rclone, "1Fichier", {"optional-features/purge": True}) == 1
    client = BEYOND / "k8s-client-go-readme.md"
    row = "compatibility-matrix/kubernetes-1290v0290"
    assert validate(tmp_path, client, "Kubernetes 1.29", {row: True}) == 0
    traefik = BEYOND / "traefik-mesh-compatibility.md"
    topology = {"compatibility-by-features/service-topology": True}
    assert validate(tmp_path, traefik, "K8s 1.21", topology) == 0
    assert validate(tmp_path, traefik, "K8s 1.22", topology) == 1


def test_structure_hugo_ids_symbol_keys_and_admonitions() -> None:
    rclone = compile_file(BEYOND / "rclone-overview.md")
    ids = [s.id for s in rclone.sections]
    assert "restricted-filenames-caveats" in ids
    assert "restricted-characters" in ids
    caveats = next(s for s in rclone.sections if s.id == "restricted-filenames-caveats")
    assert caveats.title == "Caveats"
    rows = [r.id for _, _, r in rclone.rows()]
    assert len(rows) == len(set(rows))
    assert "restricted-characters/u002e" in rows
    assert "restricted-characters/u002e-u002e" in rows
    traefik = compile_file(BEYOND / "traefik-mesh-compatibility.md")
    (note,) = next(s for s in traefik.sections if s.id == "compatibility-by-features").notes
    assert note.kind == "warning"
    assert note.text.startswith("Service Topology\nIn Kubernetes v1.22")


DELIMITER = re.compile(r"^[\s|:-]*-[\s|:-]*$")


def count_rows(text: str) -> tuple[int, int]:
    """(tables, body rows) by scanning lines, sharing no code with the parser: a line with a pipe,
    then a delimiter line with a pipe (GFM allows one-dash cells, ':-:'), then every non-blank
    line up to the next blank line or heading."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    tables = rows = 0
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and "|" in lines[i + 1] and DELIMITER.match(lines[i + 1]):
            tables += 1
            i += 2
            while i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("#"):
                rows += 1
                i += 1
        else:
            i += 1
    return tables, rows


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_row_reaches_the_model(doc: Path) -> None:
    tables, rows = count_rows(doc.read_text(encoding="utf-8"))
    matrix = compile_file(doc)
    assert sum(len(s.tables) for s in matrix.sections) == tables
    assert len(matrix.rows()) == rows
    ids = [r.id for _, _, r in matrix.rows()]
    assert len(ids) == len(set(ids))
    assert not any(i.startswith("/") for i in ids)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_lint_says_which_columns_are_scenarios(doc: Path) -> None:
    matrix = compile_file(doc)
    codes = {d.code for d in matrix.diagnostics}
    scenario_columns = [
        c for s in matrix.sections for t in s.tables for c in t.columns if c.role == "scenario"
    ]
    if scenario_columns:
        assert "MX012" in codes
    oriented = [t for s in matrix.sections for t in s.tables if t.orientation == "rows"]
    if oriented:
        assert "MX014" in codes


# --- constructs of the same kinds, in documents written for these tests -------------------------

STRUCTURE = """\
| Thing | Azure | AWS |
|---|---|---|
| 🟦 | ✓ | ✗ |
| [Workspace support] | &#10004; | &cross; |
| . | ![Yes][green] | ![No][red] |
|||
| | Fully supported | Not yet supported |

# Title

:::note Heads up
Docusaurus admonition body.
:::

## Features {#feats}

| Feature | Azure | AWS |
|---|---|---|
| Backup | :white_check_mark: | :x: |
| Feature | Azure | AWS |
| Restore | Partial | Depends |
| Export | Conditional | Yes ¹ |

¹ Only in some regions.

[green]: https://example.invalid/g.png
[red]: https://example.invalid/r.png
"""


def build_text(text: str, path: str = "doc.md") -> Matrix:
    from compiler.frontend.build import build
    from compiler.frontend.parse import parse

    return build(parse(text), path=path, data=text.encode())


def test_structure_of_other_doc_tools() -> None:
    matrix = build_text(STRUCTURE)
    preamble = matrix.sections[0]
    assert (preamble.id, preamble.level) == ("", 0)
    rows = preamble.tables[0].rows
    assert [r.id for r in rows] == [
        "u1f7e6",
        "workspace-support",
        "u002e",
        "spacer-l6",
        "row-fully-supported",
    ]
    assert [r.kind for r in rows] == ["data", "data", "data", "spacer", "data"]
    assert rows[1].key == "Workspace support"
    statuses = [[c.status for c in r.cells[1:]] for r in rows if r.kind == "data"]
    assert statuses == [
        ["supported", "not_supported"],  # symbols
        ["supported", "not_supported"],  # HTML entities
        ["supported", "not_supported"],  # image alt texts
        ["supported", "not_supported"],  # words
    ]
    codes = [d.code for d in matrix.diagnostics]
    assert "MX011" in codes  # the spacer row
    assert "MX007" in codes  # the empty key
    assert any(
        n.kind == "note" and n.text.startswith("Heads up") for s in matrix.sections for n in s.notes
    )
    feats = next(s for s in matrix.sections if s.id == "feats")
    assert feats.title == "Features"
    table = feats.tables[0]
    assert [r.kind for r in table.rows] == ["data", "group", "data", "data"]
    assert [[c.status for c in r.cells[1:]] for r in table.rows if r.kind == "data"] == [
        ["supported", "not_supported"],  # shortcodes
        ["partial", "partial"],
        ["partial", "supported"],
    ]
    (note,) = table.rows[3].cells[2].footnotes
    assert (note.marker, note.text) == ("1", "Only in some regions.")
    assert [s.label for s in matrix.scenarios] == ["Azure", "AWS"]


def test_blank_cells_are_null_unless_a_legend_says() -> None:
    text = """\
# M

| Version | 1.1 | 1.2 |
|---|---|---|
| v1 | ✅ | |
| v2 | | ❌ |

Legend:

- ✅ Tested
- ❌ Broken
- (blank) Not tested
"""
    matrix = build_text(text)
    cells = [c for _, _, r in matrix.rows() for c in r.cells[1:]]
    assert [c.status for c in cells] == [
        "supported",
        "not_supported",
        "not_supported",
        "not_supported",
    ]
    assert sum(d.code == "MX013" for d in matrix.diagnostics) == 2
    plain = build_text(text.split("Legend:", maxsplit=1)[0])
    assert [c.status for _, _, r in plain.rows() for c in r.cells[1:]] == [
        "supported",
        None,
        None,
        "not_supported",
    ]


def test_orientation_from_the_front_matter() -> None:
    table = "| Item | Export | Import |\n|---|---|---|\n| Alpha | Yes | No |\n| Beta | No | Yes |\n"
    guessed = build_text(f"# M\n\n## Matrix\n\n{table}")
    assert guessed.sections[1].tables[0].orientation == "columns"
    assert any(d.code == "MX015" for d in guessed.diagnostics)  # says it guessed
    front = "---\nmatrixc:\n  orientation:\n    matrix: rows\n---\n"
    chosen = build_text(f"{front}# M\n\n## Matrix\n\n{table}")
    assert chosen.sections[1].tables[0].orientation == "rows"
    assert [s.label for s in chosen.scenarios] == ["Alpha", "Beta"]
    assert not any(d.code == "MX015" for d in chosen.diagnostics)
    rules = {r.id: r.status for r in rule_file(chosen).rules}
    assert rules == {
        "matrix/export@alpha": "supported",
        "matrix/import@alpha": "not_supported",
        "matrix/export@beta": "not_supported",
        "matrix/import@beta": "supported",
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_bad_legend_verdicts_and_orientation_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "m.md"
    doc.write_text(
        "# M\n\n| Product | A |\n|---|---|\n| x | ✓ |\n\n"
        "| Key | Meaning |\n|---|---|\n| ✓ | Supported |\n| ✓ | Not supported |\n"
    )
    code, out = run(["parse", str(doc)], capsys)
    assert code == 2
    assert out.strip().count("\n") == 0
    assert f"{doc}:10:" in out
    assert "legend defines '✓' twice" in out
    doc.write_text(
        "---\nmatrixc:\n  verdicts:\n    R/W: readable\n---\n# M\n\n| A | B |\n|--|--|\n| x | y |\n"
    )
    code, out = run(["parse", str(doc)], capsys)
    assert code == 2
    assert out.startswith(f"{doc}:1:")
    assert "'R/W' = 'readable' is not a status" in out
    doc.write_text(
        "---\nmatrixc:\n  orientation:\n    nowhere: rows\n---\n"
        "# M\n\n| A | B |\n|--|--|\n| x | y |\n"
    )
    code, out = run(["parse", str(doc)], capsys)
    assert code == 2
    assert "orientation set for table 'nowhere'" in out


@pytest.mark.parametrize(
    ("matrixc", "message"),
    [
        (
            "{orientation: rows}",
            "matrixc.orientation must be a mapping (section-id[#n]: rows|columns)",
        ),
        ("{orientation: [1]}", "matrixc.orientation must be a mapping"),
        ("{verdicts: 5}", "matrixc.verdicts must be a mapping (spelling: meaning), not int 5"),
        ("{orientaton: {x: rows}}", "unknown key 'orientaton' (known: orientation, verdicts)"),
    ],
)
def test_malformed_front_matter_settings_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], matrixc: str, message: str
) -> None:
    """Each was a traceback (AttributeError: 'str' object has no attribute 'items')."""
    doc = tmp_path / "m.md"
    doc.write_text(f"---\nmatrixc: {matrixc}\n---\n# M\n\n| A | B |\n|--|--|\n| x | Yes |\n")
    code, out = run(["parse", str(doc)], capsys)
    assert code == 2
    assert out.startswith(f"{doc}:1: front matter ")
    assert message in out
    assert "Traceback" not in out
    assert out.strip().count("\n") == 0


def test_bad_project_verdicts_name_pyproject(tmp_path: Path) -> None:
    from compiler.errors import InputError
    from compiler.project.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "docs"\n\nverdicts = {"R/W" = "sort of"}\n'
    )
    with pytest.raises(InputError) as err:
        load_config(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'pyproject.toml'}:4: ")
    assert "'R/W' = 'sort of' is not a status" in str(err.value)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\n\n[tool.matrixc.orientation]\n"rclone-overview" = {"nowhere" = "rows"}\n'
    )
    config = load_config(tmp_path)
    with pytest.raises(InputError) as err:
        compile_file(BEYOND / "rclone-overview.md", config)
    assert str(err.value).startswith(f"{tmp_path / 'pyproject.toml'}:3: ")


def test_unknown_verdict_word_is_a_lint_warning(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["lint", str(BEYOND / "rclone-overview.md")], capsys)
    assert code == 0
    assert "warning MX016 unknown verdict 'R/W' in column 'MIME Type'" in out
    code, out = run(["lint", "-v", str(BEYOND / "k8s-client-go-readme.md")], capsys)
    assert "info MX012 column 'Kubernetes 1.29' taken for scenario 'Kubernetes 1.29'" in out
    assert "info MX014 read with columns as the targets" in out


def test_lint_and_parse_of_one_file_use_its_projects_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lint` reads a file as `build` would: with the verdicts its project's pyproject.toml sets."""
    (tmp_path / "source_docs").mkdir()
    doc = tmp_path / "source_docs" / "rclone-overview.md"
    doc.write_bytes((BEYOND / "rclone-overview.md").read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nverdicts = {"R/W" = "supported", "R" = "partial", "W" = "partial"}\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out = run(["lint", str(doc)], capsys)
    assert code == 0
    assert "unknown verdict 'R/W'" not in out
    assert "unknown verdict 'RU' in column 'Metadata'" in out  # no setting says what RU is
    code, out = run(["parse", str(doc)], capsys)
    assert code == 0
    (tmp_path / "pyproject.toml").write_text("[tool.matrixc]\n")
    _, plain = run(["parse", str(doc)], capsys)
    # MIME Type's R and W cells are partial only by the project's word
    assert out.count('"status": "partial"') > plain.count('"status": "partial"')


def _rows_of(text: str) -> list[tuple[str, str]]:
    from compiler.project.pipeline import compile_text

    m = compile_text(text, text.encode(), "m.md")
    return [(r.kind, r.key) for s in m.sections for t in s.tables for r in t.rows]


def test_header_repeated_after_a_group_name_is_a_group_row() -> None:
    """Shaped like OpenTelemetry's spec-compliance matrix: each group of features opens with the
    header's columns repeated after the group's name (a link to its specification). Read as data,
    each such row was a dozen "unknown verdict 'Go'" warnings and rules for "Go" under Go."""
    text = (
        "# Compliance\n\n## Traces\n\n"
        "| Feature | Optional | Go | Java | Python |\n|---|---|---|---|---|\n"
        "| [TracerProvider](spec/api.md#tracerprovider) | Optional | Go | Java | Python |\n"
        "| Create TracerProvider |  | + | + | + |\n"
        "| Get a Tracer |  | + | - | + |\n"
        "| [Tracer](spec/api.md#tracer) | Optional | Go | Java | Python |\n"
        "| Create a new Span |  | + | + | + |\n"
    )
    assert _rows_of(text) == [
        ("group", "TracerProvider"),
        ("data", "Create TracerProvider"),
        ("data", "Get a Tracer"),
        ("group", "Tracer"),
        ("data", "Create a new Span"),
    ]


def test_a_row_repeating_only_part_of_the_header_is_data() -> None:
    """One repeated column (a two-column table's "Supported" cell under "Supported") or all but
    one is no group header."""
    text = (
        "# M\n\n| Feature | Supported |\n|---|---|\n| Backup | Supported |\n\n"
        "| Feature | Go | Java |\n|---|---|---|\n| Spans | Go | Yes |\n| Logs | Yes | Java |\n"
    )
    assert [kind for kind, _ in _rows_of(text)] == ["data", "data", "data"]


def _statuses(text: str) -> list[list[str | None]]:
    from compiler.project.pipeline import compile_text

    m = compile_text(text, text.encode(), "m.md")
    return [[c.status for c in r.cells[1:]] for s in m.sections for t in s.tables for r in t.rows]


def test_x_alone_in_its_columns_marks_support() -> None:
    """Shaped like Azure Monitor's agent tables: `X` where an agent supports the OS, blank where
    it does not, footnote markers beside some; every column was lost (no verdict read)."""
    text = (
        "# Agents\n\n| Operating system | Azure Monitor agent | Log Analytics agent |\n"
        "|---|:---:|:---:|\n| Windows Server 2019 | X | X |\n"
        "| Windows Server 2019 Core | X <sup>3</sup> |  |\n| Windows 10 | x |  |\n"
    )
    assert _statuses(text) == [["supported"] * 2, ["supported", None], ["supported", None]]


def test_x_beside_check_marks_is_the_cross() -> None:
    """Shaped like kube-prometheus' compatibility table: `✔` and `x` per Kubernetes version."""
    text = (
        "# Compatibility\n\n| kube-prometheus stack | Kubernetes 1.32 | Kubernetes 1.33 |\n"
        "|---|---|---|\n| `release-0.16` | ✔ | x |\n| `main` | x | ✔ |\n"
    )
    assert _statuses(text) == [["supported", "not_supported"], ["not_supported", "supported"]]


def test_x_is_left_unknown_where_it_is_ambiguous_or_defined() -> None:
    """Beside `No` (is it a check or a cross?) x stays unread; a legend's meaning wins; `x64`
    is a word, not a mark."""
    beside_no = "# M\n\n| OS | A |\n|---|---|\n| Linux | x |\n| Windows | No |\n"
    assert _statuses(beside_no) == [[None], ["not_supported"]]
    legend = (
        "# M\n\n| OS | A | B |\n|---|---|---|\n| Linux | ✔ | x |\n\n"
        "| Symbol | Meaning |\n|---|---|\n| x | Partially supported |\n"
    )
    assert _statuses(legend)[0] == ["supported", "partial"]
    word = "# M\n\n| OS | Arch |\n|---|---|\n| Linux | x64 |\n| Windows | X |\n"
    assert _statuses(word) == [[None], [None]]


def _mx016(text: str) -> list[str]:
    from compiler.project.pipeline import compile_text

    m = compile_text(text, text.encode(), "m.md")
    return [d.message.split("'")[1] for d in m.diagnostics if d.code == "MX016"]


def test_unknown_verdict_warnings_keep_to_verdict_columns() -> None:
    """Shaped like the Kubernetes CSI drivers table (drivers as rows, a feature per column):
    "Persistent"/"Ephemeral" are values of a column with few verdicts, not 119 unknown verdicts;
    a short code ("R/W") or an unknown word among verdicts is still worth a warning, and a known
    verdict beside another ("**Supported** … **Unsupported** …") is none."""
    values = (
        "# Drivers\n\n| Name | Persistence | Dynamic Provisioning |\n|---|---|---|\n"
        "| Alpha | Persistent | Yes |\n| Beta | Ephemeral | Yes |\n| Gamma | Persistent | No |\n"
        "| Delta | R/W | Yes |\n"
    )
    assert _mx016(values) == ["R/W"]
    among_verdicts = (
        "# M\n\n| Feature | Azure |\n|---|---|\n| A | Yes |\n| B | No |\n| C | Sometimes |\n"
        "| D | **Supported**<br> • x<br><br>**Unsupported**<br> • y |\n"
    )
    assert _mx016(among_verdicts) == ["Sometimes"]


def _constraints(text: str) -> list[list[tuple[str, tuple[str, ...], str | None]]]:
    from compiler.project.pipeline import compile_text

    m = compile_text(text, text.encode(), "m.md")
    return [
        [(k.kind, k.values, k.version) for c in r.cells for k in c.constraints]
        for s in m.sections
        for t in s.tables
        for r in t.rows
    ]


def test_numbers_in_a_versions_column_are_versions() -> None:
    """Shaped like .NET's supported-OS tables and Velero's compatibility table: "16, 15, 14" and
    "3.0" under Versions were three counts and a count of 3; the tested versions a list."""
    dotnet = (
        "# OS\n\n| OS | Versions | Architectures |\n|---|---|---|\n"
        "| Android | 16, 15, 14 | Arm64 |\n| Azure Linux | 3.0 | x64 |\n"
        "| iOS | 26 and 18 | Arm64 |\n"
    )
    assert _constraints(dotnet) == [
        [("allowed_values", ("16", "15", "14"), None)],
        [("allowed_values", ("3.0",), None)],
        [("allowed_values", ("26", "18"), None)],
    ]
    velero = (
        "# Compatibility\n\n| Velero version | Expected Kubernetes version compatibility |\n"
        "|---|---|\n| 1.18 | 1.18-latest |\n| 1.15 | 1.28.8, 1.29.8, 1.30.4 and v1.31.1 |\n"
    )
    assert _constraints(velero) == [
        [("min_version", (), "1.18")],
        [("allowed_values", ("1.28.8", "1.29.8", "1.30.4", "1.31.1"), None)],
    ]


def test_one_version_under_a_singular_header_is_no_limit() -> None:
    """The sibling matrix's kernel tables: "Mobility service version | 9.56" names the release a
    row is about, not a version a configuration must have."""
    m = compile_file(CORPUS / "matrices" / "azure-to-azure-support-matrix.md")
    table = next(
        t
        for s in m.sections
        if s.title == "Supported Ubuntu kernel versions for Azure virtual machines"
        for t in s.tables
    )
    assert table.columns[1].label == "Mobility service version"
    cells = [r.cells[1] for r in table.rows if r.kind == "data"]
    assert len(cells) > 10
    assert all(c.text.replace(".", "").isdigit() for c in cells)
    assert not any(c.constraints for c in cells)


def test_a_range_written_with_an_arrow() -> None:
    """cert-manager's release table writes supported Kubernetes versions "1.33 → 1.36"."""
    from compiler.frontend.cells import read_cell

    (c,) = read_cell("1.33 → 1.36").constraints
    assert (c.kind, c.version, c.max_version) == ("version_range", "1.33", "1.36")


def test_a_wide_table_without_scenarios_states_its_limits_where_they_read() -> None:
    """Shaped like AKS's Istio support policy: the dates come first, the compatible versions
    fifth; the second column was taken for the requirement and nothing was read."""
    text = (
        "# Istio\n\n| Service mesh revision | Upstream release | AKS release | End of life "
        "| Compatible AKS versions |\n|---|---|---|---|---|\n"
        "| asm-1-17 | Feb 2023 | Apr 2023 | Jan 2024 | 1.23, 1.24, 1.25 |\n"
        "| asm-1-18 | Jun 2023 | Nov 2023 | Feb 2024 | 1.24, 1.25, 1.26 |\n"
    )
    from compiler.project.pipeline import compile_text

    m = compile_text(text, text.encode(), "m.md")
    (table,) = [t for s in m.sections for t in s.tables]
    assert [c.role for c in table.columns] == ["key", *["details"] * 3, "requirement"]
    assert [r.cells[4].constraints[0].values for r in table.rows] == [
        ("1.23", "1.24", "1.25"),
        ("1.24", "1.25", "1.26"),
    ]


def test_the_sibling_kernel_tables_limit_the_kernel() -> None:
    """The sibling matrix's "Release | Mobility service version | Kernel version" tables: the
    kernels listed are the requirement, not the release's version."""
    m = compile_file(CORPUS / "matrices" / "azure-to-azure-support-matrix.md")
    table = next(
        t
        for s in m.sections
        if s.title == "Supported Ubuntu kernel versions for Azure virtual machines"
        for t in s.tables
    )
    assert [c.role for c in table.columns] == ["key", "details", "requirement"]
    listed = [r.cells[2].constraints for r in table.rows if r.cells[2:] and r.cells[2].constraints]
    assert len(listed) > 5
    assert all(c.kind == "allowed_values" and len(c.values) > 1 for (c,) in listed)
    assert all(v[:1].isdigit() for (c,) in listed for v in c.values)
