"""`matrixc build` of source_docs/ with history and site, against the code before issue 9 (one run).

The baseline is commit f6a9234 (the layout before "each stage once"), checked out into a temporary
git worktree and run on the same inputs, in the same run, by the same interpreter and packages:
only the compiler differs. For each side the script prints

- the calls of each stage in one build (parse, build, diff, versioning), counted in process;
- the wall time of `matrixc build` in a fresh interpreter (imports included), median of REPEAT.

Target: <= 1 parse per document, <= 1 diff per revision pair, and a wall time below the
baseline's (ratio < 1). Exit status 1 when a target is missed.
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

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "f6a9234"
REPEAT = 5

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
    counted = run(code_root, folder, "-c", COUNT)
    if counted.returncode != 0:
        raise SystemExit(f"{code_root}: counting failed: {counted.stderr.strip()}")
    counts = json.loads(counted.stdout.strip().splitlines()[-1])
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        done = run(code_root, folder, *build)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{code_root}: build failed: {done.stderr.strip()}")
    return counts, statistics.median(times)


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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
