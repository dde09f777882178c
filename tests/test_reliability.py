"""Builds are atomic, serialized and deterministic — proven with real processes.

A build is SIGKILLed at moments spread over its run; generated/ must then be exactly the old set or
exactly the new one, and `matrixc check` must say which. Builds under other hash seeds, locales,
time zones and working directories must write the same bytes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import PYPROJECT, ROOT

COPIES = 4  # x3 matrices: a build long enough to be killed in the middle of
TRIALS = 6


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def matrixc(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "compiler", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    proc = matrixc(cwd, *args, env=env)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, (out + err).decode()


def make_project(folder: Path, edited: bool) -> Path:
    (folder / "source_docs").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT)
    for doc in sorted((ROOT / "source_docs").glob("*-matrix.md")):
        text = doc.read_text(encoding="utf-8")
        if edited:
            text = text.replace("| Yes |", "| No |", 1).replace("16 or less", "32 or less")
        for i in range(COPIES):
            (folder / "source_docs" / f"{doc.stem}-{i:02d}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def states(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A built project with old sources, and the generated/ sets before and after the edit."""
    base = tmp_path_factory.mktemp("atomic")
    old = make_project(base / "old", edited=False)
    new = make_project(base / "new", edited=True)
    assert run(old, "build", "--no-site")[0] == 0
    # The new set is what a build of the edited sources writes over the old set: versions bump.
    shutil.copytree(old / "generated", new / "generated")
    assert run(new, "build", "--no-site")[0] == 0
    old_set, new_set = snapshot(old / "generated"), snapshot(new / "generated")
    assert old_set != new_set
    return base, old_set, new_set


@pytest.mark.slow
def test_killed_build_leaves_old_or_new_set(
    states: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    base, old_set, new_set = states
    start = time.perf_counter()
    assert run(base / "new", "build", "--no-site")[0] == 0  # a no-op build, to learn the pace
    rng = random.Random(20261125)
    seen = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        work = base / f"trial{trial}"
        shutil.copytree(base / "new", work)
        shutil.rmtree(work / "generated")
        shutil.copytree(base / "old" / "generated", work / "generated")
        proc = matrixc(work, "build", "--no-site")
        time.sleep(rng.uniform(0.0, 1.6) * max(0.3, time.perf_counter() - start))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = snapshot(work / "generated")
        assert after in (old_set, new_set), f"trial {trial}: generated/ is a mix of old and new"
        state = "new" if after == new_set else "old"
        seen[state] += 1
        code, output = run(work, "check")
        assert code == (0 if state == "new" else 1), output
        # The next build finishes the job, whatever the killed one left behind.
        assert run(work, "build", "--no-site")[0] == 0
        assert snapshot(work / "generated") == new_set
        assert not list(work.glob(".generated.*staging*"))
    assert seen["old"] + seen["new"] == TRIALS


@pytest.mark.slow
def test_concurrent_builds_do_not_corrupt_output(
    states: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    base, _, new_set = states
    work = base / "concurrent"
    shutil.copytree(base / "new", work)
    shutil.rmtree(work / "generated")
    shutil.copytree(base / "old" / "generated", work / "generated")
    procs = [matrixc(work, "build", "--no-site") for _ in range(3)]
    for proc in procs:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    assert snapshot(work / "generated") == new_set
    assert run(work, "check")[0] == 0


def test_build_is_deterministic_across_environments(tmp_path: Path) -> None:
    """Hash seed, locale, time zone and working directory do not change a byte."""
    project = tmp_path / "p"
    (project / "source_docs").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    for doc in (ROOT / "source_docs").glob("*.md"):
        shutil.copy(doc, project / "source_docs" / doc.name)
    variants = [
        ({"PYTHONHASHSEED": "0", "LC_ALL": "C", "TZ": "UTC"}, project),
        ({"PYTHONHASHSEED": "12345", "LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati"}, project),
        (
            {"PYTHONHASHSEED": "random", "LC_ALL": "POSIX", "TZ": "America/St_Johns"},
            project / "source_docs",
        ),
    ]
    sets = []
    for env, cwd in variants:
        # Each build continues the committed release chain, as a user's build does: a clean
        # build would restart every version at 1.0.0.
        shutil.rmtree(project / "generated", ignore_errors=True)
        shutil.copytree(ROOT / "generated", project / "generated")
        code, output = run(cwd, "build", "--no-site", env=env)
        assert code == 0, output
        sets.append(snapshot(project / "generated"))
    assert sets[0] == sets[1] == sets[2]
    # And the committed generated/ is exactly what this tree builds (paths are project-relative).
    committed = snapshot(ROOT / "generated")
    for rel, data in sets[0].items():
        if rel.startswith(("rules/", "schema/rules")):
            assert committed.get(rel) == data, rel


def _site_project(folder: Path, title: str) -> Path:
    (folder / "source_docs").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT)
    text = (ROOT / "source_docs" / "hyper-v-azure-support-matrix.md").read_text(encoding="utf-8")
    (folder / "source_docs" / "m.md").write_text(
        text.replace("# Support matrix for", f"# {title}: support matrix for", 1), encoding="utf-8"
    )
    (folder / "site").mkdir()
    (folder / "site" / "index.md").write_text("# Home\n\n<!-- matrixc:matrices -->\n")
    (folder / "mkdocs.yml").write_text(
        "site_name: s\ndocs_dir: site\nsite_dir: public\ntheme:\n  name: material\n"
        "  font: false\nplugins:\n  - search\n  - matrixc\n"
    )
    return folder


@pytest.mark.slow
def test_killed_site_build_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    """The site is staged and swapped like generated/: never an empty or half-written public/."""
    old = _site_project(tmp_path / "old", "Old")
    assert run(old, "build")[0] == 0
    new = _site_project(tmp_path / "new", "New")
    shutil.copytree(old / "generated", new / "generated")
    started = time.perf_counter()
    assert run(new, "build")[0] == 0
    pace = time.perf_counter() - started
    old_site, new_site = snapshot(old / "public"), snapshot(new / "public")
    assert old_site != new_site
    rng = random.Random(11)
    for trial in range(3):
        work = tmp_path / f"trial{trial}"
        shutil.copytree(new, work)
        shutil.rmtree(work / "public")
        shutil.copytree(old / "public", work / "public")
        proc = matrixc(work, "build")
        time.sleep(rng.uniform(0.3, 1.0) * pace)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert snapshot(work / "public") in (old_site, new_site), f"trial {trial}"
        assert run(work, "build")[0] == 0
        assert snapshot(work / "public") == new_site
        assert not list(work.glob(".public.staging-*"))
