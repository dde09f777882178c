"""A JSON Lines row read the fast way (the C scanner at once, the duplicate-key hook only when
the colons leave room for a key twice) is what the careful reading gives: the same object, or
the same message naming what is wrong."""

from __future__ import annotations

import pytest

from compiler.emit import runtime

GOOD = '{"name": "vm1", "scenario": "Hyper-V with VMM", "facts": {"VM name": "web-01"}}'
LINES = [
    GOOD,
    GOOD + "\n",
    GOOD + "\r\n",
    GOOD + " \t \n",
    "  " + GOOD + "\n",  # leading whitespace: not the fast path, the same result
    GOOD + " x\n",  # extra data after the object
    GOOD + "\x0b\n",  # whitespace to str.isspace, not to JSON
    GOOD + "\u00a0\n",
    '{"name": "a", "name": "b"}\n',  # a key given twice
    '{"facts": {"a": 1, "a": 2}}\n',
    '{"facts": {"a": NaN}}\n',
    '{"facts": {"a": Infinity}}\n',
    '{"facts": {"a": 1}\n',  # not closed
    '{"a": "x:y"}\n',  # a colon in a string: the hook decides
    "[1, 2]\n",
    '"text"\n',
    "\ufeff" + GOOD + "\n",
    "{}\n",
    "{" + "[" * 50 + "]" * 50 + "}\n",
]


def _careful(text: str) -> tuple[str, object]:
    try:
        return "ok", runtime._json(text, "f")
    except runtime.ConfigError as exc:
        return "error", str(exc)


def _fast(text: str) -> tuple[str, object]:
    try:
        return "ok", runtime._json_line(text, "f")
    except runtime.ConfigError as exc:
        return "error", str(exc)


@pytest.mark.parametrize("text", LINES)
def test_a_row_read_fast_is_the_row_read_carefully(text: str) -> None:
    assert _fast(text) == _careful(text)


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers() -> None:
    lines = ["\n", GOOD + "\n", "   \n", "\t\n", GOOD.replace("vm1", "vm2") + "\n", ""]
    items = list(runtime._jsonl_items(lines, "inv.jsonl"))
    assert [(i.name, i.where) for i in items] == [("vm1", "inv.jsonl:2"), ("vm2", "inv.jsonl:5")]
    with pytest.raises(runtime.ConfigError, match="empty inventory"):
        runtime._jsonl_items(["\n", "  \n"], "inv.jsonl")


def test_a_row_without_a_name_or_with_other_keys_is_named_as_before() -> None:
    lines = ['{"facts": {}}\n', '{"name": null, "facts": {}}\n', '{"facts": {}, "extra": 1}\n']
    items = list(runtime._jsonl_items(lines, "inv.jsonl"))
    assert [i.name for i in items] == ["line 1", "None", "line 3"]
    assert items[2].config is None
    assert "unknown key(s) 'extra'" in (items[2].error or "")
