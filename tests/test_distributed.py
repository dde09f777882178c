"""The Dask recipe (compiler.project.distributed) finds what `matrixc validate` finds.

A CSV inventory of the reference matrix is checked once by `matrixc validate` as one file, and
once as four partition files mapped over Dask's local process scheduler; every configuration's
verdict and findings must be the same, and so must the counts.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from compiler.cli.main import main
from compiler.errors import InputError

dask = pytest.importorskip(
    "dask", reason="dask is not installed: pip install 'matrixc[dask]' runs the Dask recipe test"
)

MATRIX = "hyper-v-azure-support-matrix"
HEADER = ["name", "scenario", "Data disk count", "VM name", "guest-vm-network-ipv6"]
# The reference matrix, read by hand: "Data disk count | 16 or less" (line 173); "VM name |
# Between 1 and 63 characters. Restricted to letters, numbers, and hyphens..." (line 180);
# "Guest VM network: IPv6 | No | Yes" (line 68): not supported with VMM, supported without.
SCENARIOS = ["Hyper-V with VMM", "Hyper-V without VMM"]
DISKS = ["1", "16", "17", "40", ""]
NAMES = ["web-01", "web_01", "-web", "x" * 64, "db1", ""]
IPV6 = ["true", "false", ""]


def _inventory(rows: int) -> list[list[str]]:
    rnd = random.Random(15)
    out = []
    for i in range(rows):
        row = [
            f"vm{i}",
            rnd.choice(SCENARIOS),
            rnd.choice(DISKS),
            rnd.choice(NAMES),
            rnd.choice(IPV6),
        ]
        if i % 97 == 13:
            row[2] = "many"  # not a count: that row is unusable, the others still checked
        out.append(row)
    return out


def _write(path: Path, rows: list[list[str]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return str(path)


def _cli(capsys: pytest.CaptureFixture[str], *paths: str) -> dict[str, object]:
    main(["validate", *paths, "--matrix", MATRIX, "--format", "json"])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def _verdicts(results: object) -> list[tuple[str, bool, str, object]]:
    assert isinstance(results, list)
    return [
        (r["name"], r["ok"], json.dumps(r["findings"], sort_keys=True), r.get("error"))
        for r in results
    ]


def test_dask_partitions_find_what_matrixc_validate_finds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from compiler.project.distributed import summarize, validate_partitions, validator_path

    assert main(["build", "--no-site", "-q"]) == 0
    capsys.readouterr()
    rows = _inventory(400)
    whole = _write(project / "inventory.csv", rows)
    (project / "parts").mkdir()
    parts = [
        _write(project / "parts" / f"part-{n}.csv", rows[n * 100 : n * 100 + 100]) for n in range(4)
    ]

    one_file = _cli(capsys, whole)
    as_parts = _cli(capsys, *parts)
    bag = validate_partitions(parts, validator_path(MATRIX))
    assert bag.npartitions == 4
    with dask.config.set(scheduler="processes", num_workers=2):
        results, counts = dask.compute(bag, summarize(bag))

    assert len(results) == 400
    assert _verdicts(results) == _verdicts(one_file["results"])
    assert results == as_parts["results"]  # the same `where` (file:line) as well
    summary = one_file["summary"]
    assert isinstance(summary, dict)
    assert counts == {k: summary[k] for k in ("configurations", "pass", "fail", "unusable")}
    # The inventory exercises every kind of outcome.
    assert 0 < counts["pass"] < counts["configurations"]
    assert counts["fail"] > 0
    assert counts["unusable"] == sum(1 for r in rows if r[2] == "many")


def test_unusable_partition_and_stale_validator_are_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from compiler.project.distributed import validate_partitions, validator_path

    with pytest.raises(InputError, match="run `matrixc build` first"):
        validator_path(MATRIX)  # nothing built yet
    assert main(["build", "--no-site", "-q"]) == 0
    empty = project / "empty.csv"
    empty.write_text("", encoding="utf-8")
    bag = validate_partitions([str(empty)], validator_path(MATRIX))
    with pytest.raises(ValueError, match=r"empty\.csv.*empty inventory"):
        bag.compute(scheduler="sync")
