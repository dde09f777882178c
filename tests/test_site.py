"""The reference site, built for real (mkdocs + material + the matrixc plugin), read as files.

What a browser shows is tested in tests/browser/; these tests check the built HTML, the search
index and the downloads, and run everywhere (no browser needed).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from compiler.emit.rules import verdict_cells
from compiler.project.config import load_config
from compiler.project.pipeline import compile_file
from compiler.site.build import build_site
from tests.browser.site_project import (
    HOSTILE_ID,
    REFERENCE,
    REFERENCE_ID,
    ROOT,
    build_hostile_site,
    build_reference_site,
)

pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_reference_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the rows of the matrix tables."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def page(site: Path, matrix_id: str = REFERENCE_ID) -> str:
    return (site / "matrices" / matrix_id / "index.html").read_text(encoding="utf-8")


def test_every_matrix_has_a_page_and_a_history_page(site: Path) -> None:
    config = load_config(ROOT)
    for source in config.sources:
        matrix_id = compile_file(source, config).id
        assert (site / "matrices" / matrix_id / "index.html").is_file()
        assert (site / "matrices" / matrix_id / "history" / "index.html").is_file()


def test_home_page_lists_every_matrix(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    links = [a.get("href") for t, a in tags(home) if t == "a" and a.get("class") == "mx-home__link"]
    assert len(links) == 3
    assert f"matrices/{REFERENCE_ID}/" in links


def test_reference_page_has_every_row_with_its_model_id(site: Path) -> None:
    matrix = compile_file(REFERENCE, load_config(ROOT))
    found = tags(page(site))
    row_ids = [a["id"] for t, a in found if t == "tr" and "data-v" in a]
    assert row_ids == [row.id for _, _, row in matrix.rows()]
    assert len(row_ids) == 93
    assert sum(1 for t, a in found if t == "table" and a.get("class") == "mx-table") == 13
    assert "hyper-v-network-configuration/guest-vm-network-ipv6" in row_ids


def test_row_codes_follow_verdict_cells(site: Path) -> None:
    """data-v (what the filters read) says per scenario what rules.verdict_cells says."""
    matrix = compile_file(REFERENCE, load_config(ROOT))
    codes = {a["id"]: a["data-v"] for t, a in tags(page(site)) if t == "tr" and "data-v" in a}
    short = {"supported": "s", "partial": "p", "not_supported": "n", "not_applicable": "a"}
    short[None] = "-"
    for _, table, row in matrix.rows():
        cells = verdict_cells(table, row, matrix.scenarios)
        want = "".join(
            short[c.status if c else None] if s.id in cells else "x"
            for s in matrix.scenarios
            for c in [cells.get(s.id)]
        )
        assert codes[row.id] == want, row.id
    assert codes["hyper-v-network-configuration/guest-vm-network-ipv6"] == "ns"


def test_verdict_badges_are_words(site: Path) -> None:
    html = page(site)
    assert '<span class="mx-badge mx-badge--s">Supported</span>' in html
    assert '<span class="mx-badge mx-badge--n">Not supported</span>' in html
    assert '<span class="mx-badge mx-badge--a">Not applicable</span>' in html


def test_constraints_notes_downloads_and_chart_are_shown(site: Path) -> None:
    html = page(site)
    assert 'class="mx-limits"' in html
    assert "up to 32 TB" in html
    assert 'class="admonition note"' in html
    assert "Verdicts per scenario" in html
    assert "43 supported" in html
    hrefs = [a.get("href") for t, a in tags(html) if t == "a" and "download" in a]
    # the rule file is the static API's, saved under the matrix's name
    version = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))["matrices"]
    current = next(m["version"] for m in version if m["id"] == REFERENCE_ID)
    assert f"../../api/{REFERENCE_ID}/{current}.json" in hrefs
    assert f'download="{REFERENCE_ID}.json"' in html
    for href in hrefs:
        assert (site / "matrices" / REFERENCE_ID / str(href)).resolve().is_file()


def test_reference_page_stays_small(site: Path) -> None:
    assert len(page(site).encode("utf-8")) <= 300_000


def test_nothing_is_loaded_from_elsewhere(site: Path) -> None:
    """Offline: no script, style, font or image from another host, on any page."""
    for html_file in site.rglob("*.html"):
        for tag, attrs in tags(html_file.read_text(encoding="utf-8")):
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                loads = tag in ("script", "img", "iframe", "source") or (
                    tag == "link" and attrs.get("rel") not in ("canonical", "alternate")
                )
                if loads and name in attrs:
                    assert not re.match(r"(https?:)?//", value), f"{html_file}: {tag} {value}"
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css
    assert "fonts.gstatic" not in css


def test_row_search_has_every_row_and_material_indexes_pages_only(site: Path) -> None:
    listed = json.loads((site / "search" / "rows.json").read_text(encoding="utf-8"))["shards"]
    matrices = sorted(p.stem for p in (ROOT / "source_docs").glob("*-matrix.md"))
    assert listed == [f"api/{m}/rows.json" for m in matrices]
    from compiler.site.extras import RULES_FORMAT, expand_rows

    def read(path: Path) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    shards = {}
    for p in listed:
        data = read(site / p)
        # each matrix's rows point to its rule file (published in the API anyway)
        assert data["format"] == RULES_FORMAT
        assert (site / p).parent / data["rules"] == site / index_of(site, p)["rules"]
        shards[p] = expand_rows(data, read((site / p).parent / data["rules"]))
    rows = [r for data in shards.values() for r in data["rows"]]
    # every row but the `|||` spacers (8 each in azure-to-azure and vmware-physical), and the
    # churn tables' further facts (6 each: "Average source disk data churn", MX019)
    assert len(rows) == 93 + (223 - 8 + 6) + (201 - 8 + 6)
    reference = shards[f"api/{REFERENCE_ID}/rows.json"]
    assert reference["page"] == f"matrices/{REFERENCE_ID}/"
    by_id = {r[0]: r for r in reference["rows"]}
    assert by_id["azure-vm-requirements/bitlocker"][2] == "BitLocker"
    ipv6 = by_id["hyper-v-network-configuration/guest-vm-network-ipv6"]
    assert [code for code, _ in ipv6[3]] == ["n", "s"]
    disk = by_id["azure-vm-requirements/data-disk-vhd-size"]
    assert any("Up to 32 TB" in text for _, text in disk[3])  # whole, as the search matches it
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert not [d for d in docs if "?row=" in d["location"]]  # no row entries for the worker
    # the matrix tables are not indexed as section text either
    sections = [d for d in docs if d["location"].startswith(f"matrices/{REFERENCE_ID}/#")]
    assert sections
    assert not any("BitLocker" in d["text"] for d in sections)


def index_of(site: Path, rows: str) -> dict[str, Any]:
    """The API index's entry of the matrix whose rows.json is `rows`."""
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    entry: dict[str, Any] = next(m for m in index["matrices"] if rows == f"api/{m['id']}/rows.json")
    return entry


def test_history_page_shows_revisions_by_impact(site: Path) -> None:
    html = (site / "matrices" / REFERENCE_ID / "history" / "index.html").read_text("utf-8")
    assert html.count('class="mx-rev"') == 7
    assert "mx-impact--breaking" in html
    assert "First recorded revision" in html


def test_build_is_byte_stable(site: Path, tmp_path: Path) -> None:
    again = build_reference_site(tmp_path)
    assert page(again) == page(site)
    for name in (
        "api/index.json",
        "api/releases.atom",
        "compare/index.html",
        "check/index.html",
        "search/rows.json",
        f"api/{REFERENCE_ID}/rows.json",
    ):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name
    assert (again / "search" / "search_index.json").read_bytes() == (
        site / "search" / "search_index.json"
    ).read_bytes()


def test_hostile_cells_are_text(hostile: Path) -> None:
    html = page(hostile)
    found = tags(html)
    row = [a for t, a in found if t == "tr" and a.get("id") == HOSTILE_ID]
    assert row, "the hostile row is on the page"
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    inline_scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    assert not any("pwned" in body for body in inline_scripts)
    for tag, attrs in found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert tag not in ("iframe", "svg", "img") or "pwned" not in str(attrs)
        assert "javascript:" not in str(attrs.get("href") or "")
    index = (hostile / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>" not in index
    assert "<img" not in index


def test_hostile_project_without_history_or_generated(hostile: Path) -> None:
    html = (hostile / "matrices" / REFERENCE_ID / "history" / "index.html").read_text("utf-8")
    assert "No history is recorded" in html
    # No generated/ to read: the downloads are the pipeline's, made in memory, a first release.
    assert 'class="md-button mx-download"' in page(hostile)
    rules = json.loads((hostile / "api" / REFERENCE_ID / "1.0.0.json").read_text("utf-8"))
    assert rules["version"] == "1.0.0"
    assert any(r["key"].startswith("Hostile") for r in rules["rows"])


def test_build_site_reports_a_broken_config_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "mkdocs.yml"
    bad.write_text("site_name: x\ndocs_dir: does-not-exist\nplugins:\n  - matrixc\n")
    assert build_site(load_config(ROOT), quiet=True, config_file=bad) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "site build failed" in err


def test_browser_tests_fail_instead_of_skipping_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.browser.conftest import _unavailable

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _unavailable("no browser")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _unavailable("no browser")


def test_site_build_freezes_only_what_nobody_froze() -> None:
    """The build freezes what was alive before it (build._frozen_so_far) and unfreezes it at
    the end; a caller's own frozen objects stay frozen (the build then freezes nothing)."""
    import gc

    from compiler.site.build import _frozen_so_far

    gc.unfreeze()  # this process may have frozen objects before (the validator CLI does)
    with _frozen_so_far():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()  # now as a caller that froze its own
    try:
        frozen = gc.get_freeze_count()  # (frozen objects may still be freed meanwhile)
        with _frozen_so_far():
            assert gc.get_freeze_count() <= frozen
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_squeezed_whitespace_keeps_content_and_attributes() -> None:
    """Runs of whitespace with a line break become one line break; what whitespace means
    (pre, textarea, script, style, code, attribute values, comments) is left as it was."""
    from compiler.site.html import squeeze_whitespace

    kept = (
        '<pre>a\n\n   b</pre><textarea>x\n  y</textarea><script>var s = "\n  ";</script>'
        '<code>p\n   q</code><a title="one\n   two">t</a><!-- c\n   d -->'
    )
    page = f"<ul>\n   \n  <li>\n    Item\n  </li>\n</ul>{kept}<p>a  b\n\n  c</p>"
    assert squeeze_whitespace(page) == f"<ul>\n<li>\nItem\n</li>\n</ul>{kept}<p>a  b\nc</p>"


def test_built_pages_carry_no_indentation(site: Path) -> None:
    from compiler.site.html import squeeze_whitespace

    for path in (f"matrices/{REFERENCE_ID}/index.html", "index.html", "check/index.html"):
        page = (site / path).read_text(encoding="utf-8")
        assert squeeze_whitespace(page) == page
        assert re.search(r">\n[ \t]", page) is None  # the theme's indented nav, for one


def test_the_stylesheet_draws_each_badge_icon_hidden_from_screen_readers() -> None:
    """A matrix page's badge is its word; matrixc.css puts the icon of STATUS_LABEL before it,
    with empty alternative text (the icon span it replaces was aria-hidden)."""
    from compiler.site.render import SITE_DIR, STATUS_CODE, STATUS_LABEL

    css = (SITE_DIR / "assets" / "matrixc.css").read_text(encoding="utf-8")
    for status, (icon, _) in STATUS_LABEL.items():
        code = f"\\{ord(icon):X}\\20"
        rule = f'.mx-matrix .mx-badge--{STATUS_CODE[status]}::before {{ content: "{code}"; '
        assert rule + f'content: "{code}" / ""; }}' in css
