"""The front end's screens (cheap tests that skip a regex or a repeated computation) change
nothing: on every line, cell and sentence of the corpus, and on strings made to fold case the
way only a pattern does, a screen that skips a search skips one that would have found nothing,
and a memo gives what the call it saves gives."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from compiler.emit.rules import rule_file
from compiler.errors import InputError
from compiler.frontend import cells
from compiler.frontend import scenarios as sc
from compiler.frontend import text as plain_text
from compiler.frontend.build import _Builder, document_settings
from compiler.frontend.parse import _MD, _SLOW, MAX_NESTING, RawTable, _plain_mapping, parse
from compiler.frontend.text import inline_text, to_text
from compiler.model import matrix
from compiler.model.matrix import Constraint
from compiler.model.rulefile import _without_defaults
from compiler.project.pipeline import compile_text

from .conftest import FRONT_END_DOCS, corpus_texts

DOCS = FRONT_END_DOCS
# Words the screens look for, spelled so that only IGNORECASE matching finds them.
FOLDED = [
    "Upgrade the agent to any version after 1.2.3",
    "UPGRADE THE AGENT TO ANY VERSION AFTER 1.2.3",
    "upgrade the agent to any verſion after 1.2.3",  # 'ſ' folds to 's' in a pattern
    "Version 2.1.0 of the agent ONWARDS",
    "verſion 2.1.0 of the agent onwardſ",
    "Az 3.3.0 module onwards",
    "Az 3.3.0 module Onwards",
    "The disk MUST have at least 2 partitions",
    "The disk muſt have at least 2 partitions",
    "the disk SHOULD be less than 4 TB",
    "Disk >1 TB",
    "Disk ≥ 1 TB",
    "Disk ≤1 TB",
    "Volume < 2 TB",
]


def _texts() -> list[str]:
    """Every source line, table cell (plain text) and sentence of the corpus, and FOLDED."""
    lines = list(dict.fromkeys([*FOLDED, *corpus_texts()]))
    sentences = [s for line in lines for s in cells._sentences(line.strip())]
    return list(dict.fromkeys([*lines, *sentences]))


TEXTS = _texts()


def test_folded_text_is_what_the_patterns_compare() -> None:
    for s in TEXTS:
        folded = cells._folded(s)
        assert folded is None or folded == s.lower(), s
    assert cells._folded("verſion") is None


def test_version_screens_skip_only_searches_that_find_nothing() -> None:
    found = 0
    for s in TEXTS:
        folded = cells._folded(s)
        if folded is not None and "version" not in folded:
            assert cells._UPGRADE.search(s) is None, s
            assert cells._ANY_AFTER.search(s) is None, s
        if folded is not None and not ("version" in folded and "onwards" in folded):
            assert cells._VERSION_OF.search(s) is None, s
        if "onwards" not in s:
            assert cells._NAMED_ONWARDS.search(s) is None, s
        found += cells._read_version(s) is not None
    assert found  # the corpus and FOLDED do state version floors


def test_quantity_screens_skip_only_matches_that_fail() -> None:
    for s in TEXTS:
        folded = cells._folded(s)
        if folded is not None and "must" not in folded and "should" not in folded:
            assert cells._MODAL.search(s) is None, s
        if not any(c in s for c in "<>≤≥"):
            assert cells._SIGN_SUBJECT.search(s) is None, s
    assert cells._read_quantities("The disk MUST have at least 2 partitions") is not None
    assert cells._read_quantities("Disk ≥ 1 TB for generation 2 VMs") is not None


def _read_list_as_before(lines: list[str]) -> object:
    """`cells._read_list` before it kept its first line's reading: `_names` of it twice."""
    values: list[str] = []
    qualifiers: list[str] = []
    rest: list[str] = []
    if len(lines) > 1:
        for line in lines:
            names = cells._names(line)
            if names is None or names[1]:
                values = []
                break
            values.extend(names[0])
        text = "\n".join(lines)
    if not values:
        names = cells._names(lines[0]) if "," in lines[0] else None
        if names is None:
            return None
        (values, qualifiers), rest, text = names, lines[1:], lines[0]
    if len(values) < 2 or any(
        cells._read_quantities(v) is not None or cells._FLOOR_ITEM.search(v) for v in values
    ):
        return None
    if len({" " in v for v in values}) > 1:
        return None
    return (
        Constraint.trusted(kind="allowed_values", text=text, values=tuple(values)),
        qualifiers,
        rest,
    )


def test_a_list_reads_as_before() -> None:
    read = 0
    for doc in DOCS:
        for block in parse(doc.read_text(encoding="utf-8")).blocks:
            if not isinstance(block, RawTable):
                continue
            for row in block.rows:
                for c in row.cells:
                    lines = [ln.strip() for ln in to_text(c).split("\n") if ln.strip()]
                    if lines:
                        got = cells._read_list(lines)
                        assert got == _read_list_as_before(lines), c
                        read += got is not None
    assert read  # the corpus does hold lists of names


def _acronyms_of_every_label(text: str, labels: list[str]) -> dict[str, tuple[str, ...]]:
    """`sc.acronyms` as it was: every label read, repeated ones too."""
    found = sc.acronyms(text, [])
    for label in labels:
        for acro, words in sc.acronyms("", [label]).items():
            found.setdefault(acro, words)
    return found


def test_acronyms_and_header_matches_as_without_memos() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        document = parse(text)
        try:
            b = _Builder(document, doc.name, document_settings(document.front_matter, None))
        except InputError:  # a document the builder refuses has no headers to read
            continue
        labels = [inline_text(c) for t in b.tables for c in t.header.cells]
        assert sc.acronyms(text, labels) == _acronyms_of_every_label(text, labels)
        for label in labels:
            assert b._named(label) == sc.match_all(label, b.table_found, b.expand), label


def test_digit_version_and_naming_screens_find_what_the_patterns_find() -> None:
    digit, version = re.compile(r"\d"), re.compile(r"\d\.\d")
    naming = re.compile(r"restricted|limited|contain|start|begin|end")
    for s in [*TEXTS, "٣", "x٣.٣", "1.x", "a.1", "1.", "v1.2"]:
        assert cells._has_digit(s) == (digit.search(s) is not None), s
        assert (cells._HAS_VERSION.search(s) is not None) == (version.search(s) is not None), s
        lower = s.lower()
        assert cells._has_name_rule(lower) == (naming.search(lower) is not None), s


PLAIN = [
    "title: Support for disaster recovery of Hyper-V VMs",
    "ms.date: 12/19/2024",
    "date: 2024-12-19",
    "ok: yes",
    "yes: ok",
    "n: 12",
    "hex: 0x1F",
    "ratio: 1.5",
    "nothing: ~",
    "null: x",
    "merge: <<",
    "eq: =",
    'quote: it\'s here, and "there"',
    "spaced: two  spaces   ",
    "unicode: Přehled podpory",
    "nbsp: a\u00a0b",
    "star: a * b",
    "key:value",
    "colon: a: b",
    "hash: a # comment",
    "list: [a, b]",
    "dash: - a",
    "tab:\ta",
    "  indented: a",
    "",
]


def test_plain_front_matter_reads_as_yaml_does() -> None:
    import yaml

    bodies = [*PLAIN, "\n".join(PLAIN[:3]), "a: b\na: c", "a: b\n\nc: d"]
    for doc in DOCS:
        lines = doc.read_text(encoding="utf-8").split("\n")
        if lines[0].rstrip() == "---":
            end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
            bodies.append("\n".join(lines[1:end]))
    taken = 0
    for body in bodies:
        plain = _plain_mapping(body)
        if plain is not _SLOW:
            taken += 1
            assert plain == yaml.safe_load(body), body
    assert taken >= 10


SETEXT = [
    "a\n---",
    "a\nb\n===\nc",
    "a\n--- | ---\nb | c",
    "a | b\n--- | ---\nc | d\n---",
    "a\n-- -",
    "a\n - - -",
    "a\n---  \t",
    "a\n=== =",
    "> a\n> ---",
    "> a\n---",
    "- a\n  ---",
    "- a\n---",
    "    a\n---",
    "a\n    ---",
    "a\n   ===",
    "a\n\n---",
    "a\n\t---",
    "\ta\n\t---",
    "a\n# b\n---",
    "a\n> b\n---",
    "a\n- b\n---",
    "a\n```\n---\n```",
    "<div>\na\n---",
    # what may end a paragraph (the quick paragraph rule asks only about these lines)
    "a\n- b",
    "a\n1. b",
    "a\n2. b",
    "a\n1) b",
    "a\n+ b",
    "a\n-\nb",
    "a\n* * *",
    "a\n___",
    "a\n```\ncode\n```",
    "a\n~~~",
    "a\n<div>",
    "a\n<!-- c -->",
    "a\n<span>x</span>",
    "a\n# h",
    "a\n   # h",
    "a\n    # not h",
    "a\n> q",
    "> a\nb",
    "> a\n> - b\nc",
    "- a\n  b\n- c",
    "- a\nb",
    "1. a\n\n   b\n2. c",
    "a\n\tb",
    "a\n\t- b",
    "a | b\n- | -\nc | d",
    "**a** | b\n--- | ---\n**c** | d\n* e | f",
    "a\n[x]: /url",
    "[x]: /url\na",
]


def test_setext_and_paragraph_rules_leave_every_token_as_it_was() -> None:
    plain = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    plain.core.ruler.disable(["inline", "text_join"])
    asked = [getattr(r, "__qualname__", "") for r in _dispatch_rules(_MD.block.ruler.getRules(""))]
    assert any(name.startswith("_screened_lheading") for name in asked)  # the ones markdown-it
    assert any(name.startswith("_quick_paragraph") for name in asked)  # asks
    for text in [*SETEXT, *(doc.read_text(encoding="utf-8") for doc in DOCS)]:
        assert _MD.parse(text) == plain.parse(text), text


def _dispatch_rules(chain: list[object]) -> list[object]:
    """The rules the `_dispatch` runners of a chain try (from their closures)."""
    out: list[object] = []
    for run in chain:
        for c in getattr(run, "__closure__", None) or ():
            if isinstance(c.cell_contents, list):
                out.extend(c.cell_contents)
    return out


def test_compact_models_dump_as_pydantic_does() -> None:
    seen = 0
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        try:
            matrix = compile_text(text, text.encode("utf-8"), doc.name)
        except InputError:
            continue
        for rule in rule_file(matrix).rules:
            for model in (*rule.footnotes, *rule.constraints, *rule.cells):
                assert _without_defaults(model) == model.model_dump(
                    mode="json", exclude_defaults=True
                ), model
                seen += 1
    assert seen > 1000


def test_a_sentence_without_a_number_states_no_quantity() -> None:
    for s in TEXTS:
        folded = cells._folded(s)
        numbered = folded is None or cells._has_digit(folded)
        if not numbered and not any(w in folded for w in cells._WORDS):
            assert cells._QTY.search(s) is None, s
    for s in ("Up to FIVE disks", "Between One and Two disks", "UP TO 3 TB"):
        assert cells._read_quantities(s) is not None, s


def test_trusted_models_are_made_by_object_new() -> None:
    """`Frozen.trusted`, `new_cell` and `new_row` call `object.__new__` for `cls.__new__`
    (the rule file's models are defined: `_without_defaults` is imported from their module)."""

    def subclasses(cls: type) -> list[type]:
        return [cls, *(s for c in cls.__subclasses__() for s in subclasses(c))]

    models = subclasses(matrix.Frozen)
    assert matrix.Cell in models
    assert matrix.Row in models
    for cls in models:
        assert cls.__new__ is object.__new__, cls
    assert matrix.Column.trusted(label="x", role="key") == matrix.Column(label="x", role="key")


def test_acronym_words_split_off_as_the_separator_pattern_splits() -> None:
    separator = sc._SEPARATOR
    for s in [*TEXTS, "a--b", "-a b-", "Virtual Machine Manager", "x - y", " ", ""]:
        for k in range(2, 9):
            want = separator.split(s)[-k:]
            assert s.replace("-", " ").rsplit(" ", k)[-k:] == want, (s, k)


def _unwrap_as_before(s: str) -> str:
    """`plain_text._unwrap` before each link pattern looked for its '[' first."""
    for _ in range(3):
        s2 = s
        if "[" in s2:
            group = plain_text._GROUP1
            s2 = plain_text._LINK.sub(group, s2)
            s2 = plain_text._SHORTREF.sub(group, plain_text._REFLINK.sub(group, s2))
        for opening, emph in plain_text._EMPHS:
            if opening in s2:
                s2 = emph.sub(plain_text._GROUP1, s2)
        if s2 == s:
            break
        s = s2
    return s


def test_links_unwrap_as_before() -> None:
    extra = ["[a](b) [c][d] [e]", "[[a](b)]", "[a](b)[c]", "![x](y) [z]", "[**a**](b)", "[a][b](c)"]
    for s in [*TEXTS, *extra]:
        assert plain_text._unwrap(s) == _unwrap_as_before(s), s


def test_bound_words_are_classified_as_the_patterns_match_them() -> None:
    words = [*cells._LEAD_KINDS, "up to", "at most", "maximum", "max.", "no more than"]
    spaced = [w.replace(" ", sep) for w in words for sep in (" ", "  ", "\t", "\u00a0", "\n ")]
    odd = ["", " less than", "less than ", "lessthan", "min..", "<=", "≤", "leſs than"]
    for word in [*words, *spaced, *odd, *(w.upper().lower() for w in words)]:
        kind = cells._LEAD_KINDS.get(cells._one_space(word)) if word else None
        assert (kind == "xmax") == bool(cells._XMAX.fullmatch(word)), word
        assert (kind == "xmin") == bool(cells._XMIN.fullmatch(word)), word
        assert (kind == "min") == bool(cells._MIN.fullmatch(word)), word
