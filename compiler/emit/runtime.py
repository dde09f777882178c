"""Check machine configurations against one support matrix.

    import this_module as v
    report = v.validate({"scenario": "<id, label or alias>", "facts": {"Data disk count": 17}})
    report.ok, [f.message for f in report.findings]

    python this_module.py CONFIG... [--scenario S] [--format text|json|sarif|junit]

CONFIG is a JSON configuration ({"scenario": ..., "facts": {...}}, or a list of them), a CSV
inventory (a column per fact, plus `name` and `scenario`) or JSON Lines. Exit status: 0 every
configuration passes, 1 an error finding, 2 unusable input (named with its file and line/row).

Facts are named by row id, by the part of the row id after "/" or by the row's key text
(case-insensitive) when that is unique. Values: true/false (the machine uses / does not use the
feature), numbers for counts, strings for names, versions and allowed values, and sizes as
strings with a unit: "40 TB", "4095 GiB", "512 MB". KB, MB, GB, TB, PB and KiB ... PiB are all
1024-based, as the matrices use them. A bare number for a size is rejected: "40" could be bytes,
GB or TB. A limit that depends on another fact ("Up to 4 TB for generation 2 VMs") reads that
fact from the configuration; when it is missing, the finding is a warning naming it (an error
when the value breaks every alternative).

(In the matrixc package this is `compiler/emit/runtime.py`: the checker every generated
validator carries. The emitter copies this source into each module after a fixed header and
before the matrix's data, so it imports nothing but the standard library.)
"""

from __future__ import annotations

import argparse
import codecs
import csv
import difflib
import fnmatch
import functools
import gc
import hashlib
import importlib
import io
import itertools
import json
import math
import operator
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TextIO, TypedDict, TypeVar, Union, cast
from urllib.parse import quote


class ConfigError(ValueError):
    """A configuration this module cannot check: unknown fact or scenario, wrong type."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class Config(TypedDict, total=False):
    """One machine: its scenario, its facts, and a name for reports."""

    name: str
    scenario: str
    facts: Mapping[str, object]


class Finding(NamedTuple):
    """One thing the matrix says about a configuration."""

    severity: str  # "error", "warning" or "info"
    row: str  # row id
    section: str  # section id
    message: str
    path: str  # the matrix source
    line: int  # the row's line in it
    key: str  # the row's key text
    scenario: str  # scenario id
    fact: str  # the fact's name as the configuration wrote it
    anchor: str  # the row on the site: matrices/<id>/#<row id>
    notes: tuple[str, ...]  # notes of the row and its section
    waiver: Mapping[str, Any] | None = None  # the waiver that accepts it: reason, expires, where

    def to_dict(self) -> dict[str, Any]:
        """The finding as DESIGN.md's JSON shape (plus key, scenario, fact, anchor, notes)."""
        extra = {"waived": dict(self.waiver)} if self.waiver else {}
        return {
            **extra,
            "severity": self.severity,
            "row": self.row,
            "section": self.section,
            "message": self.message,
            "source": {"path": self.path, "line": self.line},
            "key": self.key,
            "scenario": self.scenario,
            "fact": self.fact,
            "anchor": self.anchor,
            "notes": list(self.notes),
        }


class Report(NamedTuple):
    """The verdict on one configuration: ok unless a finding is an error."""

    scenario: str
    findings: tuple[Finding, ...]
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "scenario": self.scenario,
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------------------------
# The matrix as data: read from the records the emitter writes, one JSON object per line.


class Condition(NamedTuple):
    """When a limit applies only to some configurations ("for generation 2 VMs")."""

    fact: str  # what it tests: "generation"
    value: str  # the value it needs: "2"
    text: str  # the document's words


class Limit(NamedTuple):
    """One structured limit of a rule (sizes in bytes, rates in bytes per second)."""

    kind: str  # count, size, rate, length, charset, affix, allowed_values, min/max_version
    text: str
    min: float | None = None
    max: float | None = None
    xmin: bool = False
    xmax: bool = False
    pattern: str | None = None
    version: str | None = None
    subject: str | None = None
    values: tuple[str, ...] = ()
    condition: Condition | None = None
    max_version: str | None = None  # a max_version's or an any range's ceiling (xmax: exclusive)
    any: bool = False  # one of a rule's alternatives: any one of them holding is enough


class Rule(NamedTuple):
    """What one row says for one scenario."""

    scenario: str
    status: str | None  # supported, partial, not_supported, not_applicable or None
    text: str
    limits: tuple[Limit, ...]
    stage: str | None  # ga, preview, deprecated, retired or None


class Fact(NamedTuple):
    """A row of the matrix: what a configuration can state, and where the matrix says it."""

    position: int  # the row's place among the facts (SARIF ruleIndex)
    row: str  # row id
    key: str
    section: str
    section_title: str
    line: int
    accepts: tuple[str, ...]  # kinds of value: bool count size rate name enum version
    anchor: str
    notes: tuple[str, ...]
    names: tuple[str, ...]  # case-folded spellings that name this row alone
    rules: dict[str, Rule]  # by scenario id, in document order


class Scenario(NamedTuple):
    id: str
    label: str
    aliases: tuple[str, ...]


class ConditionSource(NamedTuple):
    """A row a condition's value can be read from: an allowed value spelled '<fact> <value>'
    (`values`: spelling -> value), or a feature named after one value (`when_true`)."""

    row: str
    values: dict[str, str] | None
    when_true: str | None


class ConditionFact(NamedTuple):
    """A fact no row states that conditional limits test ('generation')."""

    fact: str
    name: str | None  # its case-folded name, unless a row already has that name
    sources: tuple[ConditionSource, ...]


def _limit(d: Mapping[str, Any]) -> Limit:
    cond = d.get("if")
    return Limit(
        kind=d["kind"],
        text=d["text"],
        min=d.get("min"),
        max=d.get("max"),
        xmin=bool(d.get("xmin")),
        xmax=bool(d.get("xmax")),
        pattern=d.get("pattern"),
        version=d.get("version"),
        subject=d.get("subject"),
        values=tuple(d.get("values", ())),
        condition=None if cond is None else Condition(cond["fact"], cond["value"], cond["text"]),
        max_version=d.get("max_version"),
        any=bool(d.get("any")),
    )


def _rule(d: Mapping[str, Any]) -> Rule:
    limits = tuple(_limit(c) for c in d["constraints"])
    return Rule(d["scenario"], d["status"], d["text"], limits, d.get("stage"))


def _source(d: Mapping[str, Any]) -> ConditionSource:
    return ConditionSource(d["row"], d.get("map"), d.get("when_true"))


class Data(NamedTuple):
    """Everything the module knows about its matrix."""

    head: dict[str, Any]
    scenarios: tuple[Scenario, ...]
    facts: tuple[Fact, ...]
    ambiguous: dict[str, tuple[str, ...]]
    conditions: tuple[ConditionFact, ...]


def read_data(lines: Iterable[str]) -> Data:
    """The matrix from its records: a head, then scenarios, rows, ambiguous names, conditions,
    and the rows' source lines last (kept apart so that a shifted line changes one record)."""
    head: dict[str, Any] = {}
    scenarios: list[Scenario] = []
    rows: list[dict[str, Any]] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    conditions: list[ConditionFact] = []
    lines_of_rows: list[int] = []
    for line in lines:
        d = json.loads(line)
        if "matrix" in d:
            head = d
        elif "scenario" in d:
            scenarios.append(Scenario(d["scenario"], d["label"], tuple(d["aliases"])))
        elif "row" in d:
            rows.append(d)
        elif "ambiguous" in d:
            ambiguous[d["ambiguous"]] = tuple(d["rows"])
        elif "condition" in d:
            sources = tuple(_source(s) for s in d["sources"])
            conditions.append(ConditionFact(d["condition"], d["name"], sources))
        elif "lines" in d:
            lines_of_rows = list(d["lines"])
    facts = tuple(
        Fact(
            position=i,
            row=r["row"],
            key=r["key"],
            section=r["section"],
            section_title=r["section_title"],
            line=lines_of_rows[i],
            accepts=tuple(r["accepts"]),
            anchor=f"{head['site_page']}#{r['row']}",
            notes=tuple(r["notes"]),
            names=tuple(r["names"]),
            rules={rule.scenario: rule for rule in map(_rule, r["rules"])},
        )
        for i, r in enumerate(rows)
    )
    return Data(head, tuple(scenarios), facts, ambiguous, tuple(conditions))


# ---------------------------------------------------------------------------------------------
# Values

_BAD = {"not_supported": "not supported", "not_applicable": "not applicable"}
# What a stage tells who uses the feature, and how loud: a preview may change, a deprecated or
# retired one is going or gone.
_STAGED = {
    "preview": ("info", "in preview"),
    "deprecated": ("warning", "deprecated"),
    "retired": ("warning", "retired"),
}
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)?\s*")
_RATE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)(?:/s(?:ec(?:ond)?)?|ps)\s*", re.I)
# "1.30.4", "v1.30.4" (kubectl's), and builds as clusters report them, compared on their numbers:
# "v1.30.2-eks-1234abc", "1.30.5-gke.1014001", "v1.30.2+k3s1", "1.30.0-rc.1", Java's "1.8.0_292".
_VERSION = re.compile(r"\s*[vV]?([0-9]+(?:\.[0-9]+)+)(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?\s*")
_MAJOR = re.compile(r"\s*[vV]?([0-9]+)\s*")  # a listed "11" or "12": its line (11.0.20, 12.5)
# A listed version naming its line: no build's suffix ("1.30.2-eks" is listed as itself).
_LISTED = re.compile(r"\s*[vV]?([0-9]+(?:\.[0-9]+)+)\s*")
_NUMBER = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")
_UNITS = {"b": 0, "byte": 0, "bytes": 0}
_WORDS = ("kilo kibi", "mega mebi", "giga gibi", "tera tebi", "peta pebi", "exa exbi")
for _i, _p in enumerate("kmgtpe", start=1):
    _UNITS[_p + "b"] = _UNITS[_p + "ib"] = _i
    _UNITS[_p + "i"] = _i  # Kubernetes' "64Mi", "1Gi"
    for _w in (_p, _p + "i", *_WORDS[_i - 1].split()):  # in words: "kilobytes", "MBytes", "GiByte"
        _UNITS[_w + "byte"] = _UNITS[_w + "bytes"] = _i
_UNIT_NAMES = ("bytes", "KB", "MB", "GB", "TB", "PB", "EB")
_STRING_KINDS = frozenset({"length", "charset", "affix", "allowed_values"})
_NUMERIC = ("count", "size", "rate")

Version = tuple[tuple[int, str], ...]


def _fold(text: str) -> str:
    """A spelling as names are compared: whitespace runs as one space, case-folded."""
    return " ".join(text.split()).casefold()


def _q(text: str, width: int = 60) -> str:
    """A string's repr, cut short: a 1 MB name must not make a 1 MB message."""
    return repr(text) if len(text) <= width else repr(text[: width - 3]) + "..."


def _show(value: object) -> str:
    """A value as a configuration wrote it, short; any value (a YAML date, a 5000-digit int)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        text = f"a {type(value).__name__}"
    if isinstance(value, float):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def format_size(n: float) -> str:
    """Bytes as the matrices write sizes: 35184372088832 -> '32 TB' (1024-based)."""
    power = 0
    while power < len(_UNIT_NAMES) - 1 and abs(n) >= 1024 ** (power + 1):
        power += 1
    value = n / 1024**power
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return f"{text} {_UNIT_NAMES[power]}"


def parse_size(text: str, rate: bool = False) -> float:
    """Bytes (per second for a rate) in '40 TB', '4095 GiB', '54 MB/s'; ConfigError otherwise."""
    m = (_RATE if rate else _SIZE).fullmatch(text)
    if m is None:
        raise ConfigError(f"{_q(text)} is not a {'rate' if rate else 'size'} like '40 TB'")
    unit = m.group(2)
    if unit is None:
        raise ConfigError(
            f"size {_q(text)} needs a unit, e.g. '{m.group(1)} GB' (a bare number is ambiguous)"
        )
    power = _UNITS.get(unit.casefold())
    if power is None:
        raise ConfigError(
            f"unknown unit {_q(unit)} in {_q(text)}; use B, KB, MB, GB, TB, PB (or KiB...)"
        )
    if rate and unit[-1] == "b":  # "650 Mbps": bits, decimal as networks count them
        return float(m.group(1)) * float(1000**power) / 8
    return float(m.group(1)) * float(1024**power)


def _version(text: str) -> Version:
    """A dotted version as comparable parts: (digits, digits without leading zeros) each, so
    that any length compares numerically without int() (which refuses 4300+ digits)."""
    parts = (p.strip().lstrip("0") for p in text.strip().split("."))
    return tuple((len(p), p) for p in parts)


def _coerce_number(accepts: tuple[str, ...], value: float, name: str) -> tuple[str, Any] | None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"fact {_q(name)}: {value!r} is not a number")
    if "count" in accepts or not accepts:
        return "count", value
    if "size" in accepts or "rate" in accepts:
        raise ConfigError(
            f"fact {_q(name)}: give a size with a unit, e.g. '{value} GB', not a bare number"
        )
    if "version" in accepts and value >= 0 and (type(value) is int or value.is_integer()):
        return "version", _version(str(int(value)))  # "macOS": 12, "Windows Server": 2019
    return None


def _major(accepts: tuple[str, ...], s: str) -> re.Match[str] | None:
    """A release by its number alone ("2019", "12") as a version, where the fact takes no size
    or rate (whose bare number needs its unit said)."""
    return None if "size" in accepts or "rate" in accepts else _MAJOR.fullmatch(s)


def _coerce_quantity(accepts: tuple[str, ...], value: str, name: str) -> tuple[str, Any] | None:
    """A count, version, rate or size written as a string ("16", "3.3.0", "40 TB")."""
    s = value.strip()
    if "count" in accepts and _NUMBER.fullmatch(s):
        number = float(s)
        if not math.isfinite(number):
            raise ConfigError(f"fact {_q(name)}: {_q(value)} is not a number")
        return "count", int(number) if number.is_integer() else number
    if "version" in accepts and (v := _VERSION.fullmatch(s) or _major(accepts, s)):
        return "version", _version(v[1])
    if "rate" in accepts and _RATE.fullmatch(s):
        return "rate", parse_size(s, rate=True)
    if "size" in accepts:
        try:
            return "size", parse_size(s)
        except ConfigError as exc:
            raise ConfigError(f"fact {_q(name)}: {exc.message}") from None
    return None


def _coerce_string(accepts: tuple[str, ...], value: str, name: str) -> tuple[str, Any] | None:
    s = value.strip()
    folded = s.casefold()
    if "bool" in accepts and (folded in _TRUE or folded in _FALSE):
        return "bool", folded in _TRUE
    got = _coerce_quantity(accepts, value, name)
    if got is not None:
        return got
    if "name" in accepts or "enum" in accepts:
        return "str", value
    return None if accepts else ("text", value)


def coerce(accepts: tuple[str, ...], value: object, name: str) -> tuple[str, Any]:
    """(kind, value) of a fact's value, kind one of bool/count/size/rate/version/str/text/none.

    Strings ("true", "16", "40 TB", as CSV cells are) read as the kinds the fact accepts.
    """
    got: tuple[str, Any] | None = None
    if isinstance(value, bool):
        if "bool" in accepts or not accepts:
            return "bool", value
    elif isinstance(value, (int, float)):
        got = _coerce_number(accepts, value, name)
    elif isinstance(value, str):
        got = _coerce_string(accepts, value, name)
    elif value is None:
        return "none", None
    if got is not None:
        return got
    expected = ", ".join(accepts) or "a value"
    raise ConfigError(f"fact {_q(name)} takes {expected}, not {_show(value)}")


def _bound_text(c: Limit, fmt: Callable[[float], str]) -> str:
    lo, hi = c.min, c.max
    if lo is not None and hi is not None:
        if lo == hi:
            return f"exactly {fmt(lo)}"
        return f"between {fmt(lo)} and {fmt(hi)}"
    if hi is not None:
        return f"{'less than' if c.xmax else 'at most'} {fmt(hi)}"
    if lo is not None:
        return f"{'more than' if c.xmin else 'at least'} {fmt(lo)}"
    return c.text


def _within(c: Limit, x: float) -> bool:
    lo, hi = c.min, c.max
    if lo is not None and (x <= lo if c.xmin else x < lo):
        return False
    return not (hi is not None and (x >= hi if c.xmax else x > hi))


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _wildcard_free(text: str) -> str:
    """A bound's version without its wildcard: '1.20.x' bounds as 1.20."""
    return text[:-2] if text[-2:] in (".x", ".X", ".*") else text


def _version_violation(c: Limit, value: Version, shown: str) -> str | None:
    floor = _version(_wildcard_free(c.version or ""))
    width = max(len(floor), len(value))
    zero = ((0, ""),)
    v, f = value + zero * (width - len(value)), floor + zero * (width - len(floor))
    if v > f or (v == f and not c.xmin):
        return None
    rel = "after" if c.xmin else "at least"
    what = f" of the {c.subject}" if c.subject else ""
    return f"version {shown}{what} is too old: needs {rel} {c.version} ({c.text!r})"


def _version_ceiling_violation(c: Limit, value: Version, shown: str) -> str | None:
    """A ceiling covers its release line: under "<= 6.2" (or "6.2.x") 6.2.5 is allowed, under
    "< 1.30" 1.30.1 is not; the value is compared on as many parts as the ceiling has."""
    ceiling = _version(_wildcard_free(c.max_version or ""))
    head = (value + ((0, ""),) * len(ceiling))[: len(ceiling)]
    if head < ceiling or (head == ceiling and not c.xmax):
        return None
    rel = "before" if c.xmax else "at most"
    what = f" of the {c.subject}" if c.subject else ""
    return f"version {shown}{what} is too new: needs {rel} {c.max_version} ({c.text!r})"


def _length_violation(c: Limit, value: str, shown: str) -> str | None:
    n = len(value)
    if _within(c, n):
        return None
    return f"{shown} is {n} characters; allowed: {_bound_text(c, _number)} ({c.text!r})"


def _pattern_violation(c: Limit, value: str, shown: str) -> str | None:
    pattern = c.pattern
    if pattern is None or re.fullmatch(pattern, value):
        return None
    if c.kind == "charset":
        bad = sorted({ch for ch in value if not re.fullmatch(pattern, ch)})
        which = ", ".join(repr(ch) for ch in bad[:5])
        return f"{shown} uses characters not allowed ({which}): {c.text!r}"
    return f"{shown} breaks the rule {c.text!r}"


def _allowed_violation(c: Limit, value: str, shown: str) -> str | None:
    folded = _fold(value)
    if any(_fold(v) == folded for v in c.values) or _in_release_line(value, c.values):
        return None
    return f"{shown} is not one of: {', '.join(c.values)}"


_LINE = re.compile(r"\s*[vV]?([0-9]+(?:\.[0-9]+)*)\.[xX*]\s*")  # "1.20.x", "16.x": a line, said so


def _in_release_line(value: str, allowed: tuple[str, ...]) -> bool:
    """Is a version within a release line an allowed list names? A list of versions ("1.31,
    1.30, 1.29"; "1.20.x, 1.21.x") names lines, not builds: "1.30" admits 1.30.4 and v1.30.4
    (compared on as many parts as the listed version has: "1.30.0" its own builds, 1.30.0.1),
    "1.3" never 1.30; a bare number its major line ("1.8, 11, 14" of JREs admits 11.0.20, Debian's
    "13, 12" 12.5). The value is a dotted version: "16" is no build of "16.x"."""
    m = _VERSION.fullmatch(value)
    if m is None:
        return False
    parts = _version(m[1])
    for v in allowed:
        listed = _LINE.fullmatch(v) or _LISTED.fullmatch(v) or _MAJOR.fullmatch(v)
        if listed is not None:
            line = _version(listed[1])
            if parts[: len(line)] == line:
                return True
    return False


_STRING_VIOLATIONS: dict[str, Callable[[Limit, str, str], str | None]] = {
    "length": _length_violation,
    "charset": _pattern_violation,
    "affix": _pattern_violation,
    "allowed_values": _allowed_violation,
}


def violation(c: Limit, kind: str, value: Any, shown: str) -> str | None:
    """What is wrong with a value (of `coerce`'s kind) under one limit, or None when it holds."""
    k = c.kind
    if kind in _NUMERIC and k == kind:
        if _within(c, value):
            return None
        fmt = _number if k == "count" else format_size
        unit = "/s" if k == "rate" else ""
        return f"{shown} is outside the limit: {_bound_text(c, fmt)}{unit} ({c.text!r})"
    if kind == "version" and k == "min_version":
        return _version_violation(c, value, shown)
    if kind == "version" and k == "max_version":
        return _version_ceiling_violation(c, value, shown)
    if kind == "version" and k == "version_range" and c.any:  # "2.0.4+" of the 2.0 line
        return _version_violation(c, value, shown) or _version_ceiling_violation(c, value, shown)
    check = _STRING_VIOLATIONS.get(k) if kind == "str" else None
    return check(c, value, shown) if check is not None else None


def _shown_value(kind: str, value: object) -> str:
    """A value as a finding quotes it: a string quoted, else as given; 60 characters at most."""
    if kind == "str":
        shown = _q(cast(str, value))
    else:
        shown = value.strip() if isinstance(value, str) else _show(value)
    return shown[:57] + "..." if len(shown) > 60 else shown


def _none_holds(shown: str, either: list[Limit]) -> str:
    """A value that none of a rule's alternatives allows ("2.1.0+, 2.0.4+, 1.7.24+")."""
    what = f" of the {either[0].subject}" if either[0].subject else ""
    listed = ", ".join(c.text for c in either)
    return f"version {shown}{what} is in none of the supported versions: {listed}"


def _applies(c: Limit, kind: str) -> bool:
    if kind in _NUMERIC:  # a quantity with no bound ("CUDA | 10.0") checks nothing: it is said
        return c.kind == kind and (c.min is not None or c.max is not None)
    if kind == "version":
        return c.kind in ("min_version", "max_version") or (c.kind == "version_range" and c.any)
    return c.kind in _STRING_KINDS


# ---------------------------------------------------------------------------------------------
# The fast path, prepared once per scenario: a dict from every spelling of a fact to its check.
#
# A check is (fast, fact index, rule, lo, hi, test). fast 1: true/false need no further look
# (a supported feature); 2: false needs none (an unsupported feature); 4: an int within [lo, hi]
# needs none; 5: a str for which `test` is true needs none; 0 and 3 (a condition's own fact):
# every value goes the long way, which is also where every finding is made.

StrTest = Callable[[str], object]  # true (a bool, a match) when a str needs no further look
Check = tuple[int, int, "Rule | None", float, float, StrTest]


def _no_test(value: str) -> bool:
    return False


def _int_bounds(limits: tuple[Limit, ...]) -> tuple[float, float] | None:
    """The ints a rule's counts allow; None where a limit is no plain count or none has a
    bound (a quantity alone checks nothing: the long way says so)."""
    lo, hi = -math.inf, math.inf
    bounded = False
    for c in limits:
        if c.kind != "count" or c.condition is not None:
            return None
        if c.min is not None:
            lo = max(lo, math.floor(c.min) + 1 if c.xmin else math.ceil(c.min))
        if c.max is not None:
            hi = min(hi, math.ceil(c.max) - 1 if c.xmax else math.floor(c.max))
        bounded = bounded or c.min is not None or c.max is not None
    return (lo, hi) if bounded else None


def _string_test(limits: tuple[Limit, ...]) -> StrTest | None:
    lo: float = 0
    hi: float = math.inf
    tests: list[Callable[[str], object]] = []
    patterns: list[str] = []
    allowed: frozenset[str] | None = None
    for c in limits:
        if c.kind not in _STRING_KINDS or c.condition is not None:
            return None
        if c.kind == "length":
            lo = max(lo, (c.min if c.min is not None else 0) + (1 if c.xmin else 0))
            hi = min(hi, (c.max if c.max is not None else math.inf) - (1 if c.xmax else 0))
        elif c.kind == "allowed_values":
            allowed = frozenset(c.values) if allowed is None else allowed & set(c.values)
        elif c.pattern is not None:
            tests.append(re.compile(c.pattern).fullmatch)
            patterns.append(c.pattern)
        else:
            return None

    test = _each_test(lo, hi, allowed, tests)
    if allowed is not None:  # a set of the allowed values that pass the rest: one C-level call
        return frozenset(v for v in allowed if test(v)).__contains__
    return _one_pattern(patterns, lo, hi) or test


def _each_test(
    lo: float, hi: float, allowed: frozenset[str] | None, tests: list[Callable[[str], object]]
) -> Callable[[str], bool]:
    """A str's test, limit by limit: the length, the allowed values, each pattern."""

    def test(value: str) -> bool:
        if not lo <= len(value) <= hi or (allowed is not None and value not in allowed):
            return False
        for t in tests:  # noqa: SIM110 - a loop, not all(generator): names are checked here
            if t(value) is None:
                return False
        return True

    return test


def _one_pattern(patterns: list[str], lo: float, hi: float) -> StrTest | None:
    """The length and every full-match pattern of a name as one regex's `match` (a name is
    new on almost every configuration: one C-level call, not a Python loop over three), or
    None when a pattern could mean something else inside another (an escape, which could be a
    backreference, or a `(?` group or flag) or the regex does not compile."""
    if not patterns or any("\\" in p or "(?" in p for p in patterns):
        return None
    if not (math.isfinite(lo) and (math.isfinite(hi) or hi == math.inf)):
        return None
    low = max(0, math.ceil(lo))
    high = "" if hi == math.inf else str(math.floor(hi))
    if high and int(high) < low:
        return None
    # fullmatch(p, s) is match((?:p)\Z, s); a lookahead asks each but the last at position 0
    parts = [f"(?=(?s:.){{{low},{high}}}\\Z)"] if (low, high) != (0, "") else []
    parts += [f"(?=(?:{p})\\Z)" for p in patterns[:-1]]
    parts.append(f"(?:{patterns[-1]})\\Z")
    try:
        return re.compile("".join(parts)).match
    except (re.error, OverflowError, RecursionError):
        return None


def _fact_check(fact: Fact, rule: Rule | None) -> Check:
    """How far a value of this fact can get without the long way, in one scenario."""
    accepts = set(fact.accepts)
    if rule is None:
        return (0, fact.position, rule, 0, 0, _no_test)
    bad = rule.status in _BAD
    if accepts and accepts <= {"bool"}:
        subject = any(c.subject is not None for c in rule.limits)
        plain = rule.status == "supported" and not subject and rule.stage not in _STAGED
        fast = 1 if plain else (2 if bad else 0)
        return (fast, fact.position, rule, 0, 0, _no_test)
    if "bool" in accepts and bad:
        return (2, fact.position, rule, 0, 0, _no_test)
    if rule.status is None and rule.limits:
        if accepts == {"count"}:
            bounds = _int_bounds(rule.limits)
            if bounds is not None:
                return (4, fact.position, rule, bounds[0], bounds[1], _no_test)
        elif accepts <= {"name", "enum"}:
            test = _string_test(rule.limits)
            if test is not None:
                return (5, fact.position, rule, 0, 0, test)
    return (0, fact.position, rule, 0, 0, _no_test)


_CONDITION_CHECK: Check = (3, -1, None, 0, 0, _no_test)


def _passes(check: Check, value: object) -> bool:
    """Whether a value passes a fact's check without the long way (no finding at all)."""
    fast = check[0]
    if fast == 1:
        return value is True or value is False
    if fast == 2:
        return value is False
    if fast == 4:
        return type(value) is int and check[3] <= value <= check[4]
    return fast == 5 and type(value) is str and bool(check[5](value))


# ---------------------------------------------------------------------------------------------
# Reading configurations and inventories

Loader = Callable[[str], object]
_T = TypeVar("_T")


# The names a configuration gets from its place when it gives none: "line 4", "row 3".
_DEFAULT_NAME = re.compile(r"(?:line|row) [0-9]+")


def _stand_in(item: Item) -> bool:
    """Is the item's name its file's ("c.json", "inventory.json #3"), which `where` says?"""
    path = item.where.split(":item ", 1)[0]
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return item.name == base or (
        item.name.startswith(base + " #") and item.name[len(base) + 2 :].isdigit()
    )


class Item(NamedTuple):
    """One configuration read from a file, or the reason it could not be read."""

    name: str
    where: str  # file:line or file:row
    config: Mapping[str, Any] | None
    error: str | None


def _reject_constant(token: str) -> object:
    raise ValueError(token)


# One decoder each, made once: json.loads with any keyword builds a new decoder (and its C
# scanner) on every call, which costs a JSON Lines row more than reading it.
_ROW_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_ROW_SCAN: Callable[[str, int], tuple[object, int]] = _ROW_DECODER.scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"  # what JSON allows around a value (str.isspace allows more)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refusing a key given twice: json.loads would keep the last silently."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _key_line(text: str, key: str) -> int | None:
    """The line of the second `"key":` in a JSON text (None when it is spelled with escapes)."""
    spots = re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)
    second = next(itertools.islice(spots, 1, None), None)
    return None if second is None else text.count("\n", 0, second.start()) + 1


def _json(text: str, where: str) -> object:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not valid JSON: {exc.msg}", f"{where}:{exc.lineno}") from None
    except _DuplicateKey as exc:
        line = _key_line(text, exc.key)
        raise ConfigError(
            f"key {_q(exc.key)} given twice in one object: which value counts would be a guess",
            f"{where}:{line}" if line is not None else where,
        ) from None
    except RecursionError:
        raise ConfigError("not a configuration: JSON nested too deeply", where) from None
    except ValueError as exc:
        m = re.search(r"NaN|-?Infinity", text)
        if m is None:  # an integer of thousands of digits (Python reads at most 4300)
            digits = re.search(r"has (\d+) digits", str(exc))
            size = f"of {digits[1]} digits " if digits else ""
            raise ConfigError(
                f"an integer {size}is not a number a limit can check (at most 4300 digits)", where
            ) from None
        line = text.count("\n", 0, m.start()) + 1
        raise ConfigError(f"{exc} is not a number a limit can check", f"{where}:{line}") from None


def _as_config(obj: object, where: str, default_name: str) -> list[Item]:
    """The configuration an object of a file is, or one per scenario it names in a list
    (`"scenarios": ["Azure Government", "Azure Arc-enabled servers"]`): its facts are checked
    in each, each a result of its own under the configuration's name."""
    if not isinstance(obj, dict):
        return [
            Item(default_name, where, None, f"a configuration is a JSON object, not {_show(obj)}")
        ]
    name = str(obj.get("name", default_name))
    unknown = sorted(set(obj) - {"name", "scenario", "scenarios", "facts"})
    if unknown:
        return [
            Item(
                name,
                where,
                None,
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                "a configuration has 'scenario' (or 'scenarios'), 'facts' and 'name'",
            )
        ]
    if "scenarios" not in obj:
        return [Item(name, where, obj, None)]
    named = obj["scenarios"]
    if "scenario" in obj:
        return [Item(name, where, None, "give 'scenario' or 'scenarios', not both")]
    if not isinstance(named, list) or not named or not all(isinstance(x, str) and x for x in named):
        return [Item(name, where, None, f"scenarios must be a list of names, not {_show(named)}")]
    rest = {k: v for k, v in obj.items() if k != "scenarios"}
    return [Item(name, where, {**rest, "scenario": sid}, None) for sid in dict.fromkeys(named)]


def _bool_cell(cell: str) -> object:
    """A CSV cell of a true/false fact as JSON would give it ("yes" -> True), else as is."""
    return _CELL_BOOLS.get(cell.strip().casefold(), cell)


def _count_cell(cell: str) -> object:
    """A CSV cell of a count fact as JSON would give it ("16" -> 16), else as is."""
    if cell.isdigit() and cell.isascii() and (cell[0] != "0" or cell == "0"):
        return int(cell)
    return cell


_CELL_BOOLS: dict[str, object] = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
CellReader = Callable[[str], object]


# A piece is what one fact's value says on its own in one scenario, remembered per value:
# () nothing to report; a tuple of findings; a str, the message of the ConfigError it raises
# (the configuration cannot be checked); or _DEPENDS, when its findings read other facts (a
# conditional limit: "Up to 4 TB for generation 2 VMs"), so it is worked out for each row.
class _Depends:
    """The piece of a value whose findings depend on the configuration's other facts."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "_DEPENDS"


_DEPENDS = _Depends()
Piece = Union[tuple["Finding", ...], str, _Depends]  # noqa: UP007 - evaluated on Python 3.9
_MEMO_CELLS = 4096  # distinct values remembered per fact and scenario: memory flat in rows
_MEMO_TYPES = (bool, int, str)  # values remembered: equal ones give equal findings (not floats)


class _Memo(dict[str, Piece]):
    """Cell text -> its piece for one CSV column in one scenario; filled on first sight."""

    __slots__ = ("_judge", "_passes", "_test")

    def __init__(
        self,
        judge: Callable[[str], Piece],
        test: StrTest | None = None,
        passes: set[str] | None = None,
    ) -> None:
        super().__init__()
        self._judge = judge
        self._test = test  # a cell that passes it has nothing to say (names: new every row)
        self._passes = passes  # the cells known to pass in every column of this one's group

    def __missing__(self, cell: str) -> Piece:
        test = self._test
        piece = () if test is not None and test(cell) else self._judge(cell)
        if len(self) < _MEMO_CELLS:  # a column of unique values (names) must not grow it
            self[cell] = piece
        passes = self._passes
        if not piece and passes is not None and len(passes) < _MEMO_CELLS:
            passes.add(cell)
        return piece


class _Column(NamedTuple):
    """A fact column of a CSV inventory: where it is, its header, the fact, its cells' reader."""

    at: int
    header: str
    row: str  # the row id the header names (or a condition's fact, like 'generation')
    read: CellReader


_ABSENT = object()  # a key no configuration has


class _Pieces:
    """One scenario's memo for `validate`: (name, type, value) -> piece, at most _MEMO_CELLS
    values per fact name; the set of those known to pass and the names they may use (each
    fact under one spelling, the first seen, so that a configuration found wholly in it names
    no fact twice); reports of configurations where one value is not known to pass; each
    canonical name's test of a str (a name new on every configuration passes by it); and the
    names whose values keep passing by that test (`fresh`), tested where the C-level scan stops
    at them and the scan resumed, with none of the memo's bookkeeping of an odd value."""

    __slots__ = (
        "canonical", "combos", "counted", "counts", "covers", "fresh", "known", "ok", "paired",
        "pairs", "passes", "passing", "reports", "seen", "spelling", "tests",
    )  # fmt: skip

    def __init__(self, ok: Report | None = None) -> None:
        self.ok = ok if ok is not None else Report("", (), True)  # the scenario's passing report
        self.known: dict[tuple[object, type, object], Piece] = {}
        self.passing: set[tuple[object, type, object]] = set()
        self.passes = self.passing.__contains__  # made once: `validate` calls it per fact
        self.covers = _first_unknown(self.passing)  # and this once per configuration
        # The (name, value) of each passing key whose value is a bool or a str: for a
        # configuration whose values are all of exactly those types, (name, value) in `pairs`
        # is (name, type, value) in `passing` (a bool equals no str, and a value equal to
        # True, False or a str of another type, 1 or a str subclass, is ruled out by the
        # types), and the scan of `facts.items()` builds no tuple of three per fact.
        self.pairs: set[tuple[object, object]] = set()
        self.paired = _first_unknown(self.pairs)
        # The first name seen with an int value (a count): a configuration that has it goes
        # straight to the scan of (name, type, value), not through the types' scan first.
        self.counted: object = _ABSENT
        self.reports: dict[tuple[object, type, object], Report] = {}
        self.combos: dict[tuple[tuple[object, type, object], ...], Report] = {}  # several off
        self.counts: Counter[object] = Counter()
        self.spelling: dict[str, object] = {}  # row id -> the one name `passing` uses for it
        self.canonical: set[object] = set()  # those names
        self.tests: dict[object, StrTest] = {}  # canonical name -> its str test
        self.fresh: dict[object, StrTest] = {}  # names whose values are new each time: tested
        self.seen: Counter[object] = Counter()  # canonical name -> values passed by its test

    def remember(self, key: tuple[object, type, object], piece: Piece, row: str) -> None:
        name = key[0]
        if self.counts[name] >= _MEMO_CELLS:
            return
        self.counts[name] += 1
        self.known[key] = piece
        if key[1] is int and self.counted is _ABSENT and type(name) is str:
            self.counted = name
        if self.spelling.setdefault(row, name) != name:
            return
        self.canonical.add(name)
        if not piece:
            self.passing.add(key)
            if key[1] is bool or key[1] is str:
                self.pairs.add((name, key[2]))

    def passed(self, key: tuple[object, type, object]) -> None:
        """A str of canonical name key[0], not known to pass, passed by its test: remembered as
        passing while the name has few values (allowed values recur), else counted; after
        _FRESH such the name is tested before the scan (a new value on most configurations)."""
        name = key[0]
        if type(name) is not str:  # a key equal to a name, of another type: not remembered
            return
        if self.counts[name] < _FEW:
            self.counts[name] += 1
            self.known[key] = ()
            self.passing.add(key)
            self.pairs.add((name, key[2]))
            return
        self.seen[name] += 1
        test = self.tests.get(name)
        if self.seen[name] == _FRESH and test is not None:
            self.fresh[name] = test


_length_hint = operator.length_hint  # bound once: `validate` asks it per odd value


def _first_unknown(
    known: set[Any], stops: bool = sys.version_info >= (3, 11)
) -> Callable[[Iterator[Any]], bool]:
    """Whether every item of an iterator is in `known`, reading it up to the first that is not
    and no further: `validate` asks the iterator where that one was, then goes on from there.
    `set.issuperset` `stops` so from Python 3.11; before, it read the whole iterator into a set
    first (and every configuration's last fact looked like its odd one out)."""
    if stops:
        return known.issuperset
    contains = known.__contains__
    return lambda items: all(map(contains, items))


_PLAIN = frozenset({bool, str}).issuperset  # of a configuration's types: `pairs` can answer
_FEW = 256  # values of a name remembered as passing by its test (more: names, new each time)
_FRESH = 64  # more values passed by its test before `validate` tests the name in the scan


_MEMO_REPORTS = 1 << 14  # reports of one-value-off configurations remembered per scenario
_Findings = tuple[Finding, ...]
_SOLO = 1024  # reports of CSV rows where one cell says something, remembered per inventory


Getter = Callable[[Sequence[str]], Sequence[str]]


class _Lane(NamedTuple):
    """One scenario's checks of a CSV inventory's cells: a memo per fact column, and the same
    columns as groups whose cells pass or fail alike (one set of passing cells each, checked
    for a row in one C-level call) with the columns of no group (`rest`, by their memos)."""

    sid: str
    memos: list[_Memo]
    groups: tuple[tuple[set[str], Getter], ...]
    rest: list[_Memo]
    rest_get: Getter | None
    rest_at: tuple[int, ...]  # where the columns of `rest` are in a row
    group_at: tuple[tuple[int, ...], ...]  # where the columns of each group are


_Entry = Union[tuple[_Lane, Report], bool]  # noqa: UP007 - Python 3.9


def _getter(at: list[int]) -> Getter:
    """The cells at these places of a row, as a tuple even for one."""
    if len(at) == 1:
        k = at[0]
        return lambda record: (record[k],)
    return cast(Getter, operator.itemgetter(*at))


def _group_key(owner: Validator, check: Check, column: _Column) -> object:
    """What decides whether a cell of this column passes (has nothing to say): the fact's kinds
    of value, the rule's status and limits, how cells are read; columns with the same key pass
    the same cells. None: no group (a name or value tested per cell, most of them new)."""
    fast, i, rule = check[0], check[1], check[2]
    if fast == 5:
        return None
    accepts = owner.facts[i].accepts if i >= 0 else None
    if rule is None:
        return (fast, accepts, column.read, None)
    return (fast, accepts, column.read, rule.status, rule.limits)


class _CsvLane:
    """What the rows of one CSV inventory share: its columns and, per scenario, a memo per
    column of what each cell value says on its own (its piece).

    An inventory repeats a handful of values per column, so after the first rows a row is
    checked by one C-level pass over its cells' memos: a row whose every piece is empty gets
    the passing report without a facts dict being built; any other row is assembled from the
    pieces, column by column as `validate` goes, and only a conditional limit reads the row's
    other facts.
    """

    def __init__(
        self,
        owner: Validator,
        columns: list[str],
        fact_columns: list[_Column],
        scenario: str | None,
    ) -> None:
        self.owner = owner
        self.columns = columns
        self.width = len(columns)
        self.fact_columns = fact_columns
        self.name_col = next((i for i, c in enumerate(columns) if c.casefold() == "name"), None)
        self.scen_col = next((i for i, c in enumerate(columns) if c.casefold() == "scenario"), None)
        self.default = scenario
        where = [c.at for c in fact_columns] or [0]
        pick = operator.itemgetter(*where)
        self.pick: Callable[[list[str]], Sequence[str]] = (
            pick if len(where) > 1 else (lambda record: (record[where[0]],))
        )
        # The fact columns side by side (as inventories usually have them): a slice of the row
        # picks them faster than the itemgetter; -1 when they are not.
        contiguous = where == list(range(where[0], where[0] + len(where)))
        self.span = (where[0], where[0] + len(where)) if contiguous else (-1, -1)
        self._lanes: dict[str, _Lane | None] = {}
        self._entries: dict[str | None, dict[str, _Entry]] = {}
        self._solo: dict[int, tuple[tuple[Finding, ...], Report]] = {}  # see `_assemble`
        self.shape: _Shape | None = None  # the last block's (see `_CsvSource._blocks`)

    def config(self, record: list[str], name: str) -> dict[str, Any]:
        """The configuration a row gives, as JSON would give it."""
        facts = {c.header: c.read(record[c.at]) for c in self.fact_columns if record[c.at].strip()}
        config: dict[str, Any] = {"facts": facts, "name": name}
        scen = record[self.scen_col].strip() if self.scen_col is not None else ""
        if scen or self.default is not None:
            config["scenario"] = scen or self.default
        return config

    def report(self, record: list[str], scenario: str | None) -> Report | None:
        """The row's report from its cells' pieces; None when its scenario is for `validate` to
        name (unknown, or none given); ConfigError when a cell cannot be checked."""
        scen = record[self.scen_col].strip() if self.scen_col is not None else ""
        key = scen or self.default or scenario
        if key is None:
            if len(self.owner.scenarios) != 1:
                return None
            key = next(iter(self.owner.scenarios))
        if key in self._lanes:
            lane = self._lanes[key]
        else:
            lane = self._lane(key)
            if len(self._lanes) < _MEMO_CELLS:
                self._lanes[key] = lane
        if lane is None:
            return None
        sid, memos = lane.sid, lane.memos
        cells = self.pick(record)
        if not any(map(_Memo.__getitem__, memos, cells)):
            return self.owner._pass[sid]
        return self._assemble(sid, memos, cells, record)

    def entries(self, scenario: str | None) -> dict[str, _Entry]:
        """Scenario cell as written -> its lane's (memos, passing report, scenario id), or
        False when `validate` is to name the scenario: one dict get a row (see `entry`)."""
        return self._entries.setdefault(scenario, {})

    def entry(self, entries: dict[str, _Entry], cell: str, scenario: str | None) -> _Entry:
        """The entry of a scenario cell not seen yet, remembered for at most _MEMO_CELLS
        spellings (a column of unknown scenarios must not grow it)."""
        key = cell.strip() or self.default or scenario
        got: _Entry = False
        if key is None and len(self.owner.scenarios) == 1:
            key = next(iter(self.owner.scenarios))
        if key is not None:
            lane = self._lanes[key] if key in self._lanes else self._lane(key)
            if len(self._lanes) < _MEMO_CELLS:
                self._lanes[key] = lane
            if lane is not None:
                got = (lane, self.owner._pass[lane.sid])
        if len(entries) < _MEMO_CELLS:
            entries[cell] = got
        return got

    def _assemble(
        self,
        sid: str,
        memos: list[_Memo],
        cells: Sequence[str],
        record: list[str],
        said: list[Piece] | None = None,
    ) -> Report:
        owner = self.owner
        if said is None:
            said = list(filter(None, map(operator.getitem, memos, cells)))
        if len(said) == 1 and type(said[0]) is tuple:  # one column says something, on its own
            alone: _Findings = said[0]
            got = self._solo.get(id(alone))  # the entry holds the piece: the id stays its own
            if got is not None and got[0] is alone and got[1].scenario == sid:
                return got[1]
            report = Report(sid, alone, not any(f.severity == "error" for f in alone))
            if len(self._solo) < _SOLO:
                self._solo[id(alone)] = (alone, report)
            return report
        findings: list[Finding] = []
        facts: dict[str, Any] | None = None
        pieces = list(map(_Memo.__getitem__, memos, cells))
        for k in itertools.compress(range(len(pieces)), pieces):  # the columns that say something
            piece, cell, column = pieces[k], cells[k], self.fact_columns[k]
            if type(piece) is tuple:
                findings += piece
            elif type(piece) is str:
                raise ConfigError(piece)
            else:
                if facts is None:
                    facts = self.config(record, "")["facts"]
                check = owner._check_of_row(sid, column.row)
                findings += owner._long_check(check, column.header, column.read(cell), facts, sid)
        if not findings:
            return owner._pass[sid]
        return Report(sid, tuple(findings), not any(f.severity == "error" for f in findings))

    def _lane(self, scenario: str) -> _Lane | None:
        owner = self.owner
        try:
            sid = owner.resolve_scenario(scenario)
        except ConfigError:
            return None  # `validate` says why
        memos = []
        groups: dict[object, tuple[set[str], list[tuple[int, _Memo]]]] = {}
        rest: list[tuple[int, _Memo]] = []
        for column in self.fact_columns:
            check = owner._check_of_row(sid, column.row)
            judge = functools.partial(_cell_piece, owner, sid, check, column)
            # A name or allowed value read as is: its test alone can say it passes.
            test = check[5] if check[0] == 5 and column.read is str else None
            key = _group_key(owner, check, column)
            group = groups.setdefault(key, ({""}, [])) if key is not None else None
            memo = _Memo(judge, test, group[0] if group is not None else None)
            memos.append(memo)
            (group[1] if group is not None else rest).append((column.at, memo))
        for key, (_, members) in list(groups.items()):
            if len(members) == 1:  # a group of one: its memo is as quick
                rest += members
                del groups[key]
        rest.sort(key=operator.itemgetter(0))
        return _Lane(
            sid,
            memos,
            tuple(
                (passes, _getter([at for at, _ in members])) for passes, members in groups.values()
            ),
            [memo for _, memo in rest],
            _getter([at for at, _ in rest]) if rest else None,
            tuple(at for at, _ in rest),
            tuple(tuple(at for at, _ in members) for _, members in groups.values()),
        )


def _cell_piece(owner: Validator, sid: str, check: Check, column: _Column, cell: str) -> Piece:
    """The piece of one CSV cell (an empty cell gives no fact, so nothing to say)."""
    if not cell.strip():
        return ()
    return owner._piece(sid, check, column.header, column.read(cell))


class _CsvRow(Mapping[str, Any]):
    """A CSV row as a configuration, its facts dict built only when someone reads it."""

    __slots__ = ("_config", "lane", "name", "record")

    def __init__(self, lane: _CsvLane, record: list[str], name: str) -> None:
        self.lane = lane
        self.record = record
        self.name = name
        self._config: dict[str, Any] | None = None

    def _data(self) -> dict[str, Any]:
        if self._config is None:
            self._config = self.lane.config(self.record, self.name)
        return self._config

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


class _CsvSource(Iterator[Item]):
    """The rows of a CSV inventory after its header: Items when iterated (the configurations
    as any caller reads them), or Outcomes from `outcomes`, one loop that reads, checks and
    names each row without an Item or a facts dict for the rows the lane can judge."""

    def __init__(  # noqa: PLR0913 - a part of a file says where it starts
        self,
        fh: TextIO,
        lines: Iterable[str],
        lane: _CsvLane,
        where: tuple[str, int],
        *,
        rows: int = 0,
        end: int = sys.maxsize,
    ) -> None:
        self.fh = fh
        self.lines = iter(lines)  # the rows' lines: read a block at a time by `_blocks`
        self.reader = csv.reader(self.lines)
        self.lane = lane
        self.path, self.first = where  # the file, and the lines before the first row
        self.rows = rows  # rows read so far (blank ones too): a row without a name is 'row N'
        self.end = end  # the reader's lines past this one are the end mark of a part
        self.regular = True  # every row one line, and the last one ended before the end mark
        self._items: Iterator[Item] | None = None

    def __next__(self) -> Item:
        if self._items is None:
            self._items = _closing(self.fh, cast(Iterator[Item], self._each(None, None)))
        return next(self._items)

    def close(self) -> None:
        self.fh.close()

    def outcomes(
        self, scenario: str | None, err: TextIO | None, fmt: str | None = None
    ) -> Iterator[Outcome | _Part]:
        """Every row's Outcome, as `check_all` over the Items would give them; with `fmt`
        (text or json, no waivers) blocks of rows come already rendered, as `_Part`s."""
        with self.fh:
            if fmt in _BLOCK_FORMATS:
                yield from self._blocks(scenario, err or _NOWHERE, fmt == "json")
            else:
                yield from self._judged(scenario, err or _NOWHERE)

    def _blocks(  # noqa: C901, PLR0912, PLR0915 - the loop every block goes through, kept whole
        self, scenario: str | None, err: TextIO, as_json: bool
    ) -> Iterator[Outcome | _Part]:
        """The rows a block of lines at a time, checked and rendered column by column in
        C-level passes (map over the block's rows) rather than row by row: a passing row costs
        its share of a few maps and of one join. Once a block has shown the cells that pass,
        a line of a later block is matched whole by one regular expression made of them
        (`_Shape`) instead of being split into cells; a line it does not match is parsed
        alone. A row that says something, is blank, short or of another scenario than the
        block's first goes the long way (`_row`). A block with a quote (a field could hold a
        line break) is parsed strictly and must give a row a line; if not, the rest of the
        file is read row by row (`_judged`)."""
        lane, path, first = self.lane, self.path, self.first
        owner = lane.owner
        labels, width, scen_col = owner.labels, lane.width, lane.scen_col
        at = lane.name_col
        entries = lane.entries(scenario)
        text_of = _Rendered(owner, _finding_json if as_json else _finding_text)
        reasons: dict[int, tuple[Finding, str]] = {}
        saids: dict[str, dict[tuple[int, ...], _Said]] = {}  # scenario -> see `_said`
        lines, end = self.lines, self.end
        consumed = 0  # lines read so far (the reader's line_num)
        not_, getitem, itemgetter = operator.not_, operator.getitem, operator.itemgetter
        shape = lane.shape
        size = _BLOCK if shape is not None else _BLOCK // 8  # the first: to learn the cells
        while True:
            block = list(itertools.islice(lines, min(size, end - consumed)))
            size = _BLOCK
            if not block:
                return
            n = len(block)
            records: list[list[str]] | None = None
            joined = "".join(block)
            quoted = '"' in joined  # a quoted field could hold a line break
            if shape is not None and not quoted and not shape.fresh():  # a group learnt a cell
                shape = lane.shape = _Shape.of(lane, shape.entry, shape.cell)  # type: ignore[arg-type]
            if quoted:
                shape = None
            if shape is None or quoted:
                try:
                    records = list(csv.reader(block, strict=quoted))
                    if len(records) != n:
                        records = None
                except csv.Error:
                    records = None
                if records is None:  # row by row from this block on, as `_judged` reads
                    self.reader = csv.reader(itertools.chain(block, lines))
                    self.first = first + consumed
                    if end != sys.maxsize:
                        self.end = end - consumed
                    yield from self._judged(scenario, err)
                    return
            base, rows0 = consumed + first, self.rows
            consumed += n
            self.rows += n
            summary = Summary(labels)
            summary._reasons = reasons
            bad: set[int] = set()
            names: list[str] = []
            got: _Entry | None = None
            if records is None:
                assert shape is not None
                raw = list(map(shape.match, block))
                bad.update(itertools.compress(range(n), map(not_, raw)))
                dummy = shape.dummy
                groups: list[tuple[str, ...]] = [(m or dummy).groups() for m in raw]  # type: ignore[union-attr]
                names = list(map(str.strip, map(itemgetter(shape.name), groups)))
                got, cell = shape.entry, shape.cell
                for memo, k in shape.rest:
                    cells = map(itemgetter(k), groups)
                    bad.update(
                        itertools.compress(range(n), map(getitem, itertools.repeat(memo), cells))
                    )
            elif at is not None and all(map(width.__eq__, map(len, records))):
                names = list(map(str.strip, map(itemgetter(at), records)))
                cell = records[0][scen_col] if scen_col is not None else ""
                got = entries.get(cell)
                if got is None:
                    got = lane.entry(entries, cell, scenario)
                if got:
                    if scen_col is not None:
                        cells = map(itemgetter(scen_col), records)
                        bad.update(itertools.compress(range(n), map(cell.__ne__, cells)))
                    checks = cast(tuple[_Lane, Report], got)[0]
                    for passes, get in checks.groups:
                        bad.update(
                            itertools.compress(
                                range(n), map(not_, map(passes.issuperset, map(get, records)))
                            )
                        )
                    for memo, k in zip(checks.rest, checks.rest_at):  # noqa: B905 - Python 3.9
                        cells = map(itemgetter(k), records)
                        bad.update(
                            itertools.compress(
                                range(n), map(getitem, itertools.repeat(memo), cells)
                            )
                        )
                    if not quoted:
                        shape = lane.shape = _Shape.of(lane, got, cell)  # type: ignore[arg-type]
            if got and "" in names:
                bad.update(itertools.compress(range(n), map(not_, names)))
            if not got:
                bad = set(range(n))
            out: list[str] = []
            passing = 0
            run_of: Callable[[int, int], str] = _no_run
            if got:
                sid = got[1].scenario  # type: ignore[index]
                if as_json:
                    where = _JSON_STR(path + ":")[:-1]  # its closing quote after the line
                    run_of = functools.partial(
                        _json_run,
                        (
                            _NEXT + '{"findings": [], "name": ',
                            f', "ok": true, "scenario": {_JSON_STR(sid)}, "where": {where}',
                        ),
                        names,
                        base + 1,
                    )
                else:
                    tail = f" ({labels[sid]})\n"
                    run_of = functools.partial(_text_run, tail + "PASS ", tail, names)
            start = 0
            order = sorted(bad)
            if records is not None:
                said_rows = records
            elif "\x00" in joined:  # the CSV reader's own word on NUL (an error before 3.11)
                said_rows = list(csv.reader([block[i] for i in order]))
            else:  # no quote: a line's cells are what lies between its commas
                said_rows = [block[i].rstrip("\r\n").split(",") for i in order]
            known: dict[tuple[int, ...], _Said] = {}
            lo, hi = lane.span
            if got:
                checks = got[0]  # type: ignore[index]
                memos = checks.memos
                known = saids.setdefault(checks.sid, known)
                tail = f" ({labels[checks.sid]})\n"
            for j, i in enumerate(order):
                if i > start:
                    out.append(run_of(start, i))
                    passing += i - start
                start = i + 1
                record = said_rows[i] if records is not None else said_rows[j]
                if (
                    got
                    and len(record) == width
                    and (scen_col is None or record[scen_col] == cell)
                    and (name := record[at].strip())  # type: ignore[index]
                ):
                    given = record[lo:hi] if lo >= 0 else lane.pick(record)
                    # An empty cell gives no fact: only the others' memos are asked.
                    asked = map(getitem, itertools.compress(memos, given), filter(None, given))
                    said: list[Piece] = list(filter(None, asked))
                    key = tuple(map(id, said))
                    hit = known.get(key)
                    if hit is None or not all(map(operator.is_, hit[0], said)):
                        hit = _said(said, checks.sid, tail, summary, text_of, as_json)
                        if hit is not None and len(known) < _CACHED:
                            known[key] = hit
                    if hit is not None:
                        _, ok, head, middle, why = hit
                        if as_json:
                            where = _JSON_STR(f"{path}:{base + i + 1}")
                            out.append(head + _JSON_STR(name) + middle + where + "}")
                        else:
                            out.append(head + name + middle)
                        if ok:
                            passing += 1
                        else:
                            summary.total += 1
                            summary.failed += 1
                            for reason in why:
                                summary.reasons[reason] += 1
                        continue
                o = self._row(record, base + i + 1, rows0 + i + 1, scenario, err, entries)
                if o is None:
                    continue
                summary.add(o)
                if as_json:
                    out.append(_NEXT + _json_entry(o, text_of))
                elif o.report is not None:
                    r = o.report
                    name = _one_line(o.name)
                    out.append(f"{'PASS' if r.ok else 'FAIL'} {name} ({labels[r.scenario]})\n")
                    out += map(text_of.of, r.findings)
            if n > start:
                out.append(run_of(start, n))
                passing += n - start
            yield _Part(
                "".join(out), [], 0, summary.total + passing, summary.passed + passing,
                summary.failed, summary.broken, summary.reasons, "", True,
            )  # fmt: skip

    def _row(  # noqa: PLR0913, PLR0917 - what `_judged` knows of a row when it comes to it
        self,
        record: list[str],
        line: int,
        rows: int,
        scenario: str | None,
        err: TextIO,
        entries: dict[str, _Entry],
    ) -> Outcome | None:
        """One row's Outcome as `_judged` gives it (None: a blank row); `line` counts the lines
        before the header too."""
        lane, owner = self.lane, self.lane.owner
        at = lane.name_col
        name = record[at].strip() if at is not None and at < len(record) else ""
        if not name:
            if not "".join(record).strip():
                return None
            name = f"row {rows}"
        where = f"{self.path}:{line}"
        if len(record) != lane.width:
            error = f"row has {len(record)} fields, the header {lane.width}"
            return owner._unusable(Item(name, where, None, None), error, err)
        cell = record[lane.scen_col] if lane.scen_col is not None else ""
        got = entries.get(cell)
        try:
            if got is None:
                got = lane.entry(entries, cell, scenario)
            if not got:
                return Outcome(
                    name, where, owner.validate(_CsvRow(lane, record, name), scenario), None
                )
            checks, report = got  # type: ignore[misc]
            lo, hi = lane.span
            cells = record[lo:hi] if lo >= 0 else lane.pick(record)
            memos = checks.memos
            said = list(filter(None, map(operator.getitem, memos, cells)))
            if said:
                report = lane._assemble(checks.sid, memos, cells, record, said)
        except ConfigError as exc:
            return owner._unusable(Item(name, where, None, None), exc.message, err)
        return Outcome(name, where, report, None)

    def _judged(  # noqa: C901, PLR0912, PLR0915 - the loop every row goes through, kept whole
        self, scenario: str | None, err: TextIO
    ) -> Iterator[Outcome]:
        """`_each` for Outcomes, with what a row costs kept to the minimum: a row whose
        scenario cell was seen before and whose cells' pieces are all empty is one dict get,
        one C-level pass over its memos and one tuple (no Item, no facts dict, no call)."""
        path, first, reader, lane = self.path, self.first, self.reader, self.lane
        name_col, width, owner = lane.name_col, lane.width, lane.owner
        named = name_col is not None
        at = name_col if name_col is not None else 0
        scen_col = lane.scen_col
        lo, hi = lane.span
        pick, assemble, validate = lane.pick, lane._assemble, owner.validate
        entries = lane.entries(scenario)
        getitem, new = operator.getitem, tuple.__new__
        row_of = reader.__next__
        last, end, rows = reader.line_num, self.end, self.rows
        try:
            while True:
                try:
                    record = row_of()
                except StopIteration:
                    return
                except csv.Error as exc:
                    self.regular = False
                    rows += 1
                    where = f"{path}:{reader.line_num + first}"
                    item = Item(f"row {rows}", where, None, None)
                    yield owner._unusable(item, f"broken CSV: {exc}", err)
                    continue
                line = reader.line_num
                if line != last + 1 or line > end:  # a row of several lines, or a part's end
                    self.regular = self.regular and line == last + 1 and record == [_PART_END]
                    if line > end:
                        return
                last = line
                rows += 1
                name = record[at].strip() if named and at < len(record) else ""
                if not name:  # a row with a name is not blank
                    if not "".join(record).strip():
                        continue
                    name = f"row {rows}"
                where = f"{path}:{line + first}"
                if len(record) != width:
                    error = f"row has {len(record)} fields, the header {width}"
                    yield owner._unusable(Item(name, where, None, None), error, err)
                    continue
                cell = record[scen_col] if scen_col is not None else ""
                got = entries.get(cell)
                try:
                    if got is None:
                        got = lane.entry(entries, cell, scenario)
                    if got:
                        checks, report = got  # type: ignore[misc]
                        for passes, get in checks.groups:  # a few C-level calls a row
                            if not passes.issuperset(get(record)):
                                break
                        else:
                            rest_get = checks.rest_get
                            if rest_get is None or not any(
                                map(getitem, checks.rest, rest_get(record))
                            ):
                                yield new(Outcome, (name, where, report, None))
                                continue
                        memos = checks.memos
                        cells = record[lo:hi] if lo >= 0 else pick(record)
                        if any(map(getitem, memos, cells)):
                            report = assemble(checks.sid, memos, cells, record)
                    else:
                        report = validate(_CsvRow(lane, record, name), scenario)
                except ConfigError as exc:
                    yield owner._unusable(Item(name, where, None, None), exc.message, err)
                    continue
                yield new(Outcome, (name, where, report, None))
        finally:
            self.rows = rows

    def _each(  # noqa: C901 - one loop a row goes through: split, each row pays a call
        self, scenario: str | None, err: TextIO | None
    ) -> Iterator[Item | Outcome]:
        """Items (err None) or Outcomes (unusable ones also written to err) of every row."""
        path, first, reader, lane = self.path, self.first, self.reader, self.lane
        name_col, width = lane.name_col, lane.width
        owner, report_of = lane.owner, lane.report
        judge = err is not None
        last, end = reader.line_num, self.end
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.regular = False
                self.rows += 1
                where = f"{path}:{reader.line_num + first}"
                item = Item(f"row {self.rows}", where, None, f"broken CSV: {exc}")
                yield owner._unusable(item, item.error, err) if judge else item
                continue
            line = reader.line_num
            if line != last + 1 or line > end:  # a row of several lines, or a part's end mark
                self.regular = self.regular and line == last + 1 and record == [_PART_END]
                if line > end:
                    return
            last = line
            self.rows += 1
            if not "".join(record).strip():
                continue
            where = f"{path}:{line + first}"
            name = (
                record[name_col].strip() if name_col is not None and name_col < len(record) else ""
            )
            name = name or f"row {self.rows}"
            if len(record) != width:
                error = f"row has {len(record)} fields, the header {width}"
                yield (
                    owner._unusable(Item(name, where, None, error), error, err)
                    if judge
                    else Item(name, where, None, error)
                )
                continue
            if not judge:
                yield Item(name, where, _CsvRow(lane, record, name), None)
                continue
            try:
                report = report_of(record, scenario)
                if report is None:
                    report = owner.validate(_CsvRow(lane, record, name), scenario)
            except ConfigError as exc:
                yield owner._unusable(Item(name, where, None, None), exc.message, err)
                continue
            yield Outcome(name, where, report, None)


_BLOCK = 1024  # CSV lines checked and rendered together by `_CsvSource._blocks` (4096: +10 MB)
_BLOCK_FORMATS = frozenset({"text", "json"})  # the reports `_blocks` renders
_SHAPE_VALUES = 64  # passing cells of a group past which no `_Shape` is made (a long pattern)
_FREE = '[^,"\r\n\x00]*'  # a cell that needs no quotes, as the CSV reader reads it


def _no_run(start: int, stop: int) -> str:
    return ""


class _Shape:
    """A regular expression a CSV line of one scenario matches when each cell of a group is
    among the cells known to pass in it: such a line needs no splitting into cells, only its
    name and the cells of columns of no group are captured (those are looked up in their
    memos). A line it does not match is parsed and judged on its own; it says nothing about
    the line, only that the shortcut does not apply. Made again when a group learns a cell."""

    __slots__ = ("_passes", "cell", "dummy", "entry", "match", "name", "rest", "sizes")

    def __init__(self) -> None:
        self.match: Callable[[str], re.Match[str] | None] = re.compile("").fullmatch
        self.dummy: re.Match[str] | None = None
        self.entry: tuple[_Lane, Report] | None = None
        self.cell = ""
        self.name = 0
        self.rest: list[tuple[_Memo, int]] = []
        self._passes: list[set[str]] = []
        self.sizes: list[int] = []

    def fresh(self) -> bool:
        """Whether the groups still pass the cells they passed when this was made."""
        return list(map(len, self._passes)) == self.sizes

    @classmethod
    def of(cls, lane: _CsvLane, entry: tuple[_Lane, Report], cell: str) -> _Shape | None:
        """The shape of the lines of this scenario cell, or None (a cell that needs quotes,
        no name column, a group of too many cells)."""
        checks = entry[0]
        at = lane.name_col
        if at is None or any(c in cell for c in ',"\r\n\x00'):
            return None
        parts = [_FREE] * lane.width
        if lane.scen_col is not None:
            parts[lane.scen_col] = re.escape(cell)
        for (passes, _), where in zip(checks.groups, checks.group_at):  # noqa: B905 - Python 3.9
            if len(passes) > _SHAPE_VALUES:
                return None
            plain = sorted(v for v in passes if not any(c in v for c in ',"\r\n\x00'))
            alt = "(?:" + "|".join(map(re.escape, plain)) + ")"
            for k in where:
                parts[k] = alt
        captured = sorted([at, *checks.rest_at])
        for k in captured:
            parts[k] = "(" + _FREE + ")"
        shape = cls()
        pattern = re.compile(",".join(parts) + "(?:\r\n|\n|\r)?")
        shape.match = pattern.fullmatch
        line = [""] * lane.width
        line[at] = "x"
        if lane.scen_col is not None:
            line[lane.scen_col] = cell
        shape.dummy = pattern.fullmatch(",".join(line))
        if shape.dummy is None:
            return None
        shape.entry, shape.cell = entry, cell
        shape.name = captured.index(at)
        shape.rest = [(m, captured.index(k)) for m, k in zip(checks.rest, checks.rest_at)]  # noqa: B905
        shape._passes = [passes for passes, _ in checks.groups]
        shape.sizes = list(map(len, shape._passes))
        return shape


def _text_run(joint: str, tail: str, names: list[str], start: int, stop: int) -> str:
    """The text report of passing rows start..stop of a block (nothing to say, one scenario)."""
    return "PASS " + joint.join(names[start:stop]) + tail


def _json_run(around: tuple[str, str], names: list[str], line: int, start: int, stop: int) -> str:
    """The JSON results of passing rows start..stop of a block whose first row is on `line`:
    each the text before its name, the name, the text up to its line number, the number (an
    f-string a row: a third of the time of `str.format`)."""
    head, middle = around
    rows = zip(map(_JSON_STR, names[start:stop]), range(line + start, line + stop))  # noqa: B905 - 3.9
    return "".join([f'{head}{name}{middle}{at}"}}' for name, at in rows])


# What a CSV row whose cells' pieces are these says, rendered, for rows with the same pieces (the
# same objects): the pieces, ok, the text before the row's name and after it (for JSON: before
# the name and before `where`), and the reasons its errors count under in the summary.
_Said = tuple[list[Piece], bool, str, str, list[str]]


def _said(  # noqa: PLR0913, PLR0917 - what one row's report is made of and written with
    said: list[Piece],
    sid: str,
    tail: str,
    summary: Summary,
    text_of: _Rendered,
    as_json: bool,
) -> _Said | None:
    """The report of pieces that are all findings (None: a piece raises or reads other facts),
    as `_CsvLane._assemble` makes it and the text or JSON writer writes it."""
    if any(type(p) is not tuple for p in said):
        return None
    findings: _Findings = tuple(itertools.chain.from_iterable(cast(list[_Findings], said)))
    ok = not any(f.severity == "error" for f in findings)
    why = [] if ok else [summary._reason(f) for f in findings if f.severity == "error"]
    if as_json:
        head = _NEXT + '{"findings": [' + ", ".join(map(text_of.of, findings)) + '], "name": '
        middle = f', "ok": {"true" if ok else "false"}, "scenario": {_JSON_STR(sid)}, "where": '
        return said, ok, head, middle, why
    return said, ok, "PASS " if ok else "FAIL ", tail + "".join(map(text_of.of, findings)), why


class _Nowhere(io.TextIOBase):
    """A stream that drops what is written (no `err` given)."""

    def write(self, text: str) -> int:
        return len(text)


_NOWHERE = cast(TextIO, _Nowhere())


def _jsonl_items(lines: Iterable[str], path: str) -> Iterator[Item]:
    """The configurations of JSON Lines, one per non-blank line; ConfigError at once if none."""
    return _jsonl_rows(_jsonl_numbered(lines, path), path)


def _jsonl_numbered(lines: Iterable[str], path: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of JSON Lines; ConfigError at once when no line has anything."""
    numbered = enumerate(lines, start=1)
    for head in numbered:
        if head[1] and not head[1].isspace():
            return itertools.chain((head,), numbered)
    raise ConfigError("empty inventory: no configurations", f"{path}:1")


def _json_line(text: str, where: str) -> object:
    """One JSON Lines row, read without the duplicate-key hook when its colons prove that no
    key repeats (every key is followed by a colon: as many colons as keys in the configuration
    and its facts leaves none for a second one, nor for keys elsewhere); otherwise as `_json`
    reads it, which names a key given twice."""
    try:
        if text[:1] == "{":  # `decode` without its two Python calls: the C scanner at once
            obj, end = _ROW_SCAN(text, 0)
            if end != len(text) and text[end:].strip(_JSON_SPACE):
                raise ValueError("extra data")
        else:
            obj = _ROW_DECODER.decode(text)
    except (ValueError, RecursionError, StopIteration):
        return _json(text, where)  # its message
    if type(obj) is dict:
        facts = obj.get("facts")
        if text.count(":") == len(obj) + (len(facts) if type(facts) is dict else 0):
            return obj
    return _json(text, where)


_CONFIG_KEYS = frozenset({"name", "scenario", "facts"})


def _jsonl_rows(lines: Iterable[tuple[int, str]], path: str) -> Iterator[Item]:
    """An Item per non-blank line of (line number, line)."""
    new = tuple.__new__
    for number, line in lines:
        if not line or line.isspace():
            continue
        where = f"{path}:{number}"
        try:
            obj = _json_line(line, path)
        except ConfigError as exc:
            yield Item(f"line {number}", where, None, exc.message)
            continue
        if type(obj) is dict and _CONFIG_KEYS.issuperset(obj):  # `_as_config`'s common case
            name = obj["name"] if "name" in obj else f"line {number}"  # noqa: SIM401 - lazily
            yield new(Item, (str(name), where, obj, None))
            continue
        yield from _as_config(obj, where, f"line {number}")


class _JsonlSource(Iterator[Item]):
    """The rows of a JSON Lines inventory: Items when iterated (as `_jsonl_rows` reads them),
    or Outcomes from `outcomes`, where for the text and JSON reports a block of lines is read,
    checked and rendered in one loop: a row read the fast way that passes costs its scan, its
    check and a line of the block's text, without an Item, an Outcome or the writer's loop."""

    def __init__(self, fh: TextIO, numbered: Iterator[tuple[int, str]], path: str) -> None:
        self.fh = fh
        self.numbered = numbered
        self.path = path
        self._items: Iterator[Item] | None = None

    def __next__(self) -> Item:
        if self._items is None:
            self._items = _closing(self.fh, _jsonl_rows(self.numbered, self.path))
        return next(self._items)

    def close(self) -> None:
        self.fh.close()

    def outcomes(
        self, owner: Validator, scenario: str | None, err: TextIO | None, fmt: str | None
    ) -> Iterator[Outcome | _Part]:
        """Every row's Outcome, as `check_all` over the Items gives them; with `fmt` (text or
        json, no waivers) blocks of rows come already rendered, as `_Part`s."""
        with self.fh:
            if fmt in _BLOCK_FORMATS:
                yield from self._blocks(owner, scenario, err or _NOWHERE, fmt == "json")
            else:
                yield from owner.check_all(_jsonl_rows(self.numbered, self.path), scenario, err)

    def _blocks(  # noqa: C901, PLR0912, PLR0915 - the loop every row goes through, kept whole
        self, owner: Validator, scenario: str | None, err: TextIO, as_json: bool
    ) -> Iterator[_Part]:
        """The rows _BLOCK lines at a time, each rendered as `_text_chunks` / `_json_chunks`
        render its Outcome. A line is read as `_json_line` reads it when it can be at once (an
        object, its colons as many as its keys, only a configuration's keys); any other line
        (blank, broken, a key twice, another shape) is read by `_jsonl_rows` and checked by
        `check_all`, which give its Item and Outcome their words."""
        path, labels, validate = self.path, owner.labels, owner.validate
        text_of = _Rendered(owner, _finding_json if as_json else _finding_text)
        reasons: dict[int, tuple[Finding, str]] = {}  # a summary's per finding, every block's
        seen: dict[int, tuple[Report, str, str, list[str]]] = {}  # per report: `_said_once`
        middle = {sid: f'"ok": true, "scenario": {_JSON_STR(sid)}, ' for sid in owner.scenarios}
        tails = {sid: f" ({label})\n" for sid, label in labels.items()}
        scan, space, keys = _ROW_SCAN, _JSON_SPACE, _CONFIG_KEYS
        numbered = self.numbered
        ok: Report | None = None  # the last passing report with nothing to say, and its texts
        tail = fill = ""
        while True:
            block = list(itertools.islice(numbered, _BLOCK))
            if not block:
                return
            summary = Summary(labels)
            summary._reasons = reasons
            out: list[str] = []
            passed = 0
            for number, line in block:
                obj: Any = None
                if line[:1] == "{":
                    try:
                        obj, end = scan(line, 0)
                        if line[end:] != "\n" and end != len(line) and line[end:].strip(space):
                            obj = None
                    except (ValueError, RecursionError, StopIteration):
                        obj = None
                    if type(obj) is dict:
                        facts = obj.get("facts")
                        n = len(obj) + (len(facts) if type(facts) is dict else 0)
                        if line.count(":") != n or not keys.issuperset(obj):
                            obj = None
                    else:
                        obj = None
                if obj is not None:
                    name = obj["name"] if "name" in obj else f"line {number}"  # noqa: SIM401
                    if type(name) is not str:
                        name = str(name)
                    try:
                        report = validate(obj, scenario)
                    except ConfigError as exc:
                        o = owner._unusable(
                            Item(name, f"{path}:{number}", obj, None), exc.message, err
                        )
                    else:
                        if report is ok or (
                            report.ok and not report.findings and report.scenario in middle
                        ):
                            if report is not ok:  # another scenario's: its texts
                                ok, tail, fill = (
                                    report,
                                    tails[report.scenario],
                                    middle[report.scenario],
                                )
                            passed += 1
                            if as_json:
                                out.append(
                                    f'{_NEXT}{{"findings": [], "name": {_JSON_STR(name)}, '
                                    f'{fill}"where": {_JSON_STR(f"{path}:{number}")}}}'
                                )
                            else:
                                out.append(f"PASS {_one_line(name)}{tail}")
                            continue
                        if not as_json:  # a memo's report recurs: its text and reasons once
                            said = seen.get(id(report))
                            if said is None or said[0] is not report:
                                said = _said_once(report, labels, text_of, summary)
                                if len(seen) < _CACHED:
                                    seen[id(report)] = said
                            out.append(f"{said[1]}{_one_line(name)}{said[2]}")
                            summary.total += 1
                            if report.ok:
                                summary.passed += 1
                            else:
                                summary.failed += 1
                                for reason in said[3]:
                                    summary.reasons[reason] += 1
                            continue
                        o = Outcome(name, f"{path}:{number}", report, None)
                    outcomes: Iterable[Outcome] = (o,)
                elif not line or line.isspace():
                    continue
                else:  # the careful way: this line's Item and Outcome as they always are
                    outcomes = owner.check_all(_jsonl_rows(((number, line),), path), scenario, err)
                for o in outcomes:
                    summary.add(o)
                    r = o.report
                    if as_json:
                        out.append(_NEXT + _json_entry(o, text_of))
                    elif r is not None:
                        out.append(
                            f"{'PASS' if r.ok else 'FAIL'} {_one_line(o.name)} "
                            f"({labels[r.scenario]})\n"
                        )
                        out += map(text_of.of, r.findings)
            yield _Part(
                "".join(out), [], 0, summary.total + passed, summary.passed + passed,
                summary.failed, summary.broken, summary.reasons, "", True,
            )  # fmt: skip


def _said_once(
    report: Report, labels: Mapping[str, str], text_of: _Rendered, summary: Summary
) -> tuple[Report, str, str, list[str]]:
    """What a text report says of a row with this report, around the row's name (as
    `_text_chunks` writes it), and the reasons `Summary.add` counts for it."""
    reasons = [
        summary._reason(f) for f in report.findings if f.severity == "error" and not f.waiver
    ]
    return (
        report,
        "PASS " if report.ok else "FAIL ",
        f" ({labels[report.scenario]})\n" + "".join(map(text_of.of, report.findings)),
        reasons,
    )


def _check_utf8(path: str) -> None:
    """ConfigError naming the first byte of the file that is not UTF-8, read in bounded chunks
    (an inventory is then streamed, so a bad byte must be found before any row is checked),
    each into one buffer: a new megabyte for every chunk would be new pages for the kernel to
    map (most of the time this takes), the same one is written over."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # bytes decoded so far, after a byte order mark
    buf = bytearray(1 << 20)
    try:
        with open(path, "rb") as fh:
            n = fh.readinto(buf)
            chunk = buf if n == len(buf) else buf[:n]
            if chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[len(codecs.BOM_UTF8) :]
            while True:
                pending = len(decoder.getstate()[0])
                if pending == 0 and chunk and chunk.isascii():  # one C pass, not a decoding
                    offset += len(chunk)
                else:
                    try:
                        decoder.decode(chunk, final=not chunk)
                    except UnicodeDecodeError as exc:
                        byte = offset - pending + exc.start
                        raise ConfigError(f"not UTF-8 text (byte {byte})", path) from None
                    if not chunk:
                        return
                    offset += len(chunk)
                n = fh.readinto(buf)
                chunk = buf if n == len(buf) else buf[:n]
    except OSError as exc:
        raise _unreadable(exc, path) from None


def _unreadable(exc: OSError, path: str) -> ConfigError:
    if isinstance(exc, FileNotFoundError):
        return ConfigError("no such file", path)
    if isinstance(exc, IsADirectoryError):
        return ConfigError("is a directory, not a configuration", path)
    return ConfigError(f"cannot read: {exc.strerror}", path)


def _stream(path: str) -> TextIO:
    """An inventory opened for streaming (stdin read whole); its bytes checked for UTF-8 first."""
    if path == "-":
        return io.StringIO(sys.stdin.read(), newline="")
    _check_utf8(path)
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise _unreadable(exc, path) from None


def _closing(fh: TextIO, items: Iterator[_T]) -> Iterator[_T]:
    with fh:
        yield from items


def _read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", path) from None
    except OSError as exc:
        raise _unreadable(exc, path) from None


def _from_object(obj: object, path: str, stem: str) -> Iterator[Item]:
    if isinstance(obj, list):
        if not obj:
            raise ConfigError("empty inventory: an empty list", path)
        return iter(
            [
                item
                for i, x in enumerate(obj, 1)
                for item in _as_config(x, f"{path}:item {i}", f"{stem} #{i}")
            ]
        )
    if not isinstance(obj, dict):
        raise ConfigError(f"a configuration is an object, not {_show(obj)}", path)
    return iter(_as_config(obj, path, stem))


def _json_items(text: str, path: str, lower: str, stem: str) -> Iterator[Item]:
    if not text.strip():
        raise ConfigError("empty file: no configuration", path)
    if not lower.endswith(".json") and text.lstrip()[:1] not in ("{", "["):
        raise ConfigError("not a configuration: expected JSON, JSON Lines, CSV or YAML", path)
    try:
        obj = _json(text, path)
    except ConfigError:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lower.endswith(".json") and len(lines) > 1 and all(x[:1] == "{" for x in lines):
            return _jsonl_items(text.splitlines(), path)
        raise
    return _from_object(obj, path, stem)


# ---------------------------------------------------------------------------------------------
# Reports: text, JSON, SARIF 2.1.0, JUnit XML


class Outcome(NamedTuple):
    """A configuration's name and where it came from, with its report or why it has none."""

    name: str
    where: str
    report: Report | None
    error: str | None


def _reason(f: Finding, labels: Mapping[str, str]) -> str:
    """A finding's message without the configuration's value: what groups failures."""
    if "not supported in" in f.message or "not applicable in" in f.message:
        return "not supported in " + labels[f.scenario]
    if "outside the limit" in f.message or "breaks every limit" in f.message:
        return "over or under the limit"
    if "not one of" in f.message:
        return "not an allowed value"
    if "characters" in f.message or "breaks the rule" in f.message:
        return "breaks the naming rule"
    if "too old" in f.message:
        return "version too old"
    return "error"


class Summary:
    """Counts and the most common reasons, filled in while outcomes stream past."""

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self.total = self.passed = self.failed = self.broken = 0
        self.reasons: Counter[str] = Counter()
        self.labels: Mapping[str, str] = labels or {}
        self._reasons: dict[int, tuple[Finding, str]] = {}

    def merge(self, part: _Part) -> None:
        """Add the counts of a part checked by a worker process."""
        self.total += part.total
        self.passed += part.passed
        self.failed += part.failed
        self.broken += part.broken
        self.reasons.update(part.reasons)

    def add(self, outcome: Outcome) -> None:
        self.total += 1
        if outcome.report is None:
            self.broken += 1
        elif outcome.report.ok:
            self.passed += 1
        else:
            self.failed += 1
            for f in outcome.report.findings:
                if f.severity == "error" and not f.waiver:
                    self.reasons[self._reason(f)] += 1

    def _reason(self, f: Finding) -> str:
        """What groups a failure (`_reason`), remembered per finding object as `_Rendered`."""
        got = self._reasons.get(id(f))
        if got is not None and got[0] is f:
            return got[1]
        reason = f.key + ": " + _reason(f, self.labels)
        if len(self._reasons) < _CACHED:
            self._reasons[id(f)] = (f, reason)
        return reason

    @property
    def exit_code(self) -> int:
        return 2 if self.broken else (1 if self.failed else 0)

    def top(self, n: int = 5) -> list[tuple[str, int]]:
        return sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "configurations": self.total,
            "pass": self.passed,
            "fail": self.failed,
            "unusable": self.broken,
            "most_common": [{"reason": r, "count": c} for r, c in self.top()],
        }


def _progress(stream: Iterator[_T], err: TextIO | None) -> Iterator[_T]:
    if err is None or not err.isatty():
        return stream
    return _counting(stream, err)


def _counting(stream: Iterator[_T], err: TextIO) -> Iterator[_T]:
    n = 0
    for outcome in stream:
        n += 1
        if n % 5000 == 0:
            err.write(f"\rchecked {n} configurations")
            err.flush()
        yield outcome
    if n >= 5000:
        err.write(f"\rchecked {n} configurations\n")


_BATCH = 512  # outcomes' text joined per write: one call into the stream, not one per line
_CACHED = 4096  # findings whose rendering is remembered, per report


def _finding_text(m: Validator, f: Finding) -> str:
    """A finding as the text report writes it: severity and message, where, notes."""
    title = m.fact_of_row(f.row).section_title
    waived = f" (waived until {f.waiver['expires']}: {f.waiver['reason']})" if f.waiver else ""
    return (
        f"  {f.severity}{waived}: {f.message}\n"
        f"    {title} \u203a {f.key} \u2014 {f.path}:{f.line} \u2014 {f.anchor}\n"
        + "".join(f"    note: {note}\n" for note in f.notes)
    )


def _finding_json(m: Validator, f: Finding) -> str:
    return json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False)


class _Rendered(dict[int, tuple[Finding, str]]):
    """Finding -> its rendering, remembered: an inventory repeats a few findings many times
    (inventory rows share their memo's findings), and a waived finding is never kept. Keyed by
    the finding object (its id, the entry holding it so that the id stays its own): hashing a
    finding's eleven fields would cost more than a lookup saves."""

    __slots__ = ("_m", "_render")

    def __init__(self, m: Validator, render: Callable[[Validator, Finding], str]) -> None:
        super().__init__()
        self._m = m
        self._render = render

    def of(self, f: Finding) -> str:
        got = self.get(id(f))
        if got is not None and got[0] is f:
            return got[1]
        text = self._render(self._m, f)
        if f.waiver is None and len(self) < _CACHED:
            self[id(f)] = (f, text)
        return text


Stream = Iterable["Outcome | _Part"]  # outcomes, or parts rendered by worker processes


# What a terminal would act on rather than show: C0 controls (but tab and newline), DEL and C1.
# A configuration's name, a matrix's key or title with "\x1b]0;...\x07" in it would retitle the
# window, "\x1b[2J" clear the screen: in text output each is shown as its escape (`\x1b`).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C0 = bytes(range(9)) + bytes(range(11, 32)) + b"\x7f"  # in UTF-8; C1 is b"\xc2\x80".."\xc2\x9f"
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def _escaped(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group(0)):02x}"


def _clean(data: bytes) -> bool:
    """No control character in these UTF-8 bytes: `bytes.translate` deleting C0 and DEL keeps
    them all (a C loop, five times the speed of a regex's scan), and no C1's lead byte."""
    return len(data.translate(None, _C0)) == len(data) and (
        b"\xc2" not in data or _C1_UTF8.search(data) is None
    )


_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f]")


def _one_line(name: str) -> str:
    """A configuration's name as its report line shows it: a line break in it escaped too
    (`"evil\\nPASS prod-db"` would have printed a line of its own, a forged pass)."""
    return name if name.isprintable() else _LINE_BREAKING.sub(_escaped, name)


def _shown_text(text: str) -> str:
    """Text output with its control characters escaped (almost always none)."""
    if _clean(text.encode("utf-8", "surrogatepass")):
        return text
    return _CONTROL.sub(_escaped, text)


def _shown(chunk: str | bytes) -> str | bytes:
    """`_shown_text` of a chunk of text output: str, or a worker's UTF-8."""
    if type(chunk) is str:
        return _shown_text(chunk)
    data = cast(bytes, chunk)
    if _clean(data):
        return data
    return _shown_text(data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")


def _text_chunks(m: Validator, outcomes: Stream, summary: Summary) -> Iterator[str | bytes]:
    """`_text_lines` with a document's or a configuration's control characters escaped."""
    return map(_shown, _text_lines(m, outcomes, summary))


def _text_lines(m: Validator, outcomes: Stream, summary: Summary) -> Iterator[str | bytes]:
    """The text report's lines for each configuration, joined a batch at a time; a worker's
    part as it sent it (UTF-8, see `_check_part`)."""
    labels = m.labels
    rendered = _Rendered(m, _finding_text)
    buf: list[str] = []
    passed = 0
    for o in outcomes:
        if isinstance(o, _Part) and type(o.text) is bytes:
            summary.merge(o)
            yield "".join(buf)
            buf.clear()
            yield o.text
            continue
        if isinstance(o, _Part):  # written now: a part is already a big batch
            buf.append(cast(str, o.text))
            summary.merge(o)
            yield "".join(buf)
            buf.clear()
            continue
        report = o.report
        if report is None:
            summary.add(o)
        elif report.ok and not report.findings:
            passed += 1
            buf.append(f"PASS {_one_line(o.name)} ({labels[report.scenario]})\n")
        else:
            summary.add(o)
            verdict = "PASS" if report.ok else "FAIL"
            buf.append(f"{verdict} {_one_line(o.name)} ({labels[report.scenario]})\n")
            buf += map(rendered.of, report.findings)
        if len(buf) >= _BATCH:
            yield "".join(buf)
            buf.clear()
    yield "".join(buf)
    summary.total += passed
    summary.passed += passed


def write_text(m: Validator, outcomes: Stream, out: TextIO, summary: Summary) -> None:
    """For people: each configuration with its findings, then how many pass and fail."""
    for chunk in _text_chunks(m, outcomes, summary):
        _put(out, chunk)
    if summary.total < 2:
        return
    broken = f", {summary.broken} unusable" if summary.broken else ""
    out.write(
        f"\n{summary.total} configurations: {summary.passed} pass, {summary.failed} fail{broken}"
        f" ({m.id} {m.version})\n"
    )
    if summary.reasons:
        out.write("most common reasons:\n")
    for reason, count in summary.top():
        out.write(f"  {count:>7} \u00d7 {_shown_text(reason)}\n")


_JSON_STR = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes a str as


def _json_entry(o: Outcome, rendered: _Rendered) -> str:
    """A result as json.dumps(entry, sort_keys=True, ensure_ascii=False) writes it, from the
    findings' cached JSON."""
    report = o.report
    if report is None or type(o.name) is not str or type(o.where) is not str:
        entry: dict[str, Any] = {"name": o.name, "where": o.where}
        if report is None:
            entry.update(ok=False, error=o.error, findings=[], scenario=None)
        else:
            entry.update(report.to_dict())
        return json.dumps(entry, sort_keys=True, ensure_ascii=False)
    findings = ", ".join(map(rendered.of, report.findings))
    return (
        f'{{"findings": [{findings}], "name": {_JSON_STR(o.name)}, '
        f'"ok": {"true" if report.ok else "false"}, "scenario": {_JSON_STR(report.scenario)}, '
        f'"where": {_JSON_STR(o.where)}}}'
    )


def _json_chunks(
    m: Validator, outcomes: Stream, summary: Summary, sep: str = "\n  "
) -> Iterator[str | bytes]:
    """The JSON report's results, each after `sep` (then ',\n  '), a batch at a time; a part's
    results come rendered, each after ',\n  '."""
    rendered = _Rendered(m, _finding_json)
    # A passing result with nothing to say, as `_json_entry` writes it, between its name and
    # where: the same text for every such result of a scenario.
    middle = {sid: f'"ok": true, "scenario": {_JSON_STR(sid)}, ' for sid in m.scenarios}
    buf: list[str] = []
    passed = 0
    for o in outcomes:
        if isinstance(o, _Part):  # written now: a part is already a big batch
            summary.merge(o)
            text = o.text
            if type(text) is bytes and text:  # a worker's part, as it sent it
                yield "".join(buf)
                buf.clear()
                yield sep.encode() + text[len(_NEXT) :]
                sep = _NEXT
                continue
            if text:
                buf.append(sep + cast(str, text)[len(_NEXT) :])
                sep = _NEXT
            yield "".join(buf)
            buf.clear()
            continue
        report = o.report
        if (
            report is not None
            and report.ok
            and not report.findings
            and type(o.name) is str
            and type(o.where) is str
            and report.scenario in middle
        ):
            passed += 1
            buf.append(
                f'{sep}{{"findings": [], "name": {_JSON_STR(o.name)}, '
                f'{middle[report.scenario]}"where": {_JSON_STR(o.where)}}}'
            )
        else:
            summary.add(o)
            buf.append(sep + _json_entry(o, rendered))
        sep = _NEXT
        if len(buf) >= _BATCH:
            yield "".join(buf)
            buf.clear()
    yield "".join(buf)
    summary.total += passed
    summary.passed += passed


_NEXT = ",\n  "


def write_json(m: Validator, outcomes: Stream, out: TextIO, summary: Summary) -> None:
    """{matrix, results: [{name, where, ok, scenario, findings, error}], summary}."""
    head = {
        "id": m.id,
        "version": m.version,
        "source": {"path": m.source_path, "sha256": m.source_sha256},
    }
    out.write('{"matrix": ' + json.dumps(head, sort_keys=True) + ', "results": [')
    for chunk in _json_chunks(m, outcomes, summary):
        _put(out, chunk)
    out.write('\n], "summary": ' + json.dumps(summary.to_dict(), sort_keys=True) + "}\n")


def apply_waivers(
    outcomes: Stream, waivers: Sequence[Mapping[str, Any]]
) -> Iterator[Outcome | _Part]:
    """Mark the findings a waiver accepts (same row, configuration name matching its pattern);
    a configuration whose only errors are waived passes."""
    for o in outcomes:
        if (
            isinstance(o, _Part) or o.report is None or not waivers
        ):  # a part was waived by its worker
            yield o
            continue
        findings = []
        for f in o.report.findings:
            w = next(
                (
                    w
                    for w in waivers
                    if w["row"] == f.row and fnmatch.fnmatchcase(o.name, w.get("config", "*"))
                ),
                None,
            )
            findings.append(f._replace(waiver=w) if w is not None and f.severity != "info" else f)
        ok = not any(f.severity == "error" and not f.waiver for f in findings)
        yield o._replace(report=Report(o.report.scenario, tuple(findings), ok))


# GitHub code scanning's limits (and SARIF's own sense): at most this many results per run;
# rule names and descriptions cut to these lengths.
MAX_RESULTS = 25000
MAX_NAME = 255
MAX_DESCRIPTION = 1024
UNUSABLE = "matrixc/unusable-configuration"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def sarif_uri(path: str) -> str:
    """A path as SARIF wants it: relative to the working directory (%SRCROOT%) and
    percent-encoded; an absolute file: URI when it lies outside."""
    norm = path.replace("\\", "/")
    if not os.path.isabs(norm):
        return quote(os.path.normpath(norm).replace("\\", "/"))
    try:
        rel = os.path.relpath(norm, os.getcwd()).replace("\\", "/")
    except ValueError:
        rel = ".."
    if rel.startswith(".."):
        return "file://" + quote(norm if norm.startswith("/") else "/" + norm)
    return quote(rel)


def _where(where: str) -> tuple[str, int | None]:
    """`file:line` (a CSV or JSON Lines row), `file:item N` or `file` -> (file, line or None)."""
    head, sep, tail = where.rpartition(":")
    if sep and tail.isdigit():
        return head, int(tail)
    if sep and tail.startswith("item "):
        return head, None
    return where, None


class _Lines:
    """Where a fact is written in a configuration file: the first line naming it as a key."""

    def __init__(self) -> None:
        self.texts: dict[str, list[str]] = {}

    def line(self, path: str, fact: str) -> int:
        if path not in self.texts:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as fh:
                    self.texts[path] = fh.read(1 << 24).splitlines()
            except OSError:
                self.texts[path] = []
        key = re.compile(r"^\s*[-{,]?\s*[\"']?" + re.escape(fact) + r"[\"']?\s*:")
        for number, text in enumerate(self.texts[path], start=1):
            if key.search(text) or (fact and f'"{fact}"' in text):
                return number
        return 1


def _location(uri: str, line: int, message: str | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(line, 1)},
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def _sarif_head(m: Validator, site_url: str = "") -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    for f in m.facts:
        rule: dict[str, Any] = {
            "id": f.row,
            "name": _cut(f.key, MAX_NAME) or f.row[:MAX_NAME],
            "shortDescription": {"text": _cut(f.key or f.row, MAX_DESCRIPTION)},
            "fullDescription": {"text": _cut(f"{f.section_title} \u203a {f.key}", MAX_DESCRIPTION)},
            "help": {"text": f"See {m.site_page}#{f.row}"},
            "properties": {"anchor": m.site_page + "#" + f.row, "section": f.section},
        }
        if site_url:
            rule["helpUri"] = f"{site_url.rstrip('/')}/{m.site_page}#{quote(f.row)}"
        rules.append(rule)
    rules.append(
        {
            "id": UNUSABLE,
            "name": "UnusableConfiguration",
            "shortDescription": {"text": "a configuration that could not be checked"},
            "fullDescription": {"text": "unreadable, unknown scenario or fact, or a wrong type"},
            "help": {"text": "Fix the configuration: the message names the problem."},
        }
    )
    version = m.generator.rsplit(" ", 1)[-1]
    return {
        "tool": {
            "driver": {
                "name": "matrixc",
                "version": version,
                "semanticVersion": version,
                "rules": rules,
                "properties": {"matrix": m.id, "matrixVersion": m.version},
            }
        },
        "artifacts": [
            {
                "location": {"uri": sarif_uri(m.source_path), "uriBaseId": "%SRCROOT%"},
                "hashes": {"sha-256": m.source_sha256},
            }
        ],
        "automationDetails": {"id": f"matrixc/validate/{m.id}/"},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _cwd_uri()}},
    }


def _cwd_uri() -> str:
    cwd = os.getcwd().replace("\\", "/")
    return "file://" + quote(cwd if cwd.startswith("/") else "/" + cwd).rstrip("/") + "/"


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "replace")).hexdigest()[:32]


def _sarif_results(
    m: Validator, o: Outcome, lines: _Lines, uris: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """A result per finding, located in the configuration (its row or the fact's line) with
    the matrix row as related location; an unusable configuration is located at its file.
    (`uris`: the files' URIs so far, one inventory's rows sharing one.)"""
    path, row_line = _where(o.where)
    uris = {} if uris is None else uris
    uri = uris.get(path) or uris.setdefault(path, sarif_uri(path))
    if o.report is None:
        return [
            {
                "ruleId": UNUSABLE,
                "ruleIndex": len(m.facts),
                "level": "error",
                "message": {"text": f"{o.name}: {o.error}"},
                "locations": [_location(uri, row_line or 1)],
                "partialFingerprints": {"matrixcFinding/v1": _fingerprint(m.id, o.name, path)},
                "properties": {"configuration": o.name, "where": o.where},
            }
        ]
    results = []
    for f in o.report.findings:
        line = row_line if row_line is not None else lines.line(path, f.fact)
        title = m.fact_of_row(f.row).section_title
        result: dict[str, Any] = {
            "ruleId": f.row,
            "ruleIndex": m.fact_of_row(f.row).position,
            "level": _LEVEL[f.severity],
            "message": {"text": f"{o.name}: {f.message}"},
            "locations": [_location(uri, line)],
            "relatedLocations": [
                {
                    "id": 1,
                    **_location(
                        uris.get(f.path) or uris.setdefault(f.path, sarif_uri(f.path)),
                        f.line,
                        f"{title} \u203a {f.key}",
                    ),
                }
            ],
            "partialFingerprints": {
                "matrixcFinding/v1": _fingerprint(m.id, f.row, o.name, f.scenario, f.fact)
            },
            "properties": {
                "configuration": o.name,
                "where": o.where,
                "scenario": f.scenario,
                "fact": f.fact,
                "anchor": f.anchor,
                "notes": list(f.notes),
            },
        }
        if f.waiver:
            result["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"{f.waiver['reason']} (until {f.waiver['expires']})",
                    "location": _location(
                        sarif_uri(str(f.waiver.get("path", ""))), int(f.waiver.get("line", 1))
                    ),
                }
            ]
        results.append(result)
    return results


def _sarif_chunks(
    m: Validator, outcomes: Stream, summary: Summary
) -> Iterator[tuple[list[str], int]]:
    """(results as JSON, how many more are left out) a batch at a time: at most MAX_RESULTS
    are rendered, the rest only counted."""
    lines = _Lines()
    uris: dict[str, str] = {}
    made = 0
    for o in outcomes:
        if isinstance(o, _Part):
            summary.merge(o)
            made += len(o.results)
            yield o.results, o.omitted
            continue
        summary.add(o)
        if o.report is not None and not o.report.findings:
            continue  # nothing to say: no result
        if made >= MAX_RESULTS:  # counted, not built
            yield [], len(o.report.findings) if o.report is not None else 1
            continue
        results = [
            json.dumps(r, sort_keys=True, ensure_ascii=False)
            for r in _sarif_results(m, o, lines, uris)
        ]
        made += len(results)
        yield results, 0


def write_sarif(
    m: Validator, outcomes: Stream, out: TextIO, summary: Summary, site_url: str = ""
) -> None:
    """SARIF 2.1.0 for code scanning: a rule per matrix row, a result per finding located in
    the configuration; past MAX_RESULTS the rest is counted in a notification, not written."""
    head = json.dumps(_sarif_head(m, site_url), sort_keys=True, ensure_ascii=False)
    out.write(
        '{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", '
        '"runs": [' + head[:-1] + ', "results": ['
    )
    written = omitted = 0
    for results, more in _sarif_chunks(m, outcomes, summary):
        for r in results:
            if written >= MAX_RESULTS:
                omitted += 1
                continue
            out.write(("\n" if not written else ",\n") + r)
            written += 1
        omitted += more
    tail: dict[str, Any] = {"properties": {"summary": summary.to_dict()}}
    if omitted:
        note = (
            f"{omitted} more results not written: code scanning takes at most {MAX_RESULTS} "
            "a run; --format json has them all"
        )
        tail["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [{"level": "warning", "message": {"text": note}}],
            }
        ]
        tail["properties"]["omittedResults"] = omitted
    out.write("\n], " + json.dumps(tail, sort_keys=True)[1:-1] + "}]}\n")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str, quote: bool = False) -> str:
    text = (
        _XML_BAD.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )
    if not quote:
        return text
    # In an attribute a parser turns tabs and line breaks into spaces unless they are references.
    return (
        text.replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _junit_case(m: Validator, o: Outcome) -> str:
    name = _xml(o.name, quote=True)
    cls = _xml(f"{m.id}.{o.report.scenario if o.report else 'unusable'}", quote=True)
    head = f'  <testcase classname="{cls}" name="{name}">'
    if o.report is None:
        return (
            f'{head}<error message="{_xml(o.error or "", True)}" type="unusable">'
            f"{_xml(o.where)}</error></testcase>"
        )
    if o.report.ok:
        return head[:-1] + "/>"
    errors = [f for f in o.report.findings if f.severity == "error"]
    body = "\n".join(f"{f.message} [{f.path}:{f.line} {f.anchor}]" for f in o.report.findings)
    return (
        f'{head}<failure message="{len(errors)} error(s): {_xml(errors[0].message, True)}"'
        f' type="error">{_xml(body)}</failure></testcase>'
    )


def _junit_chunks(m: Validator, outcomes: Stream, summary: Summary) -> Iterator[str]:
    """The test cases, a line each, a batch at a time."""
    buf: list[str] = []
    for o in outcomes:
        if isinstance(o, _Part):  # written now: a part is already a big batch
            summary.merge(o)
            buf.append(cast(str, o.text))
            yield "".join(buf)
            buf.clear()
            continue
        summary.add(o)
        buf.append(_junit_case(m, o) + "\n")
        if len(buf) >= _BATCH:
            yield "".join(buf)
            buf.clear()
    yield "".join(buf)


def write_junit(m: Validator, outcomes: Stream, out: TextIO, summary: Summary) -> None:
    """JUnit XML: one test case per configuration; error findings fail it, unusable ones error."""
    # The totals come first in the XML: cases wait in a file (in memory while small).
    with tempfile.SpooledTemporaryFile(
        max_size=1 << 22, mode="w+", encoding="utf-8", errors="surrogatepass"
    ) as cases:
        for chunk in _junit_chunks(m, outcomes, summary):
            cases.write(chunk)
        suite = _xml(m.id, quote=True)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(
            f'<testsuites name="matrixc validate" tests="{summary.total}"'
            f' failures="{summary.failed}" errors="{summary.broken}">\n'
        )
        out.write(
            f'<testsuite name="{suite}" tests="{summary.total}" failures="{summary.failed}"'
            f' errors="{summary.broken}" skipped="0">\n'
        )
        cases.seek(0)
        for case in cases:
            out.write(case)
    out.write("</testsuite>\n</testsuites>\n")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _put(out: TextIO, chunk: str | bytes) -> None:
    """A chunk of a report to its stream: a worker's UTF-8 as is where the stream takes it."""
    if type(chunk) is str or isinstance(out, _Sink):
        out.write(chunk)  # type: ignore[arg-type]
    else:
        out.write(cast(bytes, chunk).decode("utf-8"))


def _utf8(text: str) -> bytes:
    """UTF-8 of a report's text, a lone surrogate as U+FFFD (as `_Sink` writes it)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def _bytes_under(stream: TextIO) -> Any:
    """The byte stream under sys.stdout when writing UTF-8 there needs no text layer: UTF-8,
    "\\n" written as is (os.linesep), not a terminal (its line buffering); else None."""
    if stream is not sys.stdout or type(stream) is not io.TextIOWrapper or os.linesep != "\n":
        return None
    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        return stream.buffer if utf8 and not stream.isatty() else None
    except (LookupError, AttributeError, ValueError, OSError):
        return None


class _Sink(io.TextIOBase):
    """A stream that writes lone surrogates (JSON can escape them: "\\ud800") as U+FFFD: no
    encoding can write them, and a report must not die on a configuration's name."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._raw = _bytes_under(stream)

    def write(self, text: str | bytes) -> int:
        """Text, or UTF-8 bytes (a worker's part, its surrogates already replaced)."""
        raw = self._raw
        if raw is not None:  # encoded once, here, rather than tried here and again there
            self._stream.flush()  # whatever the text layer holds goes first
            raw.write(text if type(text) is bytes else _utf8(cast(str, text)))
            return len(text)
        if type(text) is bytes:
            return self._stream.write(text.decode("utf-8"))
        text = cast(str, text)
        if not text.isascii():
            try:  # only a lone surrogate fails to encode, and encoding is faster than a search
                text.encode("utf-8")
            except UnicodeEncodeError:
                text = _SURROGATE.sub("\ufffd", text)
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


Writer = Callable[["Validator", Stream, TextIO, Summary], None]
WRITERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "sarif": write_sarif,
    "junit": write_junit,
}


# ---------------------------------------------------------------------------------------------
# --jobs N: an inventory in parts, each checked and rendered by a worker process
#
# A CSV or JSON Lines file is cut after line breaks into parts of about _PART_BYTES (the last
# two in quarters, see `_cuts`); each worker (a fork of this process) reads its byte range,
# checks and renders it as the serial loop would, writes the rendering to a file of its own in
# a private folder and returns only its counts; the parent writes the files in order and
# deletes them (the folder goes on every way out: the end, an error, Ctrl-C). A part's first
# line and row numbers are those of the whole file, counted by the parent. A CSV row that spans
# lines (a quoted line break) could straddle a cut: each worker says whether every row of its
# part was one line and its last one ended at the cut, and from the first part that cannot say
# so the rest of the file is checked here, serially, from where that part starts (a row
# boundary, as every earlier part ended on one).

_PART_BYTES = 1 << 22  # a part: big enough to pay for a task, small enough to stream
_PART_END = "\ufdd0matrixc: end of a part\ufdd0"  # the line a worker's reader sees after its part
_WORKER: list[Validator] = []  # the validator forked workers check with


class _Spec(NamedTuple):
    """One part of an inventory: its bytes, and where it lies in the whole file."""

    path: str
    csv: bool  # CSV (else JSON Lines)
    start: int  # byte offsets: [start, stop); stop -1: to the end
    stop: int
    lines: int  # lines before `start` (the header's among them)
    rows: int  # CSV rows before `start`, after the header
    header: tuple[str, ...]  # a CSV inventory's columns
    head: int  # the header's lines
    scenario: str | None
    fmt: str
    waivers: tuple[Mapping[str, Any], ...]
    own_lines: int = -1  # the part's lines as the text reader splits them (-1: not counted)
    out: str = ""  # the file a worker writes its rendering to (SARIF: none, see `_Part`)


class _Part(NamedTuple):
    """A part checked and rendered by a worker: what the writer writes, and its counts."""

    text: str | bytes  # text, JSON (each result after ',\n  '; UTF-8 bytes) or JUnit rendering
    # (a worker's: in its file, read here by the parent; see `_Parted.outcomes`)
    results: list[str]  # SARIF results (at most MAX_RESULTS)
    omitted: int  # SARIF results past those
    total: int
    passed: int
    failed: int
    broken: int
    reasons: dict[str, int]
    err: str  # the lines for stderr
    regular: bool  # the next part starts at a row


def _check_part(spec: _Spec) -> _Part:
    """A worker's task: one part checked and rendered."""
    v = _WORKER[0]
    err = io.StringIO()
    source, checked = v._part_outcomes(spec, err, marked=True)
    outcomes: Iterator[Outcome | _Part] = checked
    if spec.waivers:
        outcomes = apply_waivers(outcomes, spec.waivers)
    summary = Summary(v.labels)
    omitted = 0
    results: list[str] = []
    if spec.fmt == "sarif":  # at most MAX_RESULTS results in all: sent back with the counts
        for chunk, more in _sarif_chunks(v, outcomes, summary):
            room = MAX_RESULTS - len(results)
            results += chunk[:room]
            omitted += more + max(len(chunk) - room, 0)
    else:  # written a batch at a time as UTF-8: never the whole part in memory, nor pickled
        pieces: Iterator[str | bytes] = (
            _junit_chunks(v, outcomes, summary)
            if spec.fmt == "junit"
            else _json_chunks(v, outcomes, summary, sep=_NEXT)
            if spec.fmt == "json"
            else _text_chunks(v, outcomes, summary)
        )
        with open(spec.out, "wb") as fh:
            if spec.fmt == "junit":  # the parent's file of cases keeps a lone surrogate as is
                for piece in pieces:
                    fh.write(cast(str, piece).encode("utf-8", "surrogatepass"))
            else:  # the parent writes these bytes as they are, as `_Sink` would have encoded
                for piece in pieces:
                    fh.write(_utf8(cast(str, piece)))
    regular = source.regular if isinstance(source, _CsvSource) else True
    return _Part(
        "",
        results,
        omitted,
        summary.total,
        summary.passed,
        summary.failed,
        summary.broken,
        dict(summary.reasons),
        err.getvalue(),
        regular,
    )


def _rendered(spec: _Spec) -> str | bytes:
    """A worker's rendering of a part, read back from its file, which is then deleted."""
    if not spec.out:
        return ""
    with open(spec.out, "rb") as fh:
        data = fh.read()
    os.unlink(spec.out)
    return data.decode("utf-8", "surrogatepass") if spec.fmt == "junit" else data


def _fork_context() -> Any:
    """multiprocessing's fork context (ValueError where there is none): workers that inherit
    the validator. Imported only for --jobs: it costs a start-up that most runs do not need."""
    return importlib.import_module("multiprocessing").get_context("fork")


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the parent, which stops the run: one message, no tracebacks."""
    signal = importlib.import_module("signal")
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_LONE_CR = re.compile(rb"\r(?!\n)")  # a line break of its own (old Macs), not a CRLF's half


def _line_breaks(data: bytes) -> int:
    """Line breaks as a text reader counts them: \\n, \\r and \\r\\n; when no \\r stands
    alone, each is a line feed's (one count and one scan of the bytes, not three counts)."""
    feeds = data.count(b"\n")
    if b"\r" not in data or _LONE_CR.search(data) is None:
        return feeds
    return feeds + data.count(b"\r") - data.count(b"\r\n")


def _cuts(path: str, start: int, size: int, parts: int) -> list[int]:
    """Byte offsets after a line feed near each 1/parts of [start, size), the last two parts
    cut in quarters (the last tasks short: a worker that is done waits little for the others
    to be), and size."""
    steps = [*range(4, 4 * parts - 7, 4), *range(max(4 * parts - 7, 1), 4 * parts)]
    cuts = [start]
    with open(path, "rb") as fh:
        for k in steps:
            fh.seek(max(start + (size - start) * k // (4 * parts) - 1, cuts[-1]))
            fh.readline()
            at = fh.tell()
            if at < size and at > cuts[-1]:
                cuts.append(at)
    return [*cuts, size]


def _specs(path: str, cuts: list[int], first: _Spec) -> Iterator[_Spec]:
    """A spec per part, its line numbers counted as the parts are handed out: each part's
    bytes are read (in chunks, memory flat however big the file) before its spec is made."""
    try:
        yield from _read_specs(path, cuts, first)
    except OSError as exc:  # the file went (or its permission) since it was cut
        raise _unreadable(exc, path) from None


def _read_specs(path: str, cuts: list[int], first: _Spec) -> Iterator[_Spec]:
    lines = first.lines
    with open(path, "rb") as fh:
        fh.seek(cuts[0])
        for start, stop in zip(cuts, cuts[1:]):  # noqa: B905, RUF007 - Python 3.9
            breaks, left, tail = 0, stop - start, b""
            while left > 0:
                chunk = fh.read(min(left, 1 << 20))
                if not chunk:
                    break
                left -= len(chunk)
                breaks += _line_breaks(chunk) - (tail == b"\r" and chunk[:1] == b"\n")
                tail = chunk[-1:]
            own = breaks + (tail not in (b"", b"\n", b"\r"))  # a last line without a break
            rows = lines - first.head
            yield first._replace(start=start, stop=stop, lines=lines, rows=rows, own_lines=own)
            lines += breaks


class _Parted:
    """An inventory to check in parts over `jobs` processes (see `_check_part`)."""

    def __init__(self, first: _Spec, cuts: list[int], jobs: int) -> None:
        self.first = first
        self.cuts = cuts
        self.jobs = jobs

    def outcomes(self, owner: Validator, err: TextIO) -> Iterator[Outcome | _Part]:
        """The parts in order, rendered by workers; from an irregular one on, Outcomes. Parts
        are handed out a few ahead of the one written (not all at once, as `pool.map` would):
        the workers start at once, and the parent counts a part's lines while they check."""
        try:
            folder = tempfile.mkdtemp(prefix="matrixc-jobs-")
        except OSError:  # nowhere to write the parts: all of them here, as --jobs 1 would
            _, rest = owner._part_outcomes(self.first._replace(stop=-1), err, marked=False)
            yield from rest
            return
        # Removed when the parts are done with (the workers stopped: nothing writes there any
        # more), or at the latest when the process exits (a run stopped between two parts).
        remove = importlib.import_module("shutil").rmtree
        gone = importlib.import_module("weakref").finalize(self, remove, folder, True)
        try:
            yield from self._outcomes(owner, err, folder)
        finally:
            gone()

    def _outcomes(self, owner: Validator, err: TextIO, folder: str) -> Iterator[Outcome | _Part]:
        _WORKER[:] = [owner]
        fmt = self.first.fmt
        specs = (
            spec._replace(out="" if fmt == "sarif" else os.path.join(folder, str(k)))
            for k, spec in enumerate(_specs(self.first.path, self.cuts, self.first))
        )
        handed: list[_Spec] = []
        # A worker that dies (killed, out of memory) breaks the pool, and one that fails (its
        # file cannot be written: a full disk) raises: the parts from the one it had on are
        # then checked here, as after an irregular part, instead of waiting forever (a failure
        # that is the check's own is met again, and raised as the serial run raises it).
        futures = importlib.import_module("concurrent.futures")
        workers = min(self.jobs, len(self.cuts) - 1)
        ahead: list[Any] = []  # futures of the parts handed out, in order
        done = 0
        with futures.ProcessPoolExecutor(
            workers, mp_context=_fork_context(), initializer=_worker_start
        ) as pool:

            def hand_out() -> bool:
                """False once the pool refuses a part: it broke (see above) since the last."""
                while len(ahead) < 2 * workers:
                    spec = next(specs, None)
                    if spec is None:
                        return True
                    handed.append(spec)  # before it is refused: the parent checks from it
                    try:
                        ahead.append(pool.submit(_check_part, spec))
                    except Exception:
                        return False
                return True

            try:
                whole = hand_out()
                while ahead:
                    try:
                        part: _Part = ahead.pop(0).result()
                        if part.regular:
                            text = _rendered(handed[done])
                    except Exception:  # see above: the serial run is the judge
                        break
                    if not part.regular:
                        break
                    whole = whole and hand_out()
                    err.write(_shown_text(part.err))
                    yield part._replace(text=text)
                    done += 1
                else:
                    if whole:
                        return
            finally:  # stopped, its tasks not yet begun dropped, before the rest or the exit
                pool.shutdown(wait=True, cancel_futures=True)
        _, rest = owner._part_outcomes(handed[done]._replace(stop=-1), err, marked=False)
        yield from rest


# ---------------------------------------------------------------------------------------------
# The validator of one matrix


class Validator:
    """One matrix's checks, prepared once from its data: names, scenarios, per-scenario tables."""

    def __init__(self, data: Data) -> None:
        head = data.head
        self.data = data
        self.generator: str = head["generator"]
        self.id: str = head["matrix"]
        self.title: str = head["title"]
        self.version: str = head["version"]
        self.source_path: str = head["source"]["path"]
        self.source_sha256: str = head["source"]["sha256"]
        self.source_date: str | None = head["source"]["date"]
        self.site_page: str = head["site_page"]
        self.facts = data.facts
        self._part_lanes: dict[tuple[tuple[str, ...], str | None], _CsvLane] = {}
        self.scenarios = {s.id: s for s in data.scenarios}
        self.labels = {s.id: s.label for s in data.scenarios}
        self._row_index = {f.row: f.position for f in self.facts}
        self._scenario_names: dict[str, str] = {}
        for s in data.scenarios:
            for n in (s.id, s.label, *s.aliases):
                self._scenario_names[n] = s.id
                self._scenario_names[_fold(n)] = s.id
        conditions = sorted((c for c in data.conditions if c.name is not None), key=_name_of)
        self._condition_facts = {_name_of(c): c.fact for c in conditions}
        self._condition_sources = {c.fact: c.sources for c in data.conditions}
        self._names, self._exact = self._spellings()
        self._checks = {
            sid: [_fact_check(f, f.rules.get(sid)) for f in self.facts] for sid in self.scenarios
        }
        self._tables = {sid: self._prepare(sid) for sid in self.scenarios}
        self._pass = {sid: Report(sid, (), True) for sid in self.scenarios}
        self._memos = {sid: _Pieces(self._pass[sid]) for sid in self.scenarios}
        self._memo_of = {n: self._memos[sid] for n, sid in self._scenario_names.items()}

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Validator:
        """The validator of the matrix whose records (JSON, one per line) are `lines`."""
        return cls(read_data(lines))

    def _spellings(self) -> tuple[dict[str, int], dict[str, int]]:
        """(case-folded name -> fact, exact spelling -> fact): row ids, unique short ids and
        key texts; an exact spelling that is ambiguous once case-folded is left out."""
        names: dict[str, int] = {f.row: f.position for f in self.facts}
        for f in self.facts:
            for name in f.names:
                names[name] = f.position
        exact = dict(names)
        for f in self.facts:
            exact.setdefault(f.key, f.position)
            exact.setdefault(f.row.split("/", 1)[-1], f.position)  # the id after its section
        for n in list(exact):
            if names.get(_fold(n)) != exact[n] and n not in self._row_index:
                del exact[n]
        return names, exact

    def _prepare(self, sid: str) -> dict[str, Check]:
        checks = self._checks[sid]
        table = {name: checks[i] for name, i in self._exact.items()}
        for name in self._condition_facts:
            table[name] = _CONDITION_CHECK
        return table

    def fact_of_row(self, row: str) -> Fact:
        """The fact of a row id."""
        return self.facts[self._row_index[row]]

    # --- names -------------------------------------------------------------------------------

    def _fact_spellings(self) -> Iterator[str]:
        for f in self.facts:
            yield f.row
            yield f.key
            yield f.row.split("/", 1)[-1]
        yield from self._condition_facts

    def resolve_scenario(self, name: object) -> str:
        """The id of the scenario a configuration names by id, label or alias."""
        if not isinstance(name, str):
            raise ConfigError(f"scenario must be a string, not {_show(name)}")
        sid = self._scenario_names.get(name) or self._scenario_names.get(_fold(name))
        if sid is None:
            raise ConfigError(
                f"unknown scenario {_q(name)} for {self.id}"
                + (_suggest(name, self._scenario_names) or f"; known: {', '.join(self.scenarios)}")
            )
        return sid

    def resolve_fact(self, name: object) -> str:
        """The row id a fact names (or a condition's name, like 'generation')."""
        if not isinstance(name, str):
            raise ConfigError(f"fact names are strings, not {_show(name)}")
        i = self._exact.get(name)
        if i is not None:
            return self.facts[i].row
        folded = _fold(name)
        if folded in self._condition_facts:
            return self._condition_facts[folded]
        i = self._names.get(folded)
        if i is not None:
            return self.facts[i].row
        rows = self.data.ambiguous.get(folded)
        if rows:
            raise ConfigError(f"fact {_q(name)} is ambiguous: use one of {', '.join(rows)}")
        hint = _suggest(name, self._fact_spellings())
        raise ConfigError(f"unknown fact {_q(name)} for {self.id}{hint}")

    def _check_of(self, table: dict[str, Check], name: str) -> Check:
        i = self._row_index.get(self.resolve_fact(name))
        return table[self.facts[i].row] if i is not None else _CONDITION_CHECK

    def _check_of_row(self, sid: str, row: str) -> Check:
        """The check of a resolved row id (or a condition's fact) in one scenario."""
        i = self._row_index.get(row)
        return self._checks[sid][i] if i is not None else _CONDITION_CHECK

    def _piece(self, sid: str, check: Check, name: str, value: object) -> Piece:
        """What one fact's value says on its own in one scenario (see `Piece`): the fast-path
        ladder first, the long way for the rest; the one place a value is judged."""
        if _passes(check, value):
            return ()
        rule = check[2]
        if rule is not None and any(c.condition is not None for c in rule.limits):
            return _DEPENDS
        try:
            return tuple(self._long_check(check, name, value, {}, sid))
        except ConfigError as exc:
            return exc.message

    # --- the long way ------------------------------------------------------------------------

    def _condition(self, fact_name: str, facts: Mapping[str, object]) -> str | None:
        """The value a configuration gives a condition's fact ('generation' -> '2'), or None."""
        given: dict[str, object] = {}
        for name, value in facts.items():
            try:
                given[self.resolve_fact(name)] = value
            except ConfigError:
                continue
        raw = given.get(fact_name)
        if raw is not None:
            return (
                str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw)
                .strip()
                .casefold()
            )
        for source in self._condition_sources.get(fact_name, ()):
            value = given.get(source.row)
            if value is None:
                continue
            if source.values is not None and isinstance(value, str):
                got = source.values.get(_fold(value))
                if got is not None:
                    return str(got).casefold()
            if source.when_true is not None and (value is True or str(value).casefold() in _TRUE):
                return str(source.when_true).casefold()
        return None

    def _long_check(
        self, check: Check, name: str, value: object, facts: Mapping[str, object], sid: str
    ) -> list[Finding]:
        """Every finding one fact yields in one scenario (the path for all but plain features)."""
        fast, i, rule, *_ = check
        if fast == 3:
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise ConfigError(
                    f"fact {_q(name)} takes a string or an integer, not {_show(value)}"
                )
            return []
        fact = self.facts[i]
        kind, parsed = coerce(fact.accepts, value, name)
        if kind == "none":
            return []
        at = _At(self, fact, sid, name, facts)
        label = self.labels[sid]
        if rule is None:
            where = ", ".join(self.labels[s] for s in fact.rules)
            return [at.finding("info", f"this row applies only to {where}, not to {label}")]
        used = parsed is True or (kind not in ("bool", "text") and parsed not in (0, 0.0))
        if rule.status in _BAD and used:
            return [at.finding("error", f"{_BAD[rule.status]} in {label}: {rule.text!r}")]
        if kind in ("bool", "text"):
            return _feature_findings(at, rule, kind, parsed)
        return self._limit_findings(at, rule, (kind, parsed), value)

    def _limit_findings(
        self, at: _At, rule: Rule, coerced: tuple[str, Any], value: object
    ) -> list[Finding]:
        """Findings of a value under a rule's limits, the conditional ones by alternative."""
        kind, parsed = coerced
        shown = _shown_value(kind, value)
        out: list[Finding] = []
        checked = False
        alternatives: dict[str, list[tuple[Limit, str | None]]] = {}
        either: list[tuple[Limit, str | None]] = []  # the rule's any-of limits that apply
        for c in rule.limits:
            if c.condition is None:
                problem = violation(c, kind, parsed, shown)
                applies = _applies(c, kind)
                checked = checked or applies
                if c.any and applies:
                    either.append((c, problem))
                elif problem:
                    out.append(at.finding("error", problem))
                continue
            if not _applies(c, kind):
                continue
            checked = True
            problem = violation(c, kind, parsed, shown)
            alternatives.setdefault(c.condition.fact, []).append((c, problem))
        if either and all(problem for _, problem in either):
            only = either[0][1] if len(either) == 1 else None  # one range: its own words
            out.append(at.finding("error", only or _none_holds(shown, [c for c, _ in either])))
        for fact_name, alts in alternatives.items():
            found = self._alternatives(at, fact_name, alts, shown)
            if found is not None:
                out.extend(found)
        if not checked and rule.status is None:
            label = self.labels[at.sid]
            out.append(
                at.finding(
                    "info",
                    f"no checkable rule for this value in {label}; the matrix says: {rule.text!r}",
                )
            )
        return out

    def _alternatives(
        self,
        at: _At,
        fact_name: str,
        alts: list[tuple[Limit, str | None]],
        shown: str,
    ) -> list[Finding] | None:
        """The findings of limits that depend on one condition: those of the configuration's
        value of it, or (when it gives none) an error if every one breaks, else a warning."""
        have = self._condition(fact_name, at.facts)
        if have is not None:
            return [
                at.finding("error", f"{problem}, {_cond(c).text}")
                for c, problem in alts
                if problem and _cond(c).value.casefold() == have
            ]
        broken = [c for c, p in alts if p]
        if not broken:
            return None
        limits = "; ".join(f"{c.text} {_cond(c).text}" for c, _ in alts)
        if len(broken) == len(alts):
            return [at.finding("error", f"{shown} breaks every limit that could apply: {limits}")]
        bad = "; ".join(c.text + " " + _cond(c).text for c in broken)
        sources = [fact_name] + [
            self.fact_of_row(s.row).key for s in self._condition_sources.get(fact_name, ())
        ]
        return [
            at.finding(
                "warning",
                f"the limit depends on {fact_name!r}, which the configuration does not give "
                f"(state {' or '.join(repr(s) for s in sources)}); it would apply: {limits}; "
                f"{shown} breaks {bad}",
            )
        ]

    # --- validation --------------------------------------------------------------------------

    def _scenario_of(self, config: Mapping[str, Any], scenario: str | None) -> str:
        if "scenarios" in config:  # `_as_config` makes a file's such object one per scenario
            raise ConfigError(
                "validate() checks one 'scenario'; a list in 'scenarios' is read from files "
                "(`matrixc validate`, this module run as a script): one result per scenario"
            )
        name = config.get("scenario") or scenario
        if name is None:
            if len(self.scenarios) != 1:
                raise ConfigError(
                    "no scenario: give one of "
                    + ", ".join(repr(s.label) for s in self.scenarios.values())
                )
            name = next(iter(self.scenarios))
        sid = self._scenario_names.get(name) if isinstance(name, str) else None
        return sid if sid is not None else self.resolve_scenario(name)

    def _read(self, config: object, scenario: str | None) -> tuple[str, Mapping[Any, object]]:
        """(scenario id, facts) of a configuration; ConfigError when it has neither shape."""
        if not isinstance(config, Mapping):
            raise ConfigError(f"a configuration is a JSON object, not {_show(config)}")
        sid = self._scenario_of(config, scenario)
        facts = config.get("facts")
        if facts is None:
            return sid, {}
        if not isinstance(facts, Mapping):
            raise ConfigError(f"facts must be an object, not {_show(facts)}")
        return sid, facts

    def _one_name_each(self, facts: Mapping[Any, object]) -> None:
        """ConfigError when two names of one configuration spell one fact: which value counts
        would be a guess, and checking both would report a contradiction as two findings."""
        spots = [self._exact.get(name) for name in facts]
        if None not in spots and len(set(spots)) == len(spots):
            return  # every name exact and distinct: the common case, kept cheap
        seen: dict[str, object] = {}
        for name in facts:
            row = self.resolve_fact(name)
            other = seen.setdefault(row, name)
            if other != name:
                raise ConfigError(
                    f"facts {_q(str(other))} and {_q(str(name))} name one fact ({row}): "
                    "give it once"
                )

    def validate(  # noqa: C901, PLR0911, PLR0912, PLR0915 - the path of every configuration, kept whole
        self, config: Mapping[str, Any] | Config, scenario: str | None = None
    ) -> Report:
        """Check one configuration; `scenario` is used when the configuration names none.

        Raises ConfigError for a configuration that cannot be checked (unknown scenario or fact,
        a value of the wrong type); returns a Report otherwise.
        """
        if type(config) is dict:  # the common shape: facts a dict, the scenario by a name
            try:  # by subscripts: the two `get` calls and a test were a tenth of a passing check
                facts: Any = config["facts"]
                name = config["scenario"]
                memo: _Pieces | None = self._memo_of[name] if type(name) is str else None
            except KeyError:  # either missing, or the scenario by the argument
                facts = config.get("facts")
                name = config.get("scenario") or scenario
                memo = self._memo_of.get(name) if type(name) is str else None
            if memo is not None and type(facts) is dict:
                values = facts.values()
                try:  # one C-level pass for a configuration that passes
                    keys: Iterator[Any]
                    rest: Iterator[Any]
                    if memo.counted not in facts and _PLAIN(map(type, values)):  # pairs do
                        keys = rest = iter(facts.items())
                        covers = memo.paired
                    else:
                        keys = iter(facts)
                        rest = zip(keys, map(type, values), values)  # noqa: B905 - one dict's
                        covers = memo.covers
                    if covers(rest):
                        return memo.ok
                    # `issuperset` stops at the first not known, which the key iterator tells
                    # the place of; asked again, at the next one (a Python call per odd value)
                    names = [*facts]
                    fact = names[~_length_hint(keys)]  # the key before those left
                    value = facts[fact]
                    test = memo.fresh.get(fact)
                    if test is not None and type(value) is str and test(value):
                        # a name new on most configurations (a VM's), passing its test: on
                        if covers(rest):
                            return memo.ok
                        fact = names[~_length_hint(keys)]
                        value = facts[fact]
                    first = (fact, type(value), value)
                    if covers(rest):  # one odd value: its report is likely remembered
                        report = memo.reports.get(first)
                        if report is not None:
                            return report
                        odd = [first]
                    else:
                        odd = [first]
                        fresh = memo.fresh
                        while True:
                            fact = names[~_length_hint(keys)]
                            value = facts[fact]
                            test = fresh.get(fact)
                            if test is None or type(value) is not str or not test(value):
                                odd.append((fact, type(value), value))
                            if covers(rest):
                                break
                except TypeError:  # an unhashable value (a list): the long way says what
                    return self._assemble(memo.ok.scenario, facts, memo)
                return self._decide(memo, odd, facts)
        sid, facts = self._read(config, scenario)
        if type(facts) is dict:  # the scenario by another spelling, or by default
            return self.validate({"scenario": sid, "facts": facts})
        memo = self._memos[sid]
        try:  # the (name, type, value) not known to pass, in fact order
            given = facts.values()
            odd = [*itertools.filterfalse(memo.passes, zip(facts, map(type, given), given))]  # noqa: B905
        except TypeError:
            return self._assemble(sid, facts, memo)
        return self._decide(memo, odd, facts)

    def _decide(  # noqa: C901, PLR0912 - the memos in turn, the long way last
        self, memo: _Pieces, odd: list[tuple[Any, type, Any]], facts: Mapping[Any, object]
    ) -> Report:
        """The report of a configuration from its values not known to pass (in fact order),
        from the memo when it can say; else the long way, which reads every fact."""
        sid = memo.ok.scenario
        try:
            if len(odd) > 1:  # names that pass their test say nothing: the others decide
                tests = memo.tests
                kept = []
                for k in odd:
                    if k[1] is str and tests.get(k[0], _no_test)(k[2]):
                        memo.passed(k)
                    else:
                        kept.append(k)
                odd = kept
            if not odd:
                return memo.ok
            if len(odd) == 1:
                first = odd[0]
                if first[1] is str and memo.tests.get(first[0], _no_test)(first[2]):
                    memo.passed(first)
                    return memo.ok  # a new name that passes its test (no report kept)
                report = memo.reports.get(first)
                if report is None:
                    report = self._one_off(memo, sid, first)
            else:
                together = tuple(odd)
                report = memo.combos.get(together)
                if report is None:
                    report = self._odd(memo, sid, odd)
                    if report is not None and len(memo.combos) < _MEMO_REPORTS:
                        memo.combos[together] = report
            if report is not None:
                return report
        except TypeError:  # a value no memo can take: the long way says what is wrong
            pass
        return self._assemble(sid, facts, memo)

    def _odd_piece(self, memo: _Pieces, sid: str, key: tuple[Any, type, Any]) -> Piece | None:
        """The piece of a value not known to pass, from a fact's one (canonical) spelling; None
        for another spelling (a fact may be named twice: `_assemble` says so)."""
        name, t, value = key
        if name not in memo.canonical:
            return None
        if t is str:  # a name or allowed value that passes its test: the common odd one out
            test = memo.tests.get(name)
            if test is None:
                check = self._tables[sid].get(name)
                test = check[5] if check is not None and check[0] == 5 else _no_test
                memo.tests[name] = test
            if test(value):
                return ()
        piece = memo.known.get(key) if t is bool or t is int or t is str else None
        return piece if piece is not None else self._memo_piece(memo, sid, name, value)

    def _one_off(self, memo: _Pieces, sid: str, key: tuple[Any, type, Any]) -> Report | None:
        """The report of a configuration whose facts but one are known to pass: that one's
        piece decides (None when it reads other facts or names a fact not yet seen)."""
        piece = self._odd_piece(memo, sid, key)
        if not piece:
            return None if piece is None else self._pass[sid]
        if type(piece) is str:
            raise ConfigError(piece)
        if type(piece) is not tuple:
            return None
        report = Report(sid, piece, not any(f.severity == "error" for f in piece))
        if len(memo.reports) < _MEMO_REPORTS:
            memo.reports[key] = report
        return report

    def _odd(self, memo: _Pieces, sid: str, odd: list[tuple[Any, type, Any]]) -> Report | None:
        """The report of a configuration from the pieces of its values not known to pass
        (the others say nothing), in fact order as `_assemble` gives it; None when one of
        them reads other facts or is not a fact's canonical spelling (`_assemble` then)."""
        canonical = memo.canonical
        for key in odd:  # every name canonical: no fact named twice, none unknown
            if key[0] not in canonical:
                return None
        findings: list[Finding] = []
        for key in odd:
            piece = self._odd_piece(memo, sid, key)
            if not piece:
                continue
            if type(piece) is str:
                raise ConfigError(piece)
            if type(piece) is not tuple:
                return None
            findings += piece
        if not findings:
            return self._pass[sid]
        return Report(sid, tuple(findings), not any(f.severity == "error" for f in findings))

    def _assemble(self, sid: str, facts: Mapping[Any, object], memo: _Pieces) -> Report:
        """The report of a configuration, fact by fact from the memo's pieces."""
        if len(facts) > 1:
            self._one_name_each(facts)
        known = memo.known
        findings: list[Finding] = []
        for name, value in facts.items():
            t = type(value)
            piece = known.get((name, t, value)) if t is bool or t is int or t is str else None
            if piece is None:
                piece = self._memo_piece(memo, sid, name, value)
            if not piece:
                continue
            if type(piece) is tuple:
                findings += piece
            elif type(piece) is str:
                raise ConfigError(piece)
            else:
                table = self._tables[sid]
                check = table.get(name) or self._check_of(table, name)
                findings += self._long_check(check, name, value, facts, sid)
        if not findings:
            return self._pass[sid]
        return Report(sid, tuple(findings), not any(f.severity == "error" for f in findings))

    def _memo_piece(self, memo: _Pieces, sid: str, name: object, value: object) -> Piece:
        """The piece of one fact's value, remembered when its type makes that exact."""
        t = type(value)
        key = (name, t, value)
        if t in _MEMO_TYPES:
            piece = memo.known.get(key)
            if piece is not None:
                return piece
        table = self._tables[sid]
        try:
            check = table.get(name) if isinstance(name, str) else None
            check = check or self._check_of(table, cast(str, name))
        except ConfigError as exc:
            return exc.message
        piece = self._piece(sid, check, cast(str, name), value)
        if t in _MEMO_TYPES and memo.counts[name] < _MEMO_CELLS:
            memo.remember(key, piece, self.resolve_fact(name))
        return piece

    # --- files -------------------------------------------------------------------------------

    def _cell_reader(self, row: str) -> CellReader:
        """How a CSV column's cells reach `validate`: as JSON values where that is exact."""
        i = self._row_index.get(row)
        accepts = self.facts[i].accepts if i is not None else ()
        if accepts == ("bool",):
            return _bool_cell
        if accepts == ("count",):
            return _count_cell
        return str

    def _fact_columns(self, columns: list[str], path: str) -> list[_Column]:
        """The fact columns of an inventory, each resolved once; ConfigError naming the header
        line for an unknown fact or for two columns that give one fact (or one name)."""
        fact_columns: list[_Column] = []
        first: dict[str, int] = {}  # what a column gives (a fact's row, or name/scenario) -> index
        for i, col in enumerate(columns):
            if not col:
                continue
            special = col.casefold() in ("name", "scenario")
            try:
                gives = "\0" + col.casefold() if special else self.resolve_fact(col)
            except ConfigError as exc:
                raise ConfigError(f"column {i + 1}: {exc.message}", f"{path}:1") from None
            if not special:
                fact_columns.append(_Column(i, col, gives, self._cell_reader(gives)))
            j = first.setdefault(gives, i)
            if j != i:
                raise ConfigError(
                    f"columns {j + 1} ({_q(columns[j])}) and {i + 1} ({_q(col)}) give the same "
                    f"{'column' if special else 'fact'}: which value counts would be a guess",
                    f"{path}:1",
                )
        return fact_columns

    def _csv_items(self, fh: TextIO, path: str, scenario: str | None) -> Iterator[Item]:
        head = csv.reader(fh)
        try:
            header = next(head)
        except StopIteration:
            raise ConfigError("empty inventory: no header row", f"{path}:1") from None
        except csv.Error as exc:
            raise ConfigError(f"broken CSV header: {exc}", f"{path}:1") from None
        columns = [h.strip() for h in header]
        fact_columns = self._fact_columns(columns, path)
        ahead: list[str] = []  # blank lines read to see whether any row follows
        for line in fh:
            ahead.append(line)
            if line.strip():
                break
        rows = bool(ahead) and bool(ahead[-1].strip())
        if not fact_columns or not rows:
            what = "no fact columns" if rows else "a header but no rows"
            raise ConfigError(f"empty inventory: {what}", f"{path}:1")
        lane = _CsvLane(self, columns, fact_columns, scenario)
        return _CsvSource(fh, itertools.chain(ahead, fh), lane, (path, head.line_num))

    def read_configs(
        self, path: str, loaders: Mapping[str, Loader] | None = None, scenario: str | None = None
    ) -> Iterator[Item]:
        """The configurations in a file: JSON (one or a list), JSON Lines, CSV, or a `loaders` kind.

        Raises ConfigError at once when the file as a whole is unusable; a broken row of an
        inventory comes back later as an Item with `error` set, and the others are still read.
        CSV and JSON Lines are streamed: memory stays flat however many rows they have.
        """
        lower = path.lower()
        if lower.endswith((".csv", ".jsonl", ".ndjson")):
            fh = _stream(path)
            try:
                if lower.endswith(".csv"):
                    return self._csv_items(fh, path, scenario)
                return _JsonlSource(fh, _jsonl_numbered(fh, path), path)
            except BaseException:
                fh.close()
                raise
        text = _read_text(path)
        stem = path.replace("\\", "/").rsplit("/", 1)[-1]
        for suffix, loader in (loaders or {}).items():
            if lower.endswith(suffix):
                try:
                    obj = loader(text)
                except ConfigError as exc:
                    raise ConfigError(exc.message, exc.where or path) from None
                return _from_object(obj, path, stem)
        return _json_items(text, path, lower, stem)

    def _plan(self, path: str, jobs: int, spec: _Spec) -> _Parted | None:
        """The parts of an inventory to check over `jobs` processes; None to read it serially
        (small, not CSV or JSON Lines, stdin, a header of several lines, no fork)."""
        lower = path.lower()
        if jobs < 2 or path == "-" or not lower.endswith((".csv", ".jsonl", ".ndjson")):
            return None
        try:
            _fork_context()
            size = os.path.getsize(path)
        except (ValueError, OSError):
            return None
        if size < 2 * _PART_BYTES:
            return None
        with _stream(path) as fh:  # the checks the serial reader makes, the same errors
            if lower.endswith(".csv"):
                source = self._csv_items(fh, path, spec.scenario)
                if not isinstance(source, _CsvSource) or source.first != 1:
                    return None
                columns = tuple(source.lane.columns)
            else:
                _jsonl_items(fh, path)
                columns = ()
        with open(path, "rb") as raw:
            head = raw.readline() if columns else b""
        if columns and (not head.endswith(b"\n") or b"\r" in head[:-2]):
            return None  # the header's line ends as the reader's does: a line feed
        first = spec._replace(
            path=path, csv=bool(columns), start=len(head), lines=int(bool(columns)),
            head=int(bool(columns)), header=columns,
        )  # fmt: skip
        parts = max(jobs, -(-(size - len(head)) // _PART_BYTES))
        cuts = _cuts(path, len(head), size, parts)
        return _Parted(first, cuts, jobs) if len(cuts) > 2 else None

    def _part_outcomes(
        self, spec: _Spec, err: TextIO, marked: bool
    ) -> tuple[_CsvSource | None, Iterator[Outcome | _Part]]:
        """The Outcomes of one part of an inventory (to the end when `stop` is -1; `marked`:
        its CSV reader sees _PART_END after it, so that a row left open is noticed)."""
        raw = open(spec.path, "rb")  # noqa: SIM115 - closed with the stream made of it
        raw.seek(spec.start)
        fh: TextIO
        encoding = "utf-8-sig" if spec.start == 0 else "utf-8"  # a byte order mark, as serially
        if spec.stop >= 0:  # decoded as the serial reader does, a chunk at a time, not whole
            with raw:
                data = io.BytesIO(raw.read(spec.stop - spec.start))
            fh = io.TextIOWrapper(data, encoding=encoding, newline="")
        else:
            fh = io.TextIOWrapper(raw, encoding=encoding, newline="")
        if not spec.csv:
            numbered = enumerate(fh, spec.lines + 1)
            return None, _closing(
                fh, self.check_all(_jsonl_rows(numbered, spec.path), spec.scenario, err)
            )
        columns = list(spec.header)
        lane = self._part_lanes.get((spec.header, spec.scenario))
        if lane is None:  # a worker's parts share a lane: what its memos learn, and its shape
            lane = _CsvLane(self, columns, self._fact_columns(columns, spec.path), spec.scenario)
            self._part_lanes = {(spec.header, spec.scenario): lane}
        end = sys.maxsize
        lines: Iterable[str] = fh
        if marked and spec.own_lines >= 0:  # streamed: the reader's cache holds a block, not a part
            end = spec.own_lines
            lines = itertools.chain(fh, (_PART_END + "\n",))
        elif marked:
            lines = list(fh)
            end = len(lines)
            lines.append(_PART_END + "\n")
        source = _CsvSource(fh, lines, lane, (spec.path, spec.lines), rows=spec.rows, end=end)
        fmt = spec.fmt if not spec.waivers else None
        return source, source.outcomes(spec.scenario, err, fmt)

    def check_all(
        self, items: Iterable[Item], scenario: str | None = None, err: TextIO | None = None
    ) -> Iterator[Outcome]:
        """Validate every readable item; an unusable one becomes an Outcome with its error.

        Each unusable item is also written to `err` as `file:line: name: message`.
        """
        new, validate = tuple.__new__, self.validate
        for item in items:
            error = item.error
            row = item.config
            if type(row) is _CsvRow and row.lane.owner is self:
                try:
                    report = row.lane.report(row.record, scenario)
                except ConfigError as exc:
                    yield self._unusable(item, exc.message, err)
                    continue
                if report is not None:
                    yield Outcome(item.name, item.where, report, None)
                    continue
            if item.config is not None:
                try:
                    report = validate(item.config, scenario)
                    yield new(Outcome, (item.name, item.where, report, None))
                    continue
                except ConfigError as exc:
                    error = exc.message
            yield self._unusable(item, error, err)

    def _unusable(self, item: Item, error: str | None, err: TextIO | None) -> Outcome:
        """The Outcome of an item that cannot be checked, written to `err` too: where it is,
        its own name if it has one (not the stand-in its place gave it), what is wrong."""
        if err is not None:
            name = "" if _DEFAULT_NAME.fullmatch(item.name) or _stand_in(item) else item.name
            err.write(_one_line(f"{item.where}: {name + ': ' if name else ''}{error}") + "\n")
        return Outcome(item.name, item.where, None, error)

    def outcomes(
        self,
        sources: Iterable[Iterable[Item] | _Parted],
        scenario: str | None,
        err: TextIO | None,
        fmt: str | None = None,
    ) -> Iterator[Outcome | _Part]:
        """`check_all` over each source in turn; a CSV inventory checked in its own loop (its
        rows rendered there too for `fmt`, see `_CsvSource.outcomes`), one in parts (`--jobs`)
        by worker processes."""
        for source in sources:
            if type(source) is _Parted:
                yield from source.outcomes(self, err or _NOWHERE)
            elif type(source) is _CsvSource and source.lane.owner is self:
                yield from source.outcomes(scenario, err, fmt)
            elif type(source) is _JsonlSource:
                yield from source.outcomes(self, scenario, err, fmt)
            else:
                yield from self.check_all(cast(Iterable[Item], source), scenario, err)

    def run(  # noqa: PLR0913 - the CLI's options, passed by keyword
        self,
        paths: Sequence[str],
        *,
        scenario: str | None = None,
        fmt: str = "text",
        out: TextIO | None = None,
        err: TextIO | None = None,
        loaders: Mapping[str, Loader] | None = None,
        waivers: Sequence[Mapping[str, Any]] = (),
        site_url: str = "",
        jobs: int = 1,
    ) -> int:
        """Check every configuration in `paths`, write the report; returns the exit status.

        `waivers` ({row id, config pattern, reason, expires, path, line}) mark the findings they
        accept; `site_url` gives SARIF rules a helpUri to the row on the site; `jobs` > 1
        checks each big CSV or JSON Lines inventory in parts over that many processes (the
        report is the same)."""
        out = cast(TextIO, _Sink(out or sys.stdout))
        err = cast(TextIO, _Sink(err or sys.stderr))
        if scenario is not None:
            try:
                scenario = self.resolve_scenario(scenario)
            except ConfigError as exc:
                err.write(_one_line(f"--scenario: {exc.message}") + "\n")
                return 2

        spec = _Spec("", False, 0, -1, 0, 0, (), 0, scenario, fmt, tuple(waivers))
        sources: list[Iterable[Item] | _Parted] = []
        try:
            for path in paths:
                sources.append(
                    self._plan(path, jobs, spec) or self.read_configs(path, loaders, scenario)
                )
        except ConfigError as exc:
            err.write(_one_line(str(exc)) + "\n")
            return 2

        summary = Summary(self.labels)
        rendered = fmt if not waivers and not err.isatty() else None  # see `_counting`
        outcomes = _progress(self.outcomes(sources, scenario, err, rendered), err)
        if waivers:
            outcomes = apply_waivers(outcomes, waivers)
        try:
            if fmt == "sarif":
                write_sarif(self, outcomes, out, summary, site_url)
            else:
                WRITERS[fmt](self, outcomes, out, summary)
        except ConfigError as exc:  # an inventory that went unreadable while it was checked
            out.flush()
            err.write(_one_line(str(exc)) + "\n")
            return 2
        if summary.broken and summary.total > 1:
            err.write(f"{summary.broken} of {summary.total} configurations could not be checked\n")
        return summary.exit_code

    def main(self, argv: Sequence[str] | None = None) -> int:
        """`python this_module.py CONFIG... [--scenario S] [--format F]`."""
        parser = argparse.ArgumentParser(description=f"Check configurations against {self.title}.")
        parser.add_argument(
            "configs", nargs="+", metavar="CONFIG", help="JSON, JSON Lines or CSV; '-' for stdin"
        )
        parser.add_argument("--scenario", help="scenario for configurations that name none")
        parser.add_argument("--format", choices=sorted(WRITERS), default="text")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="big inventories on N processes (0: a CPU each)",
        )
        args = parser.parse_args(argv)
        jobs = args.jobs or os.cpu_count() or 1
        gc.freeze()  # a command's process: what is loaded by now lives to its end (see the CLI)
        return self.run(args.configs, scenario=args.scenario, fmt=args.format, jobs=jobs)


def _name_of(c: ConditionFact) -> str:
    return c.name or ""


def _cond(c: Limit) -> Condition:
    """The condition of a conditional limit."""
    assert c.condition is not None  # only conditional limits get here
    return c.condition


def _suggest(name: str, choices: Iterable[str]) -> str:
    spelled: dict[str, str] = {}
    for choice in choices:
        folded = _fold(choice)
        if folded not in spelled or spelled[folded] == folded:
            spelled[folded] = choice
    close = difflib.get_close_matches(_fold(name), list(spelled), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(spelled[c]) for c in close)}?" if close else ""


class _At(NamedTuple):
    """Where findings of one fact in one scenario point: the row, its source line, its notes."""

    matrix: Validator
    fact: Fact
    sid: str
    name: str  # the fact's name as the configuration wrote it
    facts: Mapping[str, object]  # all of the configuration's facts (conditions read them)

    def finding(self, severity: str, message: str) -> Finding:
        f = self.fact
        return Finding(
            severity,
            f.row,
            f.section,
            f"{f.key}: {message}",
            self.matrix.source_path,
            f.line,
            f.key,
            self.sid,
            self.name,
            f.anchor,
            f.notes,
        )


def _feature_findings(at: _At, rule: Rule, kind: str, parsed: object) -> list[Finding]:
    """A feature's findings where it is allowed: nothing to check, or a version it needs."""
    label = at.matrix.labels[at.sid]
    staged = _STAGED.get(rule.stage) if parsed is True and rule.stage is not None else None
    if rule.status is None and staged is not None and rule.stage == "preview":
        # "Planned", "Coming soon" (or a project's own stage-only mark): used now, it may not be
        # there, and "no checkable rule" would hide that
        return [
            at.finding(
                "warning",
                f"no verdict in {label}, only a stage ({rule.text!r}): it may not be available yet",
            )
        ]
    if rule.status is None or kind == "text":
        return [at.finding("info", f"no checkable rule in {label}; the matrix says: {rule.text!r}")]
    # Partly supported and used: what the matrix restricts it to cannot be checked, so say it.
    out = (
        [at.finding("warning", f"only partly supported in {label}: {rule.text!r}")]
        if rule.status == "partial" and parsed is True
        else []
    )
    if staged is not None:
        out.append(at.finding(staged[0], f"{staged[1]} in {label}: {rule.text!r}"))
    needs = [c for c in rule.limits if c.kind == "min_version" and not c.any and parsed]
    out += [
        at.finding(
            "info",
            f"requires {c.subject or 'version'} "
            f"{'after' if c.xmin else 'at least'} {c.version} ({c.text!r})",
        )
        for c in needs
    ]
    either = [c for c in rule.limits if c.any and _applies(c, "version")] if parsed else []
    if either:
        listed = ", ".join(c.text for c in either)
        what = either[0].subject or "version"
        out.append(at.finding("info", f"requires {what} one of {listed}"))
    return out
