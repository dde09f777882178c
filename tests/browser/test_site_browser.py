"""The reference site in a real browser: rows, scenario switch, filters, search, safety."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, first_result
from tests.browser.site_project import HOSTILE_ID, REFERENCE_ID

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

Opener = Callable[..., tuple[Any, Any]]
MATRIX = f"matrices/{REFERENCE_ID}/"
IPV6 = "hyper-v-network-configuration/guest-vm-network-ipv6"


def row(page: Any, row_id: str) -> Any:
    return page.locator(f'tr[id="{row_id}"]')


# A badge as the reader sees it: the icon the stylesheet draws before its word, and the word.
SHOWN = """els => els.map(e => {
  const icon = /^"([^"]*)"/.exec(getComputedStyle(e, '::before').content);
  return ((icon ? icon[1] : '') + e.innerText).trim();
})"""


def visible_badges(page: Any, row_id: str) -> list[str]:
    cells = row(page, row_id).locator("td:visible .mx-badge")
    return list(cells.evaluate_all(SHOWN))


def test_home_lists_the_matrices(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url)
    links = page.locator("a.mx-home__link")
    assert links.count() == 3
    hrefs = [links.nth(i).get_attribute("href") for i in range(3)]
    assert MATRIX in hrefs


def test_reference_page_shows_every_row(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX)
    assert page.locator("table.mx-table").count() == 13
    assert page.locator("tr[data-v]:visible").count() == 93
    assert page.locator(".mx-shown").inner_text() == "Showing 93 of 93 rows"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reference-page.png"))
    page.screenshot(path=str(ARTIFACTS / "reference-page-full.png"), full_page=True)


def test_scenario_switch_changes_verdicts_and_is_remembered(
    open_page: Opener, site_url: str
) -> None:
    page, _ = open_page(site_url + MATRIX)
    assert visible_badges(page, IPV6) == ["✗ Not supported", "✓ Supported"]
    page.get_by_label("Hyper-V with Virtual Machine Manager", exact=True).check()
    assert visible_badges(page, IPV6) == ["✗ Not supported"]
    page.get_by_label("Hyper-V without Virtual Machine Manager", exact=True).check()
    assert visible_badges(page, IPV6) == ["✓ Supported"]
    # scenario-specific rows of the other scenario are hidden
    assert not row(page, "supported-scenarios/hyper-v-with-virtual-machine-manager").is_visible()
    page.reload()
    assert page.get_by_label("Hyper-V without Virtual Machine Manager", exact=True).is_checked()
    assert visible_badges(page, IPV6) == ["✓ Supported"]
    page.get_by_label("All scenarios").check()
    assert page.locator("tr[data-v]:visible").count() == 93


def test_status_filter_and_differing_rows(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX)
    page.select_option("select[name=mx-status]", "n")
    shown = page.locator("tr[data-v]:visible")
    assert 0 < shown.count() < 93
    for i in range(shown.count()):
        assert "n" in (shown.nth(i).get_attribute("data-v") or "")
    page.select_option("select[name=mx-status]", "")
    page.check("input[name=mx-differ]")
    differing = page.locator("tr[data-v]:visible")
    assert 0 < differing.count() < 93
    assert row(page, IPV6).is_visible()
    assert not row(page, "azure-vm-requirements/bitlocker").is_visible()


def test_row_link_shows_the_row_whatever_the_filters(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX)
    page.select_option("select[name=mx-status]", "s")
    page.goto(site_url + MATRIX + "#azure-vm-requirements/bitlocker")
    page.wait_for_timeout(100)
    target = row(page, "azure-vm-requirements/bitlocker")
    assert target.is_visible()
    assert target.evaluate("el => el.matches(':target')")
    target.locator("a.mx-link").click()
    assert page.evaluate("location.hash") == "#azure-vm-requirements/bitlocker"


def test_search_finds_the_row(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url)
    page.wait_for_function("() => document.querySelector('.md-search__input') !== null")
    page.click(".md-search__input")
    page.wait_for_timeout(500)  # let the worker build its index, as a reader would
    started = time.perf_counter()
    page.keyboard.type("BitLocker")
    first = first_result(page, "azure-vm-requirements/bitlocker")
    elapsed = time.perf_counter() - started
    print(f"search results visible {elapsed * 1000:.0f} ms after typing")
    assert (first.get_attribute("href") or "").endswith(f"{MATRIX}#azure-vm-requirements/bitlocker")
    first.click()
    page.wait_for_url("**#azure-vm-requirements/bitlocker")
    target = row(page, "azure-vm-requirements/bitlocker")
    assert target.is_visible()
    in_view = (
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert target.evaluate(in_view)
    assert "?row=" not in page.url


def test_hostile_cells_show_as_text_and_run_nothing(open_page: Opener, hostile_url: str) -> None:
    page, _ = open_page(hostile_url + MATRIX)
    hostile = row(page, HOSTILE_ID)
    assert hostile.is_visible()
    text = hostile.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert hostile.locator("a[href^='javascript']").count() == 0
    assert hostile.locator("img, svg, iframe, script").count() == 0
    page.click(".md-search__input")
    page.keyboard.type("Hostile")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_page_reads_without_javascript(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX, java_script_enabled=False)
    assert page.locator("tr[data-v]:visible").count() == 93
    assert not page.locator(".mx-controls").is_visible()
    assert "Not supported" in row(page, IPV6).inner_text()
    assert visible_badges(page, IPV6) == ["✗ Not supported", "✓ Supported"]  # CSS, not JS


def test_search_ranks_rows_first(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.wait_for_timeout(500)
    page.keyboard.type("IPv6")
    links = page.locator(".md-search-result__item .md-search-result__link")
    links.first.wait_for(state="visible")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(min(links.count(), 4))]
    assert all("/matrices/" in h and "#" in h for h in hrefs), hrefs
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert all("IPv6" in t for t in titles[:4]), titles


def test_validator_download_is_the_generated_file(open_page: Opener, site_url: str) -> None:
    """The button assembles the validator from its published parts (the runtime is published
    once for the site) and saves one file, byte for byte generated/validators/'s."""
    from compiler.model.names import module_name
    from tests.browser.site_project import ROOT

    page, _ = open_page(site_url + MATRIX, accept_downloads=True)
    with page.expect_download() as info:
        page.click("a.mx-download[data-kind=validator]")
    download = info.value
    name = f"{module_name(REFERENCE_ID)}.py"
    assert download.suggested_filename == name
    saved = download.path()
    assert saved is not None
    assert saved.read_bytes() == (ROOT / "generated" / "validators" / name).read_bytes()
