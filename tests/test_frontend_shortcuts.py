"""The front end's fast paths give what the regexes they stand in for give: on every line and
cell of the corpus, and on strings made of the characters each regex treats specially."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from compiler.frontend import cells, vocabulary
from compiler.frontend.parse import _QUOTE_RUN, _TOO_DEEP, MAX_NESTING
from compiler.frontend.text import _GROUP1, inline_text, split_footnotes

from .conftest import FRONT_END_DOCS, corpus_texts

DOCS = FRONT_END_DOCS


TEXTS = corpus_texts()


def _strings(alphabet: str, longest: int) -> list[str]:
    """Every string of `alphabet` up to `longest` characters."""
    return ["".join(p) for n in range(longest + 1) for p in itertools.product(alphabet, repeat=n)]


def test_sentences_split_like_the_lookbehind_pattern() -> None:
    for s in [*TEXTS, *_strings(".! aB(\"'\u2003x", 4)]:
        assert cells._sentences(s) == cells._SENTENCE.split(s), s


def test_whitespace_runs_collapse_like_backslash_s() -> None:
    space = re.compile(r"\s+")
    for s in [*TEXTS, *_strings(" \t\n\x0b\x1c\x85\u00a0\u2003\u200ba", 4)]:
        assert vocabulary._one_space(s) == space.sub(" ", s), repr(s)


def test_the_number_screen_finds_what_the_one_pattern_finds() -> None:
    pattern = re.compile(rf"\d|\b(?:{'|'.join(cells._WORDS)})\b")
    extra = ["someone", "one", "tones", "seventeen", "x2", "twenty-one", "done, two", "٣"]
    for s in [*TEXTS, *extra]:
        lower = s.lower()
        assert cells._has_number(lower) == (pattern.search(lower) is not None), s


def test_inline_text_spaces_as_the_character_class_decides() -> None:
    space = re.compile(r"[ \t\u00a0]+")
    for s in _strings(" \t\u00a0a*", 4):
        got = inline_text(s)
        if not re.search(r"[*_\[\]<>&\\!~`]", s):
            assert got == space.sub(" ", s).strip(), repr(s)


def test_group_one_substitutes_like_the_template() -> None:
    pattern = re.compile(r"\*\*(?=\S)([^*]{1,1000}?)(?<=\S)\*\*")
    for s in [*TEXTS, "**a** and **b**", "****"]:
        assert pattern.sub(_GROUP1, s) == pattern.sub(r"\1", s), s


def test_the_nesting_precheck_passes_whatever_the_scan_would_find() -> None:
    deep = [
        "> " * (MAX_NESTING + 1) + "x",
        ">" * (MAX_NESTING + 1),
        "\t>" * (MAX_NESTING + 1),
        "x\n" + "> >" * MAX_NESTING,
        " " * (4 * MAX_NESTING) + "x",
    ]
    for text in deep:
        assert _TOO_DEEP.search(text), text
    for text in [*deep, ">" * MAX_NESTING + "\n>", "\n".join(TEXTS)]:
        if _TOO_DEEP.search(text):
            assert _QUOTE_RUN.search(text) or " " * (4 * MAX_NESTING) in text, text


def test_footnote_markers_found_whatever_the_tag_case() -> None:
    assert split_footnotes("Yes<SUP>2</SUP>") == ("Yes", ("2",))
    assert split_footnotes("Yes<ſup>2</ſup>") == ("Yes", ("2",))  # 'ſ' folds to 's' in re.I
    assert split_footnotes("Yes ¹") == ("Yes", ("1",))
    assert split_footnotes("Yes<br>No") == ("Yes<br>No", ())


class _Forgetful(dict[tuple[int, str], object]):
    """A column memo that keeps nothing: every cell read the long way."""

    def __setitem__(self, key: tuple[int, str], value: object) -> None:
        pass


def test_cells_read_once_per_column_match_cells_read_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `_row` takes a table's repeated cell ("Yes" down a column) from `_column_cells`: the
    # model, its diagnostics (each row's own line) and notes included, is the same without it.
    from compiler.frontend import build
    from compiler.project.pipeline import compile_file, compile_text

    # and the shapes the corpus lacks: a cell no vocabulary reads, and one with a note, twice
    twice = (
        "# T\n\n| Feature | Windows | Linux |\n|---|---|---|\n"
        "| A | Kinda | Yes<br>Note: with the agent |\n"
        "| B | Kinda | Yes<br>Note: with the agent |\n"
        "| C | Yes | No |\n| D | Yes | No |\n| E | No | No |\n"
        "\n## Backends\n\n| Backend | Hashes | ModTime |\n|---|---|---|\n"  # rclone's shape
        "| Amazon S3 | Yes | Yes |\n| Azure Blob | Yes | Yes |\n| FTP | No | No |\n"
    )
    fast = [compile_file(p).model_dump_json() for p in DOCS]
    fast.append(compile_text(twice, twice.encode(), "t.md").model_dump_json())
    real_init = build._Builder.__init__

    def init(self: build._Builder, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self._column_cells = _Forgetful()  # type: ignore[assignment]

    monkeypatch.setattr(build._Builder, "__init__", init)
    slow = [compile_file(p).model_dump_json() for p in DOCS]
    slow.append(compile_text(twice, twice.encode(), "t.md").model_dump_json())
    assert len(fast) == len(DOCS) + 1 > 15
    assert fast[-1].count('"MX016"') == 2  # one for each row's line
    assert fast[-1].count('"text":"with the agent"') == 2  # a note for each row
    assert fast == slow
