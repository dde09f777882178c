"""One decoder for every input: Markdown sources, rule files, `REV:PATH` git blobs, configs.

Each way an input can be unusable is one `InputError` naming the file (and line), worded the
same whichever command reads it: `read_input` (missing, directory, unreadable), `decode`
(binary, not UTF-8), `parse_rule_file` (not JSON, not a rule file), `load_yaml` (configs).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compiler.errors import InputError
from compiler.project.config import MAX_ID_BYTES, shown_path

if TYPE_CHECKING:
    from compiler.model.rulefile import RuleFile


def read_source(path: Path) -> tuple[str, bytes]:
    """A Markdown file's text and bytes; every way it can be unusable is an InputError.

    The file name becomes the matrix id and the names of its outputs, so it must be UTF-8 and
    short enough for `<id>.input.schema.json` to be a legal file name.
    """
    shown = shown_path(path)
    try:
        stem = path.stem.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("file name is not UTF-8: rename the file", path=shown) from None
    if len(stem) > MAX_ID_BYTES:
        raise InputError(
            f"file name is too long to name its outputs ({len(stem)} bytes, at most "
            f"{MAX_ID_BYTES}): rename the file",
            path=shown,
        )
    data = read_input(path, "Markdown file", shown)
    return decode(data, shown), data


def read_input(path: Path, what: str = "file", shown: str | None = None) -> bytes:
    """The bytes of an input file; missing, a directory or unreadable is one InputError."""
    where = shown or shown_path(path)
    try:
        if path.is_dir():
            raise InputError(f"is a directory, not a {what}", path=where)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None


# ---------------------------------------------------------------------------------------------
# git


# Every git call: paths as they are (no octal quoting of non-ASCII names), no pager, no colour.
GIT = ("git", "-c", "core.quotePath=false", "-c", "color.ui=false", "--no-pager")


def git(args: list[str], cwd: Path, what: str) -> bytes:
    """Run git; any failure is one InputError naming `what` (a revision, a path).

    Callers that read paths pass `-z`: names are then NUL-terminated bytes, never quoted.
    """
    try:
        done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed", path=what) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[-1] if message else f"git {' '.join(args)} failed"
        raise InputError(first.removeprefix("fatal: "), path=what)
    return done.stdout


def is_git_spec(spec: str) -> bool:
    """`REV:PATH` (and not an existing file whose name has a colon, nor a Windows drive)."""
    if Path(spec).exists() or ":" not in spec:
        return False
    rev = spec.split(":", 1)[0]
    return bool(rev) and not (len(rev) == 1 and rev.isalpha())


def read_blob(spec: str, cwd: Path | None = None) -> bytes:
    """The bytes of `REV:PATH`; an unknown revision or path is a one-line InputError."""
    here = cwd or Path.cwd()
    rev, path = spec.split(":", 1)
    if not _ok(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], here):
        raise InputError(f"unknown git revision {rev!r}", path=spec)
    try:
        kind = git(["cat-file", "-t", f"{rev}:{path}"], here, spec).strip()
    except InputError:
        raise InputError(
            f"no file {path!r} in revision {rev!r} (paths are relative to the repository root)",
            path=spec,
        ) from None
    if kind != b"blob":  # `git show` of a folder lists it, which read as "no tables"
        raise InputError(f"{path!r} is a directory in revision {rev!r}, not a file", path=spec)
    return git(["show", f"{rev}:{path}"], here, spec)


def _ok(args: list[str], cwd: Path) -> bool:
    try:
        done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed") from None
    return done.returncode == 0


def git_paths(output: bytes) -> list[str]:
    """The NUL-separated fields of a `-z` git output, decoded (undecodable bytes escaped)."""
    return [f.decode("utf-8", "surrogateescape") for f in output.split(b"\x00") if f]


# ---------------------------------------------------------------------------------------------
# sides


def decode(data: bytes, shown: str, what: str = "Markdown") -> str:
    """Bytes of any text input as str: a NUL byte (binary) or bad UTF-8 is one InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(f"binary file, not {what}", path=shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "not UTF-8 text", path=shown, line=data[: exc.start].count(b"\n") + 1
        ) from None


def looks_like_rule_file(text: str) -> bool:
    """Rule files are JSON objects; Markdown matrices never start with `{`."""
    return text.lstrip().startswith("{")


def parse_rule_file(text: str, shown: str) -> RuleFile:
    """A rule file's JSON text as a RuleFile; anything else is one InputError naming the file."""
    import json

    from pydantic import ValidationError

    from compiler.model.rulefile import RuleFile

    try:
        data = loads_json(text)
    except DuplicateKeyError as exc:
        raise InputError(f"not a matrixc rule file: {exc}", path=shown) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not a matrixc rule file: not valid JSON: {exc.msg}", path=shown, line=exc.lineno
        ) from None
    except ValueError as exc:  # an integer of more digits than Python reads (4300)
        digits = re.search(r"has (\d+) digits", str(exc))
        size = f"of {digits[1]} digits " if digits else ""
        raise InputError(
            f"not a matrixc rule file: an integer {size}(at most 4300 digits)", path=shown
        ) from None
    except RecursionError:
        raise InputError("not a matrixc rule file: JSON nested too deeply", path=shown) from None
    try:
        return RuleFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "top level"
        raise InputError(
            f"not a matrixc rule file: {exc.error_count()} problem(s), first at {where}: "
            f"{first['msg']}",
            path=shown,
        ) from None
    except RecursionError:
        raise InputError("not a matrixc rule file: JSON nested too deeply", path=shown) from None


def read_rule_file(path: Path, shown: str | None = None) -> RuleFile:
    """A rule file on disk (generated/rules/<id>.json or one given on the command line)."""
    where = shown or str(path)
    return parse_rule_file(decode(read_input(path, "rule file", where), where, "JSON"), where)


def load_yaml(text: str) -> Any:
    """A YAML configuration: safe, without aliases (a configuration never needs them, and
    "billion laughs" documents do), and never nested past Python's recursion limit.

    Raises ValueError with the line, for the caller to locate in its file.
    """
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.MarkedYAMLError(
                    problem="aliases (*name) are not allowed in a configuration",
                    problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            # A key given twice would silently lose one value: name both lines instead.
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.get(key)
                except TypeError:  # unhashable: the base class reports it
                    continue
                if first is not None:
                    raise yaml.MarkedYAMLError(
                        problem=f"duplicate key {key!r} (first given on line {first})",
                        problem_mark=key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    try:
        return yaml.load(text, Loader=NoAliases)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise ValueError(f"{line}not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise ValueError("not a configuration: YAML nested too deeply") from None


# ---------------------------------------------------------------------------------------------
# JSON


class DuplicateKeyError(ValueError):
    """A JSON object names one key twice: `json.loads` would silently keep the last value."""

    def __init__(self, key: str, line: int | None) -> None:
        where = f"line {line}: " if line else ""
        super().__init__(f"{where}duplicate key {key!r}: one of its values would be lost")
        self.key = key
        self.line = line


def loads_json(text: str) -> Any:
    """`json.loads` that refuses duplicate keys (DuplicateKeyError, with the second one's line)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise DuplicateKeyError(key, None)
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except DuplicateKeyError as exc:
        spelled = re.compile(re.escape(json.dumps(exc.key, ensure_ascii=False)) + r"\s*:")
        hits = [m.start() for m in spelled.finditer(text)]
        line = text[: hits[1]].count("\n") + 1 if len(hits) > 1 else None
        raise DuplicateKeyError(exc.key, line) from None
