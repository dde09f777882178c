#!/usr/bin/env python3
"""The project's few commands, runnable on a fresh machine with nothing but python3 (3.11+).

    python3 tasks.py build   # set up .venv, compile source_docs/ into generated/, build the site
    python3 tasks.py test    # set up .venv; lint, type-check, check generated/, run every test
    python3 tasks.py bench   # benchmarks: ratios against baselines measured in the same run
    python3 tasks.py fuzz    # the property-based tests with many more examples
    python3 tasks.py serve   # live-reloading site on http://127.0.0.1:8000

The Makefile offers the same targets for those who prefer `make`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".matrixc-installed"


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    """Run a command from the project root; stop with its exit code when it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def setup() -> None:
    """Create .venv and install the project with its test extras, once per pyproject change."""
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """Browser tests drive Debian's chromium; install it when we may (root, apt-get present)."""
    if Path("/usr/bin/chromium").exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "chromium", env=env)
    else:
        print(
            "note: /usr/bin/chromium is missing and cannot be installed here; "
            "browser tests will be skipped (they fail under CI=true)"
        )


def build() -> None:
    setup()
    run(BIN / "matrixc", "build")


def lint() -> None:
    setup()
    run(BIN / "ruff", "check", "compiler", "tests", "bench", "tasks.py")
    run(BIN / "ruff", "format", "--check", "compiler", "tests", "bench", "tasks.py")
    run(BIN / "mypy")


def test() -> None:
    lint()
    ensure_chromium()
    run(BIN / "matrixc", "check")
    run(BIN / "python", "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup")


def bench() -> None:
    setup()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        run(BIN / "python", script)


def fuzz() -> None:
    setup()
    env = dict(os.environ, HYPOTHESIS_PROFILE="fuzz")
    tests = ("tests/test_fuzz.py", "tests/test_fuzz_cli.py")
    run(BIN / "python", "-m", "pytest", "-q", "-n", "2", *tests, env=env)


def serve() -> None:
    setup()
    run(BIN / "mkdocs", "serve", "-a", "127.0.0.1:8000")


COMMANDS = {f.__name__: f for f in (setup, build, lint, test, bench, fuzz, serve)}


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(COMMANDS)}}}")
    COMMANDS[sys.argv[1]]()
