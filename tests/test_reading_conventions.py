"""Conventions of real matrices outside the corpus, each in a document shaped like the one that
showed it: GitHub footnotes, a legend under several tables, settings tables, lifecycle words."""

from __future__ import annotations

from compiler.frontend.build import build
from compiler.frontend.parse import parse
from compiler.model.matrix import Matrix, Table


def compile_text(text: str) -> Matrix:
    return build(parse(text), path="doc.md", data=text.encode())


def tables(m: Matrix) -> list[Table]:
    return [t for s in m.sections for t in s.tables]


def test_github_footnotes_on_headers_and_cells() -> None:
    # Kubermatic's "Supported Kubernetes Versions": `1.33[^2]` headers, a `[^2]:` definition
    text = """\
# Supported versions

| KKP version | 1.34 | 1.33[^2] | 1.32[^eol] |
| ----------- | ---- | -------- | ---------- |
| 2.31.x      | ✓    | ✓        | --         |
| 2.29.x      | ✓    | ✓[^2]    | ✓          |

[^2]: Kubernetes releases below version 1.34 have reached End-of-Life (EOL). We strongly
recommend upgrading.
[^eol]: No longer patched.
"""
    m = compile_text(text)
    (t,) = tables(m)
    assert [c.label for c in t.columns] == ["KKP version", "1.34", "1.33", "1.32"]
    assert [s.label for s in m.scenarios] == ["1.34", "1.33", "1.32"]
    assert [(f.marker, f.line) for f in t.columns[2].footnotes] == [("2", 8)]
    note = t.columns[2].footnotes[0].text
    assert note is not None
    assert note.startswith("Kubernetes releases below version 1.34 have reached End-of-Life")
    assert note.endswith("We strongly recommend upgrading.")
    assert t.columns[3].footnotes[0].text == "No longer patched."
    cell = t.rows[1].cells[2]
    assert (cell.status, cell.text, [f.marker for f in cell.footnotes]) == ("supported", "✓", ["2"])


def test_a_legend_under_several_tables_explains_them_all() -> None:
    # konstellation's compatibility matrix: four tables, then one Symbol | Description legend
    text = """\
## Compatibility matrix

| Release ↓ / Kubernetes → | 1.30 | 1.31 |
|:---:|:---:|:---:|
| 6.0.2 | ✅ | ❌ |

| Release ↓ / kdl-app → | 1.40.0 | 1.41.X |
|:---:|:---:|:---:|
| 6.0.2 | ❌ | ✅ |

| Symbol | Description |
|:------:|-------------|
| ✅ | Perfect match: all features are supported. |
| ❌ | Backward compatibility: common features work, but some client APIs might not. |

## Other

| Component | Azure |
|---|---|
| Agent | ❌ |
"""
    m = compile_text(text)
    first, second, _legend, other = tables(m)
    assert [c.status for c in first.rows[0].cells[1:]] == ["supported", "partial"]
    assert [c.status for c in second.rows[0].cells[1:]] == ["partial", "supported"]
    assert other.rows[0].cells[1].status == "not_supported"  # another section: its own words


def test_a_legend_between_tables_explains_those_before_it_since_the_last_legend() -> None:
    text = """\
## Matrix

| Feature | A |
|---|---|
| x | R |

- `R`: read-only, with limitations

| Feature | B |
|---|---|
| y | R |

- `R`: not supported
"""
    first, second = tables(compile_text(text))
    assert first.rows[0].cells[1].status == "partial"
    assert second.rows[0].cells[1].status == "not_supported"


def test_a_settings_table_default_is_no_verdict() -> None:
    # the Ansible Zabbix role's variables: "Default Value | False" is a value, not "not supported"
    text = """\
# Agent role

## Configuration Variables

| Zabbix Name | Variable Name | Default Value | Notes |
|---|---|---|---|
| AllowRoot | zabbix_agent_allowroot | False | True/False Agent Linux Systems Only |
| BufferSend | zabbix_agent_buffersend | 5 | |
| EnableRemoteCommands | zabbix_agent_enableremotecommands | 0 | Agent Only |
"""
    (t,) = tables(compile_text(text))
    assert [c.role for c in t.columns] == ["key", "requirement", "details", "details"]
    assert all(c.status is None and not c.constraints for r in t.rows for c in r.cells)


def test_lifecycle_and_support_level_words() -> None:
    # Semantic MediaWiki's compatibility tables
    text = """\
# Compatibility

| SMW | Status | PHP |
|---|---|---|
| 7.2.x | Stable release | 8.1 - 8.5 |
| 7.1.x | Obsolete release | 8.1 - 8.5 |

| SMW | MySQL | PostgreSQL |
|---|---|---|
| 2.x | Full support | Beta support |
| 1.x | Full support | No support |
"""
    status, support = tables(compile_text(text))
    assert [(r.cells[1].status, r.cells[1].stage) for r in status.rows] == [
        ("supported", "ga"),
        ("not_supported", "retired"),
    ]
    assert [[(c.status, c.stage) for c in r.cells[1:]] for r in support.rows] == [
        [("supported", None), ("supported", "preview")],
        [("supported", None), ("not_supported", None)],
    ]


def test_a_lone_tilde_is_the_partial_mark_the_vocabulary_lists() -> None:
    # "~" is also strikethrough markup, which `normalize` strips around words; alone it is the mark
    text = "# M\n\n| Feature | Linux | Windows |\n|---|---|---|\n| Backup | ✓ | ~ |\n"
    (t,) = tables(compile_text(text))
    assert [c.status for c in t.rows[0].cells[1:]] == ["supported", "partial"]


def test_a_corner_header_with_arrows_names_the_column_targets() -> None:
    # konstellation: "Release ↓ / Kubernetes →" over version columns
    text = """\
# Compatibility

| Release ↓ / Kubernetes → | 1.30 | 1.31 |
|:---:|:---:|:---:|
| 6.0.2 | ✅ | ✅ |
| 6.1.0 | ❌ | ✅ |
"""
    m = compile_text(text)
    assert [s.label for s in m.scenarios] == ["Kubernetes 1.30", "Kubernetes 1.31"]


def test_a_key_header_naming_a_thing_by_its_name_keeps_the_columns_as_targets() -> None:
    # AKS' container network metrics: "Metric name" rows, Linux / Windows columns
    text = """\
# Metrics

## Node-level metrics

| Metric name | Description | Extra labels | Linux | Windows |
|-------------|-------------|--------------|-------|---------|
| **drop_count** | Total dropped packet count | `reason`, `direction` | ✅ | ✅ |
| **tcp_state** | TCP active socket count by state | `state` | ✅ | ❌ |
"""
    m = compile_text(text)
    (t,) = tables(m)
    assert t.orientation == "columns"
    assert [s.label for s in m.scenarios] == ["Linux", "Windows"]
    assert [c.role for c in t.columns] == ["key", "description", "details", "scenario", "scenario"]
    assert [c.status for c in t.rows[1].cells[3:]] == ["supported", "not_supported"]
    codes = [(d.code, d.message) for d in m.diagnostics if d.code == "MX014"]
    assert codes == [
        (
            "MX014",
            "read with columns as the targets: key header 'Metric name' names what the rows are",
        )
    ]


def _roles(t: Table) -> dict[str, str]:
    return {c.label: c.role for c in t.columns}


def test_a_parameter_reference_has_no_targets_and_no_verdicts() -> None:
    # AKS's Blob CSI driver docs: `Name | Description | Available values | Required | Default`
    # tables, where "No" says optional. Read as a matrix, every parameter was a target (under a
    # Name key) and every optional one "not supported".
    text = """\
# Blob CSI driver parameters

## StorageClass parameters

| Name | Description | Available values | Required | Default value |
| ---- | ----------- | ---------------- | -------- | ------------- |
| `skuName` | Azure storage account type. | `Standard_LRS`, `Premium_LRS` | No | `Standard_LRS` |
| `storageAccount` | Existing storage account name. | storageAccountName | Yes | |

## Static volume

| Parameter | Required<sup>1</sup> | Type |
|---|---|---|
| `containerName` | Yes | string |

<sup>1</sup> Required when the volume is static.
"""
    m = compile_text(text)
    first, second = tables(m)
    assert [s.id for s in m.scenarios] == ["all"]  # no parameter became a target
    assert first.orientation == "columns"
    assert _roles(first)["Required"] == "details"
    assert [c.role for c in second.columns] == ["key", "details", "details"]  # "Required¹" too
    for t in (first, second):
        assert all(c.status is None for r in t.rows for c in r.cells)
    notes = [d for d in m.diagnostics if d.code == "MX014"]
    assert [d.line for d in notes] == [5, 12]
    assert "not supported" in notes[0].message


def test_a_row_ruled_off_around_a_name_is_a_group_header() -> None:
    # AKS's static-volume table: `| --- | **Only for NFS** | --- |` between parameter rows.
    text = """\
# Group rows

| Feature | Windows | Linux |
| --- | --- | --- |
| Backup | Yes | Yes |
| --- | **Only for NFS** | --- |
| Restore | Yes | No |
| - | - | Yes |
"""
    m = compile_text(text)
    (t,) = tables(m)
    assert [(r.kind, r.key) for r in t.rows] == [
        ("data", "Backup"),
        ("group", "Only for NFS"),
        ("data", "Restore"),
        ("data", "-"),  # a lone "-" is a verdict ("not supported"), never a rule
    ]
    assert t.rows[3].cells[1].status == "not_supported"
    assert [s.label for s in m.scenarios] == ["Windows", "Linux"]
    assert [d.line for d in m.diagnostics if d.code == "MX017"] == [6]


def test_when_a_phase_starts_and_questions_are_no_targets() -> None:
    # Node.js's release table ("Active LTS Start", "-" where a release had no LTS) and AKS's
    # upgrade table ("Can skip multiple minors?", "Support statement").
    text = """\
# Releases

## End-of-life releases

| Release | Status | Initial Release | Active LTS Start | End-of-life |
|:-------:|:------:|:---------------:|:----------------:|:-----------:|
| v0.12.x | EOL    | 2015-02-06      | -                | 2016-12-31  |
| 4.x     | EOL    | 2015-09-08      | 2015-10-01       | 2018-04-30  |
| 5.x     | EOL    | 2015-10-29      | -                | 2016-06-30  |

## Upgrades

| Starting version | Target version | Can skip multiple minors? | Support statement |
| --- | --- | --- | --- |
| LTS | Higher LTS | Yes | Supported |
| Supported non-LTS | Higher community version | No | Supported |
"""
    m = compile_text(text)
    releases, upgrades = tables(m)
    assert [s.id for s in m.scenarios] == ["all"]
    assert _roles(releases)["Active LTS Start"] == "details"
    assert _roles(releases)["Initial Release"] == "details"
    assert _roles(releases)["End-of-life"] == "details"
    assert releases.rows[0].cells[3].status is None  # "-": no LTS start, not "not supported"
    assert _roles(upgrades)["Can skip multiple minors?"] == "details"
    assert _roles(upgrades)["Support statement"] == "requirement"
    assert [r.cells[3].status for r in upgrades.rows] == ["supported", "supported"]


def test_legends_on_one_line_with_escapes_and_without_a_verdict() -> None:
    # LM-Meter's README (a one-line legend over an HTML table), Rust's platform support
    # (`* \\* indicates …`), konstellation's legend ("? | Unknown").
    text = """\
# LM-Meter

<p align="center">
  ✅ Released &nbsp;&nbsp;|&nbsp;&nbsp; 🚧 Coming Soon &nbsp;&nbsp;|&nbsp;&nbsp; ❌ Not Supported
</p>

| Runtime | Android GPU | iOS GPU |
|---|---|---|
| MLC LLM | ✅ | 🚧 |
| vLLM | ❌ | ❌ |

## Tier 2

The `std` column in the table below has the following meanings:

* ✓ indicates the full standard library is available.
* \\* indicates the target only supports `no_std` development.

target | std | notes
-------|:---:|-------
aarch64-apple-ios | ✓ | ARM64 iOS
aarch64-unknown-none | * | Bare ARM64, hardfloat

## Compatibility

| Symbol | Description |
|:------:|-------------|
| ?      | Unknown |

| Release | 1.24 | 1.25 |
|---------|------|------|
| 0.2.0   | ✅   | ?    |
"""
    m = compile_text(text)
    runtimes, tier2, _, compat = tables(m)
    assert [c.role for c in runtimes.columns] == ["key", "scenario", "scenario"]
    assert [c.status for c in runtimes.rows[1].cells[1:]] == ["not_supported", "not_supported"]
    assert runtimes.rows[0].cells[2].stage == "preview"  # "🚧 Coming Soon"
    assert tier2.rows[1].cells[1].status == "partial"  # "*": only no_std
    assert compat.rows[0].cells[2].status is None  # "?" is explained as unknown …
    quiet = {(d.code, d.line) for d in m.diagnostics}
    assert ("MX016", 35) not in quiet  # … so it is no unknown verdict to add to a legend
    assert ("MX004", 35) not in quiet


def test_rows_named_by_their_name_and_version() -> None:
    # .NET's supported-OS tables: an OS spanning rows (HTML rowspan, or blank key cells in a
    # pipe table) with one version per row. Ids "ubuntu", "ubuntu-1", "row-11" told a
    # configuration's author nothing.
    text = """\
# Supported OS

## Linux

<table>
<thead><tr><th>OS</th><th>Version</th><th>x64</th><th>Arm64</th></tr></thead>
<tbody>
<tr><td rowspan="2">Ubuntu</td><td>22.04</td><td>Yes</td><td>Yes</td></tr>
<tr><td>24.04</td><td>Yes</td><td>No</td></tr>
</tbody>
</table>

## Windows

| OS | Version | x64 | Arm64 |
|---|---|---|---|
| Windows | 10 | Yes | No |
| | 11 | Yes | Yes |

## Unique names

| OS | Version | x64 |
|---|---|---|
| macOS | 15 | Yes |
| FreeBSD | 14 | No |
"""
    m = compile_text(text)
    linux, windows, unique = tables(m)
    assert [r.id for r in linux.rows] == ["linux/ubuntu-2204", "linux/ubuntu-2404"]
    assert [(r.id, r.key) for r in windows.rows] == [
        ("windows/windows-10", "Windows"),
        ("windows/windows-11", "Windows"),  # the blank key cell: the row above's name
    ]
    assert windows.rows[1].cells[3].status == "supported"
    assert [r.id for r in unique.rows] == ["unique-names/macos", "unique-names/freebsd"]
    assert not [d for d in m.diagnostics if d.code in ("MX005", "MX007")]


def test_two_columns_for_one_target_are_flagged() -> None:
    # A header written twice: both columns speak for one scenario, and the later one's verdict
    # is what the rules say, so the reader is told.
    text = """\
# T

| Feature | Windows | Windows | Linux |
|---|---|---|---|
| a | Yes | No | No |
"""
    m = compile_text(text)
    (t,) = tables(m)
    flagged = [d for d in m.diagnostics if d.code == "MX018"]
    assert [(d.line, d.severity) for d in flagged] == [(3, "warning")]
    assert "'windows'" in flagged[0].message
    assert [c.scenarios for c in t.columns[1:]] == [("windows",), ("windows",), ("linux",)]


def test_columns_of_a_products_versions_holding_version_bounds_are_targets() -> None:
    # Karpenter's compatibility matrix: Kubernetes versions across, the karpenter release each
    # needs below (`\>= 1.0.5`). No cell is a check mark, yet every column is a target.
    text = """\
# Karpenter compatibility

| Kubernetes |   1.30   |   1.31    |  1.32   |
|------------|----------|-----------|---------|
| karpenter  | \\>= 0.37 | \\>= 1.0.5 | \\>= 1.2 |

## Features by version

| Feature | 1.30 | 1.31 |
|---|---|---|
| Drift | Preview | GA |
"""
    m = compile_text(text)
    karpenter, features = tables(m)
    assert [s.label for s in m.scenarios][:3] == [
        "Kubernetes 1.30",
        "Kubernetes 1.31",
        "Kubernetes 1.32",
    ]
    assert [c.role for c in karpenter.columns] == ["key", "scenario", "scenario", "scenario"]
    floors = [
        (c.constraints[0].kind, c.constraints[0].version) for c in karpenter.rows[0].cells[1:]
    ]
    assert floors == [("min_version", "0.37"), ("min_version", "1.0.5"), ("min_version", "1.2")]
    # A "Feature" corner names the rows, not the columns' product: its versions stay bare.
    assert [c.label for c in features.columns[1:]] == ["1.30", "1.31"]
    assert {s.label for s in m.scenarios} >= {"1.30", "1.31"}


def test_bracketed_footnotes_and_template_tags_under_a_table() -> None:
    # GitHub Docs' importer table ends with `{% endrowheaders %}` on the line under it, no blank
    # line between; release notes write `Yes [1]` over a `[1]: …` definition.
    text = """\
# Importer

{% rowheaders %}

| Import action | Subversion | Git |
|:--------------|:----------:|:---:|
| Authenticate | {% octicon "check" aria-label="Supported" %} | Yes [1] |
| Author attribution | No [2] | {% octicon "x" aria-label="Not supported" %} |
{% endrowheaders %}

[1]: Since 2.0.
[2]: Planned for 3.0.
"""
    m = compile_text(text)
    (t,) = tables(m)
    assert [r.key for r in t.rows] == ["Authenticate", "Author attribution"]
    assert not [d for d in m.diagnostics if d.code in ("MX002", "MX007")]
    first, second = t.rows
    assert [c.status for c in first.cells[1:]] == ["supported", "supported"]
    assert [(f.marker, f.text) for f in first.cells[2].footnotes] == [("1", "Since 2.0.")]
    assert [(f.marker, f.text) for f in second.cells[1].footnotes] == [("2", "Planned for 3.0.")]
    assert second.cells[2].status == "not_supported"


def test_a_legend_s_no_restrictions_followed_by_a_denial_is_partial() -> None:
    from compiler.frontend.vocabulary import classify

    assert classify("No restrictions") == ("supported", None)
    assert classify("No restrictions; fully supported") == ("supported", None)
    assert classify("No restrictions on Windows; not supported on Linux") == ("partial", None)
    assert classify("No limit on size. Not supported for premium.") == ("partial", None)
    assert classify("Not required") is None


def test_supported_after_a_word_of_kind_is_a_target_after_one_of_time_a_verdict() -> None:
    from compiler.frontend.build import _role_of

    assert _role_of("Currently Supported") == "requirement"
    assert _role_of("Actively maintained") == "requirement"
    assert _role_of("Officially supported") is None  # beside "Community supported": targets
    assert _role_of("Tested, but not supported") == "details"
    assert _role_of("Status (supported or unsupported)") is None  # the aside is no list


def test_a_legend_that_says_nothing_is_known_yet_is_no_condition() -> None:
    from compiler.frontend.vocabulary import classify

    assert classify("Must compile first") == ("partial", None)  # intellij-ocaml's 🆗
    assert classify("Requires a license") == ("partial", None)
    for unknown in ("Needs testing", "Needs investigation", "Need more info", "Must have"):
        assert classify(unknown) is None, unknown
    assert classify("Supported, needs no setup") == ("supported", None)


def test_a_setting_s_default_under_a_limits_title_is_no_maximum() -> None:
    text = (
        "# Service limits\n\n## Storage\n\n### Blob settings\n\n"
        "| Setting | Default | Description |\n|---|---|---|\n| Timeout | 30 | Max seconds |\n\n"
        "## Quotas\n\n| Name | Default | Adjustable |\n|---|---|---|\n| Vaults | 30 | Yes |\n"
    )
    from compiler.emit.rules import rule_file
    from compiler.project.pipeline import compile_text

    rf = rule_file(compile_text(text, text.encode(), "limits.md"))
    rules = {r.row: [(c.kind, c.maximum) for c in r.constraints] for r in rf.rules}
    # a setting's default is a value, no rule at all; a quota's default is its limit
    assert rules == {"blob-settings/timeout": [], "quotas/vaults": [("count", 30)]}


def test_a_legend_in_parentheses_after_plain_words_is_placed_as_other_legends() -> None:
    # Only a bold title ("**Build Systems** (✅ = …)") makes it the caption of the table after
    # it; written under a table, after plain words, it explains the table above (was: the next).
    from compiler.project.pipeline import compile_text

    text = (
        "# Support\n\n"
        "| Feature | Linux | macOS |\n|---|---|---|\n| Build | ✅ | 😓 |\n\n"
        "Support by platform (✅ = supported, 😓 = syntax highlight only, ❌ = not supported)\n\n"
        "| Tool | Linux | macOS |\n|---|---|---|\n| Debug | ✅ | ❌ |\n"
    )
    m = compile_text(text, text.encode(), "legend.md")
    assert not [d for d in m.diagnostics if d.code == "MX016"]
    statuses = [
        [c.status for c in r.cells[1:]] for s in m.sections for t in s.tables for r in t.rows
    ]
    assert statuses == [["supported", "partial"], ["supported", "not_supported"]]


def test_a_legend_s_explanation_of_many_negations_reads_in_one_pass() -> None:
    # The words after "Not required, " are read once: 5,000 of them were a recursion each
    # (RecursionError, and seconds of rescanning) when the rest was read as a new explanation.
    from compiler.frontend.vocabulary import classify

    assert classify("Not required, " * 5000 + "supported") == ("partial", None)


def test_qualified_columns_that_split_a_declared_scenario_say_so() -> None:
    # "Windows (x64) | Windows (ARM64)" are two targets (each keeps its qualifier); where a
    # scenarios table declares "Windows", it gets none of their verdicts, and MX020 says so.
    from compiler.project.pipeline import compile_text

    text = (
        "# Agent support\n\n## Scenarios\n\n| Scenario | Description |\n|---|---|\n"
        "| Windows | Windows hosts |\n| Linux | Linux hosts |\n\n## Features\n\n"
        "| Feature | Windows (x64) | Windows (ARM64) | Linux |\n|---|---|---|---|\n"
        "| Backup | Yes | No | Yes |\n"
    )
    m = compile_text(text, text.encode(), "agents.md")
    assert [s.id for s in m.scenarios] == ["windows", "linux", "windows-x64", "windows-arm64"]
    split = [d.message for d in m.diagnostics if d.code == "MX020"]
    assert split == [
        f"column {c!r} is a target of its own beside another of its name: scenario 'windows' "
        "gets none of its verdicts"
        for c in ("Windows (x64)", "Windows (ARM64)")
    ]


# --- the bounds of this session's reading rules (a reviewer's counter-examples) -----------------


def test_a_column_of_na_alone_stays_a_target() -> None:
    # "N/A" hides a column only among other text (links, versions); a platform nothing applies
    # to is still a target
    m = compile_text("# T\n\n| Feature | Linux | macOS |\n|---|---|---|\n| Sync | Yes | N/A |\n")
    assert [s.label for s in m.scenarios] == ["Linux", "macOS"]
    assert tables(m)[0].rows[0].cells[2].status == "not_applicable"


def test_excluding_one_line_is_no_ceiling() -> None:
    # "(excluding 2.5.x)" may leave out one line and allow those after it; "(not including
    # 2.0+ yet)" under a floor of 3.0 caps nothing a configuration could meet
    m = compile_text(
        "# T\n\n| Library | Versions |\n|---|---|\n| Camel | 2.0+ (excluding 2.5.x) |\n"
        "| Foo | 3.0+ (not including 2.0+ yet) |\n"
    )
    assert [r.cells[1].constraints for r in tables(m)[0].rows] == [(), ()]


def test_a_list_saying_what_works_is_a_legend() -> None:
    m = compile_text(
        "# T\n\n- **Native**: fully working\n- **Emulated**: partially working\n"
        "- **Broken**: not working\n\n| Feature | Linux | macOS | Windows |\n|---|---|---|---|\n"
        "| Sync | Native | Emulated | Broken |\n"
    )
    assert [c.status for c in tables(m)[0].rows[0].cells[1:]] == [
        "supported",
        "partial",
        "not_supported",
    ]


def test_a_one_row_table_keyed_by_a_stage_or_a_setting_keeps_its_key() -> None:
    for text, key in (
        ("| Channel | Linux | macOS |\n|---|---|---|\n| Stable | ✅ | ❌ |\n", "Stable"),
        ("| Enabled | Required |\n|---|---|\n| true | false |\n", "true"),
    ):
        (table,) = tables(compile_text(f"# T\n\n## Downloads\n\n{text}"))
        assert table.rows[0].key == key


def test_headers_ending_in_port_over_marks_are_targets() -> None:
    # only a header that is a port ("Port", "Dest Port") is details, not "USB port" over ✅
    m = compile_text(
        "# T\n\n| Board | Serial port | USB port |\n|---|---|---|\n| Pi 4 | ✅ | ✅ |\n"
        "| Pi Zero | ✅ | ❌ |\n"
    )
    assert [s.label for s in m.scenarios] == ["Serial port", "USB port"]


def test_the_project_s_verdict_for_any_is_kept_whatever_its_case() -> None:
    text = (
        "---\nmatrixc:\n  verdicts:\n    Any: supported\n---\n# T\n\n"
        "| Direction | Network | Protocol |\n|---|---|---|\n| Outbound | Any | TCP |\n"
    )
    assert tables(compile_text(text))[0].rows[0].cells[1].status == "supported"
