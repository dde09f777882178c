"""Where revisions come from: files, rule files, git blobs, a folder of revisions, a git log.

Every side becomes a `RuleFile` (the one shape `diff` compares), whichever way it was written.
`load_history(config)` reads `source_docs/history/<matrix id>/*.md` (sorted by date, then name)
and diffs each revision against the one before it; `git_history(file)` does the same along a
file's git log (following renames).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from compiler.errors import InputError
from compiler.model.changes import Revision
from compiler.project.sources import (
    decode,
    git,
    git_paths,
    is_git_spec,
    looks_like_rule_file,
    parse_rule_file,
    read_blob,
    read_input,
)

if TYPE_CHECKING:
    from compiler.model.matrix import Matrix
    from compiler.model.rulefile import RuleFile
    from compiler.project.config import Config

HISTORY_EXCLUDE = frozenset({"NOTICE.md", "README.md"})


def rule_file_from_bytes(data: bytes, shown: str, config: Config | None = None) -> RuleFile:
    """A rule file (JSON) or a Markdown matrix, told apart by content, as a RuleFile; a matrix
    is read with the project's verdicts, as `build` reads the current one (else every word the
    project defines would look changed between a revision and the build)."""
    from compiler.emit.rules import rule_file
    from compiler.project.pipeline import compile_text

    text = decode(data, shown)
    if looks_like_rule_file(text):
        return parse_rule_file(text, shown)
    # (not its orientations: they name the current document's tables, which a revision may not
    # have yet, and a revision that lacks one is no error)
    words = dataclasses.replace(config, orientation={}) if config is not None else None
    return rule_file(compile_text(text, data, shown, words))


def load_side(spec: str, config: Config | None = None) -> RuleFile:
    """One side of `matrixc diff`: a Markdown matrix, a rule file, or `REV:PATH` from git."""
    if is_git_spec(spec):
        return rule_file_from_bytes(read_blob(spec), spec, config)
    path = Path(spec)
    data = read_input(path, "Markdown file")
    shown = config.relative(path) if config else path.as_posix()
    return rule_file_from_bytes(data, shown, config)


# ---------------------------------------------------------------------------------------------
# history


def _chain(sides: list[tuple[RuleFile, str | None]]) -> list[Revision]:
    """Revisions in order, each with its diff against the one before."""
    from compiler.diff.engine import diff

    out: list[Revision] = []
    previous: RuleFile | None = None
    for rf, commit in sides:
        changes = diff(previous, rf) if previous is not None else None
        out.append(
            Revision(
                path=rf.source.path,
                date=rf.source.date,
                sha256=rf.source.sha256,
                title=rf.title,
                changes=changes,
                commit=commit,
                # A generated rule file knows its version; a Markdown side has none yet.
                version=rf.version if rf.release.version is not None else None,
            )
        )
        previous = rf
    return out


def _revision_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name not in HISTORY_EXCLUDE and p.is_file())


def folder_history(folder: Path, config: Config | None = None) -> list[Revision]:
    """The Markdown revisions of one folder, sorted by date (undated first), then file name."""
    return [revision for revision, _ in folder_revisions(folder, config)]


def folder_revisions(folder: Path, config: Config | None = None) -> list[tuple[Revision, RuleFile]]:
    """`folder_history` with each revision's rule file: the site shows a revision's rows
    without compiling it again."""
    if not folder.is_dir():
        raise InputError("no such folder", path=str(folder))
    files = _revision_files(folder)
    if not files:
        raise InputError("no Markdown revisions in this folder", path=str(folder))
    sides = [load_side(str(p), config) for p in files]
    order = sorted(range(len(sides)), key=lambda i: (sides[i].source.date or "", files[i].name))
    ordered = [sides[i] for i in order]
    return list(zip(_chain([(rf, None) for rf in ordered]), ordered, strict=True))


def history_root(config: Config) -> Path:
    """`[tool.matrixc] history_dir`, by default `<source_dir>/history`."""
    return config.history_dir or config.source_dir / "history"


def _history_folders(config: Config) -> list[Path]:
    root = history_root(config)
    if not root.is_dir():
        return []
    return [f for f in sorted(p for p in root.iterdir() if p.is_dir()) if any(f.glob("*.md"))]


def history_files(config: Config) -> list[Path]:
    """Every revision `load_history` reads: what its result depends on (for caching)."""
    return [path for folder in _history_folders(config) for path in _revision_files(folder)]


def load_history(config: Config) -> dict[str, list[Revision]]:
    """Matrix id -> its revisions from `history/<matrix id>/*.md`, oldest first."""
    return {folder.name: folder_history(folder, config) for folder in _history_folders(config)}


def load_history_rules(config: Config) -> dict[str, list[tuple[Revision, RuleFile]]]:
    """`load_history` with each revision's rule file (each revision compiled once)."""
    return {folder.name: folder_revisions(folder, config) for folder in _history_folders(config)}


def git_history(path: Path) -> list[Revision]:
    """Every committed revision of one file along `git log --follow`, oldest first: from the
    repository the file is in, wherever the command runs."""
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a directory, not a Markdown file", path=str(path))
    where = path.resolve()
    top = Path(git(["rev-parse", "--show-toplevel"], where.parent, str(path)).decode().strip())
    rel = where.relative_to(top.resolve()).as_posix()
    args = ["log", "--follow", "-z", "--format=%x01%H", "--name-only", "--", rel]
    log = git(args, top, str(path))
    # -z: "\x01<hash>\0\n<name>\0" per commit, the name unquoted whatever its characters.
    entries: list[tuple[str, str]] = []
    commit: str | None = None
    for field in git_paths(log):
        if field.startswith("\x01"):
            commit = field[1:].strip()
        elif commit is not None:
            entries.append((commit, field.removeprefix("\n")))
            commit = None
    if not entries:
        raise InputError("no committed revisions (is the file tracked by git?)", path=str(path))
    sides: list[tuple[RuleFile, str | None]] = []
    for commit, name in reversed(entries):
        spec = f"{commit[:12]}:{name}"
        try:
            data = git(["show", f"{commit}:{name}"], top, spec)
        except InputError:
            continue  # the commit deleted the file
        sides.append((rule_file_from_bytes(data, spec), commit))
    return _chain(sides)


# ---------------------------------------------------------------------------------------------
# lint: a content change with an unchanged date


def unchanged_date(text: str, matrix: Matrix, config: Config) -> tuple[int, str] | None:
    """(line, message) when the matrix means something else than its last build but still
    carries that build's date (`ms.date`): readers and the changelog would date the change
    wrongly. None when there is no previous build, the date moved, or nothing changed."""
    from compiler.diff.engine import diff
    from compiler.emit.rules import rule_file

    previous = config.output_dir / "rules" / f"{matrix.id}.json"
    try:
        data = previous.read_bytes()
    except OSError:
        return None
    try:
        prev = rule_file_from_bytes(data, str(previous))
    except InputError:
        return None
    if prev.source.sha256 == matrix.source.sha256 or prev.source.date != matrix.source.date:
        return None
    changes = diff(prev, rule_file(matrix))
    if not changes.changes:
        return None
    line = next(
        (i for i, x in enumerate(text.splitlines(), start=1) if x.lstrip().startswith("ms.date")),
        1,
    )
    counts = ", ".join(f"{n} {k}" for k, n in changes.counts().items() if n)
    return line, (
        f"content changed since the last build ({counts}) but the date is still "
        f"{matrix.source.date}: update ms.date"
    )


def lint_date(path: Path, matrix: Matrix) -> tuple[int, str] | None:
    """`unchanged_date` for a source of the project containing `path` (None elsewhere)."""
    from compiler.project.config import load_config

    try:
        config = load_config(path.resolve().parent)
        text = path.read_text(encoding="utf-8")
    except (InputError, OSError, UnicodeDecodeError):
        return None
    if path.resolve().parent != config.source_dir.resolve():
        return None
    return unchanged_date(text, matrix, config)
