"""Scenario discovery and spelling unification.

A document names one scenario many ways: "Hyper-V with Virtual Machine Manager", "**Hyper-V with
VMM**", "Hyper-V without VMM)", "Hyper-V (running with Virtual Machine Manager)". Labels are
compared as word sequences after markup and punctuation are dropped and acronyms are expanded,
where an acronym is either defined in the document ("Virtual Machine Manager (VMM)") or spelled by
the initials of words that appear in a scenario label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from compiler.frontend.text import inline_text, slugify

# A bound's sign is a word too ("≤ 0.9.x" is not "≥ 0.9.x"), and so are a name's "+" and "#"
# after a letter and before none: "C++", "C#" and "C" are three languages ("C++17" C++'s,
# "Windows+Linux" two words). A word is letters and digits of any script: "不使用 … Hyper-V"
# (without VMM) and "使用 … Hyper-V" (with it) are two targets, and "scénář" one word.
_WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z](?>\++|#)(?![A-Za-z])|[^\W_]+|[<>≤≥]=?")
# "Virtual Machine Manager (VMM)": the acronym in parentheses; its words are read backwards from
# it (see `acronyms`), so the scan stays linear on a 64 KB cell of capitals.
_DEFINED = re.compile(r"\(([A-Z][A-Z0-9]{1,7})\)")
_CAPITALISED = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_SEPARATOR = re.compile(r"[ -]")
_WINDOW = 120
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_ALTERNATIVES = re.compile(r"\b([A-Za-z]+)/([A-Za-z]+)\b")
# Words that may surround a scenario's name in a header or key without changing which it is.
_FILLER = frozenset({"running", "the", "a", "an", "on", "scenario", "hosts", "host", "only"})

# The key header of a "Supported scenarios" table, also in the languages of translated matrices.
SCENARIO_HEADERS = frozenset(
    {
        "scenario",
        "scenarios",
        "supported scenario",
        "supported scenarios",
        "scénář",
        "scénáře",
        "podporované scénáře",
        "szenario",
        "szenarien",
        "scénario",
        "scénarios",
        "escenario",
        "escenarios",
        "cenário",
        "cenários",
        *("方案", "支持的方案", "场景", "シナリオ", "サポートされるシナリオ"),
        *("시나리오", "지원되는 시나리오"),
    }
)


@dataclass(frozen=True, slots=True)
class Found:
    """A scenario as discovered, before it becomes a model object."""

    id: str
    label: str
    words: tuple[str, ...]
    line: int


def acronyms(text: str, labels: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Acronym -> expansion words, from definitions in `text` and initials of label words."""
    found: dict[str, tuple[str, ...]] = {}
    for m in _DEFINED.finditer(text):
        acro = m.group(1)
        before = text[max(0, m.start() - _WINDOW) : m.start()].rstrip()
        # The capitalised words right before the parenthesis, separated by spaces or hyphens.
        # `_SEPARATOR.split(before)[-len(acro):]`, splitting no more than those pieces off.
        pieces = before.replace("-", " ").rsplit(" ", len(acro))[-len(acro) :]
        tail = tuple(p.lower() for p in pieces)
        if (
            len(pieces) == len(acro)
            and all(_CAPITALISED.match(p) for p in pieces)
            and "".join(w[0] for w in tail) == acro.lower()
        ):
            found[acro.lower()] = tail
    # A label read twice adds nothing (every acronym it spells is set by its first reading):
    # headers repeat down a document ("Hyper-V with VMM" over every table).
    for label in dict.fromkeys(labels):
        tokens = _WORD.findall(label)
        caps = [w[:1].isupper() for w in tokens]
        if caps.count(True) < 2:
            continue  # no run of two capitalised words
        # counted[i]: capitalised words among the first i; a window is all capitals when it holds
        # `size` of them.
        counted = [0]
        for cap in caps:
            counted.append(counted[-1] + cap)
        for size in range(2, 6):
            for start in range(len(tokens) - size + 1):
                if counted[start + size] - counted[start] == size:
                    run = tokens[start : start + size]
                    acro = "".join(w[0] for w in run).lower()
                    found.setdefault(acro, tuple(w.lower() for w in run))
    return found


def words(label: str, expand: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A label as lower-case words, acronyms expanded; markup and punctuation ignored."""
    out: list[str] = []
    for w in _WORD.findall(inline_text(label)):
        low = w.lower()
        if low in expand and _ACRONYM.match(w):
            out.extend(expand[low])
        else:
            out.append(low)
    return tuple(out)


def _is_subsequence(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    pos = 0
    for w in needle:  # each word found after the previous one (tuple.index scans in C)
        try:
            pos = hay.index(w, pos) + 1
        except ValueError:
            return False
    return True


@lru_cache(maxsize=1024)
def _wordset(ws: tuple[str, ...]) -> frozenset[str]:
    """A scenario's words as a set: a cheap test that rules most scenarios out of a match."""
    return frozenset(ws)


def match(label: str, known: Sequence[Found], expand: dict[str, tuple[str, ...]]) -> Found | None:
    """The one scenario a label names, allowing filler words around it; None if none or unclear."""
    ws = words(label, expand)
    if not ws:
        return None
    present = frozenset(ws)
    best: list[tuple[int, Found]] = []
    for s in known:
        # Every word of the scenario in the label (a cheap test most scenarios fail), in order.
        if _wordset(s.words) <= present and _is_subsequence(s.words, ws):
            extra = [w for w in ws if w not in s.words]
            if all(w in _FILLER for w in extra) or len(extra) <= 1:
                best.append((len(extra), s))
    if not best:
        return None
    best.sort(key=lambda p: p[0])
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


def match_all(
    label: str, known: Sequence[Found], expand: dict[str, tuple[str, ...]]
) -> tuple[Found, ...]:
    """Scenarios a label names: one, or several for 'Hyper-V (with/without VMM)'."""
    one = match(label, known, expand)
    if one is not None:
        return (one,)
    m = _ALTERNATIVES.search(inline_text(label))
    if m is None:
        return ()
    plain = inline_text(label)
    out: list[Found] = []
    for alt in (m.group(1), m.group(2)):
        variant = plain[: m.start()] + alt + plain[m.end() :]
        hit = match(variant, known, expand)
        if hit is None or hit in out:
            return ()
        out.append(hit)
    return tuple(out)


def screen(known: Sequence[Found], expand: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """One word per scenario that a label's lower-cased plain text must contain for `match_all`
    to find that scenario in it: the scenario's longest word that no acronym expands to (so it
    can only come from the label's own letters). None when a scenario has no such word."""
    expanded = {w for ws in expand.values() for w in ws}
    out: list[str] = []
    for s in known:
        own = [w for w in s.words if w not in expanded]
        if not own:
            return None
        out.append(max(own, key=len))
    return tuple(out)


def may_name(label: str, words_needed: tuple[str, ...]) -> bool:
    """False when `match_all(label, ...)` is sure to find nothing (see `screen`): no scenario's
    word is in the label, and no '/' offers alternatives ('with/without')."""
    plain = inline_text(label).lower()
    return "/" in plain or any(w in plain for w in words_needed)


# A bound's sign as a word in a scenario's id: external-dns' "≤ 0.9.x" and "≥ 0.18.x" were
# "-09x" and "-018x" (a slug drops the signs; an id is no heading anchor, so it may say them).
_SIGNS = str.maketrans({"≤": " le ", "≥": " ge ", "<": " lt ", ">": " gt "})


_NAME_SIGN = re.compile(r"(?<=[A-Za-z])(?>\++|#)(?![A-Za-z])")


def _said_sign(m: re.Match[str]) -> str:
    return " plus" * len(m[0]) + " " if m[0][0] == "+" else " sharp "


def scenario_id(label: str) -> str:
    """A scenario's id: the slug of its canonical label, a bound's sign said in words."""
    text = inline_text(label)
    if "≤" in text or "≥" in text or "<" in text or ">" in text:
        text = " ".join(text.replace("<=", "≤").replace(">=", "≥").translate(_SIGNS).split())
    if "+" in text or "#" in text:  # "C++" c-plus-plus, "C#" c-sharp: not both "c"
        text = _NAME_SIGN.sub(_said_sign, text)
    return slugify(text) or "scenario"
