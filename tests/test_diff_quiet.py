"""generated/ stays quiet in review: a small doc edit is a small diff of generated files.

In a real temporary git repository holding the project's three matrices: build, commit, edit
the reference matrix, rebuild, and read `git diff --numstat` of generated/. And a failed build
(broken front matter, a matrix without tables) leaves every tracked file as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.cli.main import main

from .conftest import PYPROJECT, ROOT

MATRIX = "source_docs/hyper-v-azure-support-matrix.md"
# Bounds on changed lines (added + deleted, as `git diff --numstat` counts them).
# The rule file: its header (generated, version, release, source, changelog: 2 lines each way),
# the one rule whose cell changed (1 each way), the line map (1 each way) and the new
# changelog entry (1 added).
RULE_FILE_BOUND = 16
# The whole of generated/ (measured: 46): the rule file (15), the changelog entry (6), the
# manifest (10), the input schema (7: its header, the IPv6 fact no longer forbidden with VMM)
# and the validator (8: its header and the IPv6 row's records, one record per line).
GENERATED_BOUND = 50


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's matrices, built and committed."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "source_docs").mkdir()
    for doc in (ROOT / "source_docs").glob("*.md"):
        shutil.copy(doc, tmp_path / "source_docs" / doc.name)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-site"]) == 0
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.invalid")
    git(tmp_path, "config", "user.name", "t")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "built")
    return tmp_path


def numstat(repo: Path) -> dict[str, int]:
    out = git(repo, "diff", "--numstat", "--", "generated")
    stat: dict[str, int] = {}
    for line in out.splitlines():
        added, deleted, path = line.split("\t")
        stat[path] = int(added) + int(deleted)
    return stat


def test_one_cell_edit_with_shifted_lines_is_a_small_diff(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / MATRIX
    text = path.read_text(encoding="utf-8")
    # Line 68: "Guest VM network: IPv6 | No | Yes" -> the VMM scenario now supported; and four
    # lines of prose above the table, so every later row of the source moves down by four.
    assert "Guest VM network: IPv6 | No | Yes\n" in text
    text = text.replace(
        "Guest VM network: IPv6 | No | Yes\n", "Guest VM network: IPv6 | Yes | Yes\n"
    )
    anchor = "## Hyper-V network configuration\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "\nA paragraph\nof three\nlines.\n", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["build", "--no-site"]) == 0
    capsys.readouterr()
    stat = numstat(repo)
    rules = stat.pop("generated/rules/hyper-v-azure-support-matrix.json")
    assert rules <= RULE_FILE_BOUND, rules
    assert set(stat) <= {
        "generated/changelog/hyper-v-azure-support-matrix.md",
        "generated/manifest.json",
        "generated/validators/hyper_v_azure_support_matrix.py",
        "generated/schema/hyper-v-azure-support-matrix.input.schema.json",
    }, stat
    assert rules + sum(stat.values()) <= GENERATED_BOUND, stat
    print(f"git diff --numstat of generated/: {rules} rule-file lines, then {stat}")


@pytest.mark.parametrize(
    "broken",
    [
        "---\nms.date: [unclosed\n---\n# M\n\nA | B\n--- | ---\nx | Yes\n",  # broken YAML
        "# Prose only\n\nNo table in this document.\n",  # no tables
    ],
    ids=["broken-yaml", "no-tables"],
)
def test_a_failed_build_leaves_every_tracked_file_as_it_was(
    repo: Path, broken: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / MATRIX).write_text(broken, encoding="utf-8")
    assert main(["build", "--no-site"]) != 0
    err = capsys.readouterr().err
    assert "previous output kept" in err
    changed = git(repo, "status", "--porcelain", "--", "generated")
    assert changed == ""
    assert (repo / "generated" / "manifest.json").is_file()


def test_lint_warns_when_content_changes_under_an_unchanged_date(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / MATRIX
    text = path.read_text(encoding="utf-8")
    assert main(["lint", MATRIX]) == 0
    assert "MX050" not in capsys.readouterr().out  # as built: nothing to say
    # Front matter line 6 is "ms.date: 12/19/2024"; line 68 IPv6 becomes unsupported for both.
    assert text.splitlines()[5] == "ms.date: 12/19/2024"
    edited = text.replace("Guest VM network: IPv6 | No | Yes", "Guest VM network: IPv6 | No | No")
    path.write_text(edited, encoding="utf-8")
    main(["lint", MATRIX])
    out = capsys.readouterr().out
    assert f"{MATRIX}:6:1: warning MX050 content changed since the last build (1 breaking)" in out
    assert "still 2024-12-19" in out
    path.write_text(edited.replace("ms.date: 12/19/2024", "ms.date: 01/05/2025"), encoding="utf-8")
    main(["lint", MATRIX])
    assert "MX050" not in capsys.readouterr().out
    # A wording-free edit (whitespace) under the old date is no content change.
    path.write_text(text.replace("IPv6 | No | Yes", "IPv6 |  No  | Yes"), encoding="utf-8")
    main(["lint", MATRIX])
    assert "MX050" not in capsys.readouterr().out
