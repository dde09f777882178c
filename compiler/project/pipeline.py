"""The pipeline: each source read, parsed, built and emitted, everything `build` writes in memory.

Imports of the stages stay inside the functions: `matrixc check` proves generated/ fresh from the
manifest (`project.outputs`) without importing the compiler.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from compiler.errors import InputError
from compiler.model.memory import compiling
from compiler.project.config import Config
from compiler.project.sources import read_source

if TYPE_CHECKING:
    from compiler.model.changes import Changes, Revision
    from compiler.model.matrix import Matrix
    from compiler.model.rulefile import RuleFile

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@compiling
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


# An emitter turns a matrix and its versioned rule file into generated files (path -> text).
Emitter = Callable[["Matrix", "RuleFile"], dict[str, str]]


def emit_rule_outputs(matrix: Matrix, rf: RuleFile) -> dict[str, str]:
    """generated/rules/<id>.json and generated/changelog/<id>.md."""
    from compiler.emit.rules import emit_rules
    from compiler.emit.versioning import render_changelog

    return {f"rules/{rf.id}.json": emit_rules(rf), f"changelog/{rf.id}.md": render_changelog(rf)}


def emit_validator_outputs(matrix: Matrix, rf: RuleFile) -> dict[str, str]:
    """generated/validators/<id>.py and generated/schema/<id>.input.schema.json."""
    from compiler.emit.validator import emit_outputs

    return emit_outputs(rf)


EMITTERS: tuple[Emitter, ...] = (emit_rule_outputs, emit_validator_outputs)


def _shared_outputs() -> dict[str, str]:
    from compiler.emit.rules import rules_schema

    return {"schema/rules.schema.json": rules_schema()}


@dataclass(frozen=True)
class Compiled:
    """One matrix through every stage: its model, its versioned rule file, its generated files."""

    matrix: Matrix
    rules: RuleFile
    files: dict[str, str]


@dataclass
class CompileCache:
    """Results kept between builds of one process (`mkdocs serve`), keyed by content digest.

    A matrix is reused when its source bytes, its recorded path and the previous rule file it is
    versioned against are the same; the history when every revision's bytes are.
    """

    matrices: dict[tuple[str, str, str], Compiled] = field(default_factory=dict)
    history: dict[str, dict[str, list[tuple[Revision, RuleFile]]]] = field(default_factory=dict)


@dataclass
class BuildResult:
    """Everything one build computed: the files to write and the models the site renders."""

    files: dict[str, str] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    failed_ids: set[str] = field(default_factory=set)
    compiled: dict[str, Compiled] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    config: Config | None = None
    # matrix id -> revisions oldest first; None: not asked for (`history=False`).
    history: dict[str, list[Revision]] | None = None
    # matrix id -> each revision's rule file, in the order of `history` (the site's compare
    # view and API show a revision's rows from it, without compiling the revision again).
    history_rules: dict[str, list[RuleFile]] = field(default_factory=dict)
    history_error: InputError | None = None  # why the history could not be read
    reused: set[str] = field(default_factory=set)  # matrices whose files the last build made
    # generated file -> (sha256, size, mtime, text) of the files taken as the last build wrote
    # them; the text object itself, so a file emitted anew (not the one read) is never taken
    # for it (`outputs._unchanged`)
    proven: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)

    @property
    def matrices(self) -> list[Matrix]:
        return [c.matrix for c in self.compiled.values()]


def _versioned(previous: RuleFile | None, matrix: Matrix) -> RuleFile:
    from compiler.emit.rules import rule_file
    from compiler.emit.versioning import versioned

    return versioned(previous, rule_file(matrix))


def _previous_rules(
    config: Config, matrix_id: str, data: bytes | None = None
) -> tuple[RuleFile | None, str]:
    """The rule file the last build wrote (None when missing or unusable) and its digest;
    `data`: its bytes, when they have been read already."""
    from compiler.project.sources import parse_rule_file

    path = config.output_dir / "rules" / f"{matrix_id}.json"
    if data is None:
        try:
            data = path.read_bytes()
        except OSError:
            return None, ""
    digest = hashlib.sha256(data).hexdigest()
    try:
        return parse_rule_file(data.decode("utf-8"), config.relative(path)), digest
    except (InputError, UnicodeDecodeError):
        return None, digest


def compile_source(
    config: Config,
    source: Path,
    cache: CompileCache | None = None,
    kept: dict[str, str] | None = None,
) -> Compiled:
    """One source through every stage: parse and build once, version once, emit from that.

    `kept`: this source's files as the last build wrote them, which the manifest proves current
    (`_kept_files`). The model is still built (the site renders it), but its rule file is read
    back from them instead of versioned and emitted again: the same bytes, for a third of the
    cost (no diff against the previous version, no validator rendering).
    """
    from compiler.frontend.text import slugify

    text, data = read_source(source)
    shown = config.relative(source)
    matrix_id = slugify(source.stem) or "matrix"
    kept_rules = kept.get(f"rules/{matrix_id}.json") if kept else None
    data_rules = kept_rules.encode("utf-8") if kept_rules is not None else None
    previous, previous_digest = _previous_rules(config, matrix_id, data_rules)
    key = (shown, hashlib.sha256(data).hexdigest(), previous_digest)
    if cache is not None and key in cache.matrices:
        return cache.matrices[key]
    matrix = compile_text(text, data, shown, config)  # the project's verdicts, orientations
    errors = [d for d in matrix.diagnostics if d.severity == "error"]
    if errors:
        raise MatrixErrors(
            [InputError(f"{d.code} {d.message}", path=shown, line=d.line) for d in errors]
        )
    if kept and kept_rules is not None and previous is not None:  # the kept rule file reads
        compiled = Compiled(matrix=matrix, rules=previous, files=dict(kept))
    else:
        rf = _versioned(previous, matrix)
        files: dict[str, str] = {}
        for emit in EMITTERS:
            files.update(emit(matrix, rf))
        compiled = Compiled(matrix=matrix, rules=rf, files=files)
    if cache is not None:
        cache.matrices[key] = compiled
    return compiled


class MatrixErrors(Exception):
    """A matrix compiled with error diagnostics: it contributes nothing to the build."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def compile_project(  # noqa: PLR0913 - keyword-only switches of one pipeline
    config: Config,
    *,
    history: bool = False,
    cache: CompileCache | None = None,
    reuse: bool = False,
    reuse_files: bool = False,
    shared: bool = True,
    inputs: dict[str, str] | None = None,
) -> BuildResult:
    """Everything `build` would write, in memory; a failing matrix contributes nothing.

    Each source is parsed, built and versioned once; every emitter and the site take those
    models. With `history`, the revisions under `history_dir` are compiled once each and diffed
    once per consecutive pair, for the site's history pages. With `reuse` (an incremental
    `build` without the site), a matrix whose source, config and compiler are those the last
    build recorded in generated/manifest.json, and whose files are still as it wrote them, is
    not compiled: its files are taken as they are (`result.reused`, no models); with
    `reuse_files` (the site, which needs the models), such a matrix is built but its files and
    versioned rule file are those the last build wrote (`compile_source`'s `kept`). `inputs`:
    `source_digest(config)`, when the caller has just computed it. Without
    `shared` (the site's own compile, which writes nothing), the files no matrix owns (the rule
    file's JSON Schema, from pydantic: a tenth of a three-matrix compile) are left out.
    """
    from compiler.frontend.text import slugify

    result = BuildResult(inputs=inputs or source_digest(config), config=config)
    if shared:
        result.files.update(_shared_outputs())
    unchanged = _unchanged_outputs(config, result.inputs) if reuse or reuse_files else {}
    for source in config.sources:
        matrix_id = slugify(source.stem) or "matrix"
        kept = _kept_files(config, unchanged.get(config.relative(source), {}), result.proven)
        if kept and reuse:
            result.files.update(kept)
            result.reused.add(matrix_id)
            continue
        try:
            compiled = compile_source(config, source, cache, kept=kept or None)
        except InputError as exc:
            result.errors.append(exc)
            result.failed_ids.add(slugify(source.stem))
            continue
        except MatrixErrors as exc:
            result.errors.extend(exc.errors)
            result.failed_ids.add(slugify(source.stem))
            continue
        result.compiled[compiled.matrix.id] = compiled
        result.files.update(compiled.files)
    if history:
        add_history(result, cache)
    return result


MANIFEST = "manifest.json"


def owner(relpath: str) -> str:
    """The matrix id a generated file belongs to ('' for shared files)."""
    name = relpath.rsplit("/", 1)[-1]
    if relpath.startswith("schema/rules."):
        return ""
    return name.split(".", 1)[0]


def _unchanged_outputs(config: Config, inputs: dict[str, str]) -> dict[str, dict[str, str]]:
    """Source path -> {output path: sha256} the last build wrote for it, for unchanged sources."""
    try:
        manifest = json.loads((config.output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    old = manifest.get("inputs") if isinstance(manifest, dict) else None
    outputs = manifest.get("outputs") if isinstance(manifest, dict) else None
    if not isinstance(old, dict) or not isinstance(outputs, dict):
        return {}
    if any(old.get(k) != inputs.get(k) for k in ("<compiler>", "pyproject.toml")):
        return {}
    by_owner: dict[str, dict[str, str]] = {}
    for rel, digest in outputs.items():
        if isinstance(rel, str) and isinstance(digest, str) and owner(rel):
            by_owner.setdefault(owner(rel), {})[rel] = digest
    from compiler.frontend.text import slugify
    from compiler.model.names import module_name

    def recorded(rel: str) -> dict[str, str]:
        # a validator's file stem is the id as an identifier (module_name), not the id itself
        mid = slugify(Path(rel).stem) or "matrix"
        return {**by_owner.get(mid, {}), **by_owner.get(module_name(mid), {})}

    return {
        rel: recorded(rel)
        for rel, digest in inputs.items()
        if not rel.startswith("<") and old.get(rel) == digest
    }


def _kept_files(
    config: Config,
    recorded: dict[str, str],
    proven: dict[str, tuple[str, int, int, str]] | None = None,
) -> dict[str, str]:
    """The recorded files, read back, when every one is still what the manifest says; else {}.

    `proven` gets, per file kept, its digest, size, mtime and text: writing the build then
    neither reads nor hashes it again while its size and mtime are still those and the build
    writes that very text (`outputs._write`).
    """
    kept: dict[str, str] = {}
    seen: dict[str, tuple[str, int, int, str]] = {}
    for rel, digest in recorded.items():
        path = config.output_dir / rel
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                data = fh.read()
        except OSError:
            return {}
        if hashlib.sha256(data).hexdigest() != digest:
            return {}
        try:
            kept[rel] = text = data.decode("utf-8")
        except UnicodeDecodeError:
            return {}
        seen[rel] = (digest, st.st_size, st.st_mtime_ns, text)
    if proven is not None:
        proven.update(seen)
    return kept


def add_history(result: BuildResult, cache: CompileCache | None = None) -> None:
    """Compile the project's history into `result` (once; a broken revision is recorded)."""
    if result.history is not None or result.config is None:
        return
    try:
        loaded = _history(result.config, cache)
    except InputError as exc:
        result.history, result.history_error = {}, exc
        return
    result.history = {mid: [rev for rev, _ in revs] for mid, revs in loaded.items()}
    result.history_rules = {mid: [rf for _, rf in revs] for mid, revs in loaded.items()}


def _history(
    config: Config, cache: CompileCache | None
) -> dict[str, list[tuple[Revision, RuleFile]]]:
    """The project's revisions with their rule files, reused from `cache` while no revision's
    bytes changed."""
    from compiler.project.history import history_files, load_history_rules

    if cache is None:
        return load_history_rules(config)
    h = hashlib.sha256()
    for path in history_files(config):
        h.update(config.relative(path).encode() + b"\x00" + _sha(path).encode())
    key = h.hexdigest()
    if key not in cache.history:
        cache.history.clear()  # keep only the current history
        cache.history[key] = load_history_rules(config)
    return cache.history[key]


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
