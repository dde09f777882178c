"""`matrixc build` of source_docs/ with history and site, against the code before issue 9 (one run).

The baseline is commit f6a9234 (the layout before "each stage once"), checked out into a temporary
git worktree and run on the same inputs, in the same run, by the same interpreter and packages:
only the compiler differs. For each side the script prints

- the calls of each stage in one build (parse, build, diff, versioning), counted in process;
- the wall time of `matrixc build` in a fresh interpreter (imports included), median of REPEAT.

Target: <= 1 parse per document, <= 1 diff per revision pair, and a wall time below the
baseline's (ratio < 1).

Incremental builds (issue 15 point 8), on a project of MANY matrices (the three real ones under
several names), fresh interpreters, medians of REPEAT: a `matrixc build` with nothing changed
<= 2x `matrixc check`; a build after editing one matrix <= 1.5x the same edit in a one-matrix
project. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "f6a9234"
REPEAT = 5
MANY = 100

# Runs one build in the project folder (cwd) and prints the stage call counts as JSON.
COUNT = """
import collections, functools, json, sys
import compiler.diff.engine, compiler.emit.versioning, compiler.frontend.build
import compiler.frontend.parse
counts = collections.Counter()
def wrap(module, name, label):
    original = getattr(module, name)
    @functools.wraps(original)
    def counted(*args, **kwargs):
        counts[label] += 1
        return original(*args, **kwargs)
    setattr(module, name, counted)
wrap(compiler.frontend.parse, "parse", "parse")
wrap(compiler.frontend.build, "build", "build")
wrap(compiler.diff.engine, "diff", "diff")
for name in ("versioned", "versioned_rule_file"):  # now / before
    if hasattr(compiler.emit.versioning, name):
        wrap(compiler.emit.versioning, name, "versioning")
from compiler.cli.main import main
code = main(["build", "-q"])
print(json.dumps({"code": code, **counts}))
"""


def project(dest: Path) -> Path:
    """A copy of this project's inputs (matrices, history, site): the same for both sides."""
    dest.mkdir(parents=True)
    for name in ("source_docs", "site"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n'
        'history_dir = "source_docs/history"\n',
        encoding="utf-8",
    )
    return dest


def run(code_root: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(code_root), PYTHONHASHSEED="0")
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def measure(code_root: Path, work: Path) -> tuple[dict[str, int], float]:
    """Stage call counts of one build, and the median wall time of `matrixc build`."""
    folder = project(work)
    build = ["-c", "import sys; from compiler.cli.main import main; sys.exit(main(['build','-q']))"]
    first = run(code_root, folder, *build)  # the previous build every later one versions against
    if first.returncode != 0:
        raise SystemExit(f"{code_root}: build failed: {first.stderr.strip()}")
    stamp = folder / ".generated.site.json"  # without it the build compiles again (no no-op)
    stamp.unlink(missing_ok=True)
    counted = run(code_root, folder, "-c", COUNT)
    if counted.returncode != 0:
        raise SystemExit(f"{code_root}: counting failed: {counted.stderr.strip()}")
    counts = json.loads(counted.stdout.strip().splitlines()[-1])
    times = []
    for _ in range(REPEAT):
        stamp.unlink(missing_ok=True)
        started = time.perf_counter()
        done = run(code_root, folder, *build)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{code_root}: build failed: {done.stderr.strip()}")
    return counts, statistics.median(times)


def _matrices(dest: Path, count: int) -> Path:
    src = dest / "source_docs"
    src.mkdir(parents=True)
    docs = sorted((ROOT / "source_docs").glob("*-matrix.md"))
    for i in range(count):
        shutil.copy(docs[i % len(docs)], src / f"m{i:03d}-{docs[i % len(docs)].name}")
    (dest / "pyproject.toml").write_text(
        '[tool.matrixc]\nsource_dir = "source_docs"\noutput_dir = "generated"\n',
        encoding="utf-8",
    )
    return dest


def _timed(folder: Path, *argv: str, before: Any = None, repeat: int = REPEAT) -> float:
    """Median wall time of `matrixc ARGV` in a fresh interpreter; `before` runs untimed first."""
    times = []
    for i in range(repeat):
        if before is not None:
            before(i)
        started = time.perf_counter()
        done = run(ROOT, folder, "-m", "compiler", *argv)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"matrixc {' '.join(argv)} failed: {done.stderr.strip()}")
    return statistics.median(times)


def measure_incremental(tmp: Path) -> dict[str, float]:
    """No-op and edit-one builds of MANY matrices against `check` and a one-matrix project."""
    many = _matrices(tmp / "many", MANY)
    one = _matrices(tmp / "one", 1)
    for folder in (many, one):
        run(ROOT, folder, "-m", "compiler", "build")

    def editor(folder: Path) -> Any:
        source = sorted((folder / "source_docs").glob("*.md"))[0]
        text = source.read_text(encoding="utf-8")

        def edit(i: int) -> None:
            source.write_text(f"{text}\nEdited paragraph {i}.\n", encoding="utf-8")

        return edit

    # Taken in turns (many, one, many, ...), each a median of REPEAT: the machine's load then
    # falls on both sides alike (one after the other, build.one read 1.04x and 1.59x).
    edit_many, edit_one = editor(many), editor(one)
    times: dict[str, list[float]] = {"check": [], "noop": [], "edit_many": [], "edit_one": []}
    for i in range(REPEAT):
        times["check"].append(_timed(many, "check", repeat=1))
        times["noop"].append(_timed(many, "build", repeat=1))
        times["edit_many"].append(
            _timed(many, "build", before=lambda _, n=i: edit_many(n), repeat=1)
        )
        times["edit_one"].append(_timed(one, "build", before=lambda _, n=i: edit_one(n), repeat=1))
    return {name: statistics.median(values) for name, values in times.items()}


def incremental(tmp: Path) -> bool:
    m = measure_incremental(tmp)
    print(f"incremental builds, {MANY} matrices, fresh interpreter, median of {REPEAT}:")
    print(
        f"  nothing changed: build {m['noop']:.3f} s vs check {m['check']:.3f} s: "
        f"{m['noop'] / m['check']:.2f}x (target <= 2x)"
    )
    print(
        f"  one matrix edited: build {m['edit_many']:.3f} s vs the same edit in a one-matrix "
        f"project {m['edit_one']:.3f} s: {m['edit_many'] / m['edit_one']:.2f}x (target <= 1.5x)"
    )
    return m["noop"] / m["check"] <= 2 and m["edit_many"] / m["edit_one"] <= 1.5


def results() -> list[dict[str, Any]]:
    """bench/run.py's rows: the incremental builds (the stage-count baseline needs git: main)."""
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        m = measure_incremental(Path(tmp))
    return [
        {
            "id": "build.noop",
            "value": m["noop"] / m["check"],
            "target": 2,
            "better": "lower",
            "figure": f"{m['noop']:.3f} s",
            "baseline": f"check {m['check']:.3f} s",
        },
        {
            "id": "build.one",
            "value": m["edit_many"] / m["edit_one"],
            "target": 1.5,
            "better": "lower",
            "figure": f"{m['edit_many']:.3f} s, {MANY} matrices",
            "baseline": f"one-matrix project {m['edit_one']:.3f} s",
        },
    ]


def main() -> int:
    documents = len(list((ROOT / "source_docs").glob("*.md"))) - 1  # minus NOTICE.md
    revisions = len(list((ROOT / "source_docs" / "history").glob("*/*.md")))
    pairs = revisions - 1 + documents  # history pairs, and each matrix against the last build
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        base = Path(tmp) / "baseline"
        added = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), BASELINE],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            print(f"baseline {BASELINE} not available ({added.stderr.strip()}): skipped")
            return 0
        try:
            before, before_s = measure(base, Path(tmp) / "p-before")
            now, now_s = measure(ROOT, Path(tmp) / "p-now")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                capture_output=True,
                check=False,
            )
    print(
        f"matrixc build of source_docs/ ({documents} matrices, {revisions} history revisions, "
        f"site), fresh interpreter, median of {REPEAT}:"
    )
    stage_names = ("parse", "build", "diff", "versioning")
    for label, counts, seconds in ((f"before ({BASELINE})", before, before_s), ("now", now, now_s)):
        stages = ", ".join(f"{k} {counts.get(k, 0)}" for k in stage_names)
        print(f"  {label:<16} {seconds:6.2f} s   {stages}")
    ratio = now_s / before_s
    print(f"  ratio now/before: {ratio:.2f}x (target < 1)")
    print(
        f"  parses: {now['parse']} for {documents + revisions} documents (target <= 1 each); "
        f"diffs: {now['diff']} for {pairs} revision pairs (target <= 1 each)"
    )
    ok = ratio < 1 and now["parse"] <= documents + revisions and now["diff"] <= pairs
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        ok = incremental(Path(tmp)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
