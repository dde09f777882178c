"""Generated validators on disk: load generated/validators/<module>.py when it is provably fresh.

`matrixc validate --matrix ID` would otherwise import the whole compiler (markdown-it, pydantic)
and compile the matrix only to render the same module again; the manifest `build` writes proves
the file on disk is byte for byte what a build would write now, so the check can run it as is,
as `python generated/validators/<module>.py` does. This module imports only the standard
library and the project's configuration.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from types import ModuleType

from compiler.model.names import module_name
from compiler.project.config import Config

MANIFEST = "manifest.json"


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
    source = path.read_text(encoding="utf-8")
    exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - our own output
    return module
