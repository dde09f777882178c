"""`validate`'s memo of strs passed by their test gives the long way's answers.

A str of a name that passes its test is remembered as passing while the name has few values
(`_FEW`: allowed values recur); past that, after `_FRESH` more, the name is tested where the
C-level scan stops at it, and the scan resumed (`fresh`: a new VM name on most configurations),
as the scan stops on every Python the validators run on (`_first_unknown`). Neither
may change a report or an error: on every corpus matrix, with the thresholds lowered so that
both happen at once, configurations whose values are the adversarial ones (1/0/1.0/True/False,
16 and 16.0, NaN, Decimal, complex, str subclasses, objects equal to everything, unhashables)
beside fresh names and their other spellings must get what `_assemble` with an empty memo
gives. (Why the scan keeps (name, type, value) rather than cheaper (name, value) pairs: 1 ==
True == 1.0 and an object may claim to equal anything, so only its type tells them apart.)"""

from __future__ import annotations

import decimal
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compiler.emit import runtime

from .conftest import ROOT, SIBLINGS
from .test_runtime_lane import _checker
from .test_validate_speed_configs import _configs, _long_way, _memo_way

DOCS = sorted((ROOT / "source_docs").glob("*-matrix.md")) + SIBLINGS
HYPER_V = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
VMM = "hyper-v-with-virtual-machine-manager"


class _Sub(str):
    """A str subclass: equal to a remembered str, yet not of its type."""


class _Equal:
    """Equal to everything, with a hash of the caller's choosing (a value it mimics)."""

    def __init__(self, like: object) -> None:
        try:
            self._hash = hash(like)
        except TypeError:  # an unhashable value: mimic nothing
            self._hash = 0

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return "_Equal()"


def _adversarial(value: object) -> list[object]:
    """Values equal (or nearly) to `value` of other types, and the usual suspects."""
    out: list[object] = [1, 0, 1.0, 0.0, -0.0, True, False, 16, 16.0, math.nan, None, ["x"], {}]
    out += [decimal.Decimal(1), complex(1, 0), _Equal(value)]
    if isinstance(value, str):
        out += [_Sub(value), value + "\n", value.upper()]
    elif isinstance(value, (bool, int)):
        out += [float(value), int(value), not value, decimal.Decimal(int(value))]
    return out


def _names(v: runtime.Validator) -> list[str]:
    return [f.row for f in v.facts if "name" in f.accepts]


def _warm(v: runtime.Validator, seed: int) -> list[dict[str, Any]]:
    """Configurations that fill the memo: every name fact new (and passing) on each."""
    rnd = random.Random(seed)
    configs = _configs(v, 400, seed)
    names = _names(v)
    for i, c in enumerate(configs):
        for name in names:
            if rnd.random() < 0.7:
                c["facts"][name] = f"vm-{seed}-{i:05d}"
    return configs


def _twisted(configs: list[dict[str, Any]], seed: int) -> Iterator[dict[str, Any]]:
    """Each configuration with one or two values swapped for adversarial ones."""
    rnd = random.Random(seed)
    for c in configs:
        facts = c["facts"]
        if not facts:
            continue
        keys = list(facts)
        for _ in range(2):
            twisted = dict(facts)
            for key in rnd.sample(keys, min(len(keys), rnd.randint(1, 2))):
                twisted[key] = rnd.choice(_adversarial(facts[key]))
            yield {"scenario": c["scenario"], "facts": twisted}


def _before_3_11(known: set[Any], stops: bool = False) -> Any:
    """`_first_unknown` as it is on Python 3.9 and 3.10, whatever runs the tests."""
    return _FIRST_UNKNOWN(known, False)


_FIRST_UNKNOWN = runtime._first_unknown


@pytest.mark.parametrize("stops", [True, False], ids=["3.11", "3.9"])
def test_a_scan_reads_up_to_the_first_unknown_and_no_further(stops: bool) -> None:
    # `validate` asks the iterator where the scan stopped: on 3.9 and 3.10 `set.issuperset`
    # read all of it first, and a failing fact before a passing one went unreported.
    covers = runtime._first_unknown({1, 2, 3}, stops)
    items = iter([1, 9, 2, 8, 3])
    assert not covers(items)
    assert runtime._length_hint(items) == 3  # 2, 8, 3 left
    assert not covers(items)
    assert [*items] == [3]
    assert covers(items)
    assert covers(iter([3, 1]))
    with pytest.raises(TypeError):
        covers(iter([1, ["unhashable"]]))


@pytest.mark.parametrize("stops", [True, False], ids=["3.11", "3.9"])
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_fresh_names_and_remembered_tests_give_the_long_ways_answers(
    doc: Path, stops: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "_FEW", 3)
    monkeypatch.setattr(runtime, "_FRESH", 2)
    if not stops:
        monkeypatch.setattr(runtime, "_first_unknown", _before_3_11)
    v = _checker(doc)
    warm = _warm(v, seed=11)
    for c in warm:
        assert _memo_way(v, c) == _long_way(v, c), c
    if _names(v):
        assert any(memo.fresh for memo in v._memos.values())
    configs = [*_twisted(warm, seed=12)]
    configs += configs  # the second time from the memos
    for c in configs:
        assert _memo_way(v, c) == _long_way(v, c), c


def test_a_fresh_name_is_left_out_only_when_its_test_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fresh name passing, failing, as a str subclass, beside another spelling of its
    fact (an error: the name is left out of the scan, not out of the long way), beside a
    failing value (whose remembered report is the answer) and as the only fact."""
    monkeypatch.setattr(runtime, "_FEW", 1)
    monkeypatch.setattr(runtime, "_FRESH", 1)
    v = _checker(HYPER_V)
    name = v.resolve_fact("VM name")
    bad = next(
        f.row for f in v.facts if f.accepts == ("bool",) and f.rules[VMM].status in runtime._BAD
    )
    good = next(
        f.row for f in v.facts if f.accepts == ("bool",) and f.rules[VMM].status == "supported"
    )
    for i in range(4):
        assert v.validate({"scenario": VMM, "facts": {good: True, name: f"vm-{i}"}}).ok
    memo = v._memos[VMM]
    assert [*memo.fresh] == [name]
    key = v.fact_of_row(name).key
    cases: list[dict[str, object]] = [
        {name: "vm-new"},
        {good: True, name: "vm-new", bad: True},
        {name: "-vm", good: True},
        {name: "x" * 64},
        {name: _Sub("vm-sub"), good: True},
        {good: True, name: "vm-new", key: "vm-new"},
        {key: "vm-new", name: "vm-other"},
        {name: "vm-new", good: 1},
        {name: "vm-new", bad: 1.0},
        {name: "vm-new", good: ["x"]},
        {name: ["vm"]},
    ]
    for facts in cases + cases:
        c = {"scenario": VMM, "facts": facts}
        assert _memo_way(v, c) == _long_way(v, c), facts
    assert "name one fact" in str(_memo_way(v, {"scenario": VMM, "facts": cases[5]}))


def test_strs_passed_by_their_test_are_remembered_only_under_their_own_spelling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An allowed value that recurs joins the passing set (then answered by the scan); the
    same text under a str subclass key or value does not, and answers as the long way does."""
    monkeypatch.setattr(runtime, "_FEW", 64)
    v = _checker(HYPER_V)
    enum = next(
        f
        for f in v.facts
        if f.rules.get(VMM) and sum(len(c.values) for c in f.rules[VMM].limits) > 2
    )
    allowed = [x for c in enum.rules[VMM].limits for x in c.values]
    memo = v._memos[VMM]
    once: dict[object, object] = {enum.row: allowed[0]}
    cases = [once, once, once, {enum.row: allowed[2]}]
    cases += [{_Sub(enum.row): allowed[1]}, {enum.row: _Sub(allowed[2])}, {enum.row: allowed[1]}]
    for facts in cases + cases:
        c = {"scenario": VMM, "facts": facts}
        assert _memo_way(v, c) == _long_way(v, c), facts
    assert {(enum.row, str, x) for x in allowed[:3]} <= memo.passing
    assert all(type(k[0]) is str and type(k[2]) is not _Sub for k in memo.passing)
