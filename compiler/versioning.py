"""Rule-file versions from the semantic diff against the previous build (placeholder)."""

from __future__ import annotations

from .model import Matrix
from .rules import emit_rules


def emit_versioned(matrix: Matrix, previous: dict[str, object] | None) -> dict[str, str]:
    """generated files whose content depends on the previous rule file: rules (and changelog)."""
    return {f"rules/{matrix.id}.json": emit_rules(matrix)}
