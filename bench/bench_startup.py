"""Start-up: the wall time of short commands, as ratios against baselines of the same run.

    .venv/bin/python bench/bench_startup.py

Targets (issue 15, point 4):
- `matrixc parse FILE` <= 5x `python -c pass` (the same interpreter);
- `matrixc validate CONFIG --matrix ID` <= 2x running generated/validators/ID.py on the same
  configuration directly (both print the same report; checked here).
`matrixc --help` and `matrixc check` (nothing changed) are recorded against `python -c pass`.
Each figure is the median of 9 runs; `python -X importtime` shows where a command's time goes.

`matrixc parse` of an unchanged file is answered from its cache (compiler/cli/parse_cache.py:
keyed on the file, the project's pyproject.toml files and the code), in a scratch cache folder
here, filled by the warm-up run. Recorded beside it: the same parse with the cache off
(`startup.parse.cold`) and the floor of any parse that builds the model, `python -c "from
pydantic import BaseModel"` (`startup.pydantic`). The package's bytecode is compiled first, as
`pip install` leaves it: an editable install under PYTHONDONTWRITEBYTECODE=1 has none, and
every command would then compile the package's source again.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MATRIX = "hyper-v-azure-support-matrix"
REFERENCE = ROOT / "source_docs" / f"{MATRIX}.md"
sys.path.insert(0, str(ROOT))
from compiler.model.names import module_name  # noqa: E402 - after the path it is found on

VALIDATOR = ROOT / "generated" / "validators" / f"{module_name(MATRIX)}.py"
# The README's example configuration: one limit and one naming rule broken.
CONFIG = {"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 17, "VM name": "web_01"}}
REPEAT = 9


def wall(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Median wall time of a command run from the project root, and its last run."""
    times = []
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), done


def results() -> list[dict[str, Any]]:
    """Issue 15's start-up rows; see the module docstring."""
    python = sys.executable
    matrixc = str(Path(python).with_name("matrixc"))
    subprocess.run(
        [matrixc, "build", "--no-site", "-q"], cwd=ROOT, capture_output=True, check=False
    )
    subprocess.run(
        [python, "-m", "compileall", "-q", str(ROOT / "compiler")], capture_output=True, check=True
    )
    bare, _ = wall([python, "-c", "pass"])
    with tempfile.TemporaryDirectory() as cache:
        parse, done = wall(
            [matrixc, "parse", str(REFERENCE)], env={**os.environ, "MATRIXC_CACHE_DIR": cache}
        )
    if done.returncode != 0:
        raise SystemExit(f"matrixc parse failed: {done.stderr.decode()}")
    cold, by_parse = wall(
        [matrixc, "parse", str(REFERENCE)], env={**os.environ, "MATRIXC_CACHE": "off"}
    )
    if by_parse.stdout != done.stdout:
        raise SystemExit("matrixc parse from its cache and without it disagree")
    pydantic, _ = wall([python, "-c", "from pydantic import BaseModel"])
    helped, _ = wall([matrixc, "--help"])
    checked, _ = wall([matrixc, "check"])
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "vm.json"
        config.write_text(json.dumps(CONFIG), encoding="utf-8")
        direct, by_file = wall([python, str(VALIDATOR), str(config)])
        ours, by_cli = wall([matrixc, "validate", str(config), "--matrix", MATRIX])
    if (by_cli.returncode, by_cli.stdout) != (by_file.returncode, by_file.stdout):
        raise SystemExit(
            "matrixc validate and the generated validator disagree:\n"
            f"{by_cli.stdout.decode()}{by_cli.stderr.decode()}\n---\n{by_file.stdout.decode()}"
        )
    ms = lambda s: f"{s * 1e3:.0f} ms"  # noqa: E731
    print(
        f"python -c pass {ms(bare)}; matrixc --help {ms(helped)}, check {ms(checked)}, "
        f"parse {ms(parse)} (cache off {ms(cold)}; pydantic's import alone {ms(pydantic)}); "
        f"validate {ms(ours)} vs the validator directly {ms(direct)}",
        flush=True,
    )
    return [
        {
            "id": "startup.parse",
            "value": parse / bare,
            "target": 5.0,
            "better": "lower",
            "figure": f"{ms(parse)} (unchanged file: from the parse cache)",
            "baseline": f"python -c pass {ms(bare)}",
        },
        {
            "id": "startup.validate",
            "value": ours / direct,
            "target": 2.0,
            "better": "lower",
            "figure": ms(ours),
            "baseline": f"python {VALIDATOR.name} {ms(direct)}",
        },
        {
            "id": "startup.parse.cold",
            "measure": "`matrixc parse FILE` with its cache off vs `python -c pass`",
            "value": cold / bare,
            "target": None,
            "figure": ms(cold),
            "baseline": f"python -c pass {ms(bare)}",
        },
        {
            "id": "startup.pydantic",
            "measure": "the floor of a parse that builds the model: importing pydantic's BaseModel",
            "value": pydantic / bare,
            "target": None,
            "figure": ms(pydantic),
            "baseline": f"python -c pass {ms(bare)}",
        },
        {
            "id": "startup.help",
            "measure": "`matrixc --help` wall vs `python -c pass`",
            "value": helped / bare,
            "target": None,
            "figure": ms(helped),
            "baseline": f"python -c pass {ms(bare)}",
        },
        {
            "id": "startup.check",
            "measure": "`matrixc check` (nothing changed) wall vs `python -c pass`",
            "value": checked / bare,
            "target": None,
            "figure": ms(checked),
            "baseline": f"python -c pass {ms(bare)}",
        },
    ]


def main() -> int:
    failed = 0
    for row in results():
        target = row["target"]
        ok = target is None or row["value"] <= target
        failed += not ok
        goal = "" if target is None else f"(target <= {target})  {'OK' if ok else 'MISS'}"
        print(f"{row['id']:<18} {row['value']:6.2f}x  {row['figure']}; {row['baseline']}  {goal}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
