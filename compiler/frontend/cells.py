"""Read what a cell's plain text says: a verdict, structured limits, and what is left over.

Matrices state the same things in many spellings ("Yes, up to 32 TB", "Up to 4,095 GiB for
generation 2 VMs", "16 or less"). Every cell of every table goes through `read_cell`, so it uses
only module-level compiled regexes and caches results: cells repeat a lot ("Yes", "No", "NA").

The reader never guesses. A phrase is turned into a constraint only when it fills its sentence
(or is followed by words that do not restrict it); a limit followed by a qualifier it cannot
structure ("when replicating to storage account", "for managed disks") is left in `unparsed`
rather than emitted as if it held everywhere.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple

from compiler.frontend.text import slugify
from compiler.frontend.vocabulary import DEFAULT, Vocabulary, _one_space
from compiler.model.matrix import Condition, Constraint, Stage, Status

# Which bound a number without a bound word is, from its context (the column's header, the row's
# key): "max" for a Limit column, "min" for hardware requirements; None: a quantity, not a limit.
Bound = Literal["max", "min"] | None


class Reading(NamedTuple):
    """What a cell says: its verdict, its limits, and the text nothing was read from (a named
    tuple: one is made per cell text read, and a tuple is the cheapest immutable record)."""

    status: Status | None
    constraints: tuple[Constraint, ...]
    unparsed: str | None
    stage: Stage | None = None


# A Reading from the tuple of its fields (`Reading._make` without its Python frame).
_NEW_READING = functools.partial(tuple.__new__, Reading)

# --- numbers and units -------------------------------------------------------------------------

_WORDS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
    *("nineteen", "twenty"),
)
_WORD_VALUE = {w: i for i, w in enumerate(_WORDS, start=1)}
# The letters IGNORECASE matches to an ASCII letter that `str.lower` does not make one: the
# patterns read "ſix" and "fıve" as numbers (and a Kelvin sign where one matches it as k), so
# the values looked up from what they matched must fold them the same way.
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k"})

# A size's unit: "GB", "GiB", "B", and in words, "10 Megabytes", "256 kilobytes", "512 bytes",
# "10 MBytes" (a prefix's first letter is its scale, see `_bytes`).
# ... and Kubernetes' binary suffixes without the B ("64Mi", "1 Gi": a container's memory),
# in their own case only ("5 mi" is no size).
_SIZE_UNIT = (
    r"(?:[KMGTP]i?B|(?-i:[KMGTP]i)|B|"
    r"(?:kilo|mega|giga|tera|peta|kibi|mebi|gibi|tebi|pebi|[KMGTP]i?)?bytes?)"
)

# Chinese, Japanese and Korean letters: these scripts write a number against the words around
# it ("最大4,095 GB", "2GB以上", "64个"), so one of them before or after a quantity is no glue.
_CJK_RANGES = (
    ("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uac00", "\ud7af"),
    ("\uf900", "\ufaff"),
)  # fmt: skip
_CJK = "".join(f"{lo}-{hi}" for lo, hi in _CJK_RANGES)
# One of those letters, and a word character that is none of them, as parts of a pattern that
# ignores case: `re` compiles a class of these ~39,500 letters by walking every one, and under
# IGNORECASE folds each one's case too (the quantity pattern below took 25 ms to compile, on
# every start of a compile; 11 ms now). These scripts have no case: the classes ignore none.
_CJK_CHAR = f"(?-i:[{_CJK}])"
_WORD_NOT_CJK = f"(?-i:[^\\W{_CJK}])"

# A number as written: "4,095", "32", "1.5", or a word "five". Not part of a version or a name
# ("2.0.9214.0", "64-bit", "5.10.0-22-amd64").
_NUM = (
    rf"(?:(?<![\w.,-])|(?<={_CJK_CHAR}))(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
    + "|".join(_WORDS)
    + r")(?![.,-]?\d)(?!-(?![KMGTP]i?B\b))"
)

# Following Azure's documentation convention, KB/MB/GB/TB/PB are binary (1024-based), exactly like
# KiB/MiB/GiB/TiB/PiB: Azure's "4,095 GB" disk limit is 4,095 GiB. Both spellings map to the same
# byte counts so restated limits ("4,095 GB" vs "4,095 GiB") compare equal.
_SCALE: dict[str, int] = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4, "P": 1024**5}
# A rate's unit: "54 MB/s", "60 MiB/sec", "30 MBps", and in words, "60 megabytes per second",
# "100 megabits a second", "10 MB per second" (a small b, or "bit", is a bit: see `_bytes`).
_RATE_UNIT = (
    r"(?:[KMGTP]i?B(?:/(?:s(?:ec(?:ond)?)?|秒)|ps)|B/s"
    r"|(?:[KMGTP]i?B|(?:kilo|mega|giga|tera|peta|kibi|mebi|gibi|tebi|pebi|[KMGTP])?(?:bytes?|bits?))"
    r"(?:(?:\s+per\s+sec(?:ond)?|\s*/\s*s(?:ec(?:ond)?)?)(?![\w-])"
    r"|\s+a\s+second(?=\s*(?:$|[.,;:)]|per\b))))"
)

# Words that end a counted noun: "64 disks in total", "16 or less", "2 TB for generation 1 VMs".
_STOP = (
    r"(?:or|and|in|of|for|per|to|when|if|the|a|an|with|on|at|from|by|as|than|including|"
    r"except|unless|while|during|after|before|across|only|is|are|be)"
)
_NOUN_WORD = rf"(?!{_STOP}\b|(?:minimum|maximum)(?![\w-]))[A-Za-z][A-Za-z-]*"

# Spaces are written `\s+`: these are used inside a verbose pattern.
# ... and in Chinese, as Microsoft's translations write them: "最大 4,095 GB", "至少 2 个".
_LEAD_MAX = (
    r"up\s+to|at\s+most|no\s+more\s+than|maximum\s+length\s+of|maximum\s+of|maximum|max\.?|<=|≤"
    r"|最大|最多|최대"
)
_LEAD_XMAX = r"less\s+than|fewer\s+than|smaller\s+than|lower\s+than|<"
_LEAD_MIN = r"at\s+least|no\s+less\s+than|minimum\s+of|minimum|min\.?|>=|≥|至少|最少|最小|최소"
_LEAD_XMIN = r"more\s+than|greater\s+than|larger\s+than|bigger\s+than|higher\s+than|>"

# What a number before it is no count of: a date or time ("2024年", "3月", "3 个月"), a bit
# width ("64位"), a generation ("第 2 代"), a particle ("1つのみ", "2025年まで").
_NOT_COUNTED_CJK = r"[年月日号時时位代년월일]|世代|[つの]|まで|のみ|だけ|から"

# Magnitudes written after a number: "100 万" is a million, "20億" two billion (no reader here
# scales them, so a number they follow is no count: `_glued`).
_MAGNITUDE_CJK = "十百千万萬亿億兆만억천백"

# "Or less" and "or more" as Chinese, Japanese and Korean write them after a number.
_TRAIL_CJK = r"或更[少小低多大高]|[或及]?以[下上内]|이[하상내]"

_QTY = re.compile(
    rf"""
    (?:
        (?P<range>between|from|介[於于])\s*(?P<lo>{_NUM})\s*(?P<lo_unit>{_RATE_UNIT}|{_SIZE_UNIT})?
        (?:\s+(?:and|to|through)\s+|\s*[到和至與与]\s*)  # "介于 1 和 63 个字符之间"
    |   (?P<span>{_NUM})\s*(?P<span_unit>{_RATE_UNIT}|{_SIZE_UNIT})?
        (?:\s*[-–—]\s*|\s+(?:to|through)\s+)(?=\d)
    |
        (?:(?P<lead>{_LEAD_MAX}|{_LEAD_XMAX}|{_LEAD_MIN}|{_LEAD_XMIN})\s*)?
    )
    (?P<num>{_NUM})
    (?:
        \s*(?P<rate>{_RATE_UNIT})(?!{_WORD_NOT_CJK})
    |   (?:\s*|-)(?P<size>{_SIZE_UNIT})(?!{_WORD_NOT_CJK}|/)
        (?:\s*\((?P<again>[KMGTP]i?B)\))?  # "(GiB)"
        (?:\s+(?P<of>(?:of\s+)?(?:RAM|memory|disk\s+space|
            free\s+space|storage)))?
    |   \s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD})?)
    )?
    (?P<approx>\s*\(approximately\s[^()]*\))?
    (?:\s+(?P<total>in\s+total))?
    (?:\s+(?P<trail>or\s+(?:less|fewer|smaller|lower|below|more|greater|larger|higher|above)
        |minimum|maximum)(?![\w-])  # "16 GB minimum", "4 CPUs minimum", "64 maximum characters"
        # after "minimum"/"maximum" only ("(?<=mum)"): what is counted
        (?:(?<=mum)\s+(?P<noun_after>{_NOUN_WORD}(?:\s+{_NOUN_WORD})?))?
    |   (?:\s*[个個개](?![{_MAGNITUDE_CJK}]))?  # a counter, what is counted: "8核心以上"
        (?:\s*(?!{_TRAIL_CJK}|之[间間]|[{_MAGNITUDE_CJK}]|{_NOT_COUNTED_CJK})
            (?P<noun_zh>{_CJK_CHAR}{{1,4}}?)
            (?=\s*(?:{_TRAIL_CJK}|之[间間]|$|[。，；：、）)])))?
        (?:\s*(?P<trail_zh>{_TRAIL_CJK})|\s*之[间間])?)?  # 16 个或更少
    (?:\s+per\s+(?P<per>[A-Za-z][\w-]*))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "The OS disk should have up to five partitions": the subject is kept in the constraint's text.
_MODAL = re.compile(
    r"(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,5}?\s+(?:must|should)\s+(?:have|be)\s+",
    re.IGNORECASE,
)
# "Disk >1 TB", "Volume with striped disk >1 TB": a subject before a comparison sign.
_SIGN_SUBJECT = re.compile(
    r"(?!(?i:if|when|for|unless|while|until)\b)[A-Za-z][\w/-]*(?:\s+[\w/-]+){0,4}?\s*(?=[<>≤≥])"
)
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)", re.IGNORECASE)
_CONDITION = re.compile(
    r"\s+(?P<text>for\s+(?P<fact>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?)\s+"
    r"(?P<value>\d+(?:\.\d+)?)\s+(?:VMs|virtual machines|machines|disks|hosts|servers)\b)",
    re.IGNORECASE,
)
# "for managed disks", "for unmanaged disks": a kind of thing the limit is for.
_KIND_CONDITION = re.compile(
    r"\s+(?P<text>for\s+(?P<value>[a-z][\w-]*)\s+(?P<fact>disks|VMs|virtual\s+machines|machines|"
    r"hosts|servers|volumes|accounts|clusters|nodes)\b)",
    re.IGNORECASE,
)
_FACT_ALIAS = {"gen": "generation"}
_SLASH = re.compile(r"\s+/\s+")
# A qualifier this reader cannot structure: the limit does not hold everywhere, so none is emitted.
_RESTRICTING_TAIL = re.compile(
    r"[\s,]*(?:for|when|if|per|on|in|with|across|except|unless|while|during|after|before|from|"
    r"at|to|only|depending|where|within)\b",
    re.IGNORECASE,
)
_TRIVIAL = re.compile(r"[\s.,;:]*")

# --- verdicts ------------------------------------------------------------------------------------

# A whole cell that is one statement: "Multiple adapters are supported."
_STATEMENT = re.compile(
    r"(?P<subject>[A-Z][\w ,/-]*?)\s+(?:is|are)(?P<neg>n't|\s+not)?\s+(?:currently\s+)?"
    r"supported\.?",
)
_HEDGE = re.compile(r"\b(?:if|when|only|but|however|unless|except|not)\b", re.IGNORECASE)

# --- version floors ------------------------------------------------------------------------------

# (what may follow is only dots or dashes up to the end of its run: "2.1." and "1.0-" are
# versions, "1.0a" and "1.0.x" are not; said as a lookahead that scans no further than that run,
# so a run of "1.1.1…" is read in linear time, not quadratic)
_VERSION = r"(?<![\w.-])\d+(?:\.\d+)+(?=[.-]*(?![\w.-]))"
_UPGRADE = re.compile(
    rf"upgrade\s+(?:the\s+)?(?P<subject>[\w -]+?)(?:\s+on\s+(?:the\s+)?[\w -]+?)?\s+to\s+"
    rf"(?:any|a)\s+(?:later\s+)?version\s+(?P<op>after|later\s+than|newer\s+than|higher\s+than|"
    rf"or\s+later\s+than)\s+(?P<version>{_VERSION})",
    re.IGNORECASE,
)
_VERSION_OF = re.compile(
    rf"\(?version\s+(?P<version>{_VERSION})\s+of\s+(?:the\s+)?(?P<subject>[\w -]+?)\)?\s+onwards",
    re.IGNORECASE,
)
_NAMED_ONWARDS = re.compile(
    rf"\(?(?:(?i:via|from)\s+)?(?P<subject>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*?)(?:\s+(?i:version))?"
    rf"\s+(?P<version>{_VERSION})(?:\s+(?P<noun>module|agent|service|provider))?\s+onwards\)?",
)
_PARENS = re.compile(r"[()]")
# A clause that is a release by its number, then "or later"/"or newer" (which count nothing):
# "Windows Server 2016 or later", "Requires macOS 12 or later", "Version 2019 or later". The words
# before it with a capital letter name what the version is of. Named, a "+" says so too, as
# Flutter's platform tables write floors: "iOS 13+", "SDK 24+", "Windows 10+" (a bare "16+" is
# left to the readers of counts and version columns).
_SUBJECT = r"(?!(?i:version)\b)[a-z]*[A-Z][\w.+-]*(?:\s+[a-z]*[A-Z][\w.+-]*){0,3}"
_OR_LATER = re.compile(
    r"(?:(?i:requires?)\s+)?"
    rf"(?:(?:(?P<subject>{_SUBJECT})\s+)?"
    r"(?:(?i:version)\s+)?v?(?P<version>\d{1,4}(?:\.\d+)*)"
    # "or later", "and later", "3.10 或更高版本"
    r"(?:\s+(?:or|and)\s+(?i:later|newer)|\s*[或及]更高版本|\s*或以上版本|\s*以降)"
    rf"|(?P<named>{_SUBJECT})\s+v?(?P<floor>\d{{1,4}}(?:\.\d+)*)\+)"
)
# "or later", "and later" ("Windows Server 2012 and later", as Azure Arc's tables write it): the
# screen of `_or_later` and `_read_clause`.
_LATER_WORDS = re.compile(r"\b(?:or|and)\s+(?:later|newer)\b")
# "or later" in Chinese and Japanese: "3.10 或更高版本", "2016 以降" (`_read_clause`'s screen).
_LATER_CJK = re.compile("更高版本|以上版本|以降")
_ANY_AFTER = re.compile(
    rf"(?:any|a)\s+(?:later\s+)?version\s+(?P<op>after|later\s+than|newer\s+than|higher\s+than|"
    rf"above|or\s+later\s+than)\s+(?P<version>{_VERSION})",
    re.IGNORECASE,
)
# "2.3.0+, 2.2.0+", "1.10+", "v1.6.15+": floors, one per release line.
_V = r"v?\d+(?:\.\d+)+(?:\.[xX*])?|v?\d+\.[xX*]"
_FLOORS = re.compile(rf"(?:{_V})\+(?:\s*,\s*(?:{_V})\+)*")
_FLOOR = re.compile(rf"({_V})\+")
# "1.36.x - 1.33.x", "5.2 to 5.11", "between 1.20 and 1.24", "1.33 → 1.36": a range of versions,
# either order ("and" only after "between": "1.6.* and 1.8.*" lists two lines).
_VRANGE = re.compile(
    rf"(?:versions?\s+)?(?:(?P<between>between\s+)|from\s+)?(?P<a>{_V})\s*"
    rf"(?P<sep>-|–|—|→|->|to|through|and)\s*(?P<b>{_V})",
    re.IGNORECASE,
)
# One bound on versions filling its sentence: a comparison (">= 1.21", "≤ 6.2", "< 1.30"), a
# word before ("since 1.20", "starting with 1.20", "at least 2.3", "up to 1.27") or after it
# ("v1.21 and above", "1.27 or earlier", "7.2 to current"). A release line's noun after the
# version ("6.2 family of releases") names the line, no restriction. `_version_bound` says which
# of the words may go together.
_VBOUND = re.compile(
    r"""(?:versions?\s+)?
    (?:
        (?P<op>>=|=>|≥|<=|=<|≤|>|<)\s*
    |   (?P<floor>since|from|starting\s+(?:with|from|at|in)|minimum(?:\s+of)?|min\.?|
            at\s+least)\s+
    |   (?P<ceiling>up\s+to|at\s+most|maximum(?:\s+of)?|max\.?)\s+
    )?
    (?:versions?\s+)?
    v?(?P<version>\d+(?:\.\d+)+)(?:\.[xX*])?
    (?:\s+(?:family|series|line|branch|stream)(?:\s+of\s+releases)?|\s+releases)?
    (?:
        \s+(?:and|or)\s+(?P<later>later|above|newer|higher|up)
    |   \s+(?:and|or)\s+(?P<earlier>earlier|lower|below|older)
    |   \s*(?:-|–|to|through)\s*(?P<current>current|latest|present|now)
    |   \s+(?P<onwards>onwards|upwards)
    )?""",
    re.IGNORECASE | re.VERBOSE,
)
_UP_OPS = frozenset((">=", "=>", "≥", ">"))
_VPART = re.compile(r"\d+")
# An ordered list's item number at a line's start, before words ("1. VMM IP Pool", "2) Custom").
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[^\W\d_])", re.MULTILINE)
_BARE_VERSION = re.compile(r"v?(\d+(?:\.\d+)+)")
_BARE_FLOOR = re.compile(
    rf"(?:version\s+)?(?P<version>{_VERSION})\s*(?:or\s+(?:later|higher|newer|above)|"
    rf"(?:and|or)\s+(?:later|above)|onwards)\.?",
    re.IGNORECASE,
)

# --- names: character sets and affixes -----------------------------------------------------------

_CLASS = {
    "letters": "A-Za-z",
    "lowercase letters": "a-z",
    "uppercase letters": "A-Z",
    "numbers": "0-9",
    "digits": "0-9",
    "numerals": "0-9",
    "underscores": "_",
    "periods": ".",
    "dots": ".",
    "spaces": " ",
    "hyphens": "-",  # last, so a class ends "...-]" and the hyphen stays literal everywhere
    "dashes": "-",
}
_CLASS_ORDER = ("A-Za-z", "a-z", "A-Z", "0-9", "_", ".", " ", "-")
_CLASS_WORD = (
    r"(?:lowercase |uppercase )?"
    r"(?:letter|number|digit|numeral|underscore|period|dot|space|hyphen|dash)s?"
)
_CHARSET = re.compile(
    rf"(?:[\w ]+?\s+(?:is|are|must\s+be)\s+)?(?:restricted|limited)\s+to\s+"
    rf"(?:only\s+)?(?P<list>{_CLASS_WORD}(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
    rf"{_CLASS_WORD})*)\.?"
    rf"|(?:[\w ]+?\s+)?(?:can|may)\s+(?:only\s+)?contain\s+(?:only\s+)?"
    rf"(?P<list2>{_CLASS_WORD}(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+){_CLASS_WORD})*)\.?",
    re.IGNORECASE,
)
_CLASS_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", re.IGNORECASE)
_ARTICLE_CLASS = rf"(?:an?\s+)?{_CLASS_WORD}"
_AFFIX = re.compile(
    rf"(?:[\w ]+?\s+)?(?P<neg>must|should|can(?:'t|not|\s+not)|must\s+not|mustn't|shouldn't)\s+"
    rf"(?:only\s+)?(?P<where>start\s+and\s+end|begin\s+and\s+end|start\s+or\s+end|begin\s+or\s+end|"
    rf"start|begin|end)\s+with\s+(?P<list>{_ARTICLE_CLASS}(?:\s*(?:,|or|and)\s+{_ARTICLE_CLASS})*)\.?",
    re.IGNORECASE,
)

# --- lists of names ------------------------------------------------------------------------------

_PAREN = re.compile(r"\s*(\([^()]*\))(?=\s*(?:,|$|\s(?:and|or)\s))")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_TAIL = re.compile(r"\s+(with\s+.*)$")
# A name or version: capitalised words, tokens with digits ("ext4", "R2"), a few joiners.
_NAME_WORD = r"(?:[A-Z0-9][\w.+/-]*|[a-z][\w.+-]*\d[\w.+-]*|for|of|on|--)"
_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,5}}")
_SENTENCE_WORD = re.compile(
    r"\b(?:is|are|be|must|can|should|will|has|have|supported|support|use|uses|see|learn)\b",
    re.IGNORECASE,
)

# Screens run on lower-cased text: case-sensitive alternations are far cheaper than IGNORECASE.
# `\d\.\d` found from its '.': a pattern opening with a literal is searched by skipping to it,
# one opening with a class tests every character.
_HAS_VERSION = re.compile(r"\.(?<=\d\.)\d")
_HAS_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_WORDS)})\b")


def _folded(text: str) -> str | None:
    """`text.lower()` where it folds case as the patterns' IGNORECASE does (ASCII text); None
    elsewhere ("ſ" folds to "s" and "K" to "k" in a pattern, not in `str.lower`), where a
    screen on words then lets everything through."""
    return text.lower() if text.isascii() else None


def _has_digit(text: str) -> bool:
    r"""`\d` in `text`: in ASCII text the ten digits, looked for as substrings (in C, without the
    engine's test of every character against a category)."""
    if not text.isascii():
        return _HAS_DIGIT.search(text) is not None
    return (
        "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
        or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
    )  # fmt: skip


def _has_number(lower: str) -> bool:
    """A digit or a number word in lower-cased text. The word pattern (a boundary first, so the
    engine tries it at every position) runs only when one of the words is in the text at all."""
    return _has_digit(lower) or (
        any(w in lower for w in _WORDS) and _NUMBER_WORD.search(lower) is not None
    )


def _has_name_rule(lower: str) -> bool:
    """`restricted|limited|contain|start|begin|end` searched in lower-cased text, as substrings."""
    return (
        "end" in lower or "start" in lower or "begin" in lower
        or "contain" in lower or "restricted" in lower or "limited" in lower
    )  # fmt: skip


_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^an?\s+")
_XMAX = re.compile(_LEAD_XMAX)
_XMIN = re.compile(_LEAD_XMIN)
_MIN = re.compile(_LEAD_MIN)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
# The same breaks found from their punctuation: a pattern that opens with a character class is
# searched by skipping to those characters, one that opens with a lookbehind tries every position.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\"'])")


def _sentences(line: str) -> list[str]:
    """`_SENTENCE.split(line)`: the sentences of a line, each keeping its final punctuation."""
    out: list[str] = []
    pos = 0
    for m in _SENTENCE_END.finditer(line):
        out.append(line[pos : m.start() + 1])
        pos = m.end()
    if not out:
        return [line]
    out.append(line[pos:])
    return out


_LEADING_PUNCT = re.compile(r"^[\s,.:;\-–—。，、；：]+")


# A number's magnitude in words: "2 billion objects" is 2,000,000,000 of them, not 2 "billion
# objects". A letter alone is no magnitude this reader takes: "4K" is a thousand (users), 1,024
# (sectors) or a kilobyte ("from 4K to 2048K") as the document's readers know.
_MAGNITUDE = {
    **{w: 10 ** (3 * i) for i, w in enumerate(("thousand", "million", "billion", "trillion"), 1)},
    **{w + "s": 10 ** (3 * i) for i, w in enumerate(("thousand", "million", "billion"), 1)},
}
_MAGNITUDE_LETTERS = frozenset("KkMB")


def _counted(num: str, noun: str | None, ranged: bool) -> tuple[int | float, str | None] | None:
    """(number, noun) of a quantity, a magnitude in words read into its number: "2 billion
    objects" is 2,000,000,000 "objects", exactly ("1.5 million" is 1,500,000, no float's
    1,500,000.0000002). None where no reader could tell the number: "100 K files" (see
    `_MAGNITUDE`), "between 1 and 2 million" (1 or a million)."""
    if noun is None:
        return _number(num), None
    first, _, rest = noun.partition(" ")
    scale = _MAGNITUDE.get(first.translate(_FOLD).lower())
    if scale is None:
        return None if first in _MAGNITUDE_LETTERS else (_number(num), noun)
    if ranged:
        return None
    word = _WORD_VALUE.get(num.translate(_FOLD).lower())
    exact = Decimal(word if word is not None else num.replace(",", "")) * scale
    return int(exact) if exact == exact.to_integral_value() else float(exact), rest or None


def _number(text: str) -> int | float:
    """The value of a number as written: '4,095' -> 4095, 'five' -> 5, '1.5' -> 1.5."""
    word = _WORD_VALUE.get(text.translate(_FOLD).lower())
    if word is not None:
        return word
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


# A small b is a bit: "650 Mbps", "1.25 Gb/s" are line rates, decimal as networks count them
# (1 Mbps = 10^6 bits a second), kept as bytes a second like every rate.
_BITS = re.compile(
    r"[KMGTPkmgtp]?[iI]?b(?:[pP][sS]|\s*/|\s+(?:per|a)\s)"
    r"|(?i:(?:kilo|mega|giga|tera|peta|kibi|mebi|gibi|tebi|pebi|[kmgtp])?bits?\b)"
)
_BIT_SCALE: dict[str, int] = {p: 1000 ** (i + 1) for i, p in enumerate("KMGTP")}


def unit_bytes(unit: str) -> float:
    """Bytes in one `unit` of a size or a rate (a second's): decimal and binary prefixes are
    both 1024-based (see above), a bit an eighth of a byte, its prefixes decimal."""
    prefix = unit[0].translate(_FOLD).upper()
    if _BITS.match(unit.translate(_FOLD)):
        return _BIT_SCALE.get(prefix, 1) / 8
    return _SCALE.get(prefix, 1)


def _bytes(quantity: int | float, unit: str) -> int:
    """Bytes in `quantity` `unit`."""
    return round(quantity * unit_bytes(unit))


# Every spelling `_XMAX`, `_XMIN` and `_MIN` match whole, each `\s+` as one space: a bound
# word is looked up with its whitespace made one space (`_one_space`, as `\s+` finds it).
_LEAD_KINDS: dict[str, str] = {
    **dict.fromkeys(("less than", "fewer than", "smaller than", "lower than", "<"), "xmax"),
    **dict.fromkeys(
        ("more than", "greater than", "larger than", "bigger than", "higher than", ">"), "xmin"
    ),
    **dict.fromkeys(
        ("at least", "no less than", "minimum of", "minimum", "min", "min.", ">=", "≥"), "min"
    ),
    **dict.fromkeys(("至少", "最少", "最小", "최소"), "min"),
}
# A Chinese, Japanese or Korean trail, as the English one it says ("或更少", "以下", "이하":
# "or fewer").
_TRAIL_ZH = {**dict.fromkeys("少小低下하内내", "or less"), **dict.fromkeys("多大高上상", "or more")}


def _bounds(
    lead: str | None, trail: str | None, value: int | float
) -> tuple[int | float | None, int | float | None, bool, bool]:
    """(minimum, maximum, exclusive_minimum, exclusive_maximum) from the words around a number."""
    word = (lead or "").lower()
    after = (trail or "").lower()
    kind = _LEAD_KINDS.get(_one_space(word)) if word else None  # which of the patterns it fills
    if kind == "xmax":
        return None, value, False, True
    if kind == "xmin":
        return value, None, True, False
    if kind == "min" or after.endswith(("more", "greater", "larger", "higher", "above", "minimum")):
        return value, None, False, False
    if word or after:
        return None, value, False, False
    return None, None, False, False


def _quantity(
    m: re.Match[str],
    text: str,
    condition: Condition | None,
    *,
    lead: str | None = None,
    bound: Bound = None,
) -> Constraint | None:
    """The constraint one quantity phrase states, or None when it is no limit (a bare decimal).

    `lead` is the bound word of an earlier quantity the phrase shares ("at least two CPU cores
    and 1-GB RAM"); `bound` what a number without any bound word means in its context. A number
    with neither is never read as "exactly N": it is kept as a quantity with no bounds.
    """
    unit = m["rate"] or m["size"]
    if (unit and m["noun_zh"]) or (
        m["again"] and m["again"][0].upper() != unit[0].translate(_FOLD).upper()
    ):
        # "8GB未満" (under 8 GB), "10GB超": a word after the unit no rule here reads;
        # "65,536 gibibyte (TiB)": which of the two, the reader cannot tell
        return None
    low, low_unit = (m["lo"], m["lo_unit"]) if m["range"] else (m["span"], m["span_unit"])
    lo = _number(low) if low else None
    counted = _counted(m["num"], m["noun"] or m["noun_after"], ranged=lo is not None)
    if counted is None:
        return None
    num, noun = counted
    noun = noun or (m["of"] and _SPACES.sub(" ", m["of"])) or m["noun_zh"]
    lead = m["lead"] or lead
    bounds: tuple[int | float | None, int | float | None, bool, bool]
    if lo is not None:  # "between 1 and 16", "128 MB to 3,008 MB", "100 - 1,000", "512 MB to 4 GB"
        if (low_unit and not unit) or (
            _bytes(lo, low_unit or unit) > _bytes(num, unit) if unit else lo > num
        ):
            return None
        bounds = (lo, num, False, False)
    else:
        trail = m["trail"] or (m["trail_zh"] and _TRAIL_ZH[m["trail_zh"][-1]])
        bounds = _bounds(lead, trail, num)
        if m["rate"] and bounds[:2] == (None, None):
            bounds = (None, num, False, False)  # a throughput written alone is a ceiling: "54 MB/s"
        elif bounds[:2] == (None, None) and bound is not None:
            bounds = (None, num, False, False) if bound == "max" else (num, None, False, False)
    minimum, maximum, xmin, xmax = bounds
    if unit:
        return Constraint.trusted(
            kind="rate" if m["rate"] else "size",
            text=text,
            minimum=None if minimum is None else _bytes(minimum, low_unit or unit),
            maximum=None if maximum is None else _bytes(maximum, unit),
            exclusive_minimum=xmin,
            exclusive_maximum=xmax,
            quantity=num,
            unit=unit,
            per=m["per"],
            subject=noun,
            condition=condition,
        )
    if not all(isinstance(v, int) for v in (num, lo) if v is not None):
        return None
    is_length = noun is not None and noun.lower() in ("characters", "chars", "字符", "字元", "文字")
    return Constraint.trusted(
        kind="length" if is_length else "count",
        text=text,
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=xmin,
        exclusive_maximum=xmax,
        quantity=num,
        unit=noun,
        per=m["per"],
        condition=condition,
    )


def _condition(m: re.Match[str]) -> Condition:
    """A structured 'for <fact> <value> <things>' (or 'for <value> <things>') qualifier."""
    fact = _SPACES.sub(" ", m["fact"].lower())
    return Condition.trusted(
        fact=_FACT_ALIAS.get(fact, slugify(fact)), value=m["value"], text=m["text"]
    )


def _glued(after: str) -> bool:
    """A letter or a slash right after a quantity: a unit or a ratio no pattern here reads (a
    Chinese, Japanese or Korean letter is the next word: "2GB以上推奨")."""
    if after in _CJK_MAGNITUDES:  # "100 万" is a million, "20億" two billion: no count of 万
        return True
    return (after.isalpha() and not _cjk_first(after)) or after == "/"


def _cjk_first(text: str) -> bool:
    """Whether a text opens with a Chinese, Japanese or Korean letter (by the ranges: a class
    of them would cost every start ~2 ms to compile)."""
    return bool(text) and any(lo <= text[0] <= hi for lo, hi in _CJK_RANGES)


_CJK_MAGNITUDES = frozenset(_MAGNITUDE_CJK)


# A number of things named after it: "one of the following", "at least one of `a`, `b`".
_OF_SET = re.compile(r"\s+of\b")


def _read_quantities(  # noqa: C901, PLR0911, PLR0912 - one reading per quantity grammar
    sentence: str, bound: Bound = None
) -> tuple[list[Constraint], str | None] | None:
    """Limits a sentence starts with, and what follows them; None when it states none."""
    folded = _folded(sentence)
    if folded is not None and not _has_digit(folded) and not any(w in folded for w in _WORDS):
        return None  # every quantity holds a number: a digit or a number word, in any case
    if " / " in sentence:  # "32 TB for managed disks / 4 TB for unmanaged disks"
        parts = _SLASH.split(sentence)
        read = [_read_quantities(p, bound) for p in parts]
        if all(r is not None and r[1] is None for r in read):
            return [c for r in read if r is not None for c in r[0]], None
    found: list[Constraint] = []
    pos = 0
    signed = bare = False
    lead: str | None = None
    # Screens: a modal needs "must" or "should" (any case), a signed subject one of the signs
    # it looks ahead to.
    modals = folded is None or "must" in folded or "should" in folded
    signs = "<" in sentence or ">" in sentence or "≤" in sentence or "≥" in sentence
    while True:
        start = pos
        modal = _MODAL.match(sentence, pos) if modals else None
        if modal:
            pos = modal.end()
        elif not found and signs:
            sign = _SIGN_SUBJECT.match(sentence, pos)
            if sign:
                pos, signed = sign.end(), True
        m = _QTY.match(sentence, pos)
        if not m or (pos != start and not (m["lead"] or m["range"] or m["span"])):
            break
        if _glued(sentence[m.end() : m.end() + 1]) or (
            not (m["rate"] or m["size"] or m["noun"]) and _OF_SET.match(sentence, m.end())
        ):
            # "100K", "16x faster", "60 MB/min": no quantity this reader knows; "At most one of
            # [`Config`, `ConfigRef`]": which of them, no amount
            return None
        end = m.end()
        cond_m = _CONDITION.match(sentence, end) or _KIND_CONDITION.match(sentence, end)
        condition = _condition(cond_m) if cond_m else None
        if cond_m:
            end = cond_m.end()
        phrase_end = m.start("approx") if m["approx"] else m.end()
        constraint = _quantity(
            m, sentence[start:phrase_end].strip(), condition, lead=lead, bound=bound
        )
        if constraint is None:
            return None
        found.append(constraint)
        bounded = m["lead"] or lead or m["range"] or m["span"] or m["trail"] or m["trail_zh"]
        bare = bare or not bounded
        lead = m["lead"] or lead
        pos = end
        join = _JOIN.match(sentence, pos)
        if not join:
            break
        nxt = join.end()
        if not (_QTY.match(sentence, nxt) or _MODAL.match(sentence, nxt)):
            break
        pos = nxt
    if not found:
        return None
    tail = sentence[pos:]
    if _TRIVIAL.fullmatch(tail):
        return found, None
    # A bare quantity ("15, SP1, SP2") or a comparison with a subject is a limit only on its own.
    # Nor is one Chinese or Japanese words follow at once: they may deny it ("4GB以下は非対応").
    if signed or bare or _RESTRICTING_TAIL.match(tail) or _cjk_first(tail.lstrip()):
        return None
    return found, _LEADING_PUNCT.sub("", tail).strip() or None


def _pattern(classes: list[str], negate: bool = False) -> str:
    """A character class built in a fixed order, so equal sets give equal patterns."""
    body = "".join(c for c in _CLASS_ORDER if c in classes)
    return f"[{'^' if negate else ''}{body}]"


def _class_names(listing: str) -> list[str]:
    """Character-class words of a listing, plural and without articles: 'a letter' -> 'letters'."""
    names = []
    for item in _CLASS_SPLIT.split(listing.strip()):
        word = _ARTICLE.sub("", item.strip().lower())
        names.append(word if word.endswith("s") else word + "s")
    return names


def _read_charset(sentence: str) -> Constraint | None:
    """'Restricted to letters, numbers, and hyphens.' as a full-match pattern."""
    m = _CHARSET.fullmatch(sentence)
    if not m:
        return None
    names = _class_names(m["list"] or m["list2"])
    classes = [_CLASS[n] for n in names]
    return Constraint.trusted(
        kind="charset",
        text=sentence,
        values=tuple(names),
        pattern=f"^{_pattern(classes)}*$",
    )


def _read_affix(sentence: str) -> Constraint | None:
    """'must start and end with a letter or number', "can't end with a period"."""
    m = _AFFIX.fullmatch(sentence)
    if not m:
        return None
    names = _class_names(m["list"])
    classes = [_CLASS[n] for n in names]
    negative = not m["neg"].lower().startswith(("must", "should")) or "not" in m["neg"].lower()
    negative = negative or m["neg"].lower().endswith("n't")
    c = _pattern(classes, negate=negative)
    where = m["where"].lower()
    if "and" in where or "or" in where:
        pattern = f"^({c}(.*{c})?)?$" if negative else f"^{c}(.*{c})?$"
    elif where in ("start", "begin"):
        pattern = f"^({c}.*)?$" if negative else f"^{c}.*$"
    else:
        pattern = f"^(.*{c})?$" if negative else f"^.*{c}$"
    return Constraint.trusted(kind="affix", text=sentence, values=tuple(names), pattern=pattern)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A version's parts as they compare: (length, digits) without leading zeros, so a part
    of any length orders numerically (int() refuses a document's 5000-digit part)."""
    return tuple((len(d), d) for d in (p.lstrip("0") for p in _VPART.findall(version)))


def _plain_version(version: str) -> str:
    return version[1:] if version[:1] in "vV" else version


def _read_version_list(sentence: str) -> list[Constraint] | None:
    """Floors ('2.1.0+, 2.0.1+') and ranges ('5.2 to 5.11') of versions filling the sentence.

    Several floors name one floor per release line: any one of them is enough (`any_of`); the
    newest is open-ended, each older one holds up to the end of its own line ('2.0.x').
    """
    body = sentence.strip().rstrip(".")
    if body[:1] == "(" and body[-1:] == ")" and "(" not in body[1:]:
        body = body[1:-1].strip()  # "Yes (2.1+)": a verdict's floor in parentheses
    if _FLOORS.fullmatch(body):
        floors = sorted(
            (_plain_version(v) for v in _FLOOR.findall(body)), key=_version_key, reverse=True
        )
        if len(floors) == 1:
            return [Constraint.trusted(kind="min_version", text=body, version=floors[0])]
        out = [
            Constraint.trusted(
                kind="min_version", text=f"{floors[0]}+", version=floors[0], any_of=True
            )
        ]
        for floor in floors[1:]:
            line = ".".join(floor.split(".")[:2]) + ".x"
            out.append(
                Constraint.trusted(
                    kind="version_range",
                    text=f"{floor}+",
                    version=floor,
                    max_version=line,
                    any_of=True,
                )
            )
        return out
    m = _VRANGE.fullmatch(body)
    if m and (m["between"] or m["sep"].lower() != "and"):
        a, b = _plain_version(m["a"]), _plain_version(m["b"])
        if m.end("a") + 1 == m.start("b") and _version_key(b)[:1] < _version_key(a)[:1]:
            # "6.0.200-1.24270.5" (a .NET package's): one version and its pre-release part, as
            # semver writes it, not a range from a lower major ("1.2-1.5", "1.36.x-1.33.x" are)
            return None
        low, high = sorted((a, b), key=_version_key)
        return [Constraint.trusted(kind="version_range", text=body, version=low, max_version=high)]
    bound = _version_bound(body) if _HAS_VERSION.search(body) else None
    if bound is None and _HAS_VERSION.search(body):
        return version_bounds(body, integers=False)
    return None if bound is None else [bound]


# A bound on a version as compatibility tables write it: a sign (">= 18", "≥ 11", "< 21") or a
# plus ("16+", "v1.6+"), what it is the version of before it ("musl >= 1.0", "Xcode 16.1+",
# "Node.js 18+": a name, its first word capitalised or a known tool's lower case).
_SIGNED = re.compile(
    r"(?:(?P<subject>[A-Za-z][\w.+/-]*(?:\s+[A-Za-z][\w.+/-]*){0,2}?)\s*(?=[<>=≤≥]))?"
    r"(?P<op>>=|=>|≥|<=|=<|≤|>|<)\s*v?(?P<version>\d+(?:\.\d+)*)"
    r"|(?:(?P<psubject>[A-Za-z][\w.+/-]*(?:\s+[A-Za-z][\w.+/-]*){0,2}?)\s+)?"
    r"v?(?P<pversion>\d+(?:\.\d+)*)\+"
)
_BOUNDS_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and\s+)?")  # ">=1.2.0 and <2.0.0"


def version_bounds(body: str, *, integers: bool) -> list[Constraint] | None:
    """The version bounds filling a cell: one (a floor or a ceiling), or a floor and a ceiling
    of one thing (">=3.8, <=3.12", ">=3.8,<3.13", ">=3.8 <3.13", as PEP 440 and npm write a
    range). `integers`: a whole number is a version too ("Node.js version | >= 18"), as in a
    column whose header says versions; elsewhere it may be a count (">= 4" CPU cores). None for
    anything else, two bounds of different things included ("kernel >= 3.10, glibc >= 2.17":
    one value cannot be checked against both)."""
    found = _scan_bounds(body)
    if found is None or (not integers and any("." not in v for _, _, v, _ in found)):
        return None
    subjects = {s.strip() for s, _, _, _ in found if s}
    if len(subjects) > 1 or (
        len(found) == 2 and (found[0][1] in _UP_OPS) == (found[1][1] in _UP_OPS)
    ):
        return None  # two things, or two floors: no one range
    subject = subjects.pop() if subjects else None
    if subject is not None and subject.lower().split()[-1] in ("version", "versions"):
        subject = " ".join(subject.split()[:-1]) or None  # "Node.js version >= 18"
    return [
        _bound(op, version, body if len(found) == 1 else text, subject)
        for _, op, version, text in sorted(found, key=lambda f: f[1] not in _UP_OPS)
    ]


def _scan_bounds(body: str) -> list[tuple[str | None, str, str, str]] | None:
    """(subject, sign, version, text) of each of at most two bounds that fill the text, else
    None (a plus is the sign ">=")."""
    found: list[tuple[str | None, str, str, str]] = []
    at = 0
    while at < len(body) and len(found) < 2:
        m = _SIGNED.match(body, at)
        if m is None:
            return None
        text = m[0].strip()
        if m["op"]:
            found.append((m["subject"], m["op"], m["version"], text))
        else:
            found.append((m["psubject"], ">=", m["pversion"], text))
        at = m.end()
        gap = _BOUNDS_GAP.match(body, at)
        if gap is not None and gap.end() < len(body):
            at = gap.end()
    return found if found and at == len(body) else None


def _bound(op: str, version: str, text: str, subject: str | None) -> Constraint:
    if op in _UP_OPS:
        return Constraint.trusted(
            kind="min_version",
            text=text,
            version=version,
            exclusive_minimum=op == ">",
            subject=subject,
        )
    return Constraint.trusted(
        kind="max_version",
        text=text,
        max_version=version,
        exclusive_maximum=op == "<",
        subject=subject,
    )


def _version_bound(body: str) -> Constraint | None:
    """A version floor or ceiling `_VBOUND` reads from a whole sentence; None for a bare version
    (no bound word: it may be the row's own release) or words pointing both ways."""
    m = _VBOUND.fullmatch(body)
    if m is None:
        return None
    op = m["op"]
    up = bool(m["floor"] or m["later"] or m["current"] or m["onwards"]) or op in _UP_OPS
    down = bool(m["ceiling"] or m["earlier"]) or (op is not None and op not in _UP_OPS)
    if up == down:
        return None
    exclusive = op in (">", "<")
    if down:
        return Constraint.trusted(
            kind="max_version", text=body, max_version=m["version"], exclusive_maximum=exclusive
        )
    return Constraint.trusted(
        kind="min_version", text=body, version=m["version"], exclusive_minimum=exclusive
    )


# A version as a column of versions lists it: "16", "3.0", "v1.32", "1.20.x".
# ... and Windows' releases as .NET's supported-OS table lists them: "2012-R2", "23H2", "15 SP3".
_LISTED_VERSION = r"v?\d+(?:\.\d+)*(?:\.[xX*]|-?R\d|H\d| ?SP\d)?"
_LISTED_VERSIONS = re.compile(
    rf"{_LISTED_VERSION}(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*/\s*){_LISTED_VERSION})*"
)
_LISTED_VERSION_ITEM = re.compile(_LISTED_VERSION)
_LATEST_FLOOR = re.compile(rf"({_V}|v?\d+)\s*-\s*latest", re.IGNORECASE)  # "1.18-latest"


# Two whole numbers apart by a dash or "to": under a header of versions, a range of releases.
_INT_SPAN = re.compile(r"v?(\d{1,6})\s*(?:-|–|—|→|->|to|through)\s*v?(\d{1,6})", re.IGNORECASE)


@lru_cache(maxsize=4096)
def read_versions(text: str, plural: bool) -> Reading | None:
    """A cell of a column whose header says it holds versions ("Tested Kubernetes version",
    "Versions"): bare numbers there are versions, never counts ("3.0" is no count of 3). A list
    ("16, 15, 14", "1.31.7, 1.32.3, and 1.33.0") is one of those versions, and so is one version
    where the header says `plural` ("Versions | 3.0"); "1.18-latest" is a floor. None for anything
    else, which is read as any cell is (ranges and floors included). One version under a singular
    header is left alone: there it is often the row's own release ("Mobility service version |
    9.56" in a table of which kernels each release supports), no limit on a configuration."""
    body = text.strip().rstrip(".")
    if (bounds := version_bounds(body, integers=True)) is not None:
        return _NEW_READING((None, tuple(bounds), None, None))
    span = _INT_SPAN.fullmatch(body)
    if span is not None:  # "Supported Postgres Versions | 11 - 15": releases 11 to 15, no count
        low, high = sorted((span[1], span[2]), key=int)
        between = Constraint.trusted(kind="version_range", text=body, version=low, max_version=high)
        return _NEW_READING((None, (between,), None, None))
    m = _LATEST_FLOOR.fullmatch(body)
    if m:
        floor = Constraint.trusted(kind="min_version", text=body, version=_plain_version(m[1]))
        return _NEW_READING((None, (floor,), None, None))
    values = _listed(body)
    if values is None:
        return None
    if len(values) < 2 and not plural:
        # no count either ("Android | 13" in .NET's table of versions out of support, JDBC's
        # "JDBC API Version | 4.0"); a line said so ("1.27.x") is read as in any column
        return None if body[-1:] in "xX*" else _NEW_READING((None, (), body, None))
    listed = Constraint.trusted(kind="allowed_values", text=body, values=values)
    return _NEW_READING((None, (listed,), None, None))


def _release_lines(line: str) -> list[Constraint] | None:
    """Release lines said so, in any column: "1.29.*, 1.30.*", "1.27.x". A wildcard makes even
    one version a line the cell allows, where a bare "1.27" may be a count or the row's own
    release (see `read_versions`)."""
    if "x" not in line and "X" not in line and "*" not in line:
        return None
    body = line.strip().rstrip(".")
    values = _listed(body)
    if values is None or not any(v[-1] in "xX*" for v in values):
        return None
    return [Constraint.trusted(kind="allowed_values", text=body, values=values)]


def _listed(body: str) -> tuple[str, ...] | None:
    """The versions a text that is only a list of them names, once each, without a "v"."""
    if not _LISTED_VERSIONS.fullmatch(body):
        return None
    return tuple(dict.fromkeys(map(_plain_version, _LISTED_VERSION_ITEM.findall(body))))


def _read_version(sentence: str) -> Constraint | None:
    """A version floor: 'upgrade X to any version after V', 'Az 3.3.0 module onwards'."""
    # Screens: the searches need the word "version" (any case) or "onwards" (as written), and
    # one that finds neither tries every position of a long cell.
    folded = _folded(sentence)
    worded = folded is None or "version" in folded
    onwards = folded is None or "onwards" in folded  # _VERSION_OF ignores case
    m = _UPGRADE.search(sentence) if worded else None
    if m:
        exclusive = not m["op"].lower().startswith("or")
        return Constraint.trusted(
            kind="min_version",
            text=m[0],
            version=m["version"],
            exclusive_minimum=exclusive,
            subject=m["subject"].strip(),
        )
    m = _ANY_AFTER.search(sentence) if worded else None
    if m:
        return Constraint.trusted(
            kind="min_version",
            text=m[0],
            version=m["version"],
            exclusive_minimum=not m["op"].lower().startswith("or"),
        )
    m = _VERSION_OF.search(sentence) if worded and onwards else None
    if m:
        return Constraint.trusted(
            kind="min_version",
            text=_PARENS.sub("", m[0]),
            version=m["version"],
            subject=m["subject"],
        )
    m = _NAMED_ONWARDS.search(sentence) if "onwards" in sentence else None  # its case
    if m:
        subject = " ".join(p for p in (m["subject"], m["noun"]) if p)
        return Constraint.trusted(
            kind="min_version",
            text=_PARENS.sub("", sentence[m.start("subject") : m.end()]),
            version=m["version"],
            subject=subject,
        )
    m = _BARE_FLOOR.fullmatch(sentence)
    if m:
        return Constraint.trusted(
            kind="min_version", text=sentence.rstrip("."), version=m["version"]
        )
    return _or_later(sentence, folded)


def _or_later(sentence: str, folded: str | None) -> Constraint | None:
    """A release by its number, then "or later" (`_OR_LATER`)."""
    # (a non-ASCII sentence, "3.10 或更高版本", has no `folded` and is let through)
    later = folded is None or _LATER_WORDS.search(folded) is not None or "+" in sentence
    body = sentence.strip().rstrip(".")
    m = _OR_LATER.fullmatch(body) if later else None  # the whole clause: nothing else in it lost
    if m is None:
        return None
    named = m["named"]
    if named is not None and named.rsplit(" ", 1)[-1].lower() in _COUNTED:
        return None  # "Employees 500+", "Nodes 3+": a count's floor, no release of theirs
    return Constraint.trusted(
        kind="min_version",
        text=body,
        version=m["version"] or m["floor"],
        subject=m["subject"] or named,
    )


# Names of things counted, whose "N+" is at least N of them, not a release: "Users 100+".
_COUNTED = frozenset(
    {"users", "nodes", "employees", "cores", "cpus", "gpus", "vcpus", "disks", "vms", "servers"}
    | {"hosts", "instances", "members", "seats", "age", "years", "days", "items", "class"}
)


def _names(line: str) -> tuple[list[str], list[str]] | None:
    """The items of a list of names and the qualifiers around them; None if not such a list."""
    if "," not in line and len(line) > 48:
        return None  # neither a comma list nor a single name
    body = _PAREN.sub("", line).strip().rstrip(".,")
    tail = _LIST_TAIL.search(body)
    if tail:
        body = body[: tail.start()]
    if len(body) > 1000 or _SENTENCE_WORD.search(body):
        return None
    items = [i.strip() for i in _LIST_SPLIT.split(body)]
    if not all(i and len(i) <= 48 and _NAME.fullmatch(i) for i in items):
        return None
    qualifiers = [m[1] for m in _PAREN.finditer(line)]
    return items, [*qualifiers, tail[1]] if tail else qualifiers


# A listed release floor ("v19.2.0+", "13+"): an allowed value of its text would reject every
# release it admits.
_FLOOR_ITEM = re.compile(r"\d\+(?![\w+])")


def _read_list(lines: list[str]) -> tuple[Constraint, list[str], list[str]] | None:
    """A list of names: the whole text one item per line, or a comma list as the first line."""
    values: list[str] = []
    qualifiers: list[str] = []
    rest: list[str] = []
    head = None  # `_names(lines[0])` once the loop below has read it
    lines_listed = False  # the values are the lines'
    if len(lines) > 1:
        for n, line in enumerate(lines):
            names = _names(line)
            if n == 0:
                head = names
            if names is None or names[1]:
                values = []
                break
            values.extend(names[0])
        text = "\n".join(lines)
        lines_listed = bool(values)
    if not values:
        if "," not in lines[0]:
            return None
        names = head if len(lines) > 1 else _names(lines[0])
        if names is None:
            return None
        (values, qualifiers), rest, text = names, lines[1:], lines[0]
    # a bare number among names one per line is one too ("AMD64<br>ARM<br>386": the 32-bit x86
    # architecture); after commas it may be the release the rest elide ("15, SP1, SP2")
    named = lines_listed and not all(v.isdigit() for v in values)
    if len(values) < 2 or any(
        _FLOOR_ITEM.search(v) or (not (named and v.isdigit()) and _read_quantities(v) is not None)
        for v in values
    ):
        return None  # quantities, or floors ("Squid v19.2.0+, Tentacle v20.2.1+") no value equals
    if len({" " in v for v in values}) > 1:
        return None  # "SUSE Linux Enterprise Server 15, SP1, SP2": items elided, not names
    return (
        Constraint.trusted(kind="allowed_values", text=text, values=tuple(values)),
        qualifiers,
        rest,
    )


def _verdict(sentence: str, vocab: Vocabulary) -> tuple[Status | None, Stage | None, str] | None:
    """The verdict a sentence starts with (status and/or stage), and the rest of the sentence."""
    v = vocab.read(sentence)
    if v is None:
        return None
    return v.status, v.stage, _LEADING_PUNCT.sub("", v.rest).strip()


_LABELLED = re.compile(r"^(?P<label>[^:]{1,60}):\s*(?P<verdict>\S.*)$")
# A label that scopes a cell's value to every one of something: "Each supported Region: 1,000".
_EVERY = re.compile(r"Each (?!of\b)[^:]{1,60}:\s*(?P<value>.*)$")


def _labelled(lines: list[str], vocab: Vocabulary) -> Status | None:
    """'Azure: Yes' / 'Azure Arc-enabled: No' on every line: one verdict per target, summarised."""
    statuses: set[Status] = set()
    for line in lines:
        m = _LABELLED.match(line)
        hit = vocab.lookup(m["verdict"]) if m else None
        if hit is None or hit[0] is None:
            return None
        statuses.add(hit[0])
    if len(statuses) == 1:
        return next(iter(statuses))
    return "partial"


def _read_clause(
    clause: str, bound: Bound = None, remark: bool = True
) -> tuple[list[Constraint], str | None]:
    """Constraints read from one sentence, and the part of it left unread."""
    # Cheap screens first: most sentences are prose with no version, number or naming rule.
    found = None
    lower = clause.lower()
    if _HAS_VERSION.search(clause):
        versions = _read_version_list(clause)
        if versions is not None:
            return versions, None
        found = _read_version(clause)
    elif (
        _LATER_WORDS.search(lower)
        or "+" in clause
        or (not clause.isascii() and _LATER_CJK.search(clause))
    ):
        found = _read_version(clause)
    if found is None and _has_name_rule(lower):
        found = _read_charset(clause) or _read_affix(clause)
    if found is not None:
        return [found], None
    if remark and clause.endswith((")", ").")) and (floor := _floor_before_remark(clause)):
        return floor
    if _has_number(lower):
        quantities = _read_quantities(clause, bound)
        if quantities is not None:
            return quantities
        if "+" in clause and (at_least := _plus_quantity(clause, bound)) is not None:
            return [at_least], None
    return [], clause


def _plus_quantity(clause: str, bound: Bound) -> Constraint | None:
    """ "8+ vCPUs", "96+ GB" (Azure Arc's requirements): at least that many, as "8 vCPUs or more"
    says, the constraint keeping the cell's phrase."""
    plus = _PLUS_QUANTITY.fullmatch(clause)
    more = None if plus is None else _read_quantities(f"{plus[1]} {plus[2]} or more", bound)
    if more is None or more[1] is not None or len(more[0]) != 1:
        return None
    return Constraint.trusted(**{**more[0][0].__dict__, "text": clause})


_LAST_PARENS = re.compile(r"\s*\((?P<inner>[^()]+)\)\.?$")
_BOUND_KINDS = frozenset({"min_version", "max_version", "version_range"})
# A remark that bounds, excludes or stages what the floor allows: "(up to 1.30)", "(max 1.30)",
# "(< 1.30)", "(not 2.1)", "(1.25 excluded)", "(deprecated)", "(EOL)", "(beta)", "(Windows:
# 1.24+)": the floor alone would allow more than the cell says.
_REMARK_AGAINST = re.compile(
    r"\b(?:up\s+to|max(?:imum)?|min(?:imum)?\s+\d|until|through|not|no|excluded|excluding|without|"
    r"deprecated|eol|end\s+of\s+life|retired|untested|unsupported|beta|alpha|preview|"
    r"experimental|rc|broken|breaks?|known\s+issues?|end\s+of\s+support|eos)\b|[<≤:]",
    re.IGNORECASE,
)


# A whole number, a plus, then what it counts or measures: "8+ vCPUs", "96+ GB".
_PLUS_QUANTITY = re.compile(r"(\d{1,3}(?:,\d{3})*|\d+)\+\s*([A-Za-z][A-Za-z/-]{0,20})")
# A release line a floor does not reach yet: "not including 3.0+ yet" (not "excluding 2.5.x",
# which may leave out one line and allow those after it).
_NOT_YET_LINE = re.compile(
    r"not\s+including\s+v?(\d+(?:\.\d+)*)(?:(?:\.x|\+)(?:\s+yet)?|\s+yet)", re.IGNORECASE
)


def _above(high: str, low: str) -> bool:
    """Is release `high` after `low` ("3.0" after "2.20")? A ceiling at or below its floor
    allows nothing, and is no reading."""
    return _version_key(high) > _version_key(low)


def _floor_before_remark(clause: str) -> tuple[list[Constraint], str | None] | None:
    """A release's bounds, then a remark in parentheses: "5.15 and above (minimum supported)"
    is the floor 5.15, the remark left unread beside it, as a quantity's would be. A remark that
    restricts ("(Datacenter only)", "(except ARM64)") or bounds, excludes or stages what the
    floor allows (`_REMARK_AGAINST`) leaves the clause unread."""
    m = _LAST_PARENS.search(clause)
    if m is None:
        return None
    if (line := _NOT_YET_LINE.fullmatch(m["inner"].strip())) is not None:
        # "2.20+ (not including 3.0+ yet)", as OpenTelemetry's supported libraries write it: the
        # floor, and the release line not supported yet its ceiling
        found, rest = _read_clause(clause[: m.start()], remark=False)
        floor = found[0].version if len(found) == 1 and found[0].kind == "min_version" else None
        if rest is None and floor is not None and _above(line[1], floor):
            ceiling = Constraint.trusted(
                kind="max_version",
                text=m["inner"].strip(),
                max_version=line[1],
                exclusive_maximum=True,
            )
            return [found[0], ceiling], None
        return None
    if any(
        p(m["inner"]) for p in (_RESTRICTS.search, _RESTRICTING_TAIL.match, _REMARK_AGAINST.search)
    ):
        return None
    found, rest = _read_clause(clause[: m.start()], remark=False)
    if rest is None and found and all(c.kind in _BOUND_KINDS for c in found):
        return found, m.group(0).strip()
    return None


# What restricts a verdict in its own sentence: "Supported except for bug fixes", "Yes, only for
# Windows", "Supported for migration only", "✓ (only workload)"; a contrast it opens ("Supported
# but not available, use X instead"); an exception anywhere ("on all hosts except Windows"); a
# denial of part of it ("(not supported by Go, .NET and Python)", "(not for the high-level
# consumer)", "(… isn't supported)"); stated limitations ("Yes, with limitations", as the cell
# "With limitations" is partial). A way or condition of use ("through flush() + destroy()",
# "with Azure Arc", "with manual user-defined routes") says how it is supported, not that it is
# so only in part.
_RESTRICTS = re.compile(
    r"^\W*(?:apart\s+from|other\s+than|with\s+the\s+exception\s+of|limited\s+to|but)\b|"
    r"\b(?:except|excluding|only)\b|\bnot\s+(?:for|on|in|with|by)\b|"
    r"\b(?:not\s+(?:supported|available|possible|allowed)|unsupported|unavailable)\b|"
    r"n't\s+(?:be\s+)?(?:supported|available|possible|allowed)\b|"
    r"\bwith\s+(?:some\s+|known\s+|certain\s+)?(?:limitations|restrictions|caveats|exceptions)\b|"
    r"\b(?:reduced|limited)\s+functionality\b",
    re.IGNORECASE,
)
# ... and a denial scoped to some of the things a scenario covers: "Not available for machines
# that run Windows 7", "Unsupported on Linux" (not "No, for now" or "… in this release").
_DENIAL = re.compile(
    r"^\W*(?:not\s+(?:available|supported|possible|allowed)|unsupported|unavailable)\b",
    re.IGNORECASE,
)
_SCOPED = re.compile(
    r"^\W*(?:for|on|in|with|when|if|under)\s+(?!(?:now|the\s+moment|this\s+(?:release|version)|"
    r"the\s+current\s+(?:release|version)|preview)\b)\w",
    re.IGNORECASE,
)


def _scoped_denial(sentence: str, rest: str) -> bool:
    """ "Not supported for vaults with Private Endpoint enabled" after a yes: an exception to
    it (the yes holds in part), not a second verdict that makes the cell's one unknowable."""
    return _DENIAL.match(sentence) is not None and _SCOPED.match(rest) is not None


# A condition the verdict's own sentence puts on it: "Supported if you restore the disk …",
# "Yes, if storage backend supports it", "Yes (unless …)". Lower case: "Yes – If you deployed
# X, you're notified …" opens an explanation, as a later sentence's "If" does; "if needed" is
# a use, not a condition.
_CONDITIONAL = re.compile(
    r"\W*(?:if(?!\s+(?:needed|required|necessary|desired|wanted|applicable)\b)|unless|"
    r"provided\s+that|as\s+long\s+as)\b"
)


def _qualified(status: Status | None, sentence: str, rest: str) -> Status | None:
    """A verdict its own sentence restricts holds only in part: `partial`, with the restriction
    left in `unparsed` (the reader sees it quoted). A condition the compiler cannot check must not
    read as the unconditional verdict a validator would then apply everywhere."""
    if not rest:
        return status
    if status == "supported" and (_RESTRICTS.search(rest) or _CONDITIONAL.match(rest)):
        return "partial"
    if status == "not_supported" and _scoped_denial(sentence, rest):
        return "partial"
    return status


def _stage_after(status: Status | None, sentences: list[str], vocab: Vocabulary) -> Stage | None:
    """The stage said right after a verdict, taken out of `sentences`: a stage word in
    parentheses after it or on the next line ("✓ (beta)", "Yes (preview)", "Yes<br>(preview)")
    when it says the same status ("Yes (planned)" keeps "planned" as text), or the rest of the
    verdict's own sentence when that is all a stage ("Yes, in preview", "Available in preview.").
    `sentences[0]` is what follows the verdict in its sentence."""
    at = 0 if sentences[0] else 1
    after = sentences[at] if at < len(sentences) else ""
    if after[:1] == "(" and after[-1:] == ")":
        after = after[1:-1]
    elif at:
        return None
    phrase = after.rstrip(".")
    if phrase[:3].lower() == "in ":  # "in public preview" as "public preview"
        phrase = phrase[3:]
    inner = vocab.lookup(phrase) if phrase else None
    if inner is None or inner[1] is None or inner[0] != status:
        return None
    sentences[at] = ""
    return inner[1]


@lru_cache(maxsize=8192)
def read_cell(text: str, vocab: Vocabulary = DEFAULT, bound: Bound = None) -> Reading:  # noqa: C901, PLR0912 - one cell's verdict, stage, footnotes and constraints in one pass
    """Read a cell's plain text (the output of `compiler.text.to_text`, footnote markers removed).

    `vocab` says which words and symbols are verdicts (the document's legends included); `bound`
    what a number without a bound word means in this cell's column (see `Bound`).
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return Reading(None, (), None)
    if text[:5] == "Each " and (every := _EVERY.match(lines[0])) is not None:
        # "Each supported Region: 1,000": one value for every place, as AWS's quota tables give
        # it (beside "us-east-1: 20<br>Each of the other supported Regions: 12", left unread)
        rest = [every["value"], *lines[1:]] if every["value"] else lines[1:]
        if rest and not any(_LABELLED.match(line) for line in rest):
            lines, text = rest, "\n".join(rest)
    if _ITEM_NUMBER.search(text):  # "1. **VMM IP Pool**: …": no count of 1
        lines = [_ITEM_NUMBER.sub("", line) for line in lines]
    sentences = [s for line in lines for s in _sentences(line)]
    first = _verdict(sentences[0], vocab)
    if first is not None and any(
        (v := _verdict(s, vocab)) is not None
        and v[0] is not None
        and v[0] != first[0]
        and not (first[0] == "supported" and _scoped_denial(s, v[2]))
        for s in sentences[1:]
    ):
        # "Yes for VMware / No for physical servers": two verdicts, no single one; but a denial
        # that names what it is for ("Not supported for classic VMs") excepts from the yes
        first = None
    status: Status | None = first[0] if first else None
    stage: Stage | None = first[1] if first else None
    constraints: list[Constraint] = []
    unparsed: list[str] = []

    if first is not None:
        status = _qualified(status, sentences[0], first[2])
        if status == "supported" and any(_RESTRICTS.search(s) for s in sentences[1:]):
            # "Yes. Azure AD users only.", "Supported for crash consistent recovery points.
            # Application consistent recovery points aren't supported.": a later sentence of the
            # cell restricts the verdict as its own would, on its line or after a break (one
            # revision's "Yes (failback … isn't supported)" is the next's "Yes, for
            # failover.<br>Failback … isn't supported.": one reading, or a diff reports a change)
            status = "partial"
        sentences[0] = first[2]
        if stage is None:
            stage = _stage_after(first[0], sentences, vocab)
    elif len(lines) > 1 and (summary := _labelled(lines, vocab)) is not None:
        return Reading(summary, (), text)
    elif (
        len(sentences) == 1
        and sentences[0].rstrip(".").endswith("supported")
        and (st := _STATEMENT.fullmatch(sentences[0]))
    ):
        if not _HEDGE.search(st["subject"]):
            return Reading("not_supported" if st["neg"] else "supported", (), None)
    elif len(lines) == 1 and (floors := _read_version_list(lines[0]) or _release_lines(lines[0])):
        return Reading(None, tuple(floors), None)
    elif bound == "min" and len(lines) == 1 and (bare := _BARE_VERSION.fullmatch(lines[0])):
        # "Minimum containerd version | v1.0.0"
        return Reading(
            None, (Constraint.trusted(kind="min_version", text=lines[0], version=bare[1]),), None
        )
    else:
        listing = _read_list(lines)
        if listing is not None:
            constraint, qualifiers, rest = listing
            constraints.append(constraint)
            unparsed.extend(qualifiers)
            sentences = [s for line in rest for s in _sentences(line)]

    for sentence in sentences:
        if not sentence:
            continue
        found, left = _read_clause(sentence, bound)
        constraints.extend(found)
        if left:
            unparsed.append(left)
    return _NEW_READING((status, tuple(constraints), "\n".join(unparsed) or None, stage))
