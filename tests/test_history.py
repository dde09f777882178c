"""`matrixc history` and `load_history`: the reference matrix's revisions 2017-2026."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.cli.main import main
from compiler.diff.render import render_history_markdown
from compiler.project.config import load_config
from compiler.project.history import folder_history, git_history, load_history

from .conftest import CORPUS, REVISIONS, ROOT

HISTORY = ROOT / "source_docs" / "history"
ID = "hyper-v-azure-support-matrix"


def test_the_project_holds_the_seven_revisions_byte_for_byte() -> None:
    copies = sorted((HISTORY / ID).glob("*.md"))
    assert [p.name for p in copies] == [p.name for p in REVISIONS]
    for copy, original in zip(copies, REVISIONS, strict=True):
        assert copy.read_bytes() == original.read_bytes()
    notice = (HISTORY / "NOTICE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in notice
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| 20") and "__" in line:
            name, commit = line.split("|")[1].strip(), line.split("|")[5].strip()
            assert name in notice
            if len(commit) == 40:
                assert commit in notice


def test_load_history_orders_by_date_and_diffs_consecutive_revisions() -> None:
    history = load_history(load_config(ROOT))
    revisions = history[ID]
    assert [r.date for r in revisions] == [
        "2017-12-31",
        "2018-08-01",
        "2020-01-27",
        "2023-05-26",
        "2024-12-19",
        "2026-09-11",
        "2026-10-07",
    ]
    assert revisions[0].changes is None
    assert all(r.changes is not None for r in revisions[1:])
    last = revisions[-1].changes
    assert last is not None
    assert last.changes == ()
    assert last.bump == "none"
    assert revisions[4].path == f"source_docs/history/{ID}/2024-12-19__d5197e9e.md"
    assert revisions[4].sha256.startswith("d5197e9e")


def test_folder_sorts_by_date_not_name(tmp_path: Path) -> None:
    for i, rev in enumerate(reversed(REVISIONS[3:6])):
        shutil.copy(rev, tmp_path / f"{i}.md")
    dates = [r.date for r in folder_history(tmp_path)]
    assert dates == ["2023-05-26", "2024-12-19", "2026-09-11"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_project_history(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert f"# {ID}" in out
    assert "2017-12-31" in out
    assert "first revision" in out
    assert 'removed row "Data disk count"' in out
    code, out, _ = run(capsys, "history", "--format", "json", "--matrix", ID)
    data = json.loads(out)
    assert [r["date"][:4] for r in data[ID]] == [
        "2017",
        "2018",
        "2020",
        "2023",
        "2024",
        "2026",
        "2026",
    ]
    assert data[ID][0]["changes"] is None
    assert data[ID][5]["changes"]["bump"] == "major"
    code, out, _ = run(capsys, "history", "--format", "markdown")
    assert out.startswith("# History of ")
    assert run(capsys, "history", "--matrix", "nope")[0] == 2


def test_cli_folder_and_bad_targets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", str(CORPUS / "hyper-v-azure-revisions"))
    assert code == 0
    assert out.count("\n20") == 7
    code, _, err = run(capsys, "history", str(REVISIONS[0]))
    assert code == 2
    assert "--git" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "history", str(tmp_path / "missing"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "history", str(tmp_path))
    assert code == 2
    assert "no Markdown revisions" in err


def test_git_log_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    doc = tmp_path / "old-name.md"
    for i, rev in enumerate(REVISIONS[:3]):
        if i == 2:  # renamed on the way: --follow keeps the history
            git("mv", "old-name.md", "matrix.md")
            doc = tmp_path / "matrix.md"
        shutil.copy(rev, doc)
        git("add", "-A")
        git("commit", "-q", "-m", rev.stem)
    monkeypatch.chdir(tmp_path)
    revisions = git_history(Path("matrix.md"))
    assert [r.date for r in revisions] == ["2017-12-31", "2018-08-01", "2020-01-27"]
    assert revisions[0].path.endswith(":old-name.md")
    assert revisions[2].path.endswith(":matrix.md")
    assert all(r.commit and len(r.commit) == 40 for r in revisions)
    code, out, _ = run(capsys, "history", "matrix.md", "--git")
    assert code == 0
    assert "2020-01-27" in out
    assert "History of" in render_history_markdown({"m": revisions})
    # from another directory, the file's own repository (this was a ValueError traceback
    # from outside it, and "not a git repository" from a directory of no repository)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = run(capsys, "history", str(tmp_path / "matrix.md"), "--git")
    assert (code, err) == (0, "")
    assert out.count("\n20") == 3
    outside = tmp_path / "outside.md"
    outside.write_bytes(REVISIONS[0].read_bytes())
    repo = tmp_path.parent / f"{tmp_path.name}-other-repository"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    monkeypatch.chdir(repo)
    code, _, err = run(capsys, "history", str(outside), "--git")
    assert code == 2
    assert err.count("\n") == 1
    assert "no committed revisions" in err


def test_history_of_a_rule_file_shows_versions_and_word_level_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two builds of the 2024-12-19 revision, each committed: the rule file's git log."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
    )
    (tmp_path / "source_docs").mkdir()
    doc = tmp_path / "source_docs" / "m.md"
    shutil.copy(REVISIONS[4], doc)
    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    monkeypatch.chdir(tmp_path)
    text = doc.read_text(encoding="utf-8")
    # Line 68 "Guest VM network: IPv6 | No | Yes": the VMM scenario becomes supported (minor).
    edits = [
        text,
        text.replace("Guest VM network: IPv6 | No | Yes", "Guest VM network: IPv6 | Yes | Yes"),
    ]
    assert "Guest VM network: IPv6 | No | Yes" in text
    for version_text in edits:
        doc.write_text(version_text, encoding="utf-8")
        assert main(["build", "--no-site"]) == 0
        git("add", "-A")
        git("commit", "-q", "-m", "build")
    capsys.readouterr()
    code, out, _ = run(capsys, "history", "generated/rules/m.json", "--git")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("2024-12-19  1.0.0  first revision")
    assert lines[2].startswith("2024-12-19  1.0.0 → 1.1.0  minor: 0 breaking, 1 relaxing")
    assert '"Guest VM network: IPv6" · Hyper-V with Virtual Machine Manager: ' in lines[3]
    assert lines[3].endswith("not supported → supported")
    assert "source_docs/m.md" not in out  # versions, not paths
