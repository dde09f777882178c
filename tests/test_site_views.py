"""The site's reader-facing words, spacer rows, the static API, the feed and the extra pages.

Built for real (mkdocs + material + the plugin) like tests/test_site.py; what a browser shows is
tested in tests/browser/. Expectations are read off the corpus documents in source_docs/.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from compiler.model.rulefile import RuleFile
from compiler.project.config import load_config
from compiler.project.pipeline import compile_file
from compiler.site.api import _xml_attr, _xml_text
from compiler.site.render import constraint_text, is_spacer
from tests.browser.site_project import REFERENCE, REFERENCE_ID, ROOT, build_reference_site

pytestmark = pytest.mark.xdist_group("site")
A2A = "azure-to-azure-support-matrix"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_reference_site(tmp_path_factory.mktemp("site-views"))


def page(site: Path, matrix_id: str = REFERENCE_ID) -> str:
    return (site / "matrices" / matrix_id / "index.html").read_text(encoding="utf-8")


def chips(matrix_id: str) -> dict[tuple[str, str], list[str]]:
    """(row key, constraint kind) -> the chip texts of the matrix's cells."""
    source = ROOT / "source_docs" / f"{matrix_id}.md"
    matrix = compile_file(source, load_config(ROOT))
    out: dict[tuple[str, str], list[str]] = {}
    for _, _, row in matrix.rows():
        for cell in row.cells:
            for c in cell.constraints:
                out.setdefault((row.key, c.kind), []).append(constraint_text(c, row.key))
    return out


def test_chips_are_plain_words() -> None:
    hv = chips(REFERENCE_ID)
    # "upgrade the replication provider ... to any version after 2.0.9214.0": exclusive floor
    assert set(hv[("Disk >1 TB", "min_version")]) == {"replication provider more than 2.0.9214.0"}
    # "Operating system disk count | 1" (both scenarios)
    assert set(hv[("Operating system disk count", "count")]) == {"1 disk"}
    assert set(hv[("Data disk count", "count")]) == {"at most 16 disks"}
    assert set(hv[("VM name", "charset")]) == {"letters, numbers and hyphens only"}
    assert set(hv[("VM name", "affix")]) == {"starts and ends with a letter or number"}
    assert set(hv[("VM name", "length")]) == {"1 to 63 characters"}
    assert "up to 32 TB" in hv[("Disk >1 TB", "size")]
    texts = " ".join(t for ts in hv.values() for t in ts)
    for jargon in ("AFFIX", "CHARSET", "count 1–1", "≥", "≤"):
        assert jargon not in texts


def expanded(path: Path) -> dict[str, Any]:
    """Published rows as the scripts read them (with the rule file they point to, if any)."""
    from compiler.site.extras import RULES_FORMAT, expand_rows

    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") == RULES_FORMAT:
        rules = json.loads((path.parent / data["rules"]).read_text(encoding="utf-8"))
        return expand_rows(data, rules)
    return expand_rows(data)


def test_spacer_rows_do_not_render(site: Path) -> None:
    """azure-to-azure separates its kernel tables' groups with `|||` rows (source lines 148...)."""
    matrix = compile_file(ROOT / "source_docs" / f"{A2A}.md", load_config(ROOT))
    spacers = [row for _, _, row in matrix.rows() if is_spacer(row)]
    assert [row.line for row in spacers][:2] == [148, 154]
    html = page(site, A2A)
    for row in spacers:
        assert f'id="{row.id}"' not in html
    assert html.count('class="mx-gap"') == len(spacers)
    assert not re.search(r"<tr[^>]*>(<t[hd][^>]*>\s*</t[hd]>)+</tr>", html)
    shard = expanded(site / "api" / A2A / "rows.json")
    searched = {r[0] for r in shard["rows"]}
    assert searched
    assert not searched & {row.id for row in spacers}


def test_sections_are_wrapped_for_the_filters(site: Path) -> None:
    html = page(site)
    matrix = compile_file(REFERENCE, load_config(ROOT))
    headed = [s for i, s in enumerate(matrix.sections) if not (i == 0 and s.level == 1)]
    assert html.count('<section class="mx-sec"') == len(headed)
    assert 'class="mx-none" hidden' in html
    assert 'name="mx-view" value="grid"' in html


def test_api_index_and_immutable_rule_files(site: Path) -> None:
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    ids = [m["id"] for m in index["matrices"]]
    assert ids == sorted(ids)
    assert REFERENCE_ID in ids
    assert len(ids) == 3
    ref = next(m for m in index["matrices"] if m["id"] == REFERENCE_ID)
    generated = (ROOT / "generated" / "rules" / f"{REFERENCE_ID}.json").read_bytes()
    version = json.loads(generated)["version"]
    assert ref["version"] == version
    assert ref["rules"] == f"api/{REFERENCE_ID}/{version}.json"
    assert (site / ref["rules"]).read_bytes() == generated
    RuleFile.model_validate_json((site / ref["rules"]).read_bytes())
    assert [v["version"] for v in ref["versions"]][-1] == version
    for link in [ref["check"], ref["page"], *ref["downloads"].values()]:
        target = site / link
        assert target.is_file() or (target / "index.html").is_file(), link


def test_validator_download_is_the_generated_file_in_parts(site: Path) -> None:
    """The index lists each validator's parts; concatenated they are generated/validators/'s
    file byte for byte, and the runtime they share is one file of the site, not one per matrix."""
    from compiler.model.names import module_name

    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    runtimes = set()
    for m in index["matrices"]:
        generated = (ROOT / "generated" / "validators" / f"{module_name(m['id'])}.py").read_bytes()
        v = m["validator"]
        assert v["file"] == f"{module_name(m['id'])}.py"
        assembled = b"".join((site / part).read_bytes() for part in v["parts"])
        assert assembled == generated
        assert v["sha256"] == hashlib.sha256(generated).hexdigest()
        assert v["bytes"] == len(generated)
        assert len(v["parts"]) == 3
        runtimes.add(v["parts"][1])
        assert m["check"] == v["parts"][-1]  # the check page reads the module's own records
        assert "validator" not in m["downloads"]
    assert len(runtimes) == 1
    # the page's button: the same parts, relative to the page, and the file's name and digest
    ref = next(m for m in index["matrices"] if m["id"] == REFERENCE_ID)
    html = page(site)
    button = re.search(r'<a class="md-button mx-download"[^>]*data-kind="validator"[^>]*>', html)
    assert button is not None
    parts = re.search(r'data-parts="([^"]+)"', button.group(0))
    assert parts is not None
    assert parts.group(1).split() == ["../../" + p for p in ref["validator"]["parts"]]
    assert f'data-file="{ref["validator"]["file"]}"' in button.group(0)
    assert f'data-sha256="{ref["validator"]["sha256"]}"' in button.group(0)


def test_input_schema_download_is_the_generated_schema(site: Path) -> None:
    """Published without indentation: the same JSON value as generated/schema/'s file."""
    for m in json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))["matrices"]:
        published = (site / m["downloads"]["schema"]).read_text(encoding="utf-8")
        generated = ROOT / "generated" / "schema" / f"{m['id']}.input.schema.json"
        assert json.loads(published) == json.loads(generated.read_text(encoding="utf-8"))
        assert "\n" not in published.strip()


def test_feed_is_atom_with_an_entry_per_release(site: Path) -> None:
    text = (site / "api" / "releases.atom").read_text(encoding="utf-8")
    feed = ET.fromstring(text)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    releases = 0
    for path in sorted((ROOT / "generated" / "rules").glob("*.json")):
        releases += len(json.loads(path.read_bytes())["changelog"])
    assert len(entries) == releases
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == dates[0]
    # dated by the sources, never by the build: the reference matrix says ms.date 12/19/2024
    assert "2024-12-19T00:00:00Z" in dates
    for e in entries:
        assert e.findtext(f"{ATOM}id", "").startswith("urn:matrixc:")
        for link in e.findall(f"{ATOM}link"):
            assert (site / "api" / link.get("href", "")).resolve().exists()


@pytest.mark.parametrize(
    "text", ["a & b", "<script>alert(1)</script>", 'say "hi"', "it's", "tab\tand\nline", "]]>"]
)
def test_feed_escapes_what_xml_gives_meaning(text: str) -> None:
    """Titles and reasons come from documents: in the feed they read back as they were."""
    element = ET.fromstring(f"<e a={_xml_attr(text)}>{_xml_text(text)}</e>")
    assert element.get("a") == text
    assert element.text == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [("Title\x01", "Title\ufffd"), ("a\x00b\x1bc", "a\ufffdb\ufffdc"), ("x\ud800", "x\ufffd")],
)
def test_feed_shows_what_xml_cannot_hold_as_a_replacement(text: str, shown: str) -> None:
    """A control character in a title made the whole feed not well-formed XML (expat stopped
    at it); XML 1.0 has no character for it, not even as a reference."""
    element = ET.fromstring(f"<e a={_xml_attr(text)}>{_xml_text(text)}</e>")
    assert element.get("a") == shown
    assert element.text == shown


def test_compare_and_check_pages(site: Path) -> None:
    compare = (site / "compare" / "index.html").read_text(encoding="utf-8")
    picks = re.findall(r'name="mx-src" value="([^"]+)"', compare)
    # three current matrices plus the reference matrix's seven recorded revisions
    assert len(picks) == 3 + 7
    for pick in picks:
        data = expanded((site / "compare" / pick).resolve())
        assert data["rows"]
        assert data["scenarios"]
    check = (site / "check" / "index.html").read_text(encoding="utf-8")
    for path in re.findall(r'data-check="([^"]+)"', check):
        assert (site / "check" / path).resolve().is_file()
    assert "assets/matrixc/check.js" in check


def test_one_reader_of_published_rows(site: Path) -> None:
    """The search box and the compare view read rows with the same code (rows.js), which every
    page loads before matrixc.js: two copies of the reader had drifted apart once already."""
    assets = site / "assets" / "matrixc"
    for name in ("matrixc.js", "compare.js"):
        script = (assets / name).read_text(encoding="utf-8")
        assert "function expandRows" not in script
        assert "window.matrixcRows.expand(" in script
    assert "function expandRows" in (assets / "rows.js").read_text(encoding="utf-8")
    for name in ("compare/index.html", f"matrices/{REFERENCE_ID}/index.html", "index.html"):
        html = (site / name).read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        names = [s.rsplit("/", 1)[-1] for s in scripts]
        assert names.index("rows.js") < names.index("matrixc.js"), name


@pytest.mark.parametrize("source", sorted((ROOT / "source_docs").glob("*-matrix.md")))
def test_compare_rows_of_a_revision_match_the_current_pages(source: Path) -> None:
    """Revisions are read from their rule files, current matrices from the model: one shape."""
    from compiler.emit.rules import rule_file
    from compiler.site.extras import rows_data, rows_from_rules

    matrix = compile_file(source, load_config(ROOT))
    current, revision = rows_data(matrix, "x", None), rows_from_rules(rule_file(matrix), "x", None)
    assert [r[:4] for r in current["rows"]] == [r[:4] for r in revision["rows"]]
    assert {k: v for k, v in current.items() if k != "rows"} == {
        k: v for k, v in revision.items() if k != "rows"
    }
    assert any(r[4] for r in current["rows"])  # details columns: searched, not in rule files
    # published compact; what the scripts expand is the same data
    from compiler.site.extras import compact_rows, expand_rows, rules_rows

    for data in (current, revision):
        published = json.loads(json.dumps(compact_rows(data)))
        assert expand_rows(published) == json.loads(json.dumps(data))
        assert len(json.dumps(published)) < 0.8 * len(json.dumps(data))
    # the current rows as a pointer to the rule file: the same data, read back from it
    rules = (ROOT / "generated" / "rules" / f"{matrix.id}.json").read_text(encoding="utf-8")
    pointed = rules_rows(current, rules.encode("utf-8"), "1.0.0.json")
    assert pointed is not None
    assert pointed["rules"] == "1.0.0.json"
    back = expand_rows(json.loads(json.dumps(pointed)), json.loads(rules))
    assert back == json.loads(json.dumps(current))
    assert len(json.dumps(pointed)) < 0.5 * len(json.dumps(compact_rows(current)))
    # rows a rule file does not give are published whole
    other = {**current, "rows": current["rows"][1:]}
    assert rules_rows(other, rules.encode("utf-8"), "1.0.0.json") is None
