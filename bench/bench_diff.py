"""Benchmark of the semantic diff (issue 4): run `python bench/bench_diff.py`.

Budgets, measured in one process:
- the whole history (all consecutive pairs of the seven revisions, parse included) <= 1 s;
- diffing two already-built models costs <= 0.5x parsing (compiling) them.
Exit status 1 when a budget is exceeded. Timings are the best of REPEAT runs after one warm-up,
plus the cold first run (imports included) for the record.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REVISIONS = sorted((ROOT / "source_docs" / "history" / "hyper-v-azure-support-matrix").glob("*.md"))
REPEAT = 5
HISTORY_BUDGET_S = 1.0
DIFF_TO_PARSE_BUDGET = 0.5


def whole_history() -> int:
    """Compile every revision and diff each consecutive pair; returns the number of changes."""
    from compiler import diff_matrices
    from compiler.project.pipeline import compile_file

    matrices = [compile_file(p) for p in REVISIONS]
    return sum(len(diff_matrices(a, b)) for a, b in itertools.pairwise(matrices))


def best(fn: object, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    start = time.perf_counter()
    changes = whole_history()
    cold = time.perf_counter() - start

    from compiler import diff_matrices
    from compiler.diff.engine import _words
    from compiler.project.pipeline import compile_file

    warm = best(whole_history)
    pairs = list(itertools.pairwise(REVISIONS))
    parse_total = 0.0
    diff_total = 0.0
    for old, new in pairs:
        parse_total += best(lambda o=old, n=new: (compile_file(o), compile_file(n)))
        a, b = compile_file(old), compile_file(new)
        # The key-normalization memo is cleared before each run: no credit for repeated pairs.
        diff_total += best(lambda a=a, b=b: (_words.cache_clear(), diff_matrices(a, b)))
    ratio = diff_total / parse_total
    print(f"revisions: {len(REVISIONS)}, pairs: {len(pairs)}, changes found: {changes}")
    print(f"whole history, cold (imports included): {cold * 1000:7.1f} ms")
    budget = f"budget {HISTORY_BUDGET_S * 1000:.0f} ms"
    print(f"whole history, warm (best of {REPEAT}):      {warm * 1000:7.1f} ms  {budget}")
    print(f"parse both sides, all pairs:            {parse_total * 1000:7.1f} ms")
    print(f"diff built models, all pairs:           {diff_total * 1000:7.1f} ms")
    print(f"diff / parse:                           {ratio:7.2f}     budget {DIFF_TO_PARSE_BUDGET}")
    ok = cold <= HISTORY_BUDGET_S and ratio <= DIFF_TO_PARSE_BUDGET
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
