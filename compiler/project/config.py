"""`[tool.matrixc]` of pyproject.toml: where the sources are and where outputs go.

Sources and outputs stay inside the project: a `source_dir` outside the root, or a source that is
a symlink leaving it, is refused unless `allow_outside_sources = true`; an `output_dir` (or a
site folder) that is, contains or lies inside the root, the sources or `.git` is refused before
anything is written, and so is an existing folder matrixc did not create (`guard_output_dir`).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler.errors import InputError

# Longest id a matrix may have: `<id>.input.schema.json` must fit in a 255-byte file name.
MAX_ID_BYTES = 200


def shown_path(path: Path | str) -> str:
    """A path as one printable line: undecodable bytes and control characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class Config:
    """`[tool.matrixc]` of pyproject.toml; paths are relative to the project root."""

    root: Path
    source_dir: Path
    output_dir: Path
    exclude: tuple[str, ...] = ("NOTICE.md", "README.md")
    history_dir: Path | None = None
    # `verdicts = {"R/W" = "supported"}`: spellings added to every document's verdict vocabulary.
    verdicts: Mapping[str, str] = field(default_factory=dict)
    # `[tool.matrixc.orientation]` `"<matrix id>" = {"<section id>[#n]" = "rows"}`.
    orientation: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    allow_outside_sources: bool = False

    @property
    def sources(self) -> list[Path]:
        """The matrices to compile: the folder's Markdown files, sorted, minus exclusions.

        Every source stays inside the project (unless allowed) and has an id of its own: two
        files whose names slug to one id would overwrite each other's outputs.
        """
        if not self.source_dir.is_dir():
            raise InputError("source folder does not exist", path=shown_path(self.source_dir))
        root = self.root.resolve()
        if not self.allow_outside_sources and not _inside(self.source_dir.resolve(), root):
            raise InputError(
                "source_dir is outside the project (set allow_outside_sources = true "
                "in [tool.matrixc] to allow it)",
                path=shown_path(self.source_dir),
            )
        found = sorted(
            p for p in self.source_dir.glob("*.md") if p.name not in self.exclude and p.is_file()
        )
        from compiler.frontend.text import slugify
        from compiler.model.names import module_name

        ids: dict[str, Path] = {}
        modules: dict[str, Path] = {}  # 'a-b' and 'a_b' would share validators/a_b.py
        for path in found:
            if not self.allow_outside_sources and not _inside(path.resolve(), root):
                raise InputError(
                    "a symlink to a file outside the project (set allow_outside_sources = true "
                    "in [tool.matrixc] to allow it)",
                    path=self.relative(path),
                )
            matrix_id = slugify(path.stem) or "matrix"
            if matrix_id in ids:
                raise InputError(
                    f"{self.relative(ids[matrix_id])} and {self.relative(path)} both have the "
                    f"id {shown_path(matrix_id)!r}: rename one",
                    path=self.relative(path),
                )
            ids[matrix_id] = path
            module = module_name(matrix_id)
            if module in modules:
                raise InputError(
                    f"{self.relative(modules[module])} and {self.relative(path)} would share "
                    f"the validator validators/{module}.py: rename one",
                    path=self.relative(path),
                )
            modules[module] = path
        return found

    def relative(self, path: Path) -> str:
        """A path as recorded in outputs: relative to the root, '/'-separated, never absolute."""
        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(Path(os.path.abspath(self.root))).as_posix()
        except ValueError:
            try:
                rel = Path(os.path.relpath(absolute, os.path.abspath(self.root))).as_posix()
            except ValueError:  # another drive: the name alone
                rel = absolute.name
        return shown_path(rel)

    def settings_for(self, matrix_id: str) -> Any:
        """The front end's settings for one document (`compiler.frontend.build.Settings`)."""
        from compiler.frontend.build import Settings
        from compiler.frontend.vocabulary import parse_meaning

        pyproject = str(self.root / "pyproject.toml")
        verdicts = {k: parse_meaning(v) for k, v in self.verdicts.items()}
        return Settings(
            verdicts={k: v for k, v in verdicts.items() if v is not None},
            orientation=dict(self.orientation.get(matrix_id, {})),  # type: ignore[arg-type]
            where="[tool.matrixc.orientation]",
            origin=(pyproject, self.lines.get("orientation", 1)),
        )


def guard_output_dir(
    config: Config, folder: Path, ours: set[str] | None, what: str, *, also: tuple[Path, ...] = ()
) -> None:
    """Refuse, before anything is deleted, a folder that a build must never replace.

    `ours` lists the top-level names matrixc writes there (None: the folder is known to be
    matrixc's): an existing folder holding anything else is someone else's (a `site_dir` of
    `docs`, an `output_dir` of `.`) and is not touched. `also`: more folders it must not hold.
    """
    target = folder.resolve()
    shown = config.relative(folder)
    root = config.root.resolve()
    protected = [
        (root, "the project root"),
        (config.source_dir.resolve(), "the sources"),
        (root / ".git", ".git"),
    ]
    if config.history_dir is not None:
        protected.append((config.history_dir.resolve(), "the history"))
    protected += [(path.resolve(), config.relative(path)) for path in also]
    for path, name in protected:
        if _inside(path, target):
            raise InputError(f"{what} is or contains {name}: refusing to replace it", path=shown)
    if _inside(target, root / ".git"):
        raise InputError(f"{what} is inside .git: refusing to write there", path=shown)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise InputError(f"{what} is not a folder", path=shown)
    if not target.is_dir() or ours is None:
        return
    try:
        names = {entry.name for entry in os.scandir(target)}
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", path=shown) from None
    foreign = sorted(names - ours - {".gitignore", ".gitattributes", ".gitkeep"})
    if foreign:
        raise InputError(
            f"{what} holds files matrixc did not write ({shown_path(foreign[0])!r}"
            f"{' …' if len(foreign) > 1 else ''}): refusing to replace it; empty it or pick "
            "another folder",
            path=shown,
        )


def _key_line(text: str, key: str) -> int:
    """The line of pyproject.toml where `key` is set, for messages (1 when not found)."""
    m = re.search(rf"^[ \t]*(?:\[tool\.matrixc\.)?\"?{re.escape(key)}\"?[ \t]*[=\]]", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _frontend_keys(section: dict[str, Any], text: str, path: str) -> dict[str, Any]:
    """`verdicts` and `orientation` checked: a wrong value is one line naming pyproject.toml."""
    from compiler.frontend.vocabulary import STAGES, STATUSES, parse_meaning

    verdicts = section.get("verdicts", {})
    line = _key_line(text, "verdicts")
    if not isinstance(verdicts, dict):
        raise InputError("[tool.matrixc] verdicts must be a table", path=path, line=line)
    for spelling, value in verdicts.items():
        if not isinstance(value, str) or parse_meaning(value) is None:
            raise InputError(
                f"[tool.matrixc] verdicts: {spelling!r} = {value!r} is not a status "
                f"({', '.join(sorted(STATUSES))}) or stage ({', '.join(sorted(STAGES))})",
                path=path,
                line=line,
            )
    orientation = section.get("orientation", {})
    oline = _key_line(text, "orientation")
    if not isinstance(orientation, dict) or not all(
        isinstance(v, dict) and all(x in ("rows", "columns") for x in v.values())
        for v in orientation.values()
    ):
        raise InputError(
            "[tool.matrixc.orientation] must map matrix ids to tables of "
            "'<section id>' = 'rows' or 'columns'",
            path=path,
            line=oline,
        )
    return {
        "verdicts": dict(verdicts),
        "orientation": orientation,
        "lines": {"verdicts": line, "orientation": oline},
    }


def _path_setting(folder: Path, section: dict[str, object], name: str, default: str) -> Path:
    value = section.get(name, default)
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise InputError(
            f"[tool.matrixc] {name} must be a non-empty path, not {value!r}",
            path=shown_path(folder / "pyproject.toml"),
        )
    return folder / value


def project_of(path: Path) -> Config | None:
    """The project a single file belongs to, or None outside any: `lint` and `parse` of one file
    read it with the project's verdicts and orientations, as `build` does."""
    try:
        return load_config(path.parent)
    except InputError as exc:
        if exc.message.startswith("no pyproject.toml with a [tool.matrixc] table"):
            return None
        raise


def load_config(start: Path | None = None) -> Config:
    """The configuration of the project containing `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
                data = tomllib.loads(text)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise InputError(
                    f"unreadable pyproject.toml: {exc}", path=shown_path(pyproject)
                ) from None
            except OSError as exc:
                raise InputError(
                    f"cannot read: {exc.strerror}", path=shown_path(pyproject)
                ) from None
            tool = data.get("tool", {})
            section = tool.get("matrixc") if isinstance(tool, dict) else None
            if section is None:
                continue
            if not isinstance(section, dict):
                raise InputError("[tool.matrixc] is not a table", path=shown_path(pyproject))
            history = section.get("history_dir")
            exclude = section.get("exclude", ("NOTICE.md", "README.md"))
            if not isinstance(exclude, list | tuple) or not all(
                isinstance(x, str) for x in exclude
            ):
                raise InputError(
                    "[tool.matrixc] exclude must be a list of file names",
                    path=shown_path(pyproject),
                )
            allow = section.get("allow_outside_sources", False)
            if not isinstance(allow, bool):
                raise InputError(
                    "[tool.matrixc] allow_outside_sources must be true or false",
                    path=shown_path(pyproject),
                )
            return Config(
                root=folder,
                source_dir=_path_setting(folder, section, "source_dir", "source_docs"),
                output_dir=_path_setting(folder, section, "output_dir", "generated"),
                exclude=tuple(exclude),
                history_dir=_path_setting(folder, section, "history_dir", "") if history else None,
                allow_outside_sources=allow,
                **_frontend_keys(section, text, shown_path(pyproject)),
            )
    raise InputError(
        "no pyproject.toml with a [tool.matrixc] table here or above", path=shown_path(here)
    )
