"""The one JSON layout every generated file uses."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_LINE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
_ORDERED = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _one_line_encoder(sort_keys: bool = True) -> Callable[[object], str]:
    """`_LINE.encode`, without making a new C encoder per call (a quarter of a row record's
    encoding): CPython's encoder is made once; elsewhere the plain method is used.
    `sort_keys=False`: for values whose dicts are made in key order already."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _LINE.encode if sort_keys else _ORDERED.encode
    # (markers, default, encoder, indent, key separator, item separator, sort_keys, skipkeys,
    # allow_nan): as `JSONEncoder.iterencode` calls it for `_LINE`, without the cycle check,
    # which data made of fresh dicts and lists does not need.
    chunks = make(
        None,
        _LINE.default,
        json.encoder.encode_basestring,
        None,
        ": ",
        ", ",
        sort_keys,
        False,
        True,
    )
    join = "".join

    def encode(value: object) -> str:
        if isinstance(value, str):
            return json.encoder.encode_basestring(value)
        return join(chunks(value, 0))

    return encode


encode = _one_line_encoder()  # one value on one line, in the style of `dumps`
# `encode` of a value whose every dict has its keys in sorted order already (the rule file's row
# records, made so): sorting each dict's items again was a fifth of encoding them.
encode_ordered = _one_line_encoder(sort_keys=False)


class Encoded(list[str]):
    """Elements of a top-level list already encoded (with `encode`): `dumps` writes them as is."""


def dumps(data: object) -> str:
    """The JSON style of generated files: sorted keys; each top-level key, and each element of a
    top-level list, on a line of its own. A change to one rule is a one-line diff in review, and
    the C encoder (used only without `indent`) keeps this fast. The text is joined once from its
    pieces: a large file is in memory as its pieces and the result, no more."""
    if not isinstance(data, dict):
        return encode(data) + "\n"
    out: list[str] = ["{\n"]
    for n, key in enumerate(sorted(data)):
        value = data[key]
        name = encode(key)
        out.append(f",\n  {name}: " if n else f"  {name}: ")
        if isinstance(value, list | tuple) and value:
            items = value if isinstance(value, Encoded) else map(encode, value)
            out.append("[")
            for i, item in enumerate(items):
                out.append(",\n    " if i else "\n    ")
                out.append(item)
            out.append("\n  ]")
        else:
            out.append(encode(value))
    out.append("\n}\n")
    return "".join(out)


def pretty(data: object) -> str:
    """Indented JSON for people (`matrixc parse`, schemas): sorted keys, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Line numbers of a rule file: one line map instead of a `line` on every record
#
# An edit that adds or removes source lines shifts the line of every later row, section and
# note. Kept on each record, that rewrites every later rule of the file in review; kept in one
# map (`lines`, a single line of the file), an edit changes the rules it touches, the header
# and that one line. Readers get the records back with their `line` (`join_lines`).


def _without_line(record: Any) -> tuple[Any, Any]:
    """(the record without its `line`, that line) for a dict; anything else unchanged."""
    if not isinstance(record, dict):
        return record, None
    rest = {k: v for k, v in record.items() if k != "line"}
    return rest, record.get("line")


def _with_line(record: Any, line: Any) -> Any:
    return {**record, "line": line} if isinstance(record, dict) and line is not None else record


def split_lines(data: dict[str, Any]) -> dict[str, Any]:
    """A rule file's JSON with the `line` of rows, sections, notes and scenarios in `lines`."""
    out = dict(data)
    lines: dict[str, Any] = {}
    for name in ("rules", "scenarios"):
        if name not in data:
            continue
        pairs = [_without_line(r) for r in data.get(name, ())]
        out[name] = [r for r, _ in pairs]
        lines[name] = [line for _, line in pairs]
    sections, section_lines = [], []
    for record in data.get("sections", ()):
        section, line = _without_line(record)
        notes = [_without_line(n) for n in section.get("notes", ())]
        sections.append({**section, "notes": [n for n, _ in notes]})
        section_lines.append([line, [n_line for _, n_line in notes]])
    out["sections"] = sections
    lines["sections"] = section_lines
    out["lines"] = lines
    return out


def _put(records: Any, values: Any) -> Any:
    if not isinstance(records, list) or not isinstance(values, list):
        return records
    if len(records) != len(values):
        return records  # validation then names the records without a line
    return [_with_line(r, v) for r, v in zip(records, values, strict=True)]


def _put_section(section: Any, value: Any) -> Any:
    if not isinstance(section, dict) or not isinstance(value, list) or len(value) != 2:
        return section
    return {**_with_line(section, value[0]), "notes": _put(section.get("notes"), value[1])}


def join_lines(data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `split_lines`: every record with its `line` again."""
    lines = data.get("lines")
    if not isinstance(lines, dict):
        return data
    out = {k: v for k, v in data.items() if k != "lines"}
    for name in ("rows", "rules", "scenarios"):
        if name in data:
            out[name] = _put(data[name], lines.get(name))
    sections, values = data.get("sections"), lines.get("sections")
    if isinstance(sections, list) and isinstance(values, list) and len(sections) == len(values):
        out["sections"] = [_put_section(s, v) for s, v in zip(sections, values, strict=True)]
    return out
