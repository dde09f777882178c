"""The memoised paths of the validator runtime give exactly what the long way gives.

A CSV inventory is checked from per-column memos of each cell's findings (its "piece"), and
`validate` remembers each (name, type, value)'s piece; both must agree with the long way (a facts
dict checked fact by fact) on passing and failing rows, on every kind of fact the corpus matrices
have (features, counts, sizes, rates, versions, names, allowed values, free text, conditional
limits and the facts conditions read), and on rows that cannot be checked at all.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

from compiler.emit import runtime
from compiler.emit.facts import matrix_facts
from compiler.emit.rules import rule_file
from compiler.emit.validator import data_lines
from compiler.project.pipeline import compile_file

from .conftest import ROOT

MATRICES = sorted((ROOT / "source_docs").glob("*-matrix.md"))

# Values per kind of fact: ones that pass, ones that break a limit, ones of the wrong type.
VALUES = {
    "bool": ["true", "false", "yes", "no", "1", "0", "maybe", " True "],
    "count": ["0", "1", "2", "16", "17", "64", "100000", "-1", "3.5", "many", "007"],
    "size": ["40 TB", "4095 GiB", "512 MB", "3 TB", "1 TB", "40", "2 XB", "33 TB", "0 GB"],
    "rate": ["54 MB/s", "10 MBps", "5000 MB/s", "fast"],
    "version": ["3.3.0", "1.0", "10.2.1", "2", "0.9.1", "x"],
    "name": ["web-01", "db1", "a", "x" * 63, "x" * 64, "web_01", "-web", "web-", "Srv-2019-A"],
    "enum": ["Generation 1", "Generation 2", "Something else", "ntfs", "ReFS", "VHDX"],
    "": ["anything", "true", "5", "Generation 2"],
}


def _data(doc: Path) -> list[str]:
    return data_lines(matrix_facts(rule_file(compile_file(doc))))


def _checker(doc: Path) -> runtime.Validator:
    return runtime.Validator.from_lines(_data(doc))


def _inventory(
    v: runtime.Validator, n: int, seed: int, nameless: float = 0.1
) -> tuple[list[str], list[list[str]]]:
    """A header (name, scenario, every fact, every condition) and n rows of mixed values."""
    rnd = random.Random(seed)
    columns = [f.row for f in v.facts] + [c.fact for c in v.data.conditions]
    by_row = {f.row: f for f in v.facts}
    scenarios = [*(s.label for s in v.scenarios.values()), *v.scenarios, "", "No such scenario"]
    linked = [
        f.row for f in v.facts for r in f.rules.values() if any(c.condition for c in r.limits)
    ] + [c.fact for c in v.data.conditions]

    def value(column: str) -> str:
        fact = by_row.get(column)
        kinds = (fact.accepts or ("",)) if fact else ("count", "enum")
        pool = [x for k in kinds for x in VALUES[k]]
        if fact:
            pool += [x for r in fact.rules.values() for c in r.limits for x in c.values]
        return rnd.choice(pool)

    rows = []
    for i in range(n):
        given = set(rnd.sample(columns, rnd.randint(0, min(10, len(columns)))))
        given |= {c for c in linked if rnd.random() < 0.5}  # conditional limits and conditions
        name = f"vm{i % 37}" if rnd.random() >= nameless else ""
        rows.append(
            [name, rnd.choice(scenarios), *(value(c) if c in given else "" for c in columns)]
        )
    return ["name", "scenario", *columns], rows


def _write(
    v: runtime.Validator, tmp_path: Path, header: list[str], rows: list[list[str]]
) -> tuple[Path, Path]:
    """The inventory as CSV and as JSON Lines of the same configurations, where cells that
    read as JSON values ("true", "16") are written as those values."""
    readers = {f.row: v._cell_reader(f.row) for f in v.facts}
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    (tmp_path / "fleet.csv").write_text(buf.getvalue(), encoding="utf-8")
    lines = []
    for row in rows:
        given = zip(header[2:], row[2:], strict=True)
        obj: dict[str, object] = {
            "facts": {h: readers.get(h, str)(c) for h, c in given if c.strip()}
        }
        if row[0]:
            obj["name"] = row[0]
        if row[1]:
            obj["scenario"] = row[1]
        lines.append(json.dumps(obj) + "\n")
    (tmp_path / "fleet.jsonl").write_text("".join(lines), encoding="utf-8")
    return tmp_path / "fleet.csv", tmp_path / "fleet.jsonl"


def _long_way(v: runtime.Validator, config: dict[str, object]) -> runtime.Report | str:
    """The report of a fresh validator (nothing remembered), or the error message."""
    try:
        return v.validate(config)
    except runtime.ConfigError as exc:
        return exc.message


@pytest.mark.parametrize("doc", MATRICES, ids=lambda p: p.stem)
def test_the_csv_lane_and_the_memo_give_the_long_ways_reports(doc: Path, tmp_path: Path) -> None:
    v = _checker(doc)
    header, rows = _inventory(v, 400, seed=11)
    rows += rows[:200]  # repeated rows are answered from the memos
    csv_path, _ = _write(v, tmp_path, header, rows)
    outcomes = list(v.check_all(v.read_configs(str(csv_path))))
    lane = [o.report if o.report is not None else o.error for o in outcomes]

    data = _data(doc)
    fresh = runtime.Validator.from_lines(data)
    long_way = []
    for row in rows:
        if not "".join(row).strip():
            continue  # a blank row is no configuration
        reader = {f.row: fresh._cell_reader(f.row) for f in fresh.facts}
        facts = {
            h: reader.get(h, str)(c) for h, c in zip(header[2:], row[2:], strict=True) if c.strip()
        }
        config: dict[str, object] = {"facts": facts, "name": row[0]}
        if row[1]:
            config["scenario"] = row[1]
        # a new validator per row: its memo never answers, every fact goes the long way
        long_way.append(
            _long_way(runtime.Validator.from_lines(data) if len(long_way) < 40 else fresh, config)
        )
    assert lane == long_way
    kinds = {type(x).__name__ for x in lane}
    assert kinds == {"Report", "str"}  # checked rows and unusable ones
    reports = [r for r in lane if isinstance(r, runtime.Report)]
    assert {r.ok for r in reports} == {True, False}
    conditional = [
        i for i, h in enumerate(header) for f in v.facts if f.row == h and _conditional(f)
    ]
    assert any(row[i] for row in rows for i in conditional)  # limits that read other facts


def _conditional(fact: runtime.Fact) -> bool:
    return any(c.condition for r in fact.rules.values() for c in r.limits)


@pytest.mark.parametrize("doc", MATRICES, ids=lambda p: p.stem)
def test_csv_and_json_lines_inventories_write_the_same_reports(doc: Path, tmp_path: Path) -> None:
    v = _checker(doc)
    header, rows = _inventory(v, 300, seed=5, nameless=0)  # CSV says 'row N', JSON Lines 'line N'
    csv_path, jsonl_path = _write(v, tmp_path, header, rows)
    for fmt in ("text", "json", "sarif", "junit"):
        written = {}
        for path in (csv_path, jsonl_path):
            out, err = io.StringIO(), io.StringIO()
            code = v.run([str(path)], fmt=fmt, out=out, err=err)
            text = re.sub(rf"{re.escape(str(path))}:\d+", "FILE", out.getvalue())  # a row's line
            written[path.suffix] = (code, text.replace(path.name, "FILE"))
        assert written[".csv"][0] == written[".jsonl"][0] == 2  # some rows are unusable
        if fmt in ("text", "junit"):
            assert written[".csv"] == written[".jsonl"], fmt
            continue
        # a CSV row is on the line after its JSON Lines twin (the header): the rest is equal
        a, b = (_unplaced(json.loads(written[k][1])) for k in (".csv", ".jsonl"))
        assert a == b, fmt


def _unplaced(report: object) -> object:
    """A JSON or SARIF report without where each configuration was (the file, the line)."""
    if isinstance(report, dict):
        return {
            k: _unplaced(x)
            for k, x in report.items()
            if k not in ("where", "locations", "partialFingerprints")
        }
    if isinstance(report, list):
        return [_unplaced(x) for x in report]
    return report


def test_the_json_report_is_what_json_dumps_writes(tmp_path: Path) -> None:
    v = _checker(ROOT / "source_docs" / "hyper-v-azure-support-matrix.md")
    header, rows = _inventory(v, 200, seed=2)
    rows.append(['caf\u00e9 \u2028\t "q" \\', "Hyper-V with VMM", *[""] * (len(header) - 2)])
    csv_path, _ = _write(v, tmp_path, header, rows)
    outcomes = list(v.check_all(v.read_configs(str(csv_path))))
    out = io.StringIO()
    runtime.write_json(v, outcomes, out, runtime.Summary(v.labels))
    lines = out.getvalue().split("\n")[1:-2]
    for o, line in zip(outcomes, lines, strict=True):
        entry: dict[str, object] = {"name": o.name, "where": o.where}
        if o.report is None:
            entry.update(ok=False, error=o.error, findings=[], scenario=None)
        else:
            entry.update(o.report.to_dict())
        assert line.rstrip(",").strip() == json.dumps(entry, sort_keys=True, ensure_ascii=False)


def test_a_value_equal_to_a_remembered_one_of_another_type_is_judged_anew() -> None:
    v = _checker(ROOT / "source_docs" / "hyper-v-azure-support-matrix.md")
    vmm = "hyper-v-with-virtual-machine-manager"
    feature = next(
        f.row for f in v.facts if f.accepts == ("bool",) and f.rules[vmm].status == "supported"
    )
    count = v.resolve_fact("Data disk count")
    assert v.validate({"scenario": vmm, "facts": {feature: True, count: 1}}).ok
    for facts in ({feature: 1}, {count: True}, {feature: 1.0}):
        with pytest.raises(runtime.ConfigError, match="takes"):  # 1 == True, yet not a bool
            v.validate({"scenario": vmm, "facts": facts})
    # one fact under two names: an error, even when each name alone is remembered as passing
    key = v.fact_of_row(feature).key
    assert v.validate({"scenario": vmm, "facts": {key: True}}).ok
    with pytest.raises(runtime.ConfigError, match="name one fact"):
        v.validate({"scenario": vmm, "facts": {feature: True, key: True}})


def test_a_cell_passing_in_one_column_is_judged_anew_in_a_column_that_differs(
    tmp_path: Path,
) -> None:
    """Columns whose cells pass alike share one set of passing cells: "true" known to pass in
    a supported feature's column must not pass in an unsupported one's, nor "yes" in it."""
    v = _checker(ROOT / "source_docs" / "hyper-v-azure-support-matrix.md")
    vmm = "hyper-v-with-virtual-machine-manager"

    def bools(status: str) -> list[str]:
        return [
            f.row
            for f in v.facts
            if f.accepts == ("bool",)
            and vmm in f.rules
            and f.rules[vmm].status == status
            and not any(c.subject for c in f.rules[vmm].limits)
        ]

    yes, also = bools("supported")[:2]
    no = bools("not_supported")[0]
    header = ["name", "scenario", yes, also, no]
    rows = [
        ["a", vmm, "true", "", ""],
        ["b", vmm, "", "true", ""],
        ["c", vmm, "", "", "true"],
        ["d", vmm, "yes", "No", "no"],
        ["e", vmm, "", "", "yes"],
        ["f", vmm, "", "", " false "],
        ["g", vmm, "maybe", "", ""],
    ]
    path = tmp_path / "fleet.csv"
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert v.run([str(path)], out=out, err=err) == 2  # 'maybe' is no true/false
    lines = out.getvalue().splitlines()
    verdicts = {x.split()[1]: x.split()[0] for x in lines if x.startswith(("PASS ", "FAIL "))}
    assert verdicts == {
        "a": "PASS",
        "b": "PASS",
        "c": "FAIL",
        "d": "PASS",
        "e": "FAIL",
        "f": "PASS",
    }
    assert "g: fact" in err.getvalue()
