"""matrixc as other tools meet it: lint formats, CLI manners, the GitHub Action run locally,
the pre-commit hooks, the packaging (a wheel in a fresh venv, no site extra), tasks.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from compiler import __version__
from compiler.cli.main import HELP, main

from .sarif_schema import assert_valid_sarif

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REVISIONS = CORPUS / "hyper-v-azure-revisions"
AMA = CORPUS / "beyond" / "azure-monitor-agent-supported-os.md"
OLD_REV = REVISIONS / "2017-12-31__6c54fd07.md"
MATRIX = "hyper-v-azure-support-matrix"
PYPROJECT = '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def git(cwd: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def uv() -> str | None:
    local = ROOT / ".venv" / "bin" / "uv"
    return str(local) if local.exists() else shutil.which("uv")


# ------------------------------------------------------------------ lint formats and columns


def test_lint_columns_point_at_the_cell(capsys: pytest.CaptureFixture[str]) -> None:
    # AMA line 118 is "|:---|:---:|:---:|:---:|" under a 3-cell header: the 4th cell, column 19.
    code, out, _ = run(capsys, "lint", str(AMA))
    assert code == 0
    assert f"{AMA}:118:19: warning MX001 delimiter row has 4 cells" in out
    # 2017 revision, line 83 "--- | --- | --- | ---": the fourth cell starts at column 19
    _, out, _ = run(capsys, "lint", str(OLD_REV))
    assert f"{OLD_REV}:83:19: warning MX001" in out


def test_lint_columns_of_keys_and_short_rows(capsys: pytest.CaptureFixture[str]) -> None:
    doc = ROOT / "source_docs" / "azure-to-azure-support-matrix.md"
    lines = doc.read_text(encoding="utf-8").splitlines()
    assert lines[147].rstrip() == "|||"  # line 148: every cell empty, a spacer between groups
    assert lines[382] == "Custom DNS    | Supported |"  # line 383: two cells under three headers
    _, out, _ = run(capsys, "lint", str(doc))
    assert f"{doc}:148:1: warning MX011 spacer row (every cell empty): skipped" in out
    # the missing third cell would start right after the last pipe, at column 28
    assert f"{doc}:383:28: warning MX002 row has 2 cells but the header has 3" in out


def test_lint_json_and_github_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "a,b:c%.md"  # every character GitHub's annotation properties escape
    shutil.copy(OLD_REV, odd)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "lint", odd.name, "--format", "json")
    assert code == 0
    findings = json.loads(out)["findings"]
    mx001 = [f for f in findings if f["code"] == "MX001"]
    assert mx001[0]["line"] == 83
    assert mx001[0]["column"] == 19
    assert mx001[0]["path"] == odd.name
    _, out, _ = run(capsys, "lint", odd.name, "--format", "github")
    first = next(line for line in out.splitlines() if "MX001" in line)
    assert first.startswith("::warning file=a%2Cb%3Ac%25.md,line=83,col=19,title=MX001::")
    assert len(out.splitlines()) == len(findings)


def test_lint_sarif_locates_every_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs dir").mkdir()
    doc = tmp_path / "docs dir" / "matrix #1.md"
    shutil.copy(AMA, doc)
    (tmp_path / "notes.md").write_text("just prose\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "lint", "docs dir/matrix #1.md", "notes.md", "--format", "sarif")
    assert code == 1  # notes.md is no matrix: MX000, an error
    log = json.loads(out)
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    assert run_["automationDetails"]["id"] == "matrixc/lint/"
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    uris = set()
    for result in run_["results"]:
        assert result["ruleId"] in rules
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        uris.add(location["artifactLocation"]["uri"])
        assert location["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["matrixcLint/v1"]
    assert uris == {"docs%20dir/matrix%20%231.md", "notes.md"}
    fingerprints = [r["partialFingerprints"]["matrixcLint/v1"] for r in run_["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_lint_quiet_keeps_errors_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prose = tmp_path / "prose.md"
    prose.write_text("no table here\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "-q", str(AMA), str(prose))
    assert code == 1
    assert out.splitlines() == [f"{prose}:1:1: error MX000 no tables: this is not a support matrix"]


# ------------------------------------------------------------------ CLI manners


def test_bare_matrixc_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert out.startswith("usage: matrixc")
    for name in HELP:
        assert re.search(rf"^\s+{name}\s+\S", out, re.MULTILINE), name


@pytest.mark.parametrize("name", sorted(HELP))
def test_every_command_has_description_exit_codes_example_and_version(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    summary, codes, examples = HELP[name]
    assert summary in out
    assert "exit codes:" in out
    assert codes[:20] in " ".join(out.split())
    assert "examples:" in out
    assert f"  {examples[0]}" in out
    with pytest.raises(SystemExit) as exc:
        main([name, "--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"matrixc {__version__}"


def test_quiet_build_and_check_print_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "build", "--no-site", "-q")
    assert (code, out, err) == (0, "", "")
    code, out, err = run(capsys, "check", "-q")
    assert (code, out, err) == (0, "", "")
    (project / "generated" / "rules" / f"{MATRIX}.json").write_text("{}\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "-q")
    assert (code, out, err) == (1, "", "")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert f"stale: generated/rules/{MATRIX}.json" in err


# ------------------------------------------------------------------ the GitHub Action, locally


def _expression(expr: str, context: dict[str, Any]) -> str:
    """The `${{ a || b }}` subset action.yml uses: dotted names and `||`."""
    for alternative in expr.split("||"):
        value: Any = context
        for part in alternative.strip().split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value:
            return str(value)
    return ""


def _substitute(text: str, context: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _expression(m.group(1), context), text)


def run_action(repo: Path, tmp: Path, inputs: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Run action.yml's `run:` steps with bash, as the runner would (the `uses:` steps are
    GitHub's own: setup-python and the SARIF upload; matrixc comes from this checkout's venv)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    runner = tmp / "runner"
    runner.mkdir()
    files = {name: runner / name for name in ("summary.md", "output", "path", "env", "step_output")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    context: dict[str, Any] = {
        "inputs": {**defaults, **inputs},
        "github": {"action_path": str(ROOT), "event_name": "push", "event": {}, "token": ""},
        "steps": {"setup": {"outputs": {"sarif-dir": str(runner / "matrixc-sarif")}}},
    }
    bin_dir = Path(sys.executable).parent
    env = dict(
        os.environ,
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        RUNNER_TEMP=str(runner),
        GITHUB_STEP_SUMMARY=str(files["summary.md"]),
        GITHUB_PATH=str(files["path"]),
        GITHUB_ENV=str(files["env"]),
    )
    code = 0
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        if step.get("name") == "Install matrixc":
            (runner / "matrixc-sarif").mkdir()
            (runner / "matrixc-failures").write_text("", encoding="utf-8")
            continue  # tested by test_wheel_installs_and_runs_without_the_site_extra
        condition = step.get("if", "")
        if condition:
            # the conditions of this action: `inputs.X == 'true'`, `inputs.X != ''`, `&&`
            ok = True
            for clause in re.split(r"&&", condition):
                clause = clause.strip()
                if clause == "always()":
                    continue
                m = re.fullmatch(r"([\w.-]+) (==|!=) '([^']*)'", clause)
                assert m, f"unsupported condition in action.yml: {clause}"
                value = _expression(m.group(1), context)
                ok = ok and ((value == m.group(3)) == (m.group(2) == "=="))
            if not ok:
                continue
        assert "${{" not in step["run"], f"step {step.get('name')!r} interpolates into shell"
        step_env = {k: _substitute(str(v), context) for k, v in step.get("env", {}).items()}
        files["step_output"].write_text("", encoding="utf-8")
        cwd = repo / _substitute(step.get("working-directory", "."), context)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env={**env, **step_env, "GITHUB_OUTPUT": str(files["step_output"])},
            capture_output=True,
            text=True,
            check=False,
        )
        outputs = dict(
            line.split("=", 1)
            for line in files["step_output"].read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
        if step.get("id"):
            context["steps"][step["id"]] = {"outputs": outputs}
        files["output"].write_text(
            files["output"].read_text(encoding="utf-8") + done.stdout + done.stderr,
            encoding="utf-8",
        )
        code = done.returncode
        if code:
            break
    result = {name: f.read_text(encoding="utf-8") for name, f in files.items()}
    result["failures"] = (runner / "matrixc-failures").read_text(encoding="utf-8")
    lint = runner / "matrixc-sarif" / "lint.sarif"
    result["lint.sarif"] = lint.read_text(encoding="utf-8") if lint.exists() else ""
    result["bump"] = context["steps"].get("diff", {}).get("outputs", {}).get("bump", "")
    return code, result


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """A repository of one matrix: the 2024-12-19 revision, then the 2026-09-11 one (which
    tightens "Disk >1 TB" from 32 TB to 32,767 GiB: breaking), generated/ rebuilt each time."""
    repo = tmp_path / "repo"
    (repo / "source_docs").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    for rev in ("2024-12-19__d5197e9e.md", "2026-09-11__75b454b6.md"):
        shutil.copy(REVISIONS / rev, repo / "source_docs" / f"{MATRIX}.md")
        subprocess.run(
            [sys.executable, "-m", "compiler", "build", "--no-site", "-q"], cwd=repo, check=True
        )
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", rev)
    return repo


def test_action_steps_run_locally(scratch_repo: Path, tmp_path: Path) -> None:
    code, out = run_action(scratch_repo, tmp_path, {"fail-on": "breaking"})
    assert code == 1, out["output"]
    assert "diff: changes reach --fail-on breaking" in out["failures"]
    assert "check" not in out["failures"]  # generated/ was committed fresh
    assert "**matrixc diff:** **▼ 7 breaking**" in out["summary.md"]
    assert "32,767 GiB" in out["summary.md"]
    assert out["bump"] == "major"
    assert "::error::matrixc diff: changes reach --fail-on breaking" in out["output"]
    assert "::warning file=source_docs/" in out["output"]  # lint annotations
    sarif = json.loads(out["lint.sarif"])
    assert sarif["runs"][0]["automationDetails"]["id"] == "matrixc/lint/"


def test_action_reports_without_failing_when_fail_on_is_none(
    scratch_repo: Path, tmp_path: Path
) -> None:
    code, out = run_action(scratch_repo, tmp_path, {"fail-on": "none"})
    assert code == 0, out["output"]
    assert "matrixc: all checks passed" in out["output"]
    assert "32,767 GiB" in out["summary.md"]


def test_action_fails_on_stale_generated(scratch_repo: Path, tmp_path: Path) -> None:
    doc = scratch_repo / "source_docs" / f"{MATRIX}.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("32,767 GiB", "16 TB"), "utf-8")
    git(scratch_repo, "commit", "-q", "-am", "edit without build")
    code, out = run_action(scratch_repo, tmp_path, {"fail-on": "none"})
    assert code == 1
    assert "check: generated/ is stale" in out["failures"]


def test_workflow_uses_the_action() -> None:
    workflows = list((ROOT / ".github" / "workflows").glob("*.yml"))
    uses = [
        step.get("uses")
        for wf in workflows
        for job in yaml.safe_load(wf.read_text(encoding="utf-8"))["jobs"].values()
        for step in job.get("steps", [])
    ]
    assert "./" in uses


# ------------------------------------------------------------------ pre-commit hooks


def test_hooks_name_real_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"matrixc-check", "matrixc-lint"}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program in scripts
        assert command in HELP
        assert hook["language"] == "python"


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """`pre-commit try-repo` of this checkout in a scratch repository: passes on a fresh
    generated/, fails naming the stale files after an edit."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        if in_ci():
            pytest.fail("pre-commit is not installed (the dev extra has it)")
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    this = tmp_path / "this"
    files = git(ROOT, "ls-files", "-co", "--exclude-standard", "compiler", "pyproject.toml")
    for rel in [*files.split(), "README.md", "LICENSE", ".pre-commit-hooks.yaml"]:
        if (ROOT / rel).is_file():
            (this / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / rel, this / rel)
    git(this, "init", "-q")
    git(this, "add", "-A")
    git(this, "commit", "-q", "-m", "matrixc")
    repo = tmp_path / "docs"
    (repo / "source_docs").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    shutil.copy(REVISIONS / "2026-09-11__75b454b6.md", repo / "source_docs" / f"{MATRIX}.md")
    subprocess.run([sys.executable, "-m", "compiler", "build", "--no-site", "-q"], cwd=repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    cmd = [str(pre_commit), "try-repo", str(this), "--all-files"]
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"matrixc check .*Passed", done.stdout)
    assert re.search(r"matrixc lint .*Passed", done.stdout)
    doc = repo / "source_docs" / f"{MATRIX}.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("32,767 GiB", "16 TB"), "utf-8")
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"stale: generated/rules/{MATRIX}.json" in done.stdout


# ------------------------------------------------------------------ packaging


def test_one_version_and_the_licence() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    attr = meta["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "compiler.__version__"
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (ROOT / "compiler" / "py.typed").exists()
    site = project["optional-dependencies"]["site"]
    assert any(d.startswith("mkdocs>=") and "<2" in d for d in site)
    assert not any("mkdocs" in d for d in project["dependencies"])


def test_lock_pins_every_dependency_of_the_dev_extra() -> None:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.split(";")[0].strip().partition("==")
            pins[name.lower().replace("_", "-")] = version
    assert all(pins.values())
    for wanted in ("mkdocs", "mkdocs-material", "pydantic", "pytest", "ruff", "mypy", "pre-commit"):
        assert wanted in pins


def _copy_project_sources(target: Path) -> None:
    """What a wheel is built from, copied out so the build leaves nothing in the checkout."""
    files = git(ROOT, "ls-files", "-co", "--exclude-standard", "compiler")
    for rel in [*files.split(), "pyproject.toml", "README.md", "LICENSE"]:
        if (ROOT / rel).is_file() and "__pycache__" not in rel:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / rel, target / rel)


@pytest.mark.slow
def test_wheel_installs_and_runs_without_the_site_extra(tmp_path: Path) -> None:
    """A wheel built from the repository, installed in a fresh venv outside it without the
    site extra: the build is quiet, mkdocs is absent, and check, lint, validate and diff run."""
    src = tmp_path / "src"
    _copy_project_sources(src)
    dist = tmp_path / "dist"
    installer = uv()
    if installer:
        build = [installer, "build", "--wheel", "--out-dir", str(dist), str(src)]
    else:
        build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(src)]
    done = subprocess.run(build, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    noise = [ln for ln in (done.stdout + done.stderr).splitlines() if "Warning" in ln or "!!" in ln]
    assert noise == []
    (wheel,) = dist.glob("matrixc-*.whl")
    venv = tmp_path / "venv"
    if installer:
        subprocess.run([installer, "venv", "--quiet", str(venv)], check=True)
        install = [installer, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*install, str(wheel)], check=True)
    python = str(venv / "bin" / "python")
    matrixc = str(venv / "bin" / "matrixc")
    probe = "import importlib.util as u; print(u.find_spec('mkdocs') is None)"
    assert subprocess.run([python, "-c", probe], capture_output=True, text=True).stdout == "True\n"

    work = tmp_path / "work"
    (work / "source_docs").mkdir(parents=True)
    (work / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    shutil.copy(REVISIONS / "2026-09-11__75b454b6.md", work / "source_docs" / f"{MATRIX}.md")
    (work / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        return subprocess.run(
            [matrixc, *args], cwd=work, capture_output=True, text=True, check=False, env=env
        )

    assert sh("--version").stdout == f"matrixc {__version__}\n"
    site = sh("build")  # mkdocs.yml is there, mkdocs is not: one line, exit 2
    assert site.returncode == 2
    assert site.stderr == (
        "mkdocs.yml: the site needs mkdocs: pip install 'matrixc[site]', or build --no-site\n"
    )
    assert sh("build", "--no-site", "-q").returncode == 0
    assert sh("check").returncode == 0
    assert sh("lint").returncode == 0
    config = work / "vm.json"
    config.write_text(
        json.dumps({"scenario": "Hyper-V with VMM", "facts": {"Disk >1 TB": True}}), "utf-8"
    )
    assert sh("validate", "vm.json", "--matrix", MATRIX).returncode == 0
    old = REVISIONS / "2024-12-19__d5197e9e.md"
    diff = sh("diff", str(old), f"source_docs/{MATRIX}.md", "--fail-on", "breaking")
    assert diff.returncode == 1
    assert "32,767 GiB" in diff.stdout
    assert Path(matrixc).resolve().is_relative_to(venv.resolve())
    import_site = subprocess.run(
        [python, "-c", "import compiler, pathlib; print(pathlib.Path(compiler.__file__))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert Path(import_site.stdout.strip()).is_relative_to(venv)


def test_tasks_py_lists_the_separate_browser_step() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tasks.py")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "browser" in done.stderr
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py browser" in ci
    assert "python3 tasks.py test" in ci


# ------------------------------------------------------------------ waivers


def _write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_text(text, encoding=encoding)
    return str(path)


def test_waiver_file_problems_name_their_line(tmp_path: Path) -> None:
    from compiler.cli.waivers import load_waivers
    from compiler.errors import InputError

    cases = {
        "waivers:\n  - row: disk-1-tb\n    reason: r\n": ":2: waiver has no expires",
        "- row: x\n  reason: r\n  expires: soon\n": ":1: waiver expires 'soon': expected a date",
        "- row: x\n  reason: r\n  expires: 2099-01-01\n  until: 2099\n": ":4: unknown waiver key",
        "- [1, 2]\n": ":1: a waiver is a mapping",
        "- &a {row: x}\n- *a\n": ":2: not a waiver file: aliases are not allowed",
        "{row: x\n": "not a waiver file",
    }
    for i, (text, expected) in enumerate(cases.items()):
        path = _write(tmp_path / f"w{i}.yaml", text)
        with pytest.raises(InputError) as exc:
            load_waivers(path)
        assert expected in str(exc.value), (text, str(exc.value))
        assert str(exc.value).startswith(path)
    # the file itself, as every input names it ("cannot read: [Errno 21] Is a directory: …")
    files = {
        str(tmp_path): "is a directory, not a waiver file",
        str(tmp_path / "missing.yaml"): "no such file",
        _write(tmp_path / "latin1.yaml", "- row: caf\xe9\n", "latin-1"): ":1: not UTF-8 text",
    }
    for path, expected in files.items():
        with pytest.raises(InputError) as exc:
            load_waivers(path)
        assert str(exc.value) == f"{path}{expected if expected[0] == ':' else ': ' + expected}"


def test_waivers_in_json_keep_lines_and_expire(tmp_path: Path) -> None:
    from compiler.cli.waivers import load_waivers, split_expired

    path = _write(
        tmp_path / "w.json",
        '{"waivers": [\n'
        '  {"row": "disk-1-tb", "config": "web-*", "reason": "Q1", "expires": "2099-12-31"},\n'
        '  {"row": "Data disk count", "reason": "old", "expires": "2020-01-31"}\n'
        "]}\n",
    )
    waivers = load_waivers(path)
    assert [(w.row, w.config, w.line) for w in waivers] == [
        ("disk-1-tb", "web-*", 2),
        ("Data disk count", "*", 3),
    ]
    live, errors = split_expired(waivers)
    assert [w.row for w in live] == ["disk-1-tb"]
    assert errors == [f"{path}:3: waiver for row 'Data disk count' (*) expired on 2020-01-31: old"]
    assert live[0].matches_row("hyper-v-vm-guest-storage/disk-1-tb")
    assert live[0].matches_name("web-01")
    assert not live[0].matches_name("db-01")


def test_diff_filter_drops_the_waived_rows_changes(tmp_path: Path) -> None:
    from compiler.cli.waivers import filter_changes, load_waivers
    from compiler.project.pipeline import compile_file, diff_matrices

    old = compile_file(REVISIONS / "2024-12-19__d5197e9e.md")
    new = compile_file(REVISIONS / "2026-09-11__75b454b6.md")
    changes = diff_matrices(old, new)
    # breaking there: "Disk >1 TB" (32 TB -> 32,767 GiB), the OS disk size, the data disk VHD
    # size, and the "Data disk count" row removed
    breaking = {c.row for c in changes.changes if c.impact == "breaking"}
    assert "hyper-v-vm-guest-storage/disk-1-tb" in breaking
    path = _write(
        tmp_path / "ignore.yaml",
        "- row: hyper-v-vm-guest-storage/disk-1-tb\n"
        f"  config: {MATRIX}\n"
        "  reason: 32,767 GiB is what 32 TB always meant\n"
        "  expires: 2099-12-31\n",
    )
    kept = filter_changes(changes, load_waivers(path), MATRIX)
    assert {c.row for c in kept.changes} == {c.row for c in changes.changes} - {
        "hyper-v-vm-guest-storage/disk-1-tb"
    }
    assert kept.bump == "major"  # the other breaking changes remain
    assert filter_changes(changes, load_waivers(path), "another-matrix") is changes


def test_diff_ignore_leaves_known_changes_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = str(REVISIONS / "2024-12-19__d5197e9e.md")
    new = str(REVISIONS / "2026-09-11__75b454b6.md")
    _, full, _ = run(capsys, "diff", old, new, "--format", "json")
    ignore = _write(
        tmp_path / "known.yaml",
        "- row: disk-1-tb\n  reason: 32,767 GiB is what 32 TB meant\n  expires: 2099-12-31\n",
    )
    code, out, _ = run(capsys, "diff", old, new, "--format", "json", "--ignore", ignore)
    assert code == 0
    rows = [c["row"] for c in json.loads(out)["changes"]]
    assert "hyper-v-vm-guest-storage/disk-1-tb" not in rows
    assert len(rows) == len(json.loads(full)["changes"]) - 2  # both scenarios' limit change
    _write(tmp_path / "known.yaml", "- row: disk-1-tb\n  reason: r\n  expires: 2001-01-01\n")
    code, _, err = run(capsys, "diff", old, new, "--ignore", ignore)
    assert code == 2
    assert err.startswith(f"{ignore}:1: waiver for row 'disk-1-tb' (*) expired on 2001-01-01")


# ------------------------------------------------------------------ validate: waivers, SARIF

VM = """{"name": "web-01", "scenario": "Hyper-V with VMM",
 "facts": {
   "VM name": "web_01",
   "guest-vm-network-ipv6": true,
   "Data disk count": 17
 }}
"""
# the reference matrix: VM name allows letters, numbers and hyphens (line 180); IPv6 is "No"
# with VMM (line 68); Data disk count is "16 or less" (line 173): three errors
WAIVERS = """waivers:
  - row: guest-vm-network-ipv6
    config: "web-*"
    reason: IPv6 goes away in the March migration
    expires: 2099-03-31
  - row: Data disk count
    reason: an old exception
    expires: 2020-01-31
"""


def test_validate_waivers(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project / "vm.json", VM)
    waivers = _write(project / "waivers.yaml", WAIVERS)
    code, out, err = run(capsys, "validate", "vm.json", "--matrix", MATRIX, "--waivers", waivers)
    assert code == 1
    assert "error (waived until 2099-03-31: IPv6 goes away in the March migration): Guest VM" in out
    assert "error: Data disk count: 17 is outside the limit" in out  # its waiver expired
    assert err == (
        f"{waivers}:6: waiver for row 'Data disk count' (*) expired on 2020-01-31: "
        "an old exception\n"
    )
    everything = WAIVERS.replace("2020-01-31", "2099-01-31") + (
        "  - row: azure-vm-requirements/vm-name\n    reason: renamed at cut-over\n"
        "    expires: 2099-01-01\n"
    )
    _write(project / "waivers.yaml", everything)
    code, out, err = run(capsys, "validate", "vm.json", "--matrix", MATRIX, "--waivers", waivers)
    assert (code, err) == (0, "")
    assert out.startswith("PASS web-01")
    _write(project / "waivers.yaml", "- row: no such row\n  reason: r\n  expires: 2099-01-01\n")
    code, _, err = run(capsys, "validate", "vm.json", "--matrix", MATRIX, "--waivers", waivers)
    assert code == 2
    assert err.startswith(f"{waivers}:1: waiver row 'no such row' names no row")


def test_validate_sarif_for_code_scanning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project / "vm.json", VM)
    _write(project / "waivers.yaml", WAIVERS)
    _write(
        project / "inventory.csv",
        "name,scenario,Data disk count\nok-1,Hyper-V with VMM,4\nbig-1,Hyper-V with VMM,40\n",
    )
    code, out, _ = run(
        capsys,
        "validate",
        "vm.json",
        "inventory.csv",
        "--matrix",
        MATRIX,
        "--waivers",
        "waivers.yaml",
        "--format",
        "sarif",
        "--site-url",
        "https://docs.example.org/",
    )
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    (run_,) = log["runs"]
    assert run_["automationDetails"]["id"] == f"matrixc/validate/{MATRIX}/"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert all(len(r["name"]) <= 255 for r in rules)
    by_rule = {}
    for result in run_["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"]
        assert result["partialFingerprints"]["matrixcFinding/v1"]
        where = result["locations"][0]["physicalLocation"]
        by_rule[(where["artifactLocation"]["uri"], result["ruleId"])] = result
    # vm.json: each finding on the line that states its fact; the matrix row related
    vm_name = by_rule[("vm.json", "azure-vm-requirements/vm-name")]
    assert vm_name["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    related = vm_name["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == f"source_docs/{MATRIX}.md"
    assert related["region"]["startLine"] == 180
    ipv6 = by_rule[("vm.json", "hyper-v-network-configuration/guest-vm-network-ipv6")]
    assert ipv6["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert ipv6["suppressions"][0]["status"] == "accepted"
    disks = by_rule[("inventory.csv", "azure-vm-requirements/data-disk-count")]
    assert disks["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # big-1's row
    assert "suppressions" not in disks
    help_uri = rules[ids.index("azure-vm-requirements/vm-name")]["helpUri"]
    assert help_uri == (
        f"https://docs.example.org/matrices/{MATRIX}/#azure-vm-requirements/vm-name"
    )


def test_validate_sarif_unusable_and_capped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from compiler.cli.validate import load_rule_file, load_validator

    lines = ["name,scenario,Data disk count"]
    lines += [f"vm-{i},Hyper-V with VMM,{20 + i}" for i in range(8)]
    lines += ["broken,Hyper-V with VMM,many"]
    _write(project / "inventory.csv", "\n".join(lines) + "\n")
    module = load_validator(load_rule_file(MATRIX))
    module.MAX_RESULTS = 5
    out = io.StringIO()
    code = module.run(["inventory.csv"], fmt="sarif", out=out, err=io.StringIO())
    assert code == 2  # the row "many" is unusable
    log = json.loads(out.getvalue())
    assert_valid_sarif(log)
    (run_,) = log["runs"]
    assert len(run_["results"]) == 5
    assert run_["properties"]["omittedResults"] == 4  # 8 over the limit + 1 unusable - 5
    note = run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith("4 more results not written")
    module.MAX_RESULTS = 25000
    out = io.StringIO()
    module.run(["inventory.csv"], fmt="sarif", out=out, err=io.StringIO())
    unusable = json.loads(out.getvalue())["runs"][0]["results"][-1]
    assert unusable["ruleId"] == "matrixc/unusable-configuration"
    region = unusable["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 10  # the CSV line of "broken"


# ------------------------------------------------------------------ the generated validators


def test_validators_have_importable_names_and_leave_check_fresh(project: Path) -> None:
    assert main(["build", "--no-site", "-q"]) == 0
    module = project / "generated" / "validators" / "hyper_v_azure_support_matrix.py"
    assert module.exists()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import sys; sys.path.insert(0, 'generated/validators'); "
        "import hyper_v_azure_support_matrix as v; print(v.MATRIX_ID)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True
    )
    assert done.stdout == f"{MATRIX}\n", done.stderr
    assert (module.parent / "__pycache__").is_dir()
    assert main(["check"]) == 0


def _python(version: str) -> str | None:
    """An interpreter of that version: on PATH, under pyenv, or one uv knows."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        str(p) for p in Path.home().glob(f".pyenv/versions/{version}.*/bin/python3")
    )
    if uv():
        found = subprocess.run(
            [str(uv()), "python", "find", version], capture_output=True, text=True, check=False
        )
        candidates.append(found.stdout.strip() if found.returncode == 0 else None)
    for c in filter(None, candidates):
        probe = subprocess.run(
            [c, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.stdout.strip() == version:
            return c
    return None


MIN_PYTHON = "3.9"  # the generated validators' claimed minimum (README)


def test_generated_validator_runs_on_the_oldest_python_claimed(project: Path) -> None:
    python = _python(MIN_PYTHON)
    if python is None:
        pytest.skip(f"no Python {MIN_PYTHON} here (uv cannot download one without network)")
    assert main(["build", "--no-site", "-q"]) == 0
    _write(project / "vm.json", VM)
    _write(project / "inventory.csv", "name,scenario,Data disk count\nvm-1,Hyper-V with VMM,4\n")
    module = "generated/validators/hyper_v_azure_support_matrix.py"
    for fmt in ("text", "json", "sarif", "junit"):
        done = subprocess.run(
            [python, module, "vm.json", "inventory.csv", "--format", fmt],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr  # vm.json breaks three rules
        assert "Traceback" not in done.stderr
    done = subprocess.run(
        [python, module, "vm.json", "--format", "json"], cwd=project, capture_output=True, text=True
    )
    errors = [f for r in json.loads(done.stdout)["results"] for f in r["findings"]]
    assert {f["row"] for f in errors} == {
        "azure-vm-requirements/vm-name",
        "hyper-v-network-configuration/guest-vm-network-ipv6",
        "azure-vm-requirements/data-disk-count",
    }


def test_the_oldest_python_claimed_reports_what_this_one_does(project: Path) -> None:
    # A configuration that breaks a rule before one it keeps, after configurations that keep
    # the same rules (the memo warm), and VM names new each time (tested in the scan): on 3.9
    # and 3.10 such a configuration passed (`set.issuperset` read every fact, see
    # `runtime._first_unknown`), and the oldest-Python test above checked one config alone.
    python = _python(MIN_PYTHON)
    if python is None:
        pytest.skip(f"no Python {MIN_PYTHON} here (uv cannot download one without network)")
    assert main(["build", "--no-site", "-q"]) == 0
    keep = {"host-network-nic-teaming": True, "host-network-vlan": True}
    configs = [{"scenario": "Hyper-V with VMM", "facts": keep}] * 2
    configs.append(
        {"scenario": "Hyper-V with VMM", "facts": {"guest-vm-network-ipv6": True, **keep}}
    )
    for i in range(400):  # past the memo's _FEW + _FRESH: the names tested in the scan
        facts: dict[str, object] = {**keep, "VM name": f"vm-{i}"}
        if i % 3 == 0:
            facts = {"guest-vm-network-ipv6": True, **facts}
        if i % 5 == 0:
            facts["VM name"] = f"vm_{i}"  # an underscore breaks the name's rule
        configs.append({"name": f"c{i}", "scenario": "Hyper-V with VMM", "facts": facts})
    _write(project / "many.json", json.dumps(configs))
    module = "generated/validators/hyper_v_azure_support_matrix.py"
    reports = []
    for interpreter in (python, sys.executable):
        done = subprocess.run(
            [interpreter, module, "many.json", "--format", "json"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        reports.append(json.loads(done.stdout))
    assert reports[0] == reports[1]
    failing = [r for r in reports[1]["results"] if not r["ok"]]
    assert len(failing) == 1 + 134 + 80 - 27  # IPv6 on the third and every third; bad names
