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
