#!/usr/bin/env python3
"""The project's few commands, runnable on a fresh machine with nothing but python3 (3.11+).

    python3 tasks.py build     # set up .venv, compile source_docs/ into generated/, build the site
    python3 tasks.py test      # set up .venv; lint, type-check, check generated/, run every test
    python3 tasks.py setup     # only create .venv and install what requirements.lock pins
    python3 tasks.py browser   # install Debian's chromium for the browser tests (root, apt-get)
    python3 tasks.py schemas   # fetch the SARIF 2.1.0 schema the tests use (npm registry)
    python3 tasks.py lock      # re-pin requirements.lock from pyproject.toml (needs uv)
    python3 tasks.py bench     # benchmarks: ratios against baselines measured in the same run
    python3 tasks.py fuzz      # the property-based tests with many more examples
    python3 tasks.py serve     # live-reloading site on http://127.0.0.1:8000

Installs go through uv when it is on PATH or in .venv (about ten times faster than pip on a cold
cache), through pip otherwise; `MATRIXC_INSTALLER=pip` forces pip. Both install exactly the
versions requirements.lock pins, then the project itself, editable, without resolving again.
The Makefile offers the same targets for those who prefer `make`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".matrixc-installed"
CHROMIUM = Path("/usr/bin/chromium")
# The official SARIF 2.1.0 JSON Schema (rtm.5, the final 2.1.0 text) for the SARIF tests: data
# fetched at setup from the npm registry, in the package Microsoft's SARIF SDK publishes it in,
# checked against its hash; not committed, since it is not ours.
SARIF_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
SARIF_SHA256 = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"
SARIF_SCHEMA = VENV / "share" / "matrixc" / "sarif-schema-2.1.0.json"
APT_LOCK_WAIT = int(os.environ.get("MATRIXC_APT_WAIT", "300"))  # seconds to wait for a dpkg lock


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    """Run a command from the project root; stop with its exit code when it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def uv() -> str | None:
    """The uv executable to install with, or None to use pip."""
    if os.environ.get("MATRIXC_INSTALLER", "").lower() == "pip":
        return None
    local = BIN / "uv"
    if local.exists():
        return str(local)
    return shutil.which("uv")


def setup() -> None:
    """Create .venv and install the pinned dependencies and the project, once per change."""
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    installer = uv()
    if installer:
        # --compile-bytecode: as pip does; without it every fresh interpreter compiles each
        # imported module again where PYTHONDONTWRITEBYTECODE is set (a quarter of a second
        # of a site build).
        pip = [
            installer,
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(PYTHON),
        ]
    else:
        pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "-r", LOCK)
    run(*pip, "--no-deps", "-e", ".")
    STAMP.write_text(wanted)


def schemas() -> None:
    """Fetch the SARIF 2.1.0 schema the tests validate against (npm pack, then one file)."""
    if SARIF_SCHEMA.exists() and _sha256(SARIF_SCHEMA.read_bytes()) == SARIF_SHA256:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("note: npm is missing: the SARIF schema tests will be skipped (fail under CI=true)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(npm, "pack", "--silent", "--pack-destination", tmp, SARIF_PACKAGE)
        (tgz,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tgz) as archive:
            member = archive.extractfile(SARIF_MEMBER)
            data = member.read() if member else b""
    if _sha256(data) != SARIF_SHA256:
        sys.exit(f"tasks.py: {SARIF_PACKAGE} does not hold the expected SARIF schema")
    SARIF_SCHEMA.parent.mkdir(parents=True, exist_ok=True)
    SARIF_SCHEMA.write_bytes(data)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock() -> None:
    """Pin every dependency of the dev extra (which includes site and test) for Python 3.11+."""
    installer = uv()
    if installer is None:
        if not PYTHON.exists():
            run(sys.executable, "-m", "venv", VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "uv")
        installer = str(BIN / "uv")
    run(
        installer, "pip", "compile", "pyproject.toml", "--extra", "dev", "--universal",
        "--python-version", "3.11", "--quiet", "--output-file", LOCK.name,
        "--custom-compile-command", "python3 tasks.py lock",
    )  # fmt: skip


def browser() -> None:
    """Install Debian's chromium for the browser tests: a separate step, because it needs
    root and apt, takes a minute, and can meet another process holding the dpkg lock."""
    if CHROMIUM.exists():
        print(f"{CHROMIUM} is installed")
        return
    if not shutil.which("apt-get"):
        sys.exit(f"tasks.py browser: no apt-get here: install Chromium so that {CHROMIUM} exists")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        sys.exit("tasks.py browser: installing chromium needs root: sudo python3 tasks.py browser")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    wait = f"DPkg::Lock::Timeout={APT_LOCK_WAIT}"
    for step in (["update", "-qq"], ["install", "-y", "-qq", "chromium"]):
        cmd = ["apt-get", "-o", wait, *step]
        print("+", " ".join(cmd), flush=True)
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            continue
        output = done.stderr + done.stdout
        lowered = output.lower()
        if "could not get lock" in lowered or "unable to acquire the dpkg" in lowered:
            holder = next((line.strip() for line in output.splitlines() if "held by" in line), "")
            sys.exit(
                f"tasks.py browser: apt is busy: another process holds the dpkg lock "
                f"for more than {APT_LOCK_WAIT} s{' (' + holder + ')' if holder else ''}; "
                "wait for it to finish, then run `python3 tasks.py browser` again"
            )
        last = next((ln for ln in reversed(output.splitlines()) if ln.strip()), "")
        sys.exit(f"tasks.py browser: apt-get {step[0]} failed (exit {done.returncode}): {last}")
    print(f"installed {CHROMIUM}")


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
    schemas()
    if not CHROMIUM.exists():
        print(
            f"note: {CHROMIUM} is missing: browser tests will be skipped (and fail under "
            "CI=true); `python3 tasks.py browser` installs it"
        )
    run(BIN / "matrixc", "check")
    run(PYTHON, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup")


def bench() -> None:
    setup()
    # Every bench/bench_*.py, one table of issue 15's rows; rewrites README.md's benchmark table.
    run(PYTHON, ROOT / "bench" / "run.py", "--readme")


def fuzz() -> None:
    setup()
    env = dict(os.environ, HYPOTHESIS_PROFILE="fuzz")
    tests = ("tests/test_fuzz.py", "tests/test_fuzz_cli.py")
    run(PYTHON, "-m", "pytest", "-q", "-n", "2", *tests, env=env)


def serve() -> None:
    setup()
    run(BIN / "mkdocs", "serve", "-a", "127.0.0.1:8000")


TASKS = (setup, build, lint, test, browser, schemas, lock, bench, fuzz, serve)
COMMANDS = {f.__name__: f for f in TASKS}


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(COMMANDS)}}}")
    COMMANDS[sys.argv[1]]()
