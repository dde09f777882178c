"""The CI gate of `matrixc diff --git`, in a real temporary git repository.

Each hole a reviewer found: a deleted matrix, a removed scenario or row passing
`--fail-on breaking`; a matrix whose file name is not ASCII skipped; added and renamed files
not reported. The documents are the corpus's real revisions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.cli.main import main

from .conftest import REVISIONS, SIBLINGS

OLD, NEW = REVISIONS[4], REVISIONS[5]  # 2024-12-19 -> 2026-09-11
SAME = REVISIONS[6]  # 2026-09-11 with another ms.date only
UMLAUT = "matrïx.md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with three matrices committed: `a.md`, `matrïx.md` and `keep.md`."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
    )
    src = tmp_path / "source_docs"
    src.mkdir()
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.invalid")
    git(tmp_path, "config", "user.name", "t")
    shutil.copy(OLD, src / "a.md")
    shutil.copy(OLD, src / UMLAUT)
    shutil.copy(SIBLINGS[0], src / "keep.md")
    commit(tmp_path, "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_deleted_matrix_is_breaking(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "source_docs" / "a.md").unlink()
    commit(repo, "delete a.md")
    for gate in (["--fail-on", "breaking"], ["--fail-on", "any"], ["--exit-code"]):
        code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", *gate)
        assert code == 1, gate
        assert "source_docs/a.md: matrix removed (breaking" in out
    # Against the working tree too (HEAD omitted).
    code, _, _ = run(capsys, "diff", "--git", "HEAD~1", "--fail-on", "breaking")
    assert code == 1
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    assert json.loads(out)["matrices"] == [
        {"impact": "breaking", "path": "source_docs/a.md", "status": "removed"}
    ]


def test_a_matrix_named_outside_ascii_is_diffed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(NEW, repo / "source_docs" / UMLAUT)
    commit(repo, "edit matrïx.md")
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--fail-on", "breaking")
    assert code == 1  # 2024-12-19 -> 2026-09-11 removes "Data disk count"
    assert f"source_docs/{UMLAUT}" in out
    assert 'removed row "Data disk count"' in out
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    (entry,) = json.loads(out)["matrices"]
    assert entry["path"] == f"source_docs/{UMLAUT}"
    assert entry["diff"]["old"]["path"] == f"HEAD~1:source_docs/{UMLAUT}"
    # `history FILE --git` walks the same file's log.
    code, out, _ = run(capsys, "history", f"source_docs/{UMLAUT}", "--git")
    assert code == 0
    assert out.count("major:") == 1
    assert "first revision" in out


def test_added_and_renamed_matrices_are_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = repo / "source_docs"
    shutil.copy(SIBLINGS[1], src / "new.md")
    git(repo, "mv", "source_docs/keep.md", "source_docs/kept.md")
    commit(repo, "add new.md, rename keep.md")
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--fail-on", "breaking")
    assert code == 0  # an addition and a pure rename break nobody
    assert "source_docs/new.md: matrix added (" in out
    assert "source_docs/kept.md: matrix renamed from source_docs/keep.md" in out
    assert run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--exit-code")[0] == 1
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    by_path = {m["path"]: m for m in json.loads(out)["matrices"]}
    assert by_path["source_docs/new.md"]["status"] == "added"
    assert by_path["source_docs/new.md"]["rows"] > 0
    renamed = by_path["source_docs/kept.md"]
    assert renamed["status"] == "renamed"
    assert renamed["renamed_from"] == "source_docs/keep.md"
    assert renamed["diff"]["changes"] == []


def test_a_removed_row_or_scenario_is_breaking(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "source_docs" / "a.md"
    text = path.read_text(encoding="utf-8")
    # 2024-12-19 line 173: "Data disk count | 16 or less | 16 or less".
    row = next(line for line in text.splitlines() if line.startswith("Data disk count"))
    path.write_text(text.replace(row + "\n", ""), encoding="utf-8")
    commit(repo, "drop a row")
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--fail-on", "breaking")
    assert code == 1
    assert 'removed row "Data disk count"' in out
    # Dropping a scenario: its column disappears from one side's tables and its scenario row.
    doc = """# M\n\n## Supported scenarios\n\n**Scenario** | **Details**\n--- | ---\n"""
    both = doc + "**Alpha** | A.\n**Beta** | B.\n\n## T\n\n"
    both += "Feature | Alpha | Beta\n--- | --- | ---\nX | Yes | Yes\n"
    one = doc + "**Alpha** | A.\n\n## T\n\nFeature | Alpha\n--- | ---\nX | Yes\n"
    (repo / "source_docs" / "s.md").write_text(both, encoding="utf-8")
    commit(repo, "two scenarios")
    (repo / "source_docs" / "s.md").write_text(one, encoding="utf-8")
    commit(repo, "one scenario")
    code, out, _ = run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    (entry,) = json.loads(out)["matrices"]
    kinds = {(c["kind"], c["impact"]) for c in entry["diff"]["changes"]}
    assert ("scenario_removed", "breaking") in kinds
    assert run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--fail-on", "breaking")[0] == 1


def test_an_unchanged_meaning_passes_every_gate(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(REVISIONS[5], repo / "source_docs" / UMLAUT)
    commit(repo, "2026-09-11")
    shutil.copy(SAME, repo / "source_docs" / UMLAUT)
    commit(repo, "only ms.date")
    for gate in (["--fail-on", "breaking"], ["--fail-on", "any"], ["--exit-code"]):
        assert run(capsys, "diff", "--git", "HEAD~1", "HEAD", *gate)[0] == 0, gate
