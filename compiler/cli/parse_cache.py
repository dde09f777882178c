"""A cache of `matrixc parse FILE` output: a repeated parse of an unchanged file costs little more
than starting Python.

A parse imports pydantic, markdown-it-py and PyYAML and compiles the front end's patterns:
that start-up is several times a bare interpreter's, and tools (editors, scripts, CI steps) run
the command again and again on files that did not change. The output is a function of these
inputs only, and the key is the SHA-256 of all of them:

- the file's bytes, the path it was given as and the working directory (the recorded path);
- every `pyproject.toml` from the file's folder up to the root, path and bytes (the project's
  `[tool.matrixc]` settings come from the first one that has the table);
- the code: the bytes of this package's Python files, the names of the installed distributions
  (`*.dist-info`: name and version) on `sys.path`, and the Python build (`sys.version`).

An entry is the exact output of a successful parse; errors are never cached. Entries live in
`$MATRIXC_CACHE_DIR`, else `$XDG_CACHE_HOME/matrixc`, else `~/.cache/matrixc`, are written
atomically, and at most `KEEP` are kept. `MATRIXC_CACHE=off` turns the cache off. Only the
console command (`main_entry`) uses it: `main()` called in process never reads or writes it, so
a test that patches the compiler cannot see, or leave, an entry made by other code.

Standard library only, and imported before anything else of the command.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from typing import TYPE_CHECKING

from compiler.project.cache import cache_folder

if TYPE_CHECKING:
    import hashlib

KEEP = 256
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_pending: str | None = None  # the entry a cache miss is to fill (see `remember`)


def _code(digest: hashlib._Hash) -> None:
    """The package's Python files, the installed distributions and the interpreter."""
    digest.update(sys.version.encode())
    for top, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(top, name)
                with open(path, "rb") as fh:
                    body = fh.read()
                digest.update(f"\0{os.path.relpath(path, _PACKAGE)}\0{len(body)}\0".encode())
                digest.update(body)
    for entry in sys.path:
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
        digest.update(f"\0{entry}\0{'/'.join(names)}".encode())


def _key(file: str) -> str | None:
    """The cache key of `matrixc parse FILE`, or None when the file cannot be read."""
    import hashlib  # only a parse needs it

    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return None  # a pipe or a device: opened here, it would leave the parse nothing
        with open(file, "rb") as fh:
            data = fh.read()
        cwd = os.getcwd()
    except (OSError, ValueError):
        return None  # the command itself reports it
    digest.update(f"{file}\0{cwd}\0{len(data)}\0".encode(errors="surrogateescape"))
    digest.update(data)
    folder = os.path.realpath(os.path.dirname(file) or ".")
    while True:
        pyproject = os.path.join(folder, "pyproject.toml")
        try:
            with open(pyproject, "rb") as fh:
                body = fh.read()
        except OSError:
            body = None
        if body is not None:
            digest.update(f"\0{pyproject}\0{len(body)}\0".encode(errors="surrogateescape"))
            digest.update(body)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    try:
        _code(digest)
    except OSError:  # the package changing under us (an upgrade): no cache, the parse still runs
        return None
    return digest.hexdigest()


def lookup(argv: list[str]) -> str | None:
    """The cached output of `matrixc <argv>` when it is `parse FILE` and an entry exists; on a
    miss, the entry `remember` is to fill is noted."""
    global _pending  # noqa: PLW0603 - one command per process
    _pending = None
    folder = cache_folder("parse")
    if folder is None or len(argv) != 2 or argv[0] != "parse" or argv[1].startswith("-"):
        return None
    key = _key(argv[1])
    if key is None:
        return None
    path = os.path.join(folder, f"{key}.json")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except FileNotFoundError:
        _pending = path
    except (OSError, UnicodeDecodeError):
        pass
    return None


def remember(output: str) -> None:
    """Store a successful parse's output under the key `lookup` noted (nothing when none)."""
    global _pending
    path, _pending = _pending, None
    if path is None:
        return
    folder = os.path.dirname(path)
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temp, "w", encoding="utf-8", newline="") as fh:
            fh.write(output)
        os.replace(temp, path)
        _prune(folder)
    except (OSError, UnicodeEncodeError):  # a read-only home, a full disk: no cache, same output
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _prune(folder: str) -> None:
    """Keep the `KEEP` most recently written entries."""
    with os.scandir(folder) as it:
        entries = [e for e in it if e.name.endswith(".json")]
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for entry in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
