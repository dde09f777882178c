"""One decoder for every input: Markdown sources, rule files, `REV:PATH` git blobs.

Each way an input can be unusable is one `InputError` naming the file (and line).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from compiler.errors import InputError

if TYPE_CHECKING:
    pass


def read_source(path: Path) -> tuple[str, bytes]:
    """A Markdown file's text and bytes; every way it can be unusable is an InputError."""
    if path.is_dir():
        raise InputError("is a directory, not a Markdown file", path=str(path))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not Markdown", path=str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=str(path), line=line) from None
    return text, data


# ---------------------------------------------------------------------------------------------
# git


def git(args: list[str], cwd: Path, what: str) -> bytes:
    """Run git; any failure is one InputError naming `what` (a revision, a path)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed", path=what) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[-1] if message else f"git {' '.join(args)} failed"
        raise InputError(first.removeprefix("fatal: "), path=what)
    return done.stdout


def is_git_spec(spec: str) -> bool:
    """`REV:PATH` (and not an existing file whose name has a colon, nor a Windows drive)."""
    if Path(spec).exists() or ":" not in spec:
        return False
    rev = spec.split(":", 1)[0]
    return bool(rev) and not (len(rev) == 1 and rev.isalpha())


def read_blob(spec: str, cwd: Path | None = None) -> bytes:
    """The bytes of `REV:PATH`; an unknown revision or path is a one-line InputError."""
    here = cwd or Path.cwd()
    rev, path = spec.split(":", 1)
    if not _ok(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], here):
        raise InputError(f"unknown git revision {rev!r}", path=spec)
    if not _ok(["cat-file", "-e", f"{rev}:{path}"], here):
        raise InputError(
            f"no file {path!r} in revision {rev!r} (paths are relative to the repository root)",
            path=spec,
        )
    return git(["show", f"{rev}:{path}"], here, spec)


def _ok(args: list[str], cwd: Path) -> bool:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed") from None
    return done.returncode == 0


# ---------------------------------------------------------------------------------------------
# sides


def decode(data: bytes, shown: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not Markdown", path=shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "not UTF-8 text", path=shown, line=data[: exc.start].count(b"\n") + 1
        ) from None
