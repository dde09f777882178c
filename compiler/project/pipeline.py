"""The pipeline: each source read, parsed, built and emitted, everything `build` writes in memory.

Imports of the stages stay inside the functions: `matrixc check` proves generated/ fresh from the
manifest (`project.outputs`) without importing the compiler.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from compiler.errors import InputError
from compiler.project.config import Config
from compiler.project.sources import read_source

if TYPE_CHECKING:
    from compiler.model.changes import Changes
    from compiler.model.matrix import Matrix

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def compile_text(text: str, data: bytes, path: str, config: Config | None = None) -> Matrix:
    """Markdown text -> Matrix, errors located in `path`; `config` adds the project's verdicts
    and table orientations for it."""
    from compiler.frontend.build import build
    from compiler.frontend.parse import parse
    from compiler.frontend.text import slugify

    settings = config.settings_for(slugify(Path(path).stem)) if config else None
    try:
        return build(parse(text), path=path, data=data, settings=settings)
    except InputError as exc:
        raise exc.located(path) from None


def compile_file(path: Path, config: Config | None = None) -> Matrix:
    """A Markdown file -> Matrix; the recorded path is relative to the project when there is one."""
    text, data = read_source(path)
    shown = config.relative(path) if config else path.as_posix()
    return compile_text(text, data, shown, config)


# An emitter turns a matrix (and the rule file it replaces, if any) into generated files.
Emitter = Callable[["Matrix", "dict[str, object] | None"], dict[str, str]]


def _emit_rules(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    from compiler.emit.versioning import emit_versioned

    return emit_versioned(matrix, previous)


def _emit_validator(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    from compiler.emit.validator import emit_outputs
    from compiler.emit.versioning import versioned_rule_file

    return emit_outputs(versioned_rule_file(matrix, previous))


EMITTERS: list[Emitter] = [_emit_rules, _emit_validator]


def _shared_outputs() -> dict[str, str]:
    from compiler.emit.rules import rules_schema

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
    from compiler.frontend.text import slugify

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


def diff_matrices(old: Matrix, new: Matrix) -> Changes:
    """`diff` of two compiled matrices, through their rule files like every other side."""
    from compiler.diff.engine import diff
    from compiler.emit.rules import rule_file

    return diff(rule_file(old), rule_file(new))
