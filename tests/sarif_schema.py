"""The official SARIF 2.1.0 JSON Schema, fetched by `python3 tasks.py schemas` from the npm
registry (never committed: it is not ours). Missing: skipped, except under CI, where it fails."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(
    os.environ.get("MATRIXC_SARIF_SCHEMA")
    or ROOT / ".venv" / "share" / "matrixc" / "sarif-schema-2.1.0.json"
)


def sarif_schema() -> dict[str, Any]:
    """The schema as a mapping, for jsonschema's Draft4Validator."""
    if not SCHEMA.is_file():
        reason = f"{SCHEMA} is missing: run `python3 tasks.py schemas`"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(reason)
        pytest.skip(reason)
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def assert_valid_sarif(log: dict[str, Any]) -> None:
    """Every schema error at once, with its path, rather than the first one only."""
    from jsonschema import Draft4Validator

    errors = sorted(Draft4Validator(sarif_schema()).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
