"""Build the mkdocs site as part of `matrixc build`, in-process (no second interpreter).

mkdocs reports problems through `logging` and then raises a generic "Aborted" error; here its
records are collected instead, so a failure is one line on stderr naming the real cause, and
exit 1, like every other matrixc error. Without --quiet, mkdocs warnings are printed too.
The build's `BuildResult` is handed to the matrixc plugin, so the site shows exactly the models
`build` compiled, without compiling them again.

The site is built into a staging folder beside `site_dir` and swapped in like generated/, so a
failed or killed build leaves the previous site; a `site_dir` that is the project, holds its
sources or generated/, or is a folder of someone else's files is refused before anything is
deleted. Builds are reproducible: without SOURCE_DATE_EPOCH the site is dated by its newest
matrix (never by the clock), so public/ is byte-identical across days and machines.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compiler.errors import InputError
from compiler.project.config import Config, guard_output_dir
from compiler.project.pipeline import BuildResult

# Written into every site matrixc builds: a site_dir holding it may be replaced.
SITE_MARKER = ".matrixc-site"


class _Collect(logging.Handler):
    """Keeps mkdocs' warning and error messages for the caller to report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _stamp_path(config: Config) -> Path:
    """Beside generated/ (like its lock): what the last site build was made from."""
    return config.output_dir.parent / f".{config.output_dir.name}.site.json"


def _site_digest(config: Config, config_file: Path, docs_dir: Path) -> str:
    """Everything a `matrixc build` of the site depends on, beyond generated/'s own manifest."""
    import hashlib
    from importlib.metadata import version

    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\x00{len(data)}\x00".encode())
        h.update(data)

    add("manifest", (config.output_dir / "manifest.json").read_bytes())
    add("mkdocs.yml", config_file.read_bytes())
    for package in ("mkdocs", "mkdocs-material"):
        add(package, version(package).encode())
    history = config.history_dir or config.source_dir / "history"
    for folder in (history, docs_dir):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                add(path.as_posix(), hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def site_is_fresh(config: Config, config_file: Path | None = None) -> bool:
    """True when the site the last `matrixc build` made is what building it again would make."""
    import json

    path = config_file or config.root / "mkdocs.yml"
    try:
        stamp = json.loads(_stamp_path(config).read_text(encoding="utf-8"))
        if stamp["config_file"] != str(path.resolve()):
            return False
        if not (Path(stamp["site_dir"]) / "index.html").is_file():
            return False
        return bool(stamp["digest"] == _site_digest(config, path, Path(stamp["docs_dir"])))
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return False


def _write_stamp(config: Config, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    import json

    stamp = {
        "config_file": str(config_file.resolve()),
        "digest": _site_digest(config, config_file, docs_dir),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
    }
    _stamp_path(config).write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")


def build_site(
    config: Config,
    *,
    result: BuildResult | None = None,
    quiet: bool = False,
    config_file: Path | None = None,
) -> int:
    """Build the site described by mkdocs.yml (at the project root); returns an exit code.

    `result`: the pipeline's result for `config`, which the plugin then renders as it is; such
    a build also records what it was made from, so an unchanged `matrixc build` can skip it.
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
    _stamp_path(config).unlink(missing_ok=True)
    try:
        mkdocs_config = load_config(config_file=str(path))
        target = Path(mkdocs_config.site_dir)
        _guard_site_dir(config, target)
        from compiler.project.outputs import staged_folder

        with _frozen_so_far():
            # Without a build's result, the plugin's own (compiled once) dates the site and is
            # handed to the plugin, which would otherwise compile the project a second time.
            dated = result if result is not None else _plugin_result(mkdocs_config)
            with (
                _source_date_epoch(config, dated),
                staged_folder(target) as staging,
                handoff(dated) if dated is not None else contextlib.nullcontext(),
            ):
                mkdocs_config["site_dir"] = str(staging)
                build(mkdocs_config)
                (staging / SITE_MARKER).write_text(
                    "Built by `matrixc build`; this folder is replaced on every build.\n",
                    encoding="utf-8",
                )
        mkdocs_config["site_dir"] = str(target)
    except InputError as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
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
    if result is not None and not result.errors:
        docs_dir, site_dir = Path(mkdocs_config.docs_dir), Path(mkdocs_config.site_dir)
        with contextlib.suppress(OSError):  # no stamp: the next build builds the site again
            _write_stamp(config, path, docs_dir, site_dir)
    if not quiet:
        for record in collect.records:
            print(f"{shown}: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)
        shown_site = config.relative(Path(mkdocs_config.site_dir))
        print(f"built site {shown_site}/ in {time.perf_counter() - started:.2f} s")
    return 0


@contextlib.contextmanager
def _frozen_so_far() -> Iterator[None]:
    """Hide from the collector what is alive once mkdocs' config is loaded (mkdocs', its
    plugins' and the compiler's modules: most objects of the process) until the block ends
    (`gc.unfreeze`). The full collection a build triggers (15 ms of a 0.6 s build) then walks
    only what the build made; nothing is deferred past the build but the few cycles already
    unreachable here. Not when the caller has frozen objects (unfreezing would take theirs
    too)."""
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _plugin_result(mkdocs_config: Any) -> BuildResult | None:
    """What the matrixc plugin of this site will render (compiled once, cached by content):
    the site is dated from its models, so no source is parsed a second time for its date."""
    from compiler.site.plugin import MatrixPlugin, project_result

    plugin = mkdocs_config.plugins.get("matrixc")
    if not isinstance(plugin, MatrixPlugin):
        return None
    return project_result(plugin.project_for(mkdocs_config))


def _guard_site_dir(config: Config, site_dir: Path) -> None:
    """A site folder matrixc may replace: new, empty, or a site it (or mkdocs) built."""
    known = site_dir.is_dir() and (
        (site_dir / SITE_MARKER).is_file()
        or ((site_dir / "sitemap.xml").is_file() and (site_dir / "search").is_dir())
    )
    guard_output_dir(
        config, site_dir, None if known else set(), "site_dir", also=(config.output_dir,)
    )


@contextlib.contextmanager
def _source_date_epoch(config: Config, result: BuildResult | None) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the build: the caller's, else the newest source date (else 0).

    The dates come from the build's models when it hands them over (nothing parsed twice)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    import datetime as dt

    from compiler.frontend.parse import document_date, parse
    from compiler.project.sources import read_source

    newest = "1970-01-01"
    if result is not None:
        dates = [m.source.date for m in result.matrices if m.source.date]
        newest = max([newest, *dates])
    from compiler.frontend.text import slugify

    for source in config.sources:  # those the build did not compile (kept files)
        if result is not None and (slugify(source.stem) or "matrix") not in result.reused:
            continue
        try:
            date = document_date(parse(read_source(source)[0]).front_matter)
        except InputError:
            continue
        newest = max(newest, date or newest)
    epoch = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
