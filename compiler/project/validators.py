"""Generated validators on disk: load generated/validators/<module>.py when it is provably fresh.

`matrixc validate --matrix ID` would otherwise import the whole compiler (markdown-it, pydantic)
and compile the matrix only to render the same module again; the manifest `build` writes proves
the file on disk is byte for byte what a build would write now, so the check can run it as is,
as `python generated/validators/<module>.py` does. This module imports only the standard
library and the project's configuration.

Compiling the module's source is most of its loading (a validator is some 250 KB of Python),
so the code object is kept in a cache keyed on the file's bytes, its path and the interpreter's
bytecode version: `$MATRIXC_CACHE_DIR`, else `$XDG_CACHE_HOME/matrixc`, else
`~/.cache/matrixc`, folder `validators/`, at most `KEEP` entries; `MATRIXC_CACHE=off` turns it
off. An entry is only ever the output of `compile` on exactly those bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType, ModuleType

from compiler.model.names import module_name
from compiler.project.cache import cache_folder
from compiler.project.config import Config

MANIFEST = "manifest.json"
KEEP = 64  # compiled validators kept in the cache


def fresh_validator(config: Config, matrix_id: str) -> Path | None:
    """The generated validator of `matrix_id` when the manifest proves it fresh, else None.

    Fresh: the manifest's inputs (every source, the configuration, the compiler's own files)
    are those on disk now, and the file's digest is the one the manifest recorded for it.
    """
    rel = f"validators/{module_name(matrix_id)}.py"
    try:
        manifest = json.loads((config.output_dir / MANIFEST).read_text(encoding="utf-8"))
        digest = manifest["outputs"][rel]
        inputs = manifest["inputs"]
        data = (config.output_dir / rel).read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    from compiler.project.pipeline import source_digest

    try:
        if inputs != source_digest(config):
            return None
    except (OSError, ValueError):
        return None
    return config.output_dir / rel


def load_module(path: Path, matrix_id: str) -> ModuleType:
    """Execute a generated validator file as a module (no bytecode is written into generated/)."""
    name = f"matrixc_validator_{module_name(matrix_id)}"
    module = ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module
    exec(_code(path, path.read_bytes()), module.__dict__)  # noqa: S102 - our own output
    return module


def _code(path: Path, data: bytes) -> CodeType:
    """The code of a validator's source, from the cache when these very bytes were compiled
    before under this path by this interpreter's bytecode version."""
    kept = cache_folder("validators")
    folder = Path(kept) if kept is not None else None
    key = hashlib.sha256(
        importlib.util.MAGIC_NUMBER + b"\0" + os.fsencode(str(path)) + b"\0" + data
    ).hexdigest()
    entry = folder / f"{key}.code" if folder is not None else None
    if entry is not None:
        try:
            code = marshal.loads(entry.read_bytes())  # noqa: S302 - the user's own cache, as __pycache__
        except (OSError, ValueError, EOFError, TypeError):
            pass
        else:
            if isinstance(code, CodeType):
                return code
    code = compile(data.decode("utf-8"), str(path), "exec")
    if entry is not None:
        _remember(entry, marshal.dumps(code))
    return code


def _remember(entry: Path, blob: bytes) -> None:
    """Write a cache entry atomically and keep the newest KEEP; a cache that cannot be written
    is no cache (a read-only home), never an error."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, entry)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(entry.parent.glob("*.code"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return
