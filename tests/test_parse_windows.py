"""A long document is read a window at a time (`parse.WINDOW_LINES`): what it gives must be what
reading it whole gives, whatever the window, on every corpus document and on the constructs a
window could cut in two (fences, HTML tables across blank lines, admonitions, lists, quotes)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from compiler.errors import InputError
from compiler.frontend import parse as parse_module
from compiler.frontend.parse import Document, Heading, RawTable, parse

from .conftest import FRONT_END_DOCS

WHOLE = 10**9


def _parse(text: str, window: int, monkeypatch: pytest.MonkeyPatch) -> Document | str:
    monkeypatch.setattr(parse_module, "WINDOW_LINES", window)
    try:
        return parse(text)
    except InputError as exc:  # the same error, on the same line, either way
        return f"{exc} (line {exc.line})"


@pytest.mark.parametrize("path", FRONT_END_DOCS, ids=lambda p: Path(p).name)
def test_a_corpus_document_reads_the_same_in_windows(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    whole = _parse(text, WHOLE, monkeypatch)
    assert isinstance(whole, Document)
    for window in (1, 2, 5, 17, 64):
        assert _parse(text, window, monkeypatch) == whole, window


# Pieces that each end before a top-level heading could be cut: what follows them must not be
# read as a heading of its own, or must be, exactly as when the document is read whole.
PIECES = [
    "# Title\n\nIntro text.\n",
    "## Support\n\n| Feature | A | B |\n|---|---|---|\n| x | Yes | No |\n| y | No | Yes |\n",
    "```\ncode\n\n# not a heading: inside a fence\n```\n",
    "~~~~md\n# fenced too\n\n~~~\n# still fenced\n~~~~\n",
    "<table>\n<tr><th>Feature</th><th>A</th></tr>\n\n# inside the HTML table\n"
    "<tr><td>x</td><td>Yes</td></tr>\n</table>\n",
    ":::note Heads up\n\n# inside a Docusaurus admonition\n\nBody.\n:::\n",
    '!!! warning "Careful"\n    Indented body.\n\n# after the admonition\n',
    "- item one\n\n  continued\n\n# after the list\n",
    "> [!NOTE]\n> A callout.\n\n# after the callout\n",
    "<!--\n\n# inside a comment\n\n-->\n",
    "Paragraph\n# heading right after a paragraph line\n",
    "    # indented: code, not a heading\n",
    "> quoted\n>\n> # a heading inside the quote\n>\n> | K | V |\n> |---|---|\n> | q | No |\n",
    "- item\n\n  # a heading inside the list item\n\n  more of the item\n",
    "| K | V |\n|---|---|\n| a | 1 |\n\n### Deeper\n\n| K | W |\n|---|---|\n| b | ✓ |\n",
]


def test_windows_cut_no_construct_in_two(monkeypatch: pytest.MonkeyPatch) -> None:
    seen_tables = 0
    for a, b, c in itertools.product(range(len(PIECES)), repeat=3):
        text = "\n".join((PIECES[a], PIECES[b], PIECES[c], PIECES[1]))
        whole = _parse(text, WHOLE, monkeypatch)
        assert isinstance(whole, Document)
        seen_tables += sum(isinstance(x, RawTable) for x in whole.blocks)
        for window in (1, 3, 8):
            assert _parse(text, window, monkeypatch) == whole, (a, b, c, window)
    assert seen_tables  # the documents hold tables: the comparison is not of empty reads


def test_front_matter_and_line_numbers_survive_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "---\ntitle: T\n---\n" + "".join(
        f"\n## Section {n}\n\n| Feature | A |\n|---|---|\n| f{n} | Yes |\n" for n in range(40)
    )
    whole = _parse(text, WHOLE, monkeypatch)
    windowed = _parse(text, 6, monkeypatch)
    assert windowed == whole
    assert isinstance(windowed, Document)
    assert windowed.front_matter == {"title": "T"}
    headings = [b for b in windowed.blocks if isinstance(b, Heading)]
    assert [h.line for h in headings[:2]] == [5, 11]  # absolute, counted from the file's start
    assert text.split("\n")[headings[-1].line - 1] == "## Section 39"


def test_too_deep_nesting_is_reported_on_its_line_in_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deep = "- " * 60 + "x\n"
    text = "# T\n\n" + "".join(f"\n## S{n}\n\ntext\n" for n in range(10)) + "\n## Deep\n\n" + deep
    whole = _parse(text, WHOLE, monkeypatch)
    assert isinstance(whole, str)
    assert "nested more than" in whole
    assert _parse(text, 4, monkeypatch) == whole
