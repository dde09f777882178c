"""Stored XSS through everything a document controls, in a real browser (issue 11, point 2).

Each matrix of the site carries one payload of the set in its title (the H1 or the front matter's
`title:`), a row key and a cell; the site is built with the project's own mkdocs.yml. Every page
is loaded, and every payload is typed into the search box: no dialog may open, no payload may set
`window.__pwned`, and each title must read as the text that was written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from compiler.project.config import load_config
from compiler.project.pipeline import compile_text
from compiler.site.build import build_site
from compiler.site.render import short_title
from tests.browser.conftest import serve
from tests.browser.site_project import REFERENCE, ROOT, _mkdocs_yml

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

Opener = Callable[..., tuple[Any, Any]]

# Script, event handlers, svg, javascript: URLs, entity-encoded forms and mutation-XSS shapes.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "<svg onload=window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">j</a>',
    "&lt;img src=x onerror=window.__pwned=1&gt;",
    "&#60;svg onload=alert(1)&#62;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "</title><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
]
H1 = "# Support matrix for disaster recovery of on-premises Hyper-V VMs to Azure"
FM_TITLE = "title: Support for disaster recovery of Hyper-V VMs to Azure with Azure Site Recovery"
ROW = (
    "BitLocker | Not supported | "
    "BitLocker must be disabled before you enable replication for a VM.\n"
)


def _document(i: int, payload: str) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    assert H1 in text
    assert FM_TITLE in text
    assert ROW in text
    cell = payload.replace("|", "\\|")
    text = text.replace(ROW, f"{ROW}Probe{i} {cell} | Not supported {cell} | {cell}\n", 1)
    if i % 2:  # odd: the title comes from the front matter
        return text.replace(H1, "", 1).replace(FM_TITLE, f"title: {json.dumps(payload)}", 1)
    return text.replace(H1, f"# {payload}", 1)


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    dest = tmp_path_factory.mktemp("browser-xss")
    src = dest / "docs_src"
    src.mkdir()
    for i, payload in enumerate(PAYLOADS):
        (src / f"m{i:02d}.md").write_text(_document(i, payload), encoding="utf-8")
    shutil.copy(ROOT / "source_docs" / "NOTICE.md", src / "NOTICE.md")
    path = _mkdocs_yml(
        dest,
        {
            "source_dir": str(src),
            "history_dir": str(dest / "no-history"),
            "output_dir": str(dest / "no-generated"),
        },
    )
    assert build_site(load_config(ROOT), quiet=True, config_file=path) == 0
    site = dest / "public"
    for url in serve(site):
        yield url, site


def _watch(page: Any) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _clean(page: Any, dialogs: list[str], where: str) -> None:
    page.wait_for_timeout(50)
    assert dialogs == [], (where, dialogs)
    assert page.evaluate("typeof window.__pwned") == "undefined", where


def test_every_page_loads_without_running_a_payload(
    open_page: Opener, xss_site: tuple[str, Path]
) -> None:
    url, site = xss_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 2 * len(PAYLOADS)
    page, _ = open_page(url)
    dialogs = _watch(page)
    for rel in pages:
        page.goto(url + rel.removesuffix("index.html"))
        _clean(page, dialogs, rel)
        assert page.locator("img[src=x], svg[onload], a[href^='javascript']").count() == 0, rel


def test_titles_read_as_written(open_page: Opener, xss_site: tuple[str, Path]) -> None:
    """The tab title and the header show the model's title as text: not run, not escaped twice."""
    url, _ = xss_site
    page, _ = open_page(url)
    dialogs = _watch(page)
    for i, payload in enumerate(PAYLOADS):
        doc = _document(i, payload)
        title = " ".join(short_title(compile_text(doc, doc.encode("utf-8"), "m.md")).split())
        page.goto(f"{url}matrices/m{i:02d}/")
        _clean(page, dialogs, payload)
        assert (
            page.title().replace("\u2060", "") == f"{title} - Azure Site Recovery support matrices"
        )
        header = page.locator(".md-header__topic .md-ellipsis").last.inner_text()
        assert header.replace("\u2060", "").strip() == title, (header, payload)


def test_typing_every_payload_into_search_runs_nothing(
    open_page: Opener, xss_site: tuple[str, Path]
) -> None:
    url, _ = xss_site
    page, _ = open_page(url)
    dialogs = _watch(page)
    page.click(".md-search__input")
    page.wait_for_timeout(500)  # the worker builds its index
    for query in ["Probe", "onerror", "script", "svg", "javascript", "title", *PAYLOADS]:
        page.fill(".md-search__input", "")
        page.keyboard.type(query)
        page.wait_for_timeout(150)
        _clean(page, dialogs, query)
        if query == "Probe":  # the index is built and answers (slowly, on a busy machine)
            page.locator(".md-search-result__item").first.wait_for(state="visible")
        assert page.locator(".md-search-result img, .md-search-result svg[onload]").count() == 0
    # and every result page opened from a search runs nothing either
    page.fill(".md-search__input", "")
    page.keyboard.type("Probe")
    first = page.locator(".md-search-result__item .md-search-result__link").first
    first.wait_for(state="visible")
    first.click()
    page.wait_for_load_state()
    _clean(page, dialogs, "result page")
