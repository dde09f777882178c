"""Generated validator modules and input schemas (placeholder)."""

from __future__ import annotations

from .model import Matrix


def emit_outputs(matrix: Matrix) -> dict[str, str]:
    """generated/validators/<id>.py and generated/schema/<id>.input.schema.json."""
    return {}
