"""Build the mkdocs site as part of `matrixc build`, in-process (no second interpreter).

mkdocs logs through `logging`; run from `matrixc`, its info lines are dropped and any failure
becomes one line on stderr and exit 1, like every other matrixc error.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from .project import Config


def build_site(config: Config, *, quiet: bool = False, config_file: Path | None = None) -> int:
    """Build the site described by mkdocs.yml (at the project root); returns an exit code."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    path = config_file or config.root / "mkdocs.yml"
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    started = time.perf_counter()
    try:
        mkdocs_config = load_config(config_file=str(path))
        build(mkdocs_config)
    except (MkDocsException, OSError, ValueError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"{config.relative(path)}: site build failed: {message}", file=sys.stderr)
        return 1
    except SystemExit as exc:  # mkdocs aborts some config errors this way
        print(f"{config.relative(path)}: site build failed (exit {exc.code})", file=sys.stderr)
        return 1
    finally:
        logger.setLevel(level)
    if not quiet:
        site_dir = Path(mkdocs_config.site_dir)
        print(f"built site {config.relative(site_dir)}/ in {time.perf_counter() - started:.2f} s")
    return 0
