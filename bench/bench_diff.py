"""Benchmark of the semantic diff (issues 4 and 15): run `python bench/bench_diff.py`.

Budgets, measured in one process:
- the whole history (all consecutive pairs of the seven revisions, parse included) <= 1 s;
- diffing two already-built models costs <= 0.5x parsing (compiling) them;
- linear growth: diff + every renderer (text, markdown, json) of the reference body repeated
  x10, x100, x1000 against a copy with 1 % of its rows changed, printed in microseconds per
  row; at x1000 (about 93,000 rows) diff + renderers <= 1x compiling one side.
Exit status 1 when a budget is exceeded. Timings are the best of REPEAT runs after one warm-up,
plus the cold first run (imports included) for the record. `--sizes 10,100` runs fewer sizes.
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
SCALE_BUDGET = 1.0  # diff + renderers of the x1000 pair vs compiling one side
REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"


def scaled(times: int) -> tuple[str, str]:
    """The reference body `times` over, and a copy with every 100th table row re-worded."""
    text = REFERENCE.read_text(encoding="utf-8")
    head, _, body = text.partition("\n# ")
    old = head + "\n# " + body + ("\n" + body.split("\n", 1)[1]) * (times - 1)
    lines = old.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if line.count("|") >= 2 and not set(line) <= set("|-: "):
            seen += 1
            if seen % 100 == 0:
                lines[i] = line.replace("Yes", "No", 1) if "Yes" in line else line + " Changed."
    return old, "\n".join(lines)


def measure_scale(times: int) -> dict[str, float]:
    """Compile one side, then diff + each renderer of the pair `scaled(times)`, in seconds."""
    import gc

    from compiler.diff.engine import _words, diff
    from compiler.diff.render import render_json, render_markdown, render_text
    from compiler.emit.rules import rule_file
    from compiler.project.pipeline import compile_text

    old_text, new_text = scaled(times)
    start = time.perf_counter()
    a = rule_file(compile_text(old_text, old_text.encode(), "old.md"))
    compile_s = time.perf_counter() - start
    b = rule_file(compile_text(new_text, new_text.encode(), "new.md"))
    gc.collect()
    repeat = 3 if times < 1000 else 1
    _words.cache_clear()
    out = {"compile": compile_s, "diff": best(lambda: diff(a, b), repeat)}
    changes = diff(a, b)
    out["text"] = best(lambda: render_text(changes), repeat)
    out["markdown"] = best(lambda: render_markdown(changes), repeat)
    out["json"] = best(lambda: render_json(changes), repeat)
    out["rows"] = len({r.row for r in b.rules})
    out["changes"] = len(changes)
    out["total"] = out["diff"] + out["text"] + out["markdown"] + out["json"]
    return out


def scaling(sizes: list[int]) -> bool:
    """Diff + renderers per row at each size; the largest pair against one compile."""
    ok = True
    print("scale  rows     compile one side  diff      text     markdown  json     per row")
    for times in sizes:
        m = measure_scale(times)
        print(
            f"x{times:<5} {m['rows']:<8.0f} {m['compile'] * 1000:10.0f} ms    "
            f"{m['diff'] * 1000:7.0f} ms {m['text'] * 1000:6.0f} ms {m['markdown'] * 1000:7.0f} ms "
            f"{m['json'] * 1000:6.0f} ms {m['total'] / m['rows'] * 1e6:6.1f} µs  "
            f"({m['changes']:.0f} changes)"
        )
        if times == max(sizes) and times >= 1000:
            ratio = m["total"] / m["compile"]
            print(
                f"x{times} diff + renderers / compile one side: {ratio:.2f}  budget {SCALE_BUDGET}"
            )
            ok = ratio <= SCALE_BUDGET
    return ok


def results(sizes: tuple[int, ...] = (10, 100, 1000)) -> list[dict[str, object]]:
    """bench/run.py's row: diff + renderers of the x1000 pair against compiling one side, with
    the time per row at each size (linear growth keeps it flat)."""
    measured = {times: measure_scale(times) for times in sizes}
    top = measured[max(sizes)]
    per_row = ", ".join(
        f"x{t}: {m['total'] / m['rows'] * 1e6:.1f} µs/row" for t, m in measured.items()
    )
    return [
        {
            "id": "diff.x1000",
            "value": top["total"] / top["compile"],
            "target": SCALE_BUDGET,
            "better": "lower",
            "figure": f"{top['total']:.2f} s ({per_row})",
            "baseline": f"compile one side {top['compile']:.2f} s",
        }
    ]


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
    sizes = [10, 100, 1000]
    if "--sizes" in sys.argv:
        sizes = [int(x) for x in sys.argv[sys.argv.index("--sizes") + 1].split(",")]
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
    ok = scaling(sizes) and ok
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
