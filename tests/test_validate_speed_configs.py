"""`validate` answers from its memo (the values known to pass, the pieces of the odd ones out,
the reports of configurations with one odd value) exactly what the long way gives: every fact
judged from scratch by `_assemble` with an empty memo. On every corpus matrix, with values that
pass, break a limit, have the wrong type or none JSON has (floats, lists), True/False against
1/0, facts under their other spellings (twice in one configuration too), unknown facts, and
limits that read other facts."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from compiler.emit import runtime

from .conftest import ROOT, SIBLINGS
from .test_runtime_lane import VALUES, _checker

DOCS = sorted((ROOT / "source_docs").glob("*-matrix.md")) + SIBLINGS


def _long_way(v: runtime.Validator, config: dict[str, Any]) -> runtime.Report | str:
    """The report with nothing remembered (a new memo for every configuration), or the error."""
    try:
        sid, facts = v._read(config, None)
        return v._assemble(sid, facts, runtime._Pieces())
    except runtime.ConfigError as exc:
        return exc.message


def _memo_way(v: runtime.Validator, config: dict[str, Any]) -> runtime.Report | str:
    try:
        return v.validate(config)
    except runtime.ConfigError as exc:
        return exc.message


def _values(fact: runtime.Fact) -> list[object]:
    """JSON values for a fact: its kinds' texts as strings and as JSON reads them, the limits'
    own values, bools and the ints equal to them, a float, a list."""
    out: list[object] = [True, False, 1, 0, 1.0, 16, 17, -1, ["x"], None]
    for kind in fact.accepts or ("",):
        for text in VALUES[kind]:
            out.append(text)
            if text.isdigit():
                out.append(int(text))
    out += [x for r in fact.rules.values() for c in r.limits for x in c.values]
    return out


def _configs(v: runtime.Validator, n: int, seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    facts = list(v.facts)
    pools = {f.row: _values(f) for f in facts}
    conditions = [c.name for c in v.data.conditions if c.name is not None]
    scenarios = list(v.scenarios)
    out: list[dict[str, Any]] = []
    for _ in range(n):
        sid = rnd.choice(scenarios)
        given: dict[str, object] = {}
        for f in rnd.sample(facts, rnd.randint(1, min(20, len(facts)))):
            odd = rnd.random() < 0.2
            pool = pools[f.row]
            value = rnd.choice(pool) if odd else rnd.choice(pool[:2] + pool[10:14])
            spelling = f.row
            if rnd.random() < 0.05:
                spelling = rnd.choice([f.key, f.row.rsplit("/", 1)[-1], f.key.upper()])
            given[spelling] = value
            if rnd.random() < 0.01:  # one fact under two names
                given[f.key] = value
        if conditions and rnd.random() < 0.3:
            given[rnd.choice(conditions)] = rnd.choice(["1", "2", 2, "Generation 2", True])
        if rnd.random() < 0.01:
            given["no such fact"] = True
        out.append({"scenario": sid, "facts": given})
    # Names new on every configuration, as inventories have (they pass by their test).
    for i, c in enumerate(out[: n // 4]):
        for f in facts:
            if "name" in f.accepts and rnd.random() < 0.5:
                c["facts"][f.row] = rnd.choice([f"vm-{i:06d}", f"-vm{i}", "x" * (60 + i % 8)])
    return out


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_validate_from_its_memo_gives_the_long_ways_reports(doc: Path) -> None:
    v = _checker(doc)
    configs = _configs(v, 1500, seed=5)
    configs += configs  # the second time round, answered from what the first one remembered
    memo_way = [_memo_way(v, c) for c in configs]
    assert memo_way == [_long_way(v, c) for c in configs]
    reports = [r for r in memo_way if isinstance(r, runtime.Report)]
    assert {r.ok for r in reports} == {True, False}
    assert any(not isinstance(r, runtime.Report) for r in memo_way)  # unusable ones too
    assert sum(len(r.findings) > 1 for r in reports) > 10  # several odd values in one


def test_several_odd_values_keep_the_facts_order_and_true_is_not_1() -> None:
    v = _checker(ROOT / "source_docs" / "hyper-v-azure-support-matrix.md")
    vmm = "hyper-v-with-virtual-machine-manager"
    bad = [f.row for f in v.facts if f.accepts == ("bool",) and f.rules[vmm].status in runtime._BAD]
    good = next(
        f.row for f in v.facts if f.accepts == ("bool",) and f.rules[vmm].status == "supported"
    )
    count = v.resolve_fact("Data disk count")
    for _ in range(2):  # the second time from the memo
        report = v.validate({"scenario": vmm, "facts": {bad[1]: True, good: True, bad[0]: True}})
        assert [f.row for f in report.findings] == [bad[1], bad[0]]
        assert not report.ok
        assert v.validate({"scenario": vmm, "facts": {good: True, count: 1, bad[0]: False}}).ok
    for facts in ({bad[1]: True, good: 1}, {bad[1]: True, count: True}):
        with pytest.raises(runtime.ConfigError, match="takes"):  # 1 == True, yet not a bool
            v.validate({"scenario": vmm, "facts": facts})
    key = v.fact_of_row(good).key
    with pytest.raises(runtime.ConfigError, match="name one fact"):
        v.validate({"scenario": vmm, "facts": {bad[0]: True, good: True, key: True}})
