"""The mkdocs plugin: matrix pages rendered from the model, in memory, plus row-level search.

`site/` holds only the hand-written pages. For every matrix of the project this plugin adds a
reference page (`matrices/<id>/`) and a history page (`matrices/<id>/history/`) as generated
files, adds the input schema (compact JSON) and the validator under `downloads/` (the rule file
is the static API's `api/<id>/<version>.json`; the validator in parts, its runtime once for the
whole site, see api.py), and the data of the row search (`api/<id>/rows.json`, listed in
`search/rows.json`, loaded by matrixc.js when the search box is first used): material's search
indexes the pages without their tables, so its worker stays small however many matrices there
are, and a search for a row's words lands on the row's own anchor. Nothing is written into
`site/`.

The models come from the pipeline: during `matrixc build`, the build's own `BuildResult` (handed
over by `site.build` through `handoff`); under `mkdocs serve` or a plain `mkdocs build`, one
`compile_project` whose results are kept by content digest between rebuilds. From generated/
it takes only a matrix's files that the manifest proves current (their source, config, compiler
and bytes are those it recorded); the models are always built from the sources.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from compiler.model.names import module_name
from compiler.project.config import Config as ProjectConfig
from compiler.project.config import load_config
from compiler.project.pipeline import (
    BuildResult,
    CompileCache,
    Compiled,
    add_history,
    compile_project,
)
from compiler.site.api import ValidatorDownload, rules_path, validator_parts
from compiler.site.pages import SiteMatrix
from compiler.site.render import SITE_DIR, short_title

log = logging.getLogger("mkdocs.plugins.matrixc")

HOME_MARKER = "<!-- matrixc:matrices -->"
DIAGNOSTICS_MARKER = "<!-- matrixc:diagnostics -->"  # replaced by the registry's table
ASSETS = ("matrixc.css", "rows.js", "matrixc.js")  # rows.js before the scripts that read rows
ASSET_DIR = "assets/matrixc"


# Builds in progress in this process (`matrixc build`), whose results the plugin takes as they are.
_HANDOFF: list[BuildResult] = []
# Under `mkdocs serve` (and plain `mkdocs build`): what was compiled, reused while unchanged.
_CACHE = CompileCache()


@contextlib.contextmanager
def handoff(result: BuildResult) -> Iterator[None]:
    """Let mkdocs builds inside this block take `result` instead of compiling again."""
    _HANDOFF.append(result)
    try:
        yield
    finally:
        _HANDOFF.remove(result)


def project_result(project: ProjectConfig) -> BuildResult:
    """The pipeline's result for `project`: the handed-over build's, or one compile (cached)."""
    for result in reversed(_HANDOFF):
        if result.config == project:
            add_history(result, _CACHE)
            return result
    # the site publishes each matrix's files, never the shared ones (written by `matrixc build`)
    return compile_project(project, history=True, cache=_CACHE, reuse_files=True, shared=False)


def page_title(text: str) -> str:
    """A document's title as mkdocs and material need it: they put page titles into the nav,
    the header, `<title>` and the search index as HTML, unescaped. So the title is escaped
    here, and "</" is split by a word joiner: `<title>` runs it through `striptags`, which
    unescapes, and inside `<title>` only a closing tag could do harm."""
    return html.escape(" ".join(text.split()), quote=True).replace("&lt;/", "&lt;\u2060/")


NAV_GROUP = 10  # matrices per nav subsection, once there are more than FLAT_NAV
FLAT_NAV = 12


def nav_groups(pages: list[Page], titles: dict[str, str]) -> list[StructureItem]:
    """The matrix pages for the nav: as they are up to FLAT_NAV; beyond, in subsections of
    NAV_GROUP pages by title ("A–H"), so that material's navigation.prune writes only the
    current page's group into each page instead of every matrix of the site."""
    if len(pages) <= FLAT_NAV:
        return list(pages)

    def title(page: Page) -> str:
        return titles.get(page.file.src_uri, page.file.src_uri)

    ordered = sorted(pages, key=lambda p: (title(p).casefold(), p.file.src_uri))
    groups: list[StructureItem] = []
    for start in range(0, len(ordered), NAV_GROUP):
        chunk = ordered[start : start + NAV_GROUP]
        first, last = (title(p)[:1].upper() for p in (chunk[0], chunk[-1]))
        label = first if first == last else f"{first}–{last}"
        group = Section(f"{label} ({start + 1}–{start + len(chunk)})", list(chunk))
        for page in chunk:
            page.parent = group
        groups.append(group)
    return groups


def _runtime() -> str:
    """The runtime source every generated validator of this matrixc carries."""
    from compiler.emit.validator import runtime_source

    return runtime_source()


class MatrixPluginConfig(Config):  # type: ignore[no-untyped-call]
    """Options under `plugins: - matrixc:` in mkdocs.yml; paths relative to mkdocs.yml."""

    project = c.Optional(c.Type(str))  # folder with the pyproject.toml; default: mkdocs.yml's
    source_dir = c.Optional(c.Type(str))  # override [tool.matrixc] source_dir
    output_dir = c.Optional(c.Type(str))  # override [tool.matrixc] output_dir (downloads)
    history_dir = c.Optional(c.Type(str))  # override [tool.matrixc] history_dir
    link_base = c.Type(str, default="https://learn.microsoft.com/azure/site-recovery/")


class MatrixPlugin(BasePlugin[MatrixPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the matrix pages, their downloads and row-level search entries to the site."""

    def __init__(self) -> None:
        self.project: ProjectConfig | None = None
        self.entries: dict[str, SiteMatrix] = {}
        self.history: dict[str, list[Any]] = {}
        # src_uri -> the full body of a matrix page, put back after search has indexed the page
        self.bodies: dict[str, str] = {}
        self.command = "build"  # mkdocs's (`on_startup`): under serve, a broken matrix warns
        self.result: BuildResult | None = None  # this build's compile, from `on_pre_build`

    # ------------------------------------------------------------------ configuration

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = self.project_for(config)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            path = f"{ASSET_DIR}/{name}"
            if path not in [str(x) for x in target]:
                target.append(path)
        return config

    def project_for(self, config: MkDocsConfig) -> ProjectConfig:
        """The matrixc project this site shows: pyproject.toml's, with mkdocs.yml's overrides."""
        here = Path(config.config_file_path or ".").resolve().parent
        base = here / self.config.project if self.config.project else here
        project = load_config(base)
        overrides: dict[str, Path] = {}
        for name in ("source_dir", "output_dir", "history_dir"):
            value = getattr(self.config, name)
            if value:
                overrides[name] = (here / value).resolve()
        if overrides:
            project = dataclasses.replace(
                project,
                source_dir=overrides.get("source_dir", project.source_dir),
                output_dir=overrides.get("output_dir", project.output_dir),
                history_dir=overrides.get("history_dir", project.history_dir),
                # a source_dir named in mkdocs.yml is a setting like allow_outside_sources
                allow_outside_sources=project.allow_outside_sources or "source_dir" in overrides,
            )
        return project

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a source matrix (or its history) changes, even without `watch:`."""
        assert self.project is not None
        server.watch(str(self.project.source_dir))
        return server

    # ------------------------------------------------------------------ pages and files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Compile before mkdocs empties site_dir: a matrix that does not compile stops a plain
        `mkdocs build` here, its error named and the previous site untouched, as `matrixc
        build` does. Under `mkdocs serve` its page is left out with a warning, and the others
        stay live while it is being edited."""
        assert self.project is not None
        self.result = result = project_result(self.project)
        if result.errors and self.command != "serve":
            more = len(result.errors) - 1
            raise PluginError(
                f"matrixc: {result.errors[0]}" + (f" (and {more} more)" if more else "")
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        assert self.result is not None
        self.entries.clear()
        self.bodies.clear()
        result = self.result
        self.history = dict(result.history or {})
        if result.history_error is not None:
            log.warning("matrixc: history not shown: %s", result.history_error)
        for error in result.errors:
            log.warning("matrixc: %s (page skipped)", error)
        for name in ASSETS:
            content = (SITE_DIR / "assets" / name).read_text(encoding="utf-8")
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=content))
        for compiled in result.compiled.values():
            matrix = compiled.matrix
            entry = self._entry(compiled, files, config)
            self.entries[matrix.id] = entry
            titles = {
                entry.page_uri: short_title(matrix),
                entry.history_uri: f"History: {short_title(matrix)}",
            }
            for uri, title in titles.items():
                front = f"---\ntitle: {json.dumps(page_title(title))}\n---\n"
                files.append(
                    File.generated(config, uri, content=front, inclusion=InclusionLevel.NOT_IN_NAV)
                )
        # The compare and check pages and the static API (compiler/site/extras.py).
        from compiler.site.extras import add_extra_files

        add_extra_files(
            files, config, list(self.entries.values()), self.history, result.history_rules
        )
        return files

    def _entry(self, compiled: Compiled, files: Files, config: MkDocsConfig) -> SiteMatrix:
        """Add the matrix's generated artefacts (as the build makes them) to the site."""
        mid = compiled.matrix.id
        wanted = (
            ("Rule file (JSON)", f"rules/{mid}.json", "rules"),
            ("Input schema (JSON Schema)", f"schema/{mid}.input.schema.json", "schema"),
            ("Validator (Python, stdlib only)", f"validators/{module_name(mid)}.py", "validator"),
        )
        downloads = []
        validator: ValidatorDownload | None = None
        for label, rel, kind in wanted:
            content = compiled.files.get(rel)
            if content is None:
                continue
            if kind == "rules":  # the API publishes these very bytes: one file, not two
                downloads.append((label, rules_path(mid, compiled.rules.version), kind))
                continue
            if kind == "validator":  # in parts, the runtime once for the site (api.py)
                validator, parts = validator_parts(rel.rsplit("/", 1)[-1], content, _runtime())
                for uri, part in parts.items():
                    if files.get_file_from_path(uri) is None:
                        files.append(File.generated(config, uri, content=part))
                # without JavaScript the button opens the index, which lists the parts
                downloads.append((label, "api/index.json", kind))
                continue
            uri = f"downloads/{rel.rsplit('/', 1)[-1]}"
            if kind == "schema":  # the same JSON without its indentation: a fifth smaller
                content = json.dumps(json.loads(content), ensure_ascii=False, separators=(",", ":"))
            files.append(File.generated(config, uri, content=content))
            downloads.append((label, uri, kind))
        return SiteMatrix(
            matrix=compiled.matrix,
            # `<id>/index.md`, not `<id>.md`: mkdocs makes a page named index.md (or README.md)
            # its folder's index, and a matrix with that id would land on `matrices/`
            page_uri=f"matrices/{mid}/index.md",
            history_uri=f"matrices/{mid}/history.md",
            version=compiled.rules.version,
            downloads=downloads,
            rules_json=compiled.files.get(f"rules/{mid}.json"),
            rule_file=compiled.rules,
            validator=validator,
        )

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Put the matrix pages in the nav, after the home page: they are the point.

        History pages stay out of the nav (linked from each matrix page and the home page).
        """
        matrices: list[Page] = []
        for entry in self.entries.values():
            file = files.get_file_from_path(entry.page_uri)
            if file is not None and isinstance(file.page, Page):
                matrices.append(file.page)
        if not matrices:
            return nav
        titles = {e.page_uri: short_title(e.matrix) for e in self.entries.values()}
        section = Section("Matrices", nav_groups(matrices, titles))
        for child in section.children:
            child.parent = section
        ordered = [
            p
            for child in section.children
            for p in (child.children if isinstance(child, Section) else [child])
            if isinstance(p, Page)
        ]
        at = 1 if nav.items and isinstance(nav.items[0], Page) else 0
        nav.items.insert(at, section)
        pages = [p for p in nav.pages if p not in matrices]
        pages[at:at] = ordered
        nav.pages = pages
        bookended: list[Page | None] = [None, *pages, None]
        for i, page in enumerate(pages):
            page.previous_page, page.next_page = bookended[i], bookended[i + 2]
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill a hand-written page's diagnostics marker with the registry of codes."""
        if DIAGNOSTICS_MARKER in markdown:
            from compiler.errors import diagnostics_table

            markdown = markdown.replace(DIAGNOSTICS_MARKER, diagnostics_table())
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Swap in the model-rendered body of generated pages; fill the home page's list."""
        from compiler.site.pages import home_list, render_history_page, render_matrix_page

        uri = page.file.src_uri
        for entry in self.entries.values():
            if uri == entry.page_uri:
                rendered = render_matrix_page(entry, page.url, self.config.link_base)
                page.toc = get_toc(rendered.toc)  # type: ignore[arg-type]
                # Search indexes the page without its tables (on_page_context puts them back).
                self.bodies[uri] = rendered.html
                return rendered.indexed
            if uri == entry.history_uri:
                revisions = self.history.get(entry.matrix.id, [])
                rendered = render_history_page(entry, page.url, revisions)
                page.toc = get_toc(rendered.toc)  # type: ignore[arg-type]
                return rendered.html
        if HOME_MARKER in html:
            html = html.replace(HOME_MARKER, home_list(list(self.entries.values()), page.url))
        return html

    @event_priority(-100)  # after material's search plugin has indexed the page
    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """Put a matrix page's full body back, as search would have left it."""
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            # As it is: material's search strips `data-search-*="…"` attributes with a pattern
            # over the page, and ours are bare (`data-search-exclude`). Run over document text,
            # that pattern could join an attribute's value to text further on, whose quote
            # then closes it (a link title ending in `data-search-x=`, then `"onfocus=…`).
            page.content = body
        return context

    @event_priority(-100)  # the page as every other plugin left it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page without the theme's indentation (see `squeeze_whitespace`)."""
        from compiler.site.html import squeeze_whitespace

        return squeeze_whitespace(output)
