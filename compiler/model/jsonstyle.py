"""The one JSON layout every generated file uses."""

from __future__ import annotations

import json

_LINE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def dumps(data: object) -> str:
    """The JSON style of generated files: sorted keys; each top-level key, and each element of a
    top-level list, on a line of its own. A change to one rule is a one-line diff in review, and
    the C encoder (used only without `indent`) keeps this fast."""
    if not isinstance(data, dict):
        return _LINE.encode(data) + "\n"
    parts: list[str] = []
    for key in sorted(data):
        value = data[key]
        head = f"  {_LINE.encode(key)}: "
        if isinstance(value, list | tuple) and value:
            items = ",\n".join(f"    {_LINE.encode(v)}" for v in value)
            parts.append(f"{head}[\n{items}\n  ]")
        else:
            parts.append(head + _LINE.encode(value))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def pretty(data: object) -> str:
    """Indented JSON for people (`matrixc parse`, schemas): sorted keys, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
