"""The row search in a real browser: loaded when the search box is first used, exact phrases
and numbers with units first, every result landing on its row; with one and with many matrices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import MANY, first_result
from tests.browser.site_project import REFERENCE_ID

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

Opener = Callable[..., tuple[Any, Any]]
MATRIX = f"matrices/{REFERENCE_ID}/"
OS_DISK = "azure-vm-requirements/operating-system-disk-size"
PHRASE = "4 TB for generation 2"  # in the OS disk size row only: "Up to 4 TB for generation 2 VMs"
ROWS = ".mx-search-rows .md-search-result__item"


def lands_on(page: Any, first: Any, matrix: str, row_id: str) -> None:
    """Click the result; the matrix page opens scrolled to the row, which is shown."""
    assert (first.get_attribute("href") or "").endswith(f"{matrix}#{row_id}")
    first.click()
    page.wait_for_url(f"**/{matrix}#{row_id}")
    target = page.locator(f'tr[id="{row_id}"]')
    assert target.is_visible()
    in_view = (
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert target.evaluate(in_view)


def test_exact_phrase_lands_on_the_row(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.keyboard.type(PHRASE)
    first = first_result(page, OS_DISK)
    assert "4 TB" in first.locator("p").inner_text()
    lands_on(page, first, MATRIX, OS_DISK)


def test_number_with_unit_ranks_rows_saying_it_first(open_page: Opener, site_url: str) -> None:
    """ "32TB" finds the rows that say "32 TB" (spacing aside), before rows with 32 and TB apart."""
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.fill(".md-search__input", "32TB")
    page.locator(ROWS).first.wait_for(state="visible")
    texts = page.locator(f"{ROWS} p").all_inner_texts()
    saying = [i for i, t in enumerate(texts) if "32 tb" in " ".join(t.lower().split())]
    assert saying, texts
    assert saying == list(range(len(saying))), texts  # every row that says it comes first


def test_row_data_loads_only_when_search_is_used(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.wait_for_timeout(300)
    assert not [u for u in fetched if u.endswith("rows.json")], fetched
    page.click(".md-search__input")
    page.keyboard.type("BitLocker")
    first = first_result(page, "azure-vm-requirements/bitlocker")
    shards = [u for u in fetched if u.endswith("/rows.json") and "/api/" in u]
    assert len(shards) == 3, fetched  # one shard per matrix, each fetched once
    lands_on(page, first, MATRIX, "azure-vm-requirements/bitlocker")


def test_many_matrices_search_lands_on_the_row(open_page: Opener, many_url: str) -> None:
    page, _ = open_page(many_url)
    groups = page.locator(".md-nav--primary .md-nav__item--section").all_inner_texts()
    assert any("(11–" in g for g in groups), groups  # the nav is grouped beyond 12 matrices
    page.click(".md-search__input")
    page.keyboard.type(PHRASE)
    first = first_result(page, OS_DISK)
    # The rows of each matrix's shard are listed as the shard arrives: wait for all of them
    # (Playwright's timeout), or the count is of the shards that were in when it was read
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[f"{ROWS} h1", MANY]
    )
    keys = page.locator(f"{ROWS} h1").all_inner_texts()
    assert keys[:MANY] == ["Operating system disk size"] * MANY, keys  # one per matrix
    lands_on(page, first, f"matrices/{REFERENCE_ID}-01/", OS_DISK)


def test_keyboard_opens_the_first_row_result(open_page: Opener, site_url: str) -> None:
    """material's arrow keys walk every result link, the rows' first: Down, Enter lands."""
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.keyboard.type("BitLocker")
    first_result(page, "azure-vm-requirements/bitlocker")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**#azure-vm-requirements/bitlocker")
    assert page.locator('tr[id="azure-vm-requirements/bitlocker"]').is_visible()
