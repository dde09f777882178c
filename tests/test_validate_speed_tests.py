"""The fast tests of a str (a name or an allowed value) and the fast ways of `validate` answer
exactly what the slow ones do.

A name's length and patterns become one regex (`_one_pattern`) and allowed values one frozenset;
both must agree with the limit-by-limit test (`_each_test`) on every corpus rule and on made-up
limits (alternations, `$` before a newline, fractional lengths, patterns that cannot be joined).
`validate` answers a passing configuration with one `issuperset`, finds the first odd value from
where it stopped, drops names that pass their test and remembers the reports of several odd
values: each must give the long way's report (`_assemble` with an empty memo)."""

from __future__ import annotations

import io
import json
import math
import random
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from compiler.emit import runtime

from .conftest import ROOT, SIBLINGS
from .test_runtime_lane import VALUES, _checker
from .test_validate_speed_configs import _long_way, _memo_way

DOCS = sorted((ROOT / "source_docs").glob("*-matrix.md")) + SIBLINGS
HYPER_V = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
VMM = "hyper-v-with-virtual-machine-manager"


def _strings(limits: tuple[runtime.Limit, ...], seed: int) -> list[str]:
    """Strings near what the limits accept: their values, lengths at and past the bounds,
    characters inside and outside the classes, a newline at the end, non-ASCII."""
    rnd = random.Random(seed)
    out = ["", "a", "A", "0", "-", "a-", "-a", "a\n", "\n", "a-b", "é", "ab\n", "a b", "a.b"]
    out += VALUES["name"] + VALUES["enum"]
    for c in limits:
        out += c.values
        out += [v + "\n" for v in c.values] + [v.lower() for v in c.values]
        for bound in (c.min, c.max):
            if bound is not None and bound < 300:
                n = int(bound)
                out += ["x" * k for k in (n - 1, n, n + 1) if k >= 0]
                out += ["a" + "-" * max(0, n - 2) + "b", "a" * max(0, n - 1) + "\n"]
    alphabet = "aZ09-_. \n\té"
    out += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(300)]
    return out


def _agree(limits: tuple[runtime.Limit, ...], seed: int = 1) -> int:
    """How many strings both tests were asked about; asserts they agree on each."""
    fast = runtime._string_test(limits)
    if fast is None:
        return 0
    lo: float = 0
    hi: float = math.inf
    allowed: frozenset[str] | None = None
    tests: list[Callable[[str], object]] = []
    for c in limits:
        if c.kind == "length":
            lo = max(lo, (c.min if c.min is not None else 0) + (1 if c.xmin else 0))
            hi = min(hi, (c.max if c.max is not None else math.inf) - (1 if c.xmax else 0))
        elif c.kind == "allowed_values":
            allowed = frozenset(c.values) if allowed is None else allowed & set(c.values)
        elif c.pattern is not None:
            tests.append(re.compile(c.pattern).fullmatch)
    slow = runtime._each_test(lo, hi, allowed, tests)
    strings = _strings(limits, seed)
    for s in strings:
        assert bool(fast(s)) == slow(s), (limits, s)
        # The screen is sound against the findings themselves, written limit by limit (the
        # reimplementation above could share a mistake with the code it checks).
        if fast(s):
            assert all(runtime.violation(c, "str", s, repr(s)) is None for c in limits), (limits, s)
    return len(strings)


def _rules(doc: Path) -> Iterator[tuple[runtime.Limit, ...]]:
    v = _checker(doc)
    for f in v.facts:
        for rule in f.rules.values():
            if rule.limits and {c.kind for c in rule.limits} <= runtime._STRING_KINDS:
                yield rule.limits


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_a_str_test_made_fast_agrees_with_the_limit_by_limit_one(doc: Path) -> None:
    asked = [_agree(limits) for limits in _rules(doc)]
    if doc.stem.startswith(("hyper-v", "vmware", "azure-to-azure")):
        assert sum(asked) > 0


def _limit(kind: str, **kw: Any) -> runtime.Limit:
    return runtime.Limit(kind, kind, **kw)


MADE_UP = [
    (_limit("length", min=1, max=63), _limit("charset", pattern="^[A-Za-z0-9-]*$")),
    (_limit("length", min=1.5, max=9.5), _limit("affix", pattern="^[a-z](.*[a-z])?$")),
    (_limit("length", min=2, max=8, xmin=True, xmax=True), _limit("charset", pattern="a|b*")),
    (_limit("charset", pattern="^[a-z]*$"), _limit("affix", pattern="^(.*[^-])?$")),
    (_limit("affix", pattern="^[0-9].*$"),),
    (_limit("length", min=3), _limit("charset", pattern="[a\n]*$")),
    (_limit("length", max=2), _limit("charset", pattern="^[ab]*$")),
    (_limit("length", min=5, max=3), _limit("charset", pattern="^[ab]*$")),  # none can pass
    (_limit("charset", pattern=r"^(a)\1*$"),),  # a backreference: not joined
    (_limit("charset", pattern="(?i)^[a-z]*$"),),  # a flag: not joined
    (_limit("length", min=1, max=10),),
    (_limit("allowed_values", values=("VHD", "VHDX", "ab")), _limit("length", max=3)),
    (_limit("allowed_values", values=("a-b", "-ab")), _limit("affix", pattern="^[a-z].*$")),
]


@pytest.mark.parametrize("limits", MADE_UP, ids=lambda limits: repr(limits[0]))
def test_made_up_str_limits_agree_both_ways(limits: tuple[runtime.Limit, ...]) -> None:
    assert _agree(limits, seed=len(limits)) > 0


def test_which_str_tests_are_made_one_c_level_call() -> None:
    name = runtime._string_test(MADE_UP[0])
    assert getattr(name, "__self__", None) is not None  # a compiled regex's match
    assert not isinstance(getattr(name, "__self__", None), frozenset)
    allowed = runtime._string_test(MADE_UP[-2])
    assert isinstance(getattr(allowed, "__self__", None), frozenset)
    backref = runtime._string_test(MADE_UP[8])
    assert getattr(backref, "__self__", None) is None  # the limit-by-limit closure


class _Facts(Mapping[str, object]):
    """A facts mapping that is not a dict (no key iterator to ask where it stopped)."""

    def __init__(self, data: dict[str, object]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_odd_values_anywhere_among_passing_ones_give_the_long_ways_report() -> None:
    """The first odd value first, last or in between; a name that passes its test beside one
    or two values that fail (one odd value then, from the one-off memo; or several, from the
    memo of several); a name that fails too; the same facts as a Mapping that is not a dict."""
    v = _checker(HYPER_V)
    good = [f.row for f in v.facts if f.accepts == ("bool",) and f.rules[VMM].status == "supported"]
    bad = [f.row for f in v.facts if f.accepts == ("bool",) and f.rules[VMM].status in runtime._BAD]
    name = v.resolve_fact("VM name")
    configs: list[dict[str, Any]] = []
    for i in range(6):
        passing: dict[str, object] = dict.fromkeys(good[:5], True)
        for odd in ([bad[0]], [bad[0], bad[1]], []):
            for where in range(6):
                facts = dict(list(passing.items())[:where])
                facts.update(dict.fromkeys(odd, True))
                facts[name] = [f"vm-{i}", "-vm", "x" * 64][i % 3]
                facts.update(list(passing.items())[where:])
                configs.append({"scenario": VMM, "facts": facts})
    configs += configs  # the second time round from the memos
    for c in configs:
        assert _memo_way(v, c) == _long_way(v, c), c
        shaped = {"scenario": VMM, "facts": _Facts(c["facts"])}
        assert _memo_way(v, shaped) == _long_way(v, c), c
    assert v._memos[VMM].combos  # several odd values were remembered together
    assert any(
        isinstance(r, runtime.Report) and len(r.findings) > 1 for r in map(v.validate, configs)
    )


def test_json_lines_rows_with_one_report_recurring_write_what_check_all_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing report and a passing one with findings, each on many rows across blocks: the
    text of a recurring report is made once (`_said_once`), the rows and summary as ever."""
    data = _checker(HYPER_V).data
    v = runtime.Validator(data)
    bad = next(
        f.row for f in v.facts if f.accepts == ("bool",) and f.rules[VMM].status in runtime._BAD
    )
    elsewhere = next(f.row for f in v.facts if VMM not in f.rules)  # an info finding
    rows = [{"facts": {bad: True}}, {"facts": {elsewhere: True}}, {"facts": {bad: False}}]
    lines = [
        json.dumps({"name": f"vm{i}", "scenario": VMM, **rows[i % 3]}) + "\n" for i in range(300)
    ]
    path = tmp_path / "inventory.jsonl"
    path.write_text("".join(lines), encoding="utf-8")

    def report() -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = runtime.Validator(data).run([str(path)], out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK", 41)
        blocks = report()
    with monkeypatch.context() as m:
        m.setattr(runtime, "_BLOCK_FORMATS", frozenset())
        items = report()
    assert blocks == items
    assert blocks[1].count("FAIL ") == 100
    assert "100 fail" in blocks[1]
