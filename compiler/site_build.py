"""Build the mkdocs site as part of `matrixc build` (placeholder until the site lands)."""

from __future__ import annotations

from .project import Config


def build_site(config: Config, *, quiet: bool = False) -> int:
    """Build the site; returns an exit code."""
    return 0
