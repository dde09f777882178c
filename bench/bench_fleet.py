"""Benchmark: fleet impact (`matrixc diff OLD NEW --inventory FILE`) against one `validate`.

    .venv/bin/python bench/bench_fleet.py [--n 100000] [--seed 7] [--repeat 1]

Writes an N-row CSV inventory of the reference matrix (the configurations bench_validate.py
draws: 5-25 facts each, some at or over their limits, in "Hyper-V with VMM"), then times, end
to end in subprocesses with output to /dev/null, in this one run:

- `matrixc validate inventory.csv --matrix OLD` (the baseline: one check of the inventory,
  against the revision it was written for: NEW has no row for one of its columns), and
- `matrixc diff OLD NEW --inventory inventory.csv` (both revisions' validators built, the
  inventory read once and checked against both, the changed configurations reported),

where OLD is the reference revision (2024-12-19) and NEW its 2026-09-11 successor, which
removes a row the inventory states and tightens limits, so configurations really change.
Prints the ratio; issue 12's target is <= 3x. The best of `--repeat` runs of each is taken.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HISTORY = ROOT / "source_docs" / "history" / "hyper-v-azure-support-matrix"
OLD = HISTORY / "2024-12-19__d5197e9e.md"
NEW = HISTORY / "2026-09-11__75b454b6.md"
TARGET = 3.0


def _bench_validate() -> Any:
    """bench_validate.py's configuration generator (one definition of the inventory's rows)."""
    spec = importlib.util.spec_from_file_location(
        "bench_validate", ROOT / "bench" / "bench_validate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_inventory(path: Path, n: int, seed: int) -> None:
    from compiler.emit.rules import rule_file
    from compiler.project.pipeline import compile_file

    bv = _bench_validate()
    items = bv.configs(rule_file(compile_file(OLD)), n, seed)
    columns = sorted({row for c in items for row in c["facts"]})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "scenario", *columns])
        for i, c in enumerate(items):
            facts = c["facts"]
            writer.writerow(
                [f"vm{i}", "Hyper-V with VMM", *(bv._cell(facts.get(col)) for col in columns)]
            )


def timed(command: list[str], repeat: int) -> tuple[float, int, str]:
    """Best wall time of `repeat` runs, the exit code and the tail of stderr."""
    best = float("inf")
    code, err = 0, ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, cwd=ROOT
        )
        best = min(best, time.perf_counter() - start)
        code, err = done.returncode, done.stderr.decode(errors="replace")[-500:]
    return best, code, err


def measure(n: int, seed: int, repeat: int) -> dict[str, float]:
    matrixc = str(Path(sys.executable).parent / "matrixc")
    with tempfile.TemporaryDirectory() as tmp:
        inventory = Path(tmp) / "inventory.csv"
        write_inventory(inventory, n, seed)
        validate = [matrixc, "validate", str(inventory), "--matrix", str(OLD)]
        fleet = [matrixc, "diff", str(OLD), str(NEW), "--inventory", str(inventory)]
        counted = [*fleet, "--format", "json"]
        t_validate, code_v, err_v = timed(validate, repeat)
        t_fleet, code_f, err_f = timed(fleet, repeat)
        if code_v == 2 or code_f not in (0, 1):
            raise SystemExit(f"a run failed: validate {code_v} {err_v!r}, diff {code_f} {err_f!r}")
        import json

        out = subprocess.run(counted, capture_output=True, check=False, cwd=ROOT).stdout
        summary = json.loads(out)["summary"]
    print(f"{n}-row CSV inventory ({inventory.name}), {OLD.name} -> {NEW.name}:")
    print(f"  matrixc validate --matrix OLD     {t_validate:7.2f} s (exit {code_v})")
    print(f"  matrixc diff OLD NEW --inventory  {t_fleet:7.2f} s (exit {code_f})")
    changed = {k: summary[k] for k in ("newly_failing", "newly_passing", "findings_changed")}
    print(f"  configurations changed: {changed}, unchanged {summary['unchanged']}")
    ratio = t_fleet / t_validate
    print(f"  ratio {ratio:.2f}x (target <= {TARGET}x)")
    return {"validate": t_validate, "fleet": t_fleet, "ratio": ratio}


def results(n: int = 100_000, seed: int = 7) -> list[dict[str, Any]]:
    """bench/run.py's row: diff --inventory vs one validate of the same inventory."""
    m = measure(n, seed, 1)
    return [
        {
            "id": "fleet.100k",
            "value": m["ratio"],
            "target": TARGET,
            "better": "lower",
            "figure": f"{m['fleet']:.2f} s",
            "baseline": f"validate {m['validate']:.2f} s",
        }
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    m = measure(args.n, args.seed, args.repeat)
    return 0 if m["ratio"] <= TARGET else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
