"""The matrix as a reader scans it, in Chromium: sticky headers, grid view, filters in the URL,
dark palette, phones, search ranking, the compare view. Screenshots of each view go to
tmp/artifacts/ (not committed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, first_result
from tests.browser.site_project import REFERENCE_ID

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

Opener = Callable[..., tuple[Any, Any]]
MATRIX = f"matrices/{REFERENCE_ID}/"
IPV6 = "hyper-v-network-configuration/guest-vm-network-ipv6"
BITLOCKER = "azure-vm-requirements/bitlocker"
VMM = "hyper-v-with-virtual-machine-manager"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def shot(page: Any, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


# In the page: is this element drawn where it is, and not under anything else?
SEEN = """el => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || r.top < 0 || r.bottom > innerHeight) return false;
  const x = Math.min(Math.max(r.left + 4, 0), innerWidth - 1);
  const y = r.top + Math.min(r.height / 2, 8);
  const hit = document.elementFromPoint(x, y);
  return hit !== null && (hit === el || el.contains(hit));
}"""

HEADER_OF_ROW = """id => {
  const row = document.getElementById(id);
  return row.closest('table').querySelector('thead th:not([hidden])');
}"""


def header_seen(page: Any, row_id: str) -> bool:
    th = page.evaluate_handle(HEADER_OF_ROW, row_id)
    return bool(th.evaluate(SEEN))


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= innerWidth"))


def test_sticky_header_after_a_deep_link(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX + "#" + BITLOCKER)
    page.wait_for_timeout(200)
    assert row_seen(page, BITLOCKER)
    assert header_seen(page, BITLOCKER), "the scenario names are on screen"
    page.mouse.wheel(0, 250)  # read on down the same table: the header stays
    page.wait_for_timeout(200)
    assert header_seen(page, BITLOCKER)
    controls = page.locator(".mx-controls")
    assert controls.evaluate(SEEN), "the filter bar is not covered"
    shot(page, "deep-link-desktop")


def row_seen(page: Any, row_id: str) -> bool:
    return bool(page.locator(f'tr[id="{row_id}"] > th').evaluate(SEEN))


def test_sticky_header_after_a_search_landing(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.wait_for_timeout(500)
    page.keyboard.type("BitLocker")
    first = first_result(page, BITLOCKER)
    first.click()
    page.wait_for_url(f"**#{BITLOCKER}")
    page.wait_for_timeout(200)
    assert row_seen(page, BITLOCKER)
    assert header_seen(page, BITLOCKER)
    shot(page, "search-landing-desktop")


def test_phone_deep_link_shows_every_scenario_cell(open_page: Opener, site_url: str) -> None:
    """IPv6 differs between the scenarios (No / Yes): after the landing both cells, each named
    by its scenario, are on screen, and the row's key (sticky in its card) too."""
    page, _ = open_page(site_url + MATRIX + "?row=" + IPV6, **PHONE)
    page.wait_for_url(f"**#{IPV6}")
    page.wait_for_timeout(300)
    cells = page.locator(f'tr[id="{IPV6}"] td[data-sc]')
    assert cells.count() == 2
    for i in range(2):
        assert cells.nth(i).evaluate(SEEN)
        label = cells.nth(i).evaluate("el => getComputedStyle(el, '::before').content")
        assert "Hyper-V with" in label
    assert row_seen(page, IPV6)
    assert no_sideways_scroll(page)
    shot(page, "deep-link-phone")


def test_phone_search_landing(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX, **PHONE)
    page.locator("label[for=__search]").first.click()
    page.wait_for_timeout(500)
    page.keyboard.type("BitLocker")
    first = first_result(page, BITLOCKER)
    first.click()
    page.wait_for_url(f"**#{BITLOCKER}")
    page.wait_for_timeout(300)
    assert row_seen(page, BITLOCKER)
    assert page.locator(f'tr[id="{BITLOCKER}"] td[data-label]').first.evaluate(SEEN)


@pytest.mark.parametrize(
    "path",
    [
        "",
        MATRIX,
        "matrices/azure-to-azure-support-matrix/",
        "matrices/vmware-physical-azure-support-matrix/",
        MATRIX + "history/",
        "compare/",
        "check/",
        MATRIX + "?view=grid",
    ],
)
def test_no_sideways_scroll_at_390(open_page: Opener, site_url: str, path: str) -> None:
    page, _ = open_page(site_url + path, **PHONE)
    page.wait_for_timeout(300)
    assert no_sideways_scroll(page), page.evaluate("document.documentElement.scrollWidth")


def test_home_page_names_wrap_at_words(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url, **PHONE)
    split = page.evaluate(
        """() => {
      const bad = [];
      for (const a of document.querySelectorAll('a.mx-home__link')) {
        const node = a.firstChild, text = node.textContent;
        let at = 0;
        for (const word of text.split(' ')) {
          const r = document.createRange();
          r.setStart(node, at); r.setEnd(node, at + word.length);
          const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
          if (lines.size > 1) bad.push(word);
          at += word.length + 1;
        }
      }
      return bad;
    }"""
    )
    assert split == []
    shot(page, "home-phone", full=True)


def test_filtered_url_reopens_filtered(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX + f"?scenario={VMM}&verdict=n")
    assert page.get_by_label("Hyper-V with Virtual Machine Manager", exact=True).is_checked()
    assert page.locator("select[name=mx-status]").input_value() == "n"
    assert page.locator(".mx-shown").inner_text() == "Showing 29 of 93 rows"
    shown = page.locator("tr[data-v]:visible")
    for i in range(shown.count()):
        assert (shown.nth(i).get_attribute("data-v") or "")[0] == "n"
    # changing a filter rewrites the URL; the new URL opens the same view elsewhere
    page.check("input[name=mx-differ]")
    assert "differ=1" in page.url
    assert f"scenario={VMM}" in page.url
    again, _ = open_page(page.url)
    assert again.locator("input[name=mx-differ]").is_checked()
    assert again.locator("tr[data-v]:visible").count() == 1  # Guest VM network: IPv6
    assert again.locator(f'tr[id="{IPV6}"]').is_visible()
    shot(again, "filtered")


def test_filters_hide_sections_without_matching_rows(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + MATRIX + "?differ=1")
    assert page.locator(".mx-shown").inner_text() == "Showing 1 of 93 rows"
    sections = page.locator("section.mx-sec:visible")
    assert sections.count() == 1
    assert sections.first.locator("h2").inner_text() == "Hyper-V network configuration"
    page.select_option("select[name=mx-status]", "a")  # nothing differs among n.a. rows
    none = page.locator(".mx-none")
    assert none.is_visible()
    assert "No rows match" in none.inner_text()
    assert page.locator("section.mx-sec:visible").count() == 0
    none.locator("button.mx-reset").click()
    assert page.locator("tr[data-v]:visible").count() == 93
    assert not none.is_visible()
    assert "differ" not in page.url
    assert "verdict" not in page.url


def test_grid_view_is_one_line_per_row_with_details_on_demand(
    open_page: Opener, site_url: str
) -> None:
    page, _ = open_page(site_url + MATRIX + "?view=grid")
    target = page.locator('tr[id="azure-vm-requirements/data-disk-vhd-size"]')
    line = target.evaluate("el => parseFloat(getComputedStyle(el.querySelector('th')).lineHeight)")
    height = target.evaluate("el => el.getBoundingClientRect().height")
    assert height < 2.6 * line, "one line (badge and limits), not the cell's paragraphs"
    assert target.locator(".mx-limits li").first.is_visible()
    assert not target.locator(".mx-text").first.is_visible()
    target.locator("button.mx-more").click()
    assert target.locator(".mx-text").first.is_visible()
    shot(page, "grid")
    page.get_by_label("Reading").check()
    assert "view=grid" not in page.url


def test_dark_palette_differs_and_reads(open_page: Opener, site_url: str) -> None:
    light, _ = open_page(site_url + MATRIX, color_scheme="light")
    dark, _ = open_page(site_url + MATRIX + "?verdict=n", color_scheme="dark")
    assert light.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert dark.evaluate("document.body.dataset.mdColorScheme") == "slate"
    colours = "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    for selector in (".mx-badge--s", ".mx-badge--n", ".mx-limits li", "table.mx-table thead th"):
        assert light.locator(selector).first.evaluate(colours) != dark.locator(
            selector
        ).first.evaluate(colours), selector
    for page, name in ((light, "light"), (dark, "dark")):
        low = page.evaluate(CONTRAST)
        assert low == [], f"{name}: {low}"
    shot(dark, "dark")
    # the palette toggle switches the page to light
    dark.locator("form[data-md-component=palette] label:visible").first.click()
    assert dark.evaluate("document.body.dataset.mdColorScheme") == "default"


# WCAG contrast of what Chromium draws: text colour over the first opaque background behind it.
CONTRAST = """() => {
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
    }
    return document.body.dataset.mdColorScheme === 'slate' ? [30, 32, 41] : [255, 255, 255];
  };
  const over = (fg, back) => {
    const a = fg.length > 3 ? fg[3] : 1;
    return fg.slice(0, 3).map((c, i) => c * a + back[i] * (1 - a));
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const low = [];
  const check = (sel, min) => {
    for (const el of document.querySelectorAll(sel)) {
      if (!el.getClientRects().length) continue;
      const back = bg(el), fg = over(rgba(getComputedStyle(el).color), back);
      const r = ratio(fg, back);
      if (r < min) { low.push(sel + ' ' + r.toFixed(2)); break; }
    }
  };
  for (const sel of ['.mx-badge', '.mx-limits li', '.mx-switch label', '.mx-filter',
                     '.mx-shown', '.mx-reset', 'table.mx-table thead th', '.mx-meta',
                     '.mx-chart__figures', '.mx-count--s', '.mx-count--n']) check(sel, 4.5);
  check('a.mx-link', 3);
  return low;
}"""


def test_search_ranks_rows_with_the_phrase_first(open_page: Opener, site_url: str) -> None:
    """Rows saying "32 TB" (source lines: hyper-v 118, 174; azure-to-azure 295; vmware 322)
    come before the rows that only say "TB" in their key."""
    page, _ = open_page(site_url)
    page.click(".md-search__input")
    page.wait_for_timeout(500)
    page.keyboard.type("32 TB")
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible")
    page.wait_for_timeout(300)
    texts = [" ".join(t.split()) for t in items.all_inner_texts()]
    holding = [i for i, t in enumerate(texts) if "32 TB" in t]
    assert len(holding) >= 4
    assert holding[:4] == [0, 1, 2, 3], texts[:6]
    titles = [t.split(" Supported")[0] for t in texts[:4]]
    assert any(t.startswith("Data disk VHD size") for t in titles), titles
    shot(page, "search-32tb")


def test_compare_view_shows_shared_rows(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + "compare/")
    out = page.locator(".mx-compare__out table")
    out.wait_for(state="visible")
    assert "shared rows across 3 picks" in page.locator(".mx-compare__shown").inner_text()
    # BitLocker is a row of all three matrices' VM requirements
    bitlocker = page.locator("table.mx-cmp tbody tr", has_text="BitLocker")
    assert bitlocker.count() == 1
    assert bitlocker.locator("td").count() == 3
    shot(page, "compare-matrices", full=False)
    # two revisions of the reference matrix, only where the verdicts differ
    boxes = page.locator("input[name=mx-src]")
    labels = [boxes.nth(i).get_attribute("data-label") or "" for i in range(boxes.count())]
    pick = [i for i, t in enumerate(labels) if "revision 1)" in t or "revision 7)" in t]
    assert len(pick) == 2
    page.goto(site_url + "compare/?with=" + ",".join(map(str, pick)) + "&differ=1")
    page.locator(".mx-compare__out table").wait_for(state="visible")
    rows = page.locator("table.mx-cmp tbody tr")
    assert rows.count() > 0
    assert "whose verdicts differ across 2 picks" in page.locator(".mx-compare__shown").inner_text()
    shot(page, "compare-revisions")
