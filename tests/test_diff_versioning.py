"""Rule-file semver from the diff against the previous build, and the accumulated changelog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compiler.cli.main import main
from compiler.emit.rules import rule_file
from compiler.emit.versioning import next_version, versioned
from compiler.errors import InputError
from compiler.model.matrix import Matrix
from compiler.project.pipeline import compile_file, compile_text, emit_rule_outputs
from compiler.project.sources import parse_rule_file

from .conftest import REVISIONS

ID = "hyper-v-azure-support-matrix"


def as_reference(path: Path) -> Matrix:
    """A revision compiled as if it were source_docs/<ID>.md (same id whatever the file name)."""
    data = path.read_bytes()
    return compile_text(data.decode("utf-8"), data, f"source_docs/{ID}.md")


def emit_versioned(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    """What the pipeline writes for `matrix` when generated/ holds `previous` (None: nothing)."""
    prev = None
    if previous is not None:
        try:
            prev = parse_rule_file(json.dumps(previous), "previous.json")
        except InputError:
            prev = None
    return emit_rule_outputs(matrix, versioned(prev, rule_file(matrix)))


def build(matrix: Matrix, previous: dict[str, object] | None) -> tuple[dict[str, object], str]:
    out = emit_versioned(matrix, previous)
    assert set(out) == {f"rules/{ID}.json", f"changelog/{ID}.md"}
    return json.loads(out[f"rules/{ID}.json"]), out[f"changelog/{ID}.md"]


def test_semver_arithmetic() -> None:
    assert next_version("1.2.3", "major") == "2.0.0"
    assert next_version("1.2.3", "minor") == "1.3.0"
    assert next_version("1.2.3", "patch") == "1.2.4"
    assert next_version("1.2.3", "none") == "1.2.3"


def test_first_build_is_initial_and_rebuild_is_byte_identical() -> None:
    m = as_reference(REVISIONS[4])
    first = emit_versioned(m, None)
    rules = json.loads(first[f"rules/{ID}.json"])
    assert rules["version"] == "1.0.0"
    assert rules["release"]["bump"] == "initial"
    assert rules["release"]["previous"] is None
    assert emit_versioned(m, rules) == first
    assert emit_versioned(m, json.loads(json.dumps(rules))) == first


@pytest.mark.parametrize("broken", [{"version": "x"}, {"rules": 3}, {}])
def test_broken_previous_file_counts_as_none(broken: dict[str, object]) -> None:
    rules, _ = build(as_reference(REVISIONS[4]), broken)
    assert rules["version"] == "1.0.0"
    assert rules["release"]["bump"] == "initial"


def test_versions_follow_the_history_and_the_changelog_accumulates() -> None:
    previous: dict[str, object] | None = None
    versions = []
    changelog = ""
    for path in REVISIONS:
        previous, changelog = build(as_reference(path), previous)
        versions.append((previous["version"], previous["release"]["bump"]))  # type: ignore[index]
    assert versions[0] == ("1.0.0", "initial")
    assert versions[1] == ("2.0.0", "major")  # 2018: a verdict appears where there was none
    bumps = [b for _, b in versions]
    assert bumps[4] == "minor"  # 2024-12-19: a row added, relaxations only
    assert bumps[5] == "major"  # 2026-09-11: a row removed, limits 1 GiB lower
    assert versions[6] == versions[5]  # 2026-10-07: only ms.date changed
    assert previous is not None
    log = previous["changelog"]
    assert isinstance(log, list)
    assert len(log) == 6
    assert [e["version"] for e in log] == [v for v, _ in versions[:6]]
    assert changelog.count("\n## ") == 6
    assert changelog.index(f"## {versions[5][0]}") < changelog.index("## 1.0.0")  # newest first
    assert 'removed row "Data disk count"' in changelog
    reasons = previous["release"]["reasons"]  # type: ignore[index]
    impacts = [r.split(":")[0] for r in reasons]
    assert impacts == sorted(impacts, key=["breaking", "relaxing", "neutral"].index)


def test_wording_only_is_a_patch() -> None:
    text = REVISIONS[4].read_text(encoding="utf-8")
    m = as_reference(REVISIONS[4])
    rules, _ = build(m, None)
    edited = text.replace("Exclude disk | Yes | Yes", "Exclude disk | Yes, you can. | Yes")
    assert edited != text
    m2 = compile_text(edited, edited.encode(), f"source_docs/{ID}.md")
    rules2, changelog = build(m2, rules)
    assert rules2["version"] == "1.0.1", rules2["release"]
    assert rules2["release"]["bump"] == "patch"
    assert "## 1.0.1" in changelog


def test_build_writes_versioned_rules_and_changelog(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--no-site"]) == 0
    rules_path = project / "generated" / "rules" / f"{ID}.json"
    log_path = project / "generated" / "changelog" / f"{ID}.md"
    first = (rules_path.read_bytes(), log_path.read_bytes())
    assert json.loads(first[0])["version"] == "1.0.0"
    assert main(["build", "--no-site"]) == 0
    assert (rules_path.read_bytes(), log_path.read_bytes()) == first
    assert main(["check"]) == 0
    source = project / "source_docs" / f"{ID}.md"
    source.write_bytes(REVISIONS[5].read_bytes())
    assert main(["build", "--no-site"]) == 0
    rules = json.loads(rules_path.read_text())
    assert rules["version"] == "2.0.0"
    assert rules["release"]["previous"] == "1.0.0"
    assert len(rules["changelog"]) == 2
    assert "## 2.0.0" in log_path.read_text()
    assert "## 1.0.0" in log_path.read_text()
    capsys.readouterr()


def test_compile_file_and_reference_agree() -> None:
    assert compile_file(REVISIONS[4]).sections == as_reference(REVISIONS[4]).sections
