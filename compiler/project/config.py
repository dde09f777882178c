"""`[tool.matrixc]` of pyproject.toml: where the sources are and where outputs go."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler.errors import InputError


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
                **_frontend_keys(section, text, str(pyproject)),
            )
    raise InputError("no pyproject.toml with a [tool.matrixc] table here or above", path=str(here))
