"""Benchmark: the generated validator against jsonschema and fastjsonschema, and a CSV inventory.

    .venv/bin/python bench/bench_validate.py [--n 100000] [--seed 7]

1. Builds N configurations of the reference matrix for one scenario ("Hyper-V with VMM"), each
   with 5-25 facts drawn from the rows whose checks JSON Schema can state too: features (true/
   false), counts (at, under and over their bounds), VM names (valid and breaking each rule) and
   allowed values. Sizes with units, version floors and conditional limits are left out: the
   input schema cannot compare "40 TB" with a limit, so verdicts could not be identical.
2. Checks every configuration with the generated module (`validate(config).ok`, which builds the
   full findings of every failure), with jsonschema's Draft202012Validator built once, and with
   a fastjsonschema function compiled once, all on the generated input schema; asserts the three
   verdicts are identical, and prints the time of each and the ratios, measured in this one run.
3. Writes an N-row CSV inventory and times `matrixc validate inventory.csv --matrix ...` end to
   end in a subprocess (output to /dev/null), with its peak resident memory, and the generated
   module's `run` over it in process, both against `csv.reader` over the same file.

No target is asserted: the numbers are printed for the reader (README/report).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compiler.cli.validate import load_validator  # noqa: E402
from compiler.emit.input_schema import input_schema  # noqa: E402
from compiler.emit.rules import rule_file  # noqa: E402
from compiler.model.rulefile import RuleFile  # noqa: E402
from compiler.project.pipeline import compile_file  # noqa: E402

REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
SCENARIO = "hyper-v-with-virtual-machine-manager"


def candidates(rf: RuleFile) -> list[tuple[str, str, Any]]:
    """(row id, kind, rule) for every row of the scenario a JSON Schema can check as well."""
    out: list[tuple[str, str, Any]] = []
    for rule in rf.rules:
        if rule.scenario != SCENARIO:
            continue
        kinds = {c.kind for c in rule.constraints}
        if rule.status is not None and not kinds:
            out.append((rule.row, "bool", rule))
        elif rule.status is None and kinds == {"count"} and _bounded(rule):
            out.append((rule.row, "count", rule))
        elif rule.status is None and kinds <= {"length", "charset", "affix"} and kinds:
            out.append((rule.row, "name", rule))
        elif rule.status is None and kinds == {"allowed_values"}:
            out.append((rule.row, "enum", rule))
    return out


def _bounded(rule: Any) -> bool:
    """A count with a bound (a bare quantity states no limit to check)."""
    c = rule.constraints[0]
    return len(rule.constraints) == 1 and (c.maximum is not None or c.minimum is not None)


NAMES = ["web-01", "db1", "a", "x" * 63, "x" * 64, "web_01", "-web", "web-", "", "Srv-2019-A"]


def value(kind: str, rule: Any, rnd: random.Random) -> object:
    if kind == "bool":
        return rnd.random() < 0.7 if rule.status == "supported" else rnd.random() < 0.03
    if kind == "count":
        c = rule.constraints[0]
        bound = c.maximum if c.maximum is not None else c.minimum
        return (
            int(bound) + rnd.choice([-1, 0, 0, 0, 0, 0, 0, 1]) if rnd.random() < 0.2 else int(bound)
        )
    if kind == "name":
        return rnd.choice(NAMES) if rnd.random() < 0.2 else "vm-" + str(rnd.randrange(10**6))
    values = rule.constraints[0].values
    return rnd.choice(values) if rnd.random() < 0.97 else "Something else"


def configs(rf: RuleFile, n: int, seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    pool = candidates(rf)
    out = []
    for _ in range(n):
        picked = rnd.sample(pool, rnd.randint(5, min(25, len(pool))))
        out.append({"scenario": SCENARIO, "facts": {row: value(k, r, rnd) for row, k, r in picked}})
    return out


def timed(label: str, fn: Any, items: list[dict[str, Any]]) -> tuple[float, list[bool]]:
    start = time.perf_counter()
    verdicts = [fn(c) for c in items]
    elapsed = time.perf_counter() - start
    print(f"  {label:<34} {elapsed:8.3f} s  {elapsed / len(items) * 1e6:8.2f} µs/config")
    return elapsed, verdicts


def bench_validators(rf: RuleFile, n: int, seed: int) -> dict[str, float]:
    import fastjsonschema
    from jsonschema import Draft202012Validator

    module = load_validator(rf)
    schema = input_schema(rf)
    items = configs(rf, n, seed)
    jsv = Draft202012Validator(schema)
    fast = fastjsonschema.compile(schema)

    def fast_ok(c: dict[str, Any]) -> bool:
        try:
            fast(c)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    validate = module.validate
    findings = 0

    def ours(c: dict[str, Any]) -> bool:
        nonlocal findings
        report = validate(c)
        findings += len(report.findings)
        return bool(report.ok)

    print(f"{n} configurations of {rf.id}, scenario {SCENARIO} (seed {seed})")
    t_ours, v_ours = timed("generated validator (full findings)", ours, items)
    t_fast, v_fast = timed("fastjsonschema (compiled once)", fast_ok, items)
    t_js, v_js = timed("jsonschema Draft202012 (built once)", jsv.is_valid, items)
    failing = v_ours.count(False)
    print(f"  {failing} fail, {n - failing} pass; {findings} findings from the generated validator")
    mismatches = [i for i in range(n) if not v_ours[i] == v_fast[i] == v_js[i]]
    if mismatches:
        i = mismatches[0]
        raise SystemExit(
            f"verdicts differ on {len(mismatches)} configurations, e.g. {items[i]}: "
            f"ours {v_ours[i]}, fastjsonschema {v_fast[i]}, jsonschema {v_js[i]}"
        )
    print("  verdicts identical across all three")
    print(f"  speed-up: {t_js / t_ours:6.1f}x jsonschema, {t_fast / t_ours:6.1f}x fastjsonschema")
    return {"ours": t_ours / n, "fast": t_fast / n, "jsonschema": t_js / n}


def bench_inventory(rf: RuleFile, n: int, seed: int) -> dict[str, float]:
    items = configs(rf, n, seed + 1)
    columns = sorted({row for c in items for row in c["facts"]})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name", "scenario", *columns])
            for i, c in enumerate(items):
                facts = c["facts"]
                writer.writerow(
                    [f"vm{i}", "Hyper-V with VMM", *(_cell(facts.get(col)) for col in columns)]
                )
        module = load_validator(rf)
        start = time.perf_counter()
        with open(os.devnull, "w", encoding="utf-8") as sink:
            module.run([str(path)], out=sink, err=sink)
        in_process = time.perf_counter() - start
        matrixc = Path(sys.executable).parent / "matrixc"
        command = [str(matrixc), "validate", str(path), "--matrix", str(REFERENCE)]
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, cwd=ROOT
        )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"matrixc validate, {n}-row CSV inventory ({path.stat().st_size / 1e6:.1f} MB):")
        print(f"  {elapsed:.2f} s end to end, peak RSS {peak:.0f} MB, exit {done.returncode}")
        if done.returncode == 2:
            print(done.stderr.decode()[-2000:])
        start = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as fh:
            for _ in csv.reader(fh):
                pass
        reader = time.perf_counter() - start
        print(f"  csv.reader over the same file: {reader:.2f} s")
        print(
            f"  ratio to csv.reader: {in_process / reader:.1f}x in process (module.run, "
            f"{in_process:.2f} s), {elapsed / reader:.1f}x end to end (target 2.5x)"
        )
        return {"seconds": elapsed, "peak_mb": peak, "csv_reader": reader, "in_process": in_process}


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def results(n: int = 100_000, seed: int = 7) -> list[dict[str, Any]]:
    """Rows of bench/run.py's table (issue 15) from this script's figures."""
    rf = rule_file(compile_file(REFERENCE))
    v = bench_validators(rf, n, seed)
    inv = bench_inventory(rf, n, seed)
    return [
        {
            "id": "validator.fastjsonschema",
            "value": v["fast"] / v["ours"],
            "target": 10.0,
            "better": "higher",
            "figure": f"{v['ours'] * 1e6:.1f} µs a config",
            "baseline": f"fastjsonschema {v['fast'] * 1e6:.1f} µs",
        },
        {
            "id": "inventory.100k",
            "value": inv["seconds"] / inv["csv_reader"],
            "target": 2.5,
            "better": "lower",
            "figure": f"{inv['seconds']:.2f} s, {inv['peak_mb']:.0f} MB",
            "baseline": f"csv.reader {inv['csv_reader']:.2f} s",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-inventory", action="store_true")
    args = parser.parse_args()
    rf = rule_file(compile_file(REFERENCE))
    bench_validators(rf, args.n, args.seed)
    if not args.skip_inventory:
        bench_inventory(rf, args.n, args.seed)


if __name__ == "__main__":
    main()
