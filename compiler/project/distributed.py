"""Inventories beyond one machine: the generated validator mapped over a partitioned inventory.

An inventory of hundreds of millions of rows runs on an existing engine, Dask, not a home-made
one: each partition (a CSV or JSON Lines file, as Spark, Dask or Hive write them) is checked by
the very module `matrixc build` writes to generated/validators/<id>.py, so a partition's results
are exactly those `matrixc validate PART --format json` prints. Needs the `dask` extra
(`pip install 'matrixc[dask]'`); this module imports Dask only when a bag is built.

    import dask
    from compiler.project.distributed import summarize, validate_partitions, validator_path

    results = validate_partitions(sorted(glob("inventory/part-*.csv")), validator_path(ID))
    failing = results.filter(lambda r: not r["ok"])
    with dask.config.set(scheduler="processes"):
        print(summarize(results).compute(), failing.take(5, npartitions=-1))
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from compiler.errors import InputError
from compiler.model.names import module_name
from compiler.project.config import Config, load_config
from compiler.project.validators import fresh_validator, load_module

if TYPE_CHECKING:
    from dask.bag import Bag, Item

_MODULES: dict[tuple[str, str], ModuleType] = {}


def validator_path(matrix_id: str, config: Config | None = None) -> Path:
    """generated/validators/<id>.py of this project, refused when `matrixc build` is due."""
    config = config or load_config()
    path = fresh_validator(config, matrix_id)
    if path is None:
        where = config.relative(config.output_dir / "validators" / f"{module_name(matrix_id)}.py")
        raise InputError("missing or stale: run `matrixc build` first", path=where)
    return path


def _module(validator: str) -> ModuleType:
    """The validator module, loaded once per worker process and file content."""
    data = Path(validator).read_bytes()
    key = (validator, hashlib.sha256(data).hexdigest())
    if key not in _MODULES:
        _MODULES[key] = load_module(Path(validator), Path(validator).stem)
    return _MODULES[key]


def check_files(
    paths: Iterable[str], validator: str, scenario: str | None = None
) -> list[dict[str, Any]]:
    """The results `matrixc validate PATHS --format json` lists, one per configuration.

    Raises ValueError naming the file when a partition as a whole is unusable (where the
    command would exit 2 before any report), so the Dask computation stops with that line.
    """
    module = _module(validator)
    out, err = io.StringIO(), io.StringIO()
    code = module.run(list(paths), scenario=scenario, fmt="json", out=out, err=err)
    if not out.getvalue():
        raise ValueError(err.getvalue().strip() or f"the validator exited {code}")
    results: list[dict[str, Any]] = json.loads(out.getvalue())["results"]
    return results


def validate_partitions(
    partitions: Sequence[str | Path], validator: str | Path, scenario: str | None = None
) -> Bag:
    """A Dask bag of every configuration's result, one task per partition file, in order."""
    import dask.bag as db

    paths = [str(p) for p in partitions]
    if not paths:
        raise InputError("no partitions to check", path="validate_partitions")
    bag = db.from_sequence(paths, npartitions=len(paths))  # type: ignore[no-untyped-call]
    return cast("Bag", bag.map_partitions(check_files, str(validator), scenario))


def _count(result: dict[str, Any]) -> str:
    if result.get("error") is not None:
        return "unusable"
    return "pass" if result["ok"] else "fail"


def summarize(results: Bag) -> Item:
    """A delayed {"configurations", "pass", "fail", "unusable"}, as the JSON report's summary."""

    def add(counts: dict[str, int], result: dict[str, Any]) -> dict[str, int]:
        kind = _count(result)
        return {**counts, kind: counts[kind] + 1, "configurations": counts["configurations"] + 1}

    def merge(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
        return {k: a[k] + b[k] for k in a}

    zero = {"configurations": 0, "pass": 0, "fail": 0, "unusable": 0}
    return cast("Item", results.fold(add, merge, initial=zero))  # type: ignore[no-untyped-call]
