"""Real support matrices outside the corpus, cut to the rows and columns that show one construct
each; every expectation was read off the published document (repository, path and commit are
named at each excerpt)."""

from __future__ import annotations

from compiler.cli.validate import load_validator
from compiler.emit.rules import rule_file
from compiler.model.matrix import Matrix
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_text


def _compile(text: str) -> Matrix:
    return compile_text(text, text.encode(), "excerpt.md")


def _rules(text: str) -> RuleFile:
    return rule_file(_compile(text))


# --- headers that share a first line: cibuildwheel's platforms ---------------------------------

# pypa/cibuildwheel, README.md at 8832cf6 ("What does it do?"), columns and rows cut.
CIBUILDWHEEL = """# cibuildwheel

## What does it do?

|                    | macOS Intel | manylinux<br/>musllinux x86_64 | manylinux<br/>musllinux i686 | manylinux<br/>musllinux armv7l |
|--------------------| ----------- | ------------------------------ | ---------------------------- | ------------------------------ |
| CPython 3.9        | ✅          | ✅                             | ✅                           | ✅<sup>4</sup>                 |
| PyPy 3.11 v7.3     | ✅          | ✅<sup>1</sup>                 | ✅<sup>1</sup>               | N/A                            |
| GraalPy 3.12 v25.0 | ✅          | ✅<sup>1</sup>                 | N/A                          | N/A                            |

<sup>**1** PyPy & GraalPy are only supported for manylinux wheels.</sup><br>
<sup>**4** manylinux armv7l support is experimental.</sup><br>
"""  # noqa: E501 - the header row as published


def test_headers_sharing_a_first_line_are_different_targets() -> None:
    # Before: the three manylinux columns were one scenario, "manylinux" (the others its
    # aliases, MX018 three times), and each row's verdict there was the armv7l column's.
    m = _compile(CIBUILDWHEEL)
    assert [s.label for s in m.scenarios] == [
        "macOS Intel",
        "manylinux musllinux x86_64",
        "manylinux musllinux i686",
        "manylinux musllinux armv7l",
    ]
    assert not [d for d in m.diagnostics if d.code == "MX018"]
    module = load_validator(rule_file(m))
    verdicts = {
        (row, scenario): module.validate({"scenario": scenario, "facts": {row: True}}).ok
        for row in ("what-does-it-do/pypy-311-v73", "what-does-it-do/graalpy-312-v250")
        for scenario in ("manylinux-musllinux-x86_64", "manylinux-musllinux-i686")
    }
    assert verdicts == {
        ("what-does-it-do/pypy-311-v73", "manylinux-musllinux-x86_64"): True,
        ("what-does-it-do/pypy-311-v73", "manylinux-musllinux-i686"): True,
        ("what-does-it-do/graalpy-312-v250", "manylinux-musllinux-x86_64"): True,
        ("what-does-it-do/graalpy-312-v250", "manylinux-musllinux-i686"): False,
    }


# --- Windows releases in a column of versions --------------------------------------------------

# dotnet/core, release-notes/10.0/supported-os.md at 0e9eb88 ("Windows"), rows cut, links left
# undefined (their definitions are at the end of the document).
DOTNET_WINDOWS = """# .NET 10 - Supported OS versions

## Windows

| OS                        | Versions                                    | Architectures   | Lifecycle       |
| ------------------------- | ------------------------------------------- | --------------- | --------------- |
| [Nano Server][23]         | 2025, 2022, 2019                            | x64             | [Lifecycle][24] |
| [Windows Server][27]      | 2025, 23H2, 2022, 2019, 2016, 2012-R2, 2012 | x64             | [Lifecycle][28] |
| [Windows Server Core][29] | 2025, 2022, 2019, 2016, 2012-R2, 2012       | x64             | [Lifecycle][30] |
"""  # noqa: E501 - rows as published


def test_windows_releases_are_versions_of_the_list() -> None:
    # Before: one "2012-R2" or "23H2" in a list left the whole cell unread, and Windows Server
    # 2008 passed with "no checkable rule".
    rules = _rules(DOTNET_WINDOWS)
    listed = {r.key: [c.values for c in r.constraints] for r in rules.rules}
    assert listed == {
        "Nano Server": [("2025", "2022", "2019")],
        "Windows Server": [("2025", "23H2", "2022", "2019", "2016", "2012-R2", "2012")],
        "Windows Server Core": [("2025", "2022", "2019", "2016", "2012-R2", "2012")],
    }
    module = load_validator(rules)
    row = "windows/windows-server"
    assert [
        module.validate({"scenario": "all", "facts": {row: v}}).ok
        for v in ("2012-R2", "23H2", "2008", "2012-R3")
    ] == [True, True, False, False]


# --- a ceiling said by the header --------------------------------------------------------------

# MicrosoftDocs/azure-management-docs, articles/azure-arc/servers/prerequisites.md at d923d58
# ("Limited support operating systems").
ARC_LIMITED = """# Connected Machine agent prerequisites

## Limited support operating systems

| Operating system | Last supported agent version | End of Arc support date | Notes |
|--|--|--|--|
| SUSE Linux Enterprise Server (SLES) 15 SP3 | 1.58  | 07/03/2026 |  |
| Azure Linux (CBL-Mariner) 2.0         | 1.64         | 07/07/2026    |   |
"""


def test_last_supported_version_is_a_ceiling() -> None:
    # Before: "1.58" was left as text and agent 1.60 passed on SLES 15 SP3.
    rules = _rules(ARC_LIMITED)
    assert [(c.kind, c.max_version) for r in rules.rules for c in r.constraints] == [
        ("max_version", "1.58"),
        ("max_version", "1.64"),
    ]
    module = load_validator(rules)
    row = "limited-support-operating-systems/suse-linux-enterprise-server-sles-15-sp3"
    assert [
        module.validate({"scenario": "all", "facts": {row: v}}).ok
        for v in ("1.58", "1.57.2", "1.60")
    ] == [True, True, False]


# --- an ordered list inside a cell -------------------------------------------------------------

# MicrosoftDocs/azure-management-docs, articles/azure-arc/system-center-virtual-machine-manager/
# support-matrix-for-system-center-virtual-machine-manager.md at d923d58, one row.
SCVMM = """# Support matrix for Azure Arc-enabled System Center Virtual Machine Manager

## Azure Arc resource bridge prerequisites

| **Requirement** | **Details** |
| --- | --- |
| **SCVMM** | You need an SCVMM management server running version 2019 or later.<br/><br/> A private cloud or a host group with a minimum free capacity of 32 GB of RAM, 4 vCPUs with 100 GB of free disk space.<br><br> 1. **VMM IP Pool**: ensure that the Static IP Pool has at least three IP addresses. <br> <br> 2. **Custom IP range**: Ensure that your VM network has three continuous free IP addresses. |
"""  # noqa: E501 - the row as published


def test_an_items_number_is_no_count() -> None:
    # Before: the items' numbers "1." and "2." were two counts, and the fact took a number.
    (rule,) = _rules(SCVMM).rules
    assert [c.kind for c in rule.constraints] == []
    assert rule.unparsed is not None
    assert "VMM IP Pool" in rule.unparsed
