"""Build the mkdocs site as part of `matrixc build`, in-process (no second interpreter).

mkdocs reports problems through `logging` and then raises a generic "Aborted" error; here its
records are collected instead, so a failure is one line on stderr naming the real cause, and
exit 1, like every other matrixc error. Without --quiet, mkdocs warnings are printed too.
The build's `BuildResult` is handed to the matrixc plugin, so the site shows exactly the models
`build` compiled, without compiling them again.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from pathlib import Path

from compiler.project.config import Config
from compiler.project.pipeline import BuildResult


class _Collect(logging.Handler):
    """Keeps mkdocs' warning and error messages for the caller to report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(
    config: Config,
    *,
    result: BuildResult | None = None,
    quiet: bool = False,
    config_file: Path | None = None,
) -> int:
    """Build the site described by mkdocs.yml (at the project root); returns an exit code.

    `result`: the pipeline's result for `config`, which the plugin then renders as it is.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from compiler.site.plugin import handoff

    path = config_file or config.root / "mkdocs.yml"
    shown = config.relative(path)
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    collect = _Collect()
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    started = time.perf_counter()
    try:
        mkdocs_config = load_config(config_file=str(path))
        with handoff(result) if result is not None else contextlib.nullcontext():
            build(mkdocs_config)
    except (MkDocsException, OSError, ValueError, SystemExit) as exc:
        errors = [r.getMessage() for r in collect.records if r.levelno >= logging.ERROR]
        cause = errors[0] if errors else str(exc) or type(exc).__name__
        line = " ".join(cause.split())
        print(f"{shown}: site build failed: {line}", file=sys.stderr)
        return 1
    finally:
        logger.removeHandler(collect)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    if not quiet:
        for record in collect.records:
            print(f"{shown}: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)
        site_dir = config.relative(Path(mkdocs_config.site_dir))
        print(f"built site {site_dir}/ in {time.perf_counter() - started:.2f} s")
    return 0
