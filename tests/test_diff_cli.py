"""`matrixc diff`: sides from files, rule files and git; formats; exit codes; bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.cli.main import main
from compiler.diff.render import render_markdown, render_text
from compiler.project.history import load_side

from .conftest import REVISIONS, SIBLINGS

OLD, NEW = str(REVISIONS[4]), str(REVISIONS[5])  # 2024-12-19 -> 2026-09-11
SAME_A, SAME_B = str(REVISIONS[5]), str(REVISIONS[6])  # differ only in ms.date


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_by_default_without_colour_when_not_a_tty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", OLD, NEW)
    assert code == 0
    assert "\x1b[" not in out
    assert out.splitlines()[2].startswith("major: ")
    assert '"Data disk count"' in out
    code, out, _ = run(capsys, "diff", OLD, NEW, "--color", "always")
    assert "\x1b[31m" in out


def test_control_characters_of_a_document_reach_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title or key with ESC sequences was printed raw: `\x1b]0;…\x07` retitled the window,
    `\x1b[1A` climbed over the line above (a "breaking" line could be hidden). They are shown
    as escapes, in `diff` and `history`, with colour on or off."""
    old = Path(OLD).read_text(encoding="utf-8")
    hostile = old.replace("\nData disk count |", "\nData disk count\x1b[1A\x1b[2K |", 1).replace(
        "\n# ", "\n# \x1b]0;PWNED\x07", 1
    )
    assert hostile.count("\x1b") == 3
    folder = tmp_path / "revisions"
    folder.mkdir()
    (folder / "a.md").write_text(old, encoding="utf-8")
    (folder / "b.md").write_text(hostile, encoding="utf-8")
    for argv in (
        ("diff", str(folder / "a.md"), str(folder / "b.md")),
        ("diff", str(folder / "a.md"), str(folder / "b.md"), "--color", "always"),
        ("history", str(folder)),
        ("history", str(folder), "--color", "always"),
    ):
        code, out, err = run(capsys, *argv)
        assert code in (0, 1), (argv, err)
        painted = out.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "")
        painted = painted.replace("\x1b[31m", "").replace("\x1b[32m", "")
        assert "\x1b" not in painted + err, argv
        assert "\\x1b[1A" in out, argv


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", OLD, NEW, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["bump"] == "major"
    assert data["new"]["path"].endswith("2026-09-11__75b454b6.md")
    kinds = {c["kind"] for c in data["changes"]}
    assert {"row_added", "row_removed", "row_renamed", "constraint_changed"} <= kinds


def test_markdown_is_a_pull_request_comment(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(
        capsys, "diff", str(REVISIONS[1]), str(REVISIONS[2]), "--format", "markdown"
    )
    lines = out.splitlines()
    assert "**major**" in lines[0]
    assert "breaking" in lines[0]
    assert "neutral" in lines[0]
    assert "| impact | change | row | scenario | what changed | lines |" in out
    assert "<details><summary>" in out  # a section with a long list is collapsed
    # Breaking rows come first within a section table.
    table = out.split("### Hyper-V network configuration")[1].split("<details>")[0]
    impacts = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][
        1:
    ]
    order = {"**▼ breaking**": 0, "▲ relaxing": 1, "● neutral": 2}
    visible = [order[i] for i in impacts if i in order]
    assert visible == sorted(visible)


def test_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "diff", SAME_A, SAME_B, "--exit-code")[0] == 0
    assert run(capsys, "diff", SAME_A, SAME_B, "--fail-on", "any")[0] == 0
    assert run(capsys, "diff", OLD, NEW, "--exit-code")[0] == 1
    assert run(capsys, "diff", OLD, NEW, "--fail-on", "breaking")[0] == 1
    assert run(capsys, "diff", OLD, NEW)[0] == 0
    # 2023-05-26 -> 2024-12-19 relaxes only: no breaking change.
    assert (
        run(capsys, "diff", str(REVISIONS[3]), str(REVISIONS[4]), "--fail-on", "breaking")[0] == 0
    )
    assert run(capsys, "diff", str(REVISIONS[3]), str(REVISIONS[4]), "--fail-on", "any")[0] == 1


def test_identical_revisions_diff_empty(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "diff", SAME_A, SAME_B, "--format", "json")
    assert json.loads(out)["changes"] == []
    assert json.loads(out)["bump"] == "none"
    assert "no changes" in run(capsys, "diff", SAME_A, SAME_B)[1]


def test_rule_file_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rf = load_side(OLD)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(rf.model_dump(mode="json")))
    assert run(capsys, "diff", str(path), OLD, "--exit-code")[0] == 0
    assert run(capsys, "diff", str(path), NEW, "--exit-code")[0] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "missing.md", NEW], "missing.md: no such file"),
        (["diff", "HEAD~999999:source_docs/x.md", NEW], "unknown git revision"),
        (
            ["diff", "HEAD:source_docs/no-such-file.md", NEW],
            "no file 'source_docs/no-such-file.md'",
        ),
        # a folder's listing read as a matrix with "no tables"
        (["diff", "HEAD:source_docs", NEW], "'source_docs' is a directory in revision 'HEAD'"),
        (["diff", OLD], "give OLD and NEW"),
        (["diff", "--git"], "--git takes BASE"),
        (["diff", "--git", "no-such-rev-xyz"], "unknown git revision"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_side_that_is_not_a_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prose = tmp_path / "prose.md"
    prose.write_text("# Hello\n\nNo tables here.\n")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"a": 1}')
    for side in (prose, bad_json):
        code, _, err = run(capsys, "diff", str(side), NEW)
        assert code == 2, err
        assert len(err.strip().splitlines()) == 1, err


def test_two_different_matrices_warn_and_still_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", str(SIBLINGS[0]), NEW)
    assert code == 0
    assert "look like different matrices" in err
    assert len(err.strip().splitlines()) == 1
    assert "breaking" in out


def test_renderers_are_pure_and_stable() -> None:
    from compiler.diff.engine import diff

    changes = diff(load_side(OLD), load_side(NEW))
    assert render_text(changes) == render_text(changes)
    assert render_markdown(changes) == render_markdown(changes)


# -- git ----------------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project whose one matrix goes through three revisions (2023, 2024, 2026)."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
    )
    src = tmp_path / "source_docs"
    src.mkdir()
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.invalid")
    _git(tmp_path, "config", "user.name", "t")
    for rev in (REVISIONS[3], REVISIONS[4], REVISIONS[5]):
        shutil.copy(rev, src / "hyper-v.md")
        _git(tmp_path, "add", "-A")
        _git(tmp_path, "commit", "-q", "-m", rev.stem)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_sides(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "diff",
        "HEAD~1:source_docs/hyper-v.md",
        "HEAD:source_docs/hyper-v.md",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["bump"] == "major"
    assert data["old"]["path"] == "HEAD~1:source_docs/hyper-v.md"
    assert data["old"]["date"] == "2024-12-19"
    code, out, _ = run(
        capsys, "diff", "HEAD:source_docs/hyper-v.md", "source_docs/hyper-v.md", "--exit-code"
    )
    assert code == 0


def test_git_mode_diffs_every_changed_matrix(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "diff", "--git", "HEAD~2", "HEAD", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [m["path"] for m in data["matrices"]] == ["source_docs/hyper-v.md"]
    assert data["matrices"][0]["diff"]["old"]["date"] == "2023-05-26"
    assert data["matrices"][0]["diff"]["new"]["date"] == "2026-09-11"
    assert run(capsys, "diff", "--git", "HEAD~1", "HEAD", "--fail-on", "breaking")[0] == 1
    # Against the working tree (HEAD omitted): nothing changed.
    code, out, _ = run(capsys, "diff", "--git", "HEAD", "--exit-code")
    assert code == 0
    assert "no matrix" in out
    shutil.copy(REVISIONS[6], repo / "source_docs" / "hyper-v.md")  # only ms.date differs
    code, out, _ = run(capsys, "diff", "--git", "HEAD", "--exit-code")
    assert code == 0
    assert "no changes" in out
