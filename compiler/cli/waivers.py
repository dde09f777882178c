"""Waivers: known exceptions, recorded with a reason and an expiry date.

`validate --waivers FILE` and `diff --ignore FILE` read the same shape, YAML or JSON:

    waivers:                                   # or the list itself, at the top
      - row: hyper-v-vm-guest-storage/disk-1-tb  # row id, the part after "/", or the key text
        config: "web-*"                        # configuration name pattern (validate) or
                                               # matrix id / path pattern (diff); default "*"
        reason: large disks move to managed disks in Q1
        expires: 2027-03-31

A waived finding is still reported, marked waived with its reason (SARIF `suppressions`), and
no longer fails the run; a waived change leaves the diff. A waiver past its date is an error
naming its line and applies to nothing: exceptions are meant to end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compiler.errors import InputError

if TYPE_CHECKING:
    from compiler.model.changes import Changes

KEYS = {"row", "config", "reason", "expires"}
ALIASES = {"configuration": "config", "pattern": "config", "matrix": "config"}


@dataclass(frozen=True)
class Waiver:
    """One recorded exception, with the file and line it was written on."""

    row: str
    config: str
    reason: str
    expires: dt.date
    path: str
    line: int

    def expired(self, today: dt.date) -> bool:
        return self.expires < today

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def matches_row(self, row_id: str | None, key: str | None = None) -> bool:
        """The row by full id, by the id after its section's '/', or by its key text (any case)."""
        if not row_id:
            return False
        wanted = self.row.strip()
        if wanted == row_id or wanted == row_id.split("/", 1)[-1]:
            return True
        return bool(key) and wanted.casefold() == str(key).strip().casefold()

    def matches_name(self, name: str) -> bool:
        return fnmatch.fnmatchcase(name, self.config)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "config": self.config,
            "reason": self.reason,
            "expires": self.expires.isoformat(),
            "source": {"path": self.path, "line": self.line},
        }


def _nodes(text: str, path: str) -> Any:
    """The YAML (or JSON, which YAML reads too) node tree, so entries keep their lines."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.MarkedYAMLError(
                    problem="aliases are not allowed in a waiver file",
                    problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)

    try:
        return yaml.compose(text, Loader=NoAliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"not a waiver file: {problem}", path=path, line=line) from None
    except RecursionError:
        raise InputError("not a waiver file: nested too deeply", path=path) from None


def _scalar(node: Any, path: str, what: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1
        raise InputError(f"waiver {what} must be a single value", path=path, line=line)
    return str(node.value)


def load_waivers(file: str) -> list[Waiver]:  # noqa: C901 - every field of a waiver entry checked with its own message
    """Read and check a waiver file; every problem is one line naming the file and line."""
    import yaml

    from compiler.project.sources import decode, read_input

    text = decode(read_input(Path(file), "waiver file", file), file, "a waiver file")
    root = _nodes(text, file)
    if root is None:
        return []
    if isinstance(root, yaml.MappingNode):
        entries = [
            v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "waivers"
        ]
        if not entries:
            raise InputError("expected a list of waivers, or `waivers:` with one", path=file)
        root = entries[0]
    if not isinstance(root, yaml.SequenceNode):
        line = root.start_mark.line + 1
        raise InputError("expected a list of waivers", path=file, line=line)
    waivers = []
    for entry in root.value:
        line = entry.start_mark.line + 1
        if not isinstance(entry, yaml.MappingNode):
            raise InputError(
                "a waiver is a mapping: row, config, reason, expires", path=file, line=line
            )
        fields: dict[str, str] = {}
        for key_node, value_node in entry.value:
            key = _scalar(key_node, file, "key")
            key = ALIASES.get(key, key)
            if key not in KEYS:
                known = ", ".join(sorted(KEYS))
                raise InputError(
                    f"unknown waiver key {key!r} (known: {known})",
                    path=file,
                    line=key_node.start_mark.line + 1,
                )
            fields[key] = _scalar(value_node, file, key).strip()
        for required in ("row", "reason", "expires"):
            if not fields.get(required):
                raise InputError(f"waiver has no {required}", path=file, line=line)
        try:
            expires = dt.date.fromisoformat(fields["expires"])
        except ValueError:
            raise InputError(
                f"waiver expires {fields['expires']!r}: expected a date, YYYY-MM-DD",
                path=file,
                line=line,
            ) from None
        waivers.append(
            Waiver(
                row=fields["row"],
                config=fields.get("config") or "*",
                reason=" ".join(fields["reason"].split()),
                expires=expires,
                path=file,
                line=line,
            )
        )
    return waivers


def today() -> dt.date:
    """The date expiry is judged by: today, or SOURCE_DATE_EPOCH's day for reproducible runs."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def split_expired(
    waivers: Iterable[Waiver], on: dt.date | None = None
) -> tuple[list[Waiver], list[str]]:
    """The waivers still in force, and one error line per expired one."""
    day = on or today()
    live, errors = [], []
    for w in waivers:
        if w.expired(day):
            errors.append(
                f"{w.where()}: waiver for row {w.row!r} ({w.config}) expired on "
                f"{w.expires.isoformat()}: {w.reason}"
            )
        else:
            live.append(w)
    return live, errors


def filter_changes(changes: Changes, waivers: Sequence[Waiver], matrix: str) -> Changes:
    """The diff without the changes a waiver names (by row and matrix id/path pattern)."""
    from compiler.model.changes import RowMoved, RowRenamed, bump_for, key_of, row_of

    applying = [w for w in waivers if w.matches_name(matrix)]
    if not applying:
        return changes

    def waived(c: Any) -> bool:
        was = c.renamed_from if isinstance(c, RowRenamed | RowMoved) else None
        return any(w.matches_row(row_of(c), key_of(c)) or w.matches_row(was) for w in applying)

    kept = tuple(c for c in changes.changes if not waived(c))
    if len(kept) == len(changes.changes):
        return changes
    return dataclasses.replace(changes, changes=kept, bump=bump_for(kept))


def ignore_changes(file: str | None, changes: Changes) -> Changes:
    """`diff --ignore FILE`: drop the known changes; an expired entry is an error naming its
    line (exit 2), since the change it hid is no longer known to be fine."""
    if not file:
        return changes
    live, expired = split_expired(load_waivers(file))
    if expired:
        where, _, message = expired[0].partition(": ")
        path, _, line = where.rpartition(":")
        raise InputError(message, path=path, line=int(line))
    return filter_changes(changes, live, changes.new.id or changes.old.id)
