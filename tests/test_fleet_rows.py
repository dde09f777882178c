"""Fleet impact on CSV rows: each revision's CSV lane says what its `validate` says of the row.

`Fleet.run` checks a CSV inventory's rows through each revision's own lane (per-cell memos
over the columns that revision knows); any other configuration goes the long way, a facts
dict validated by each revision. The inventory here has a column for every row of the
2024-12-19 and 2026-09-11 revisions of the reference matrix (../shared/corpus), so some
columns are known to one revision only, cells drawn from values those rows' limits and
statuses speak of (and some no fact takes), and scenario cells that are empty or unknown:
the same rows as plain configurations must give the same impacts, counts and errors.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compiler.project.fleet import Fleet, Impact, Summary
from compiler.project.history import load_side

from .conftest import REVISIONS

R2024, R2026 = (str(REVISIONS[i]) for i in (4, 5))

CELLS = [
    "true", "false", "yes", "no", "maybe", "0", "1", "2", "8", "16", "17", "64", "1024",
    "4 TB", "40 TB", "32 TB", "1 TB", "1 GiB", "4,095 GiB", "Windows Server 2025",
    "Windows Server 2016", "Linux", "web-01", "x" * 70, "-web", "  16  ",
]  # fmt: skip


def inventory(path: Path, rows: int, seed: int) -> Path:
    """A CSV inventory over every fact column of both revisions (and 'generation')."""
    old, new = load_side(R2024), load_side(R2026)
    columns = [*sorted({r.row for r in old.rules} | {r.row for r in new.rules}), "generation"]
    labels = sorted({s.label for s in old.scenarios} | {s.label for s in new.scenarios})
    scenarios = [*labels, *labels, "", "Hyper-V on Mars"]
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "scenario", *columns])
        for i in range(rows):
            cells = [rnd.choice(CELLS) if rnd.random() < 0.04 else "" for _ in columns]
            if i % 7 == 0:  # a row within every limit of both more often than not
                cells = ["" if c not in ("true", "1", "2") else c for c in cells]
            writer.writerow([f"vm{i}", rnd.choice(scenarios), *cells])
    return path


class Plain:
    """An Item whose configuration is a plain dict: checked the long way."""

    def __init__(self, item: Any) -> None:
        self.name, self.where, self.error = item.name, item.where, item.error
        self.config = None if item.config is None else dict(item.config)


def impacts(
    path: Path, scenario: str | None, plain: bool
) -> tuple[list[Impact], dict[str, Any], int, str]:
    fleet = Fleet(load_side(R2024), load_side(R2026))
    items: Iterator[Any] = fleet.items([str(path)], scenario, {})
    if plain:
        items = (Plain(item) for item in items)
    summary, err = Summary(), io.StringIO()
    found = list(fleet.run(items, scenario, summary, err))
    return found, summary.to_dict(), summary.unusable_both, err.getvalue()


@pytest.mark.parametrize("scenario", [None, "Hyper-V with VMM"])
def test_csv_rows_get_the_verdicts_of_plain_configurations(
    tmp_path: Path, scenario: str | None
) -> None:
    path = inventory(tmp_path / "fleet.csv", 600, seed=15)
    lanes = impacts(path, scenario, plain=False)
    long_way = impacts(path, scenario, plain=True)
    assert lanes == long_way
    found, counts, unusable, err = lanes
    # the inventory reaches every path: changes of each kind, rows unusable under both
    assert {i.kind for i in found} >= {"newly_failing", "newly_passing", "findings_changed"}
    assert any(i.new.unchecked for i in found)  # a column only the old revision knows
    assert unusable > 0
    assert "unknown scenario 'Hyper-V on Mars'" in err
    assert counts["unchanged"] > 0
    assert counts["old"]["pass"] > 0
    assert counts["new"]["pass"] > 0
