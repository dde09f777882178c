"""generated/ on disk: one atomic swap per build, a lock, the manifest, and `check`."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from compiler.errors import InputError
from compiler.project.config import Config, guard_output_dir
from compiler.project.pipeline import MANIFEST, BuildResult, _sha, compile_project, source_digest
from compiler.project.pipeline import owner as _owner

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


def _failed(result: BuildResult) -> set[str]:
    """Ids of the matrices that failed, also as validator file stems (underscores)."""
    from compiler.model.names import module_name

    return {*result.failed_ids, *(module_name(i) for i in result.failed_ids)}


def _existing(config: Config) -> Iterator[str]:
    out = config.output_dir
    if out.is_dir():
        for path in sorted(out.rglob("*")):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue  # left by importing a validator from generated/: not ours
            if path.is_file() and path.name != MANIFEST and not path.name.startswith("."):
                yield path.relative_to(out).as_posix()


def write_outputs(config: Config, result: BuildResult) -> list[str]:
    """Bring generated/ in line with `result` as one atomic step; returns what changed.

    The new set is assembled in a staging folder beside generated/ (unchanged files hard-linked),
    then swapped in with one rename, so a reader, a `check`, or a build killed at any moment sees
    the old set or the new one, never a mix. Files of matrices that failed to compile are carried
    over untouched. Concurrent builds serialize on a lock file. A folder that is not matrixc's
    to replace is refused first, and a full disk or a read-only folder is one InputError with
    the previous set still in place.
    """
    out = config.output_dir
    ours = {rel.split("/", 1)[0] for rel in result.files} | {MANIFEST}
    ours |= {rel.split("/", 1)[0] for rel in _existing_names(out)}
    guard_output_dir(config, out, ours, "output_dir")
    try:
        return _write(config, result)
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}; the previous output is kept",
            path=config.relative(out) + "/",
        ) from None


def _existing_names(out: Path) -> set[str]:
    """Top-level names of generated/ that matrixc wrote: those the manifest lists."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        outputs = manifest.get("outputs", {}) if isinstance(manifest, dict) else {}
        return (
            {str(rel).split("/", 1)[0] for rel in outputs} if isinstance(outputs, dict) else set()
        )
    except (OSError, ValueError, RecursionError):
        return set()


def _write(config: Config, result: BuildResult) -> list[str]:
    out = config.output_dir
    with _lock(out):
        _recover(out)
        wanted = dict(result.files)
        if not result.errors:
            wanted[MANIFEST] = _manifest(result)
        keep = [
            rel for rel in _existing(config) if rel not in wanted and _owner(rel) in _failed(result)
        ]
        if result.errors and (out / MANIFEST).is_file():
            keep.append(MANIFEST)  # a failed build leaves the tracked manifest as it was
        current = set(_existing(config)) | ({MANIFEST} if (out / MANIFEST).is_file() else set())
        changed = sorted(
            rel for rel in wanted if not _unchanged(out / rel, _proof(result, rel), wanted[rel])
        ) + sorted(current - set(wanted) - set(keep))
        if not changed:
            return []
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        try:
            for rel, content in wanted.items():
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if rel not in changed:
                    _link_or_copy(out / rel, target)
                    continue
                with open(target, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(content)
                    fh.flush()
                    os.fsync(fh.fileno())
            for rel in keep:
                (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(out / rel, staging / rel)
            _fsync_dir(staging)
            _swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return [rel for rel in changed if rel != MANIFEST]


def _link_or_copy(source: Path, target: Path) -> None:
    """Carry an unchanged file into the staging folder: a hard link, or a copy where links fail."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _proof(result: BuildResult, rel: str) -> tuple[str, int, int, str] | None:
    """The pipeline's proof of `rel` (digest, size, mtime, text), when the build writes the
    very text it read back from that file (not one emitted anew)."""
    proven = result.proven.get(rel)
    return proven if proven is not None and proven[3] is result.files.get(rel) else None


def _unchanged(path: Path, proven: tuple[str, int, int, str] | None, content: str) -> bool:
    """Whether `path` holds `content`: for a proved file whose size and mtime are unchanged
    since, without reading it again."""
    if proven is not None:
        try:
            st = path.stat()
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns) == proven[1:3]:
            return True
    return _read(path) == content


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _manifest(result: BuildResult) -> str:
    manifest = {
        "generated": "Written by `matrixc build`; `matrixc check` reads it. Do not edit.",
        "inputs": result.inputs,
        "outputs": {rel: _digest(result, rel) for rel in sorted(result.files)},
    }
    return json.dumps(manifest, sort_keys=True, indent=2) + "\n"


def _digest(result: BuildResult, rel: str) -> str:
    proof = _proof(result, rel)
    if proof is not None:
        return proof[0]
    return hashlib.sha256(result.files[rel].encode("utf-8")).hexdigest()


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """An exclusive lock beside generated/: a second build waits for the first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "a+b") as fh:
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    for path in [*sorted(p for p in folder.rglob("*") if p.is_dir()), folder]:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap_in(staging: Path, out: Path) -> None:
    """Make `staging` the new `out` in one step; the old set ends up in `staging`."""
    if not out.exists():
        os.rename(staging, out)
        staging.mkdir()
        return
    if _exchange(staging, out):
        return
    # No atomic exchange here (not Linux): two renames, undone by _recover if killed between.
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(out, old)
    os.rename(staging, out)
    os.rename(old, staging)


def _recover(out: Path) -> None:
    """Finish what a killed build left: restore generated/ and remove stale staging folders."""
    old = out.parent / f".{out.name}.old"
    if not out.exists() and old.is_dir():
        os.rename(old, out)
    for leftover in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def tidy(config: Config) -> None:
    """Remove what a build killed after its swap left beside generated/ (the old set, being
    deleted): a build that then finds generated/ fresh writes nothing, so `_write`, which
    removes such leftovers, never runs. Under the lock: a running build's staging is its own."""
    out = config.output_dir
    leftover = any(out.parent.glob(f".{out.name}.staging-*"))
    if leftover or (out.parent / f".{out.name}.old").exists():
        with _lock(out):
            _recover(out)


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two paths atomically. False when unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def check_fast(config: Config, inputs: dict[str, str] | None = None) -> bool:
    """True when the manifest proves generated/ fresh without compiling anything; `inputs`:
    `source_digest(config)` when the caller has it (a build hashes its inputs once)."""
    try:
        manifest = json.loads((config.output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    if inputs is None:
        inputs = source_digest(config)
    if not isinstance(manifest, dict) or manifest.get("inputs") != inputs:
        return False
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or set(outputs) != set(_existing(config)):
        return False
    return all(_sha(config.output_dir / rel) == digest for rel, digest in outputs.items())


def stale_files(config: Config) -> tuple[list[str], list[InputError]]:
    """Generated files that differ from what `build` would write (missing, changed or extra)."""
    result = compile_project(config)
    stale: list[str] = []
    for rel, content in sorted(result.files.items()):
        try:
            current = (config.output_dir / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != content:
            stale.append(rel)
    for rel in _existing(config):
        if rel not in result.files and _owner(rel) not in _failed(result):
            stale.append(rel)
    return sorted(stale), result.errors


# ---------------------------------------------------------------------------------------------
# other output folders (the site): the same staging, lock and swap as generated/


@contextlib.contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside `out`; swapped in for `out` when the block succeeds.

    A failure or a kill inside the block leaves `out` exactly as it was (the next run removes
    the leftover staging folder).
    """
    with _lock(out):
        _recover(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        try:
            yield staging
            _fsync_dir(staging)
            _swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
