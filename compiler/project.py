"""The project around the pipeline: configuration, which files are matrices, and generated/.

`build` swaps in a complete new generated/ in one atomic step (see `write_outputs`); `check` first
compares hashes recorded in generated/manifest.json (no compiler import, so it starts fast) and
only falls back to a full in-memory build when the compiler itself has changed.
"""

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
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from .model import Matrix

MANIFEST = "manifest.json"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Config:
    """`[tool.matrixc]` of pyproject.toml; paths are relative to the project root."""

    root: Path
    source_dir: Path
    output_dir: Path
    exclude: tuple[str, ...] = ("NOTICE.md", "README.md")
    history_dir: Path | None = None

    @property
    def sources(self) -> list[Path]:
        """The matrices to compile: the folder's Markdown files, sorted, minus exclusions."""
        if not self.source_dir.is_dir():
            raise InputError("source folder does not exist", path=str(self.source_dir))
        return sorted(
            p for p in self.source_dir.glob("*.md") if p.name not in self.exclude and p.is_file()
        )

    def relative(self, path: Path) -> str:
        """A path as recorded in outputs: relative to the root, '/'-separated, machine-neutral."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def load_config(start: Path | None = None) -> Config:
    """The configuration of the project containing `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"unreadable pyproject.toml: {exc}", path=str(pyproject)) from None
            section = data.get("tool", {}).get("matrixc")
            if section is None:
                continue
            history = section.get("history_dir")
            return Config(
                root=folder,
                source_dir=folder / section.get("source_dir", "source_docs"),
                output_dir=folder / section.get("output_dir", "generated"),
                exclude=tuple(section.get("exclude", ("NOTICE.md", "README.md"))),
                history_dir=folder / history if history else None,
            )
    raise InputError("no pyproject.toml with a [tool.matrixc] table here or above", path=str(here))


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


def compile_text(text: str, data: bytes, path: str) -> Matrix:
    """Markdown text -> Matrix, errors located in `path`."""
    from .build import build
    from .parse import parse

    try:
        return build(parse(text), path=path, data=data)
    except InputError as exc:
        raise exc.located(path) from None


def compile_file(path: Path, config: Config | None = None) -> Matrix:
    """A Markdown file -> Matrix; the recorded path is relative to the project when there is one."""
    text, data = read_source(path)
    shown = config.relative(path) if config else path.as_posix()
    return compile_text(text, data, shown)


# An emitter turns a matrix (and the rule file it replaces, if any) into generated files.
Emitter = Callable[["Matrix", "dict[str, object] | None"], dict[str, str]]


def _emit_rules(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    from .versioning import emit_versioned

    return emit_versioned(matrix, previous)


def _emit_validator(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    from .validator import emit_outputs

    return emit_outputs(matrix, previous)


EMITTERS: list[Emitter] = [_emit_rules, _emit_validator]


def _shared_outputs() -> dict[str, str]:
    from .rules import rules_schema

    return {"schema/rules.schema.json": rules_schema()}


@dataclass
class BuildResult:
    files: dict[str, str] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    failed_ids: set[str] = field(default_factory=set)
    matrices: list[Matrix] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)


def _previous_rules(config: Config, matrix_id: str) -> dict[str, object] | None:
    path = config.output_dir / "rules" / f"{matrix_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def compile_project(config: Config) -> BuildResult:
    """Everything `build` would write, in memory; a failing matrix contributes nothing."""
    from .text import slugify

    result = BuildResult(inputs=source_digest(config))
    result.files.update(_shared_outputs())
    for source in config.sources:
        try:
            matrix = compile_file(source, config)
        except InputError as exc:
            result.errors.append(exc)
            result.failed_ids.add(slugify(source.stem))
            continue
        errors = [d for d in matrix.diagnostics if d.severity == "error"]
        if errors:
            for d in errors:
                result.errors.append(
                    InputError(f"{d.code} {d.message}", path=matrix.source.path, line=d.line)
                )
            result.failed_ids.add(matrix.id)
            continue
        result.matrices.append(matrix)
        previous = _previous_rules(config, matrix.id)
        for emit in EMITTERS:
            result.files.update(emit(matrix, previous))
    return result


def _owner(relpath: str) -> str:
    """The matrix id a generated file belongs to ('' for shared files)."""
    name = relpath.rsplit("/", 1)[-1]
    if relpath.startswith("schema/rules."):
        return ""
    return name.split(".", 1)[0]


def source_digest(config: Config) -> dict[str, str]:
    """sha256 of every input that decides the output: sources, config and the compiler itself."""
    digest: dict[str, str] = {}
    for path in config.sources:
        digest[config.relative(path)] = _sha(path)
    digest["pyproject.toml"] = _sha(config.root / "pyproject.toml")
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".j2", ".jinja", ".html", ".css", ".js") and path.is_file():
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(path.read_bytes())
    digest["<compiler>"] = h.hexdigest()
    return digest


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _existing(config: Config) -> Iterator[str]:
    out = config.output_dir
    if out.is_dir():
        for path in sorted(out.rglob("*")):
            if path.is_file() and path.name != MANIFEST and not path.name.startswith("."):
                yield path.relative_to(out).as_posix()


def write_outputs(config: Config, result: BuildResult) -> list[str]:
    """Bring generated/ in line with `result` as one atomic step; returns what changed.

    The new set is assembled in a staging folder beside generated/ (unchanged files hard-linked),
    then swapped in with one rename, so a reader, a `check`, or a build killed at any moment sees
    the old set or the new one, never a mix. Files of matrices that failed to compile are carried
    over untouched. Concurrent builds serialize on a lock file.
    """
    out = config.output_dir
    with _lock(out):
        _recover(out)
        wanted = dict(result.files)
        if not result.errors:
            wanted[MANIFEST] = _manifest(result)
        keep = [
            rel
            for rel in _existing(config)
            if rel not in wanted and _owner(rel) in result.failed_ids
        ]
        current = set(_existing(config)) | ({MANIFEST} if (out / MANIFEST).is_file() else set())
        changed = sorted(rel for rel in wanted if _read(out / rel) != wanted[rel]) + sorted(
            current - set(wanted) - set(keep)
        )
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


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _manifest(result: BuildResult) -> str:
    manifest = {
        "generated": "Written by `matrixc build`; `matrixc check` reads it. Do not edit.",
        "inputs": result.inputs,
        "outputs": {
            rel: hashlib.sha256(c.encode("utf-8")).hexdigest()
            for rel, c in sorted(result.files.items())
        },
    }
    return json.dumps(manifest, sort_keys=True, indent=2) + "\n"


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


def check_fast(config: Config) -> bool:
    """True when the manifest proves generated/ fresh without compiling anything."""
    try:
        manifest = json.loads((config.output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("inputs") != source_digest(config):
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
        if rel not in result.files and _owner(rel) not in result.failed_ids:
            stale.append(rel)
    return sorted(stale), result.errors
