"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against built sites.

Skips only when the browser is missing *and* CI is not set: under CI a missing browser fails.
Every page is watched: a request to anything but 127.0.0.1 is blocked and fails the test, and
so does any console error or uncaught exception.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.site_project import (
    ROOT,
    build_hostile_site,
    build_many_site,
    build_reference_site,
)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tmp" / "artifacts"  # screenshots of each view; not committed


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI is set: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build_reference_site(tmp_path_factory.mktemp("browser-site")))


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build_hostile_site(tmp_path_factory.mktemp("browser-hostile")))


MANY = 14  # matrices of the many-matrix site: more than the 12 of a flat nav


@pytest.fixture(scope="session")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build_many_site(tmp_path_factory.mktemp("browser-many"), MANY))


@dataclass
class Watch:
    """What a page did that it must not: leave 127.0.0.1, log errors, throw."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., tuple[Any, Watch]]]:
    """open_page(url, **context options) -> (page, watch); checks the watch at teardown."""
    contexts: list[tuple[Any, Watch]] = []

    def opener(url: str, **options: Any) -> tuple[Any, Watch]:
        watch = Watch()
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})

        def route(r: Any) -> None:
            if _local(r.request.url):
                r.continue_()
            else:
                watch.outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.on(
            "request", lambda req: None if _local(req.url) else watch.outside.append(req.url)
        )
        page = context.new_page()
        page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
        page.goto(url)
        contexts.append((context, watch))
        return page, watch

    yield opener
    for context, _ in contexts:
        context.close()
    for _, watch in contexts:
        watch.check()


def first_result(page: Any, anchor: str) -> Any:
    """The first search result once it answers the whole query: material updates the results
    as each key arrives, so the first result seen may answer a prefix ("Bi") and lead elsewhere.
    Waits (Playwright's timeout) until the first result links to the row `anchor`
    (`?row=<anchor>` or `#<anchor>`)."""
    page.wait_for_function(
        "a => { const l = document.querySelector("
        "'.md-search-result__item .md-search-result__link');"
        " const h = l === null ? '' : l.getAttribute('href') || '';"
        " return h.includes('#' + a) || h.includes('row=' + encodeURIComponent(a)); }",
        arg=anchor,
    )
    return page.locator(".md-search-result__item .md-search-result__link").first
