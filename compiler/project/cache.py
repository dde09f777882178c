"""Where matrixc keeps its caches: one folder per kind under `MATRIXC_CACHE_DIR`, else the
user's cache home. Standard library only: the start-up paths (`parse`, `validate`) import it."""

from __future__ import annotations

import os


def cache_folder(kind: str) -> str | None:
    """The folder for caches of `kind`, or None when caching is off (`MATRIXC_CACHE=off`) or
    there is no home to resolve "~" in (never a cache in the working folder)."""
    if os.environ.get("MATRIXC_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    folder = os.environ.get("MATRIXC_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(base):
            return None
        folder = os.path.join(base, "matrixc")
    return os.path.join(folder, kind)
