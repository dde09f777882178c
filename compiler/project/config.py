"""`[tool.matrixc]` of pyproject.toml: where the sources are and where outputs go."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from compiler.errors import InputError


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
