"""The front end's fast paths give what the regexes they stand in for give: on every line and
cell of the corpus, and on strings made of the characters each regex treats specially."""

from __future__ import annotations

import itertools
import re

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
