"""Work the front end skips must not change what it finds: the key screen of scenario matching,
on the real corpus; and the collector is left as the front end found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from compiler.frontend import scenarios as sc
from compiler.frontend.build import _Builder, document_settings
from compiler.frontend.parse import RawTable, parse
from compiler.project.pipeline import compile_file

from .conftest import ALL_DOCS, CORPUS, REFERENCE

BEYOND = sorted(p for p in (CORPUS / "beyond").glob("*.md") if p.name != "README.md")
DOCS = [REFERENCE, *ALL_DOCS, *BEYOND]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_the_key_screen_only_skips_keys_that_name_nothing(doc: Path) -> None:
    parsed = parse(doc.read_text(encoding="utf-8"))
    b = _Builder(parsed, doc.name, document_settings(parsed.front_matter, None))
    screen = sc.screen(b.table_found, b.expand)
    if screen is None:
        return
    labels = {c for t in parsed.blocks if isinstance(t, RawTable) for r in t.rows for c in r.cells}
    skipped = 0
    for label in labels:
        if not sc.may_name(label, screen):
            skipped += 1
            assert sc.match_all(label, b.table_found, b.expand) == (), label
    assert skipped or not labels


def test_the_screen_keeps_what_names_a_scenario() -> None:
    parsed = parse(REFERENCE.read_text(encoding="utf-8"))
    b = _Builder(parsed, REFERENCE.name, document_settings(parsed.front_matter, None))
    screen = sc.screen(b.table_found, b.expand)
    assert screen is not None
    for label in ("Hyper-V with VMM", "**Hyper-V without VMM)**", "Hyper-V (with/without VMM)"):
        assert sc.may_name(label, screen)
        assert sc.match_all(label, b.table_found, b.expand)


def test_the_collector_is_left_as_it_was() -> None:
    """parse and build collect rarely (compiler.model.memory), then restore the collector."""
    before = gc.get_threshold()
    parsed = parse(REFERENCE.read_text(encoding="utf-8"))
    assert gc.get_threshold() == before
    compile_file(REFERENCE)
    assert gc.get_threshold() == before
    assert parsed.blocks
    assert gc.isenabled()
    gc.disable()
    try:
        compile_file(REFERENCE)
        assert not gc.isenabled()
    finally:
        gc.enable()
