"""Long runs of one character class in a cell, each against a same-size plain-text cell.

Target (issue 11, point 4): every class compiles within 4x the time of plain text of the same
size, at 10 KB and at 100 KB; a quadratic regex or loop shows as a ratio growing with the size.
tests/test_fuzz.py runs the same documents for correctness (never for time).
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"
ROW = (
    "BitLocker | Not supported | "
    "BitLocker must be disabled before you enable replication for a VM.\n"
)
TARGET = 4.0
SIZES = (10_000, 100_000)

# Each class: the text repeated to fill a cell (pipes escaped: one cell, not thousands).
CLASSES = {
    "plain": "lorem ipsum dolor sit amet ",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "upper-words": "VM OS TB GB ASR VMM SMB ",
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "digits": "0123456789",
    "backticks": "`",
    "brackets": "[",
    "brackets-mixed": "[](){}<>",
    "pipes": "\\|",
    "asterisks": "*",
    "underscores": "_",
    "spaces": " ",
}


def run_of(cls: str, size: int) -> str:
    """`size` characters of the class (spaces between two letters, so the cell is not empty)."""
    unit = CLASSES[cls]
    text = "".join(itertools.islice(itertools.cycle(unit), size))
    return f"a{text}b" if cls == "spaces" else text


def document(cls: str, size: int) -> tuple[str, str]:
    """The reference matrix with one more row whose key, requirement and details cells hold the
    run (keys and cells take different paths through the front end); and the run."""
    text = REFERENCE.read_text(encoding="utf-8")
    assert ROW in text
    run = run_of(cls, size)
    return text.replace(ROW, f"{ROW}Run of {cls} {run} | {run} | {run}\n", 1), run


def timed(cls: str, size: int, repeat: int = 3) -> float:
    from compiler.project.pipeline import compile_text

    text, _ = document(cls, size)
    data = text.encode("utf-8")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        compile_text(text, data, "run.md")
        best = min(best, time.perf_counter() - t0)
        if best > 5.0:  # clearly super-linear: once is enough
            break
    return best


def main() -> int:
    sys.path.insert(0, str(ROOT))
    failed = []
    print(f"character runs vs plain text of the same size (target <= {TARGET}x)")
    for size in SIZES:
        base = timed("plain", size)
        for cls in CLASSES:
            if cls == "plain":
                continue
            ratio = timed(cls, size) / base
            mark = "ok" if ratio <= TARGET else "SLOW"
            print(f"  {size // 1000:>4} KB  {cls:<15} {ratio:6.2f}x  {mark}")
            if ratio > TARGET:
                failed.append(f"{cls}@{size}")
    if failed:
        print(f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
