"""The verdict vocabulary: every spelling of a verdict real matrices use, as one table of data.

A spelling maps to a `status` and/or a release `stage`. Spellings are compared after
normalisation (case, markup, variation selectors and surrounding punctuation ignored), so
`**Yes**`, `YES`, `✔️` and `✔` are one entry each. A document's legends override these defaults
for that document, and `[tool.matrixc] verdicts` adds to them (see `Vocabulary.extended`).

Symbols made of punctuation only (`-`, `+`, `=`, `+-`) are verdicts only as a whole cell: `- see
below` or `+1` are not. Words are verdicts when they open the cell and are followed by nothing,
punctuation or a qualifier ("Yes, up to 32 TB", "Yes for VMware"); "No new kernels" is no verdict.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple, get_args

from compiler.model.kinds import Stage, Status

Meaning = tuple[Status | None, Stage | None]
STATUSES: frozenset[str] = frozenset(get_args(Status))
STAGES: frozenset[str] = frozenset(get_args(Stage))

_S: Meaning = ("supported", None)
_P: Meaning = ("partial", None)
_N: Meaning = ("not_supported", None)
_NA: Meaning = ("not_applicable", None)

# spelling -> (status, stage). Keys are normalised (see `normalize`).
DEFAULTS: Mapping[str, Meaning] = {
    # --- words
    **dict.fromkeys(
        (
            "yes",
            "y",
            "supported",
            "fully supported",
            "full support",
            "full functionality",  # PowerShell JEA's "Full functionality with WMF 5.1"
            "full",
            "available",
            "compatible",
            "works",
            "enabled",
            "included",
            # there from the start: JEA's prerequisites' "Preinstalled" (not "Built-in": a
            # package feed's, a kernel option's, is a kind, no verdict)
            "preinstalled",
            "pre-installed",
            "true",
            "ok",
            # a column of a product's releases: every build of it (Amazon RDS's engine tables)
            "all versions",
            "all available versions",
            "all supported versions",
            "any",  # a platform's column: any version (Flutter plugins' "Linux | Any")
            # translated matrices
            "ano",
            "podporováno",
            "podporuje se",
            "ja",
            "unterstützt",
            "oui",
            "pris en charge",
            "compatible",
            "sim",
            "compatível",
            "admitido",
            # ... and in Chinese, Japanese and Korean, as Microsoft's translations of its
            # matrices write them ("是", "支持"; "はい", "サポートされない"; "예", "지원됨")
            "是",
            "是的",
            "支持",
            "已支持",
            "支援",  # Traditional Chinese (Microsoft's zh-TW): 支援, 不支援, 不適用
            "已支援",
            "完全支持",
            "可用",
            "はい",
            "対応",
            "サポート",
            "サポートされています",
            "サポートされます",
            "サポートされる",
            "サポート対象",
            "예",
            "지원",
            "지원됨",
            "지원됩니다",
        ),
        _S,
    ),
    **dict.fromkeys(
        (
            "no",
            "n",
            "not supported",
            "not currently supported",
            "currently not supported",
            "not yet supported",
            "not yet",  # "Not yet supported" without its last word
            "not supported yet",  # KubeVirt's Arm64 feature gates
            "not available yet",
            "not yet available",
            "not planned",  # of a feature parity table: not there, and no plan to add it
            "no plans",
            "unsupported",
            "not available",
            "not currently available",  # Azure Arc SQL Managed Instance's features
            "unavailable",
            "incompatible",
            "not compatible",
            # what a release has not built (containerd's transfer operations: "Not implemented")
            "unimplemented",
            "not implemented",
            "not yet implemented",
            "no support",
            "false",
            "disabled",
            # translated matrices
            "ne",
            "nepodporováno",
            "nepodporuje se",
            "nein",
            "nicht unterstützt",
            "non",
            "non pris en charge",
            "não",
            "no admitido",
            "否",
            "不支持",
            "暂不支持",
            "尚不支持",
            "不支援",
            "暫不支援",
            "尚不支援",
            "いいえ",
            "非対応",
            "未対応",
            "サポートされていません",
            "サポートされません",
            "サポートされない",
            "サポート対象外",
            "아니요",
            "아니오",
            "아닙니다",  # "it is not": the reference matrix's Korean "No."
            "미지원",
            "지원되지 않음",
            "지원되지 않습니다",
            "지원 안 됨",
        ),
        _N,
    ),
    **dict.fromkeys(
        (
            "partial",
            "partially",
            "partially supported",
            "partial support",
            "limited",
            "limited support",
            "depends",
            "it depends",
            "conditional",
            "conditionally supported",
            "varies",
            "has issues",
            "with limitations",
            "reduced functionality",  # PowerShell JEA's "Reduced functionality with WMF 5.1"
            "limited functionality",
            "部分支持",
            "部分支援",
            "一部対応",
            "一部サポート",
            "부분 지원",
        ),
        _P,
    ),
    **dict.fromkeys(
        (
            *("n/a", "na", "not applicable", "n.a.", "nelze použít", "neuplatňuje se"),
            # "不可用" ("not available") is how Microsoft's Chinese translates its "NA": the
            # reference matrix's "VMDK | NA | NA" is "VMDK | 不可用 | 不可用"
            *("不适用", "不適用", "不可用", "該当なし", "対象外", "해당 없음"),
        ),
        _NA,
    ),
    # --- release stages and lifecycle words
    **dict.fromkeys(
        (
            "ga",
            "generally available",
            "general availability",
            "active",
            "lts",
            "stable",
            "stable release",
            # Lifecycle states of a release line that is out and still fixed (Node.js' "Active
            # LTS" / "Maintenance LTS", "Released", "Maintained"): the line is supported and GA.
            # "Current" is not here: alone, in a column of versions or dates, it names the
            # newest release rather than saying it is supported.
            "active lts",
            "maintenance lts",
            "released",
            "maintained",
        ),
        ("supported", "ga"),
    ),
    **dict.fromkeys(
        (
            "preview",
            "public preview",
            "private preview",
            "limited preview",
            "beta",
            "alpha",
            "experimental",
            "unstable",
            "beta support",
            "experimental support",
            "preview support",
            "in preview",
            "in beta",  # Radon IDE's `<Maybe label="In Beta"/>` on Linux and Windows
            *("预览", "预览版", "公共预览版", "預覽", "預覽版", "公開預覽", "公開預覽版"),
            *("プレビュー", "미리 보기"),
        ),
        ("supported", "preview"),
    ),
    # Not out yet: a stage with no verdict (being built is no promise it will be supported).
    **dict.fromkeys(
        (
            "future",
            "planned",
            "coming soon",
            "tentative",
            "wip",
            "work in progress",
            "in development",
            "under development",  # TiKV's clients: "Stable | Under development"
            "in progress",
        ),
        (None, "preview"),
    ),
    "deprecated": ("supported", "deprecated"),
    # Still there, with its removal announced: a release table's "Planned for removal" (not a
    # stage to come, as "Planned" alone is).
    **dict.fromkeys(
        (
            *(
                f"{when} for {what}"
                for when in ("planned", "scheduled", "marked", "slated")
                for what in ("removal", "deprecation")
            ),
            *("pending removal", "pending deprecation", "to be removed"),
        ),
        ("supported", "deprecated"),
    ),
    "extended": ("partial", "ga"),
    # A released line that gets only some fixes: supported in part, as "extended" support is.
    **dict.fromkeys(
        ("security fixes only", "security updates only", "critical fixes only"), ("partial", "ga")
    ),
    **dict.fromkeys(
        (
            "end of life",
            "end-of-life",  # Node.js' spelling
            "eol",
            "end of support",
            "end-of-support",
            "retired",
            "removed",
            "ended",  # Traefik's "Active Support | Ended May 05, 2026"
            "unmaintained",
            "discontinued",
            "obsolete",
            "obsolete release",
        ),
        ("not_supported", "retired"),
    ),
    # --- symbols
    # (not "○": beside "●" and "◐" it is their empty circle, "none"; a legend says which)
    **dict.fromkeys(("✓", "✔", "✅", "☑", "🟢", "✓✓", "+", "⭕"), _S),
    # "×" (the multiplication sign, written for ✖) only as a whole cell: see `_ONLY_WHOLE`.
    **dict.fromkeys(("✗", "✘", "❌", "✖", "❎", "⛔", "🚫", "🔴", "-", "–", "—", "×"), _N),
    # "🚧" as its shortcode ":construction:" below.
    **dict.fromkeys(("⚠", "🟡", "🟠", "◐", "±", "+-", "+/-", "~", "(✓)", "½", "🚧"), _P),
    "=": ("partial", None),
    # --- GitHub shortcodes
    **dict.fromkeys(
        (
            ":white_check_mark:",
            ":heavy_check_mark:",
            ":ballot_box_with_check:",
            ":check:",
            ":green_circle:",
            ":+1:",
            ":thumbsup:",
        ),
        _S,
    ),
    **dict.fromkeys(
        (
            ":x:",
            ":heavy_multiplication_x:",
            ":negative_squared_cross_mark:",
            ":no_entry:",
            ":no_entry_sign:",
            ":red_circle:",
            ":-1:",
            ":thumbsdown:",
        ),
        _N,
    ),
    **dict.fromkeys((":warning:", ":yellow_circle:", ":orange_circle:", ":construction:"), _P),
}

_VARIATION = re.compile("[\ufe0e\ufe0f\u200b\u200c\u200d]")
# Verdict words that, followed by a colon or a parenthesis, abbreviate another word.
_ABBREVIATING = frozenset({"예"})
_ABBREVIATION_MARKS = frozenset({":", ")", "）", "："})
_QUOTES = "\"'`“”‘’「」『』"
# ... and the quotes of other scripts: Chinese "“是”" is "是" as '"Yes"' is "Yes".
_LEAD_CHARS = " \t\n*_~[]" + _QUOTES
_TAIL_CHARS = _LEAD_CHARS + ".,;:!。，；：！"
_SPACE = re.compile(r"\s+")
# What may follow a verdict word that opens a cell: nothing, punctuation, or a qualifier. A full
# stop only where it ends the word: "x.(y+1).*" (Longhorn's upgrade paths) is a version's
# template, no "x" mark.
_WORD_FOLLOW = (
    r"(?=$|\s*(?:\.(?!\S)|[,:;!()\[\]/。，、；：！（）【】])|\s+[-–—]|\s*[–—]|"
    r"\s+(?:for|within|in|if|from|on|with|by|only|since|when|until|"
    r"via|through|across|except|unless|as|at|up\s+to|both|but|and|or)\b|"
    # ... or a date: Traefik's "Ended May 05, 2026", "EOL 2026-04-30"
    r"\s+(?:\d{4}-\d{1,2}\b|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d))"
)
_SYMBOLIC = re.compile(r"^[^\w\s]+$")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """A spelling as the vocabulary compares it: lower case, no markup, no variation selectors."""
    # ASCII text holds no variation selector and is its own NFC form.
    s = text if text.isascii() else unicodedata.normalize("NFC", _VARIATION.sub("", text))
    s = s.lstrip(_LEAD_CHARS).rstrip(_TAIL_CHARS) or s.strip()  # a lone "~" or "*" stays itself
    return _one_space(s).lower()


def _one_space(s: str) -> str:
    r"""`_SPACE.sub(" ", s)`: every run of whitespace one space. Split and joined in C (the regex
    replaced every single space of a long cell with itself); `str.split` and `\s` agree on what
    whitespace is (str.isspace), and a run at either end stays one space."""
    words = s.split()
    if not words:
        return " " if s else ""
    out = " ".join(words)
    if s[0].isspace():
        out = " " + out
    if s[-1].isspace():
        out += " "
    return out


def is_symbolic(spelling: str) -> bool:
    """Symbols of punctuation only (`-`, `+-`, `=`): verdicts only as a whole cell."""
    return _SYMBOLIC.match(spelling) is not None


class Verdict(NamedTuple):
    """A verdict read from the start of a cell: its meaning and the text after it (a named
    tuple: one is made per text read)."""

    status: Status | None
    stage: Stage | None
    spelling: str
    rest: str


# A Verdict from the tuple of its fields (`Verdict._make` without its Python frame: one per text).
_NEW_VERDICT = functools.partial(tuple.__new__, Verdict)


def combine(meanings: Iterable[Meaning]) -> Meaning:
    """The meaning of glued symbols (`+-`, `=-`): one status if they agree, else partial."""
    meanings = list(meanings)
    statuses: set[Status] = {m[0] for m in meanings if m[0] is not None}
    stages = [m[1] for m in meanings if m[1] is not None]
    status: Status | None = None
    if len(statuses) == 1:
        status = next(iter(statuses))
    elif statuses:
        status = "partial"
    return status, (stages[-1] if stages else None)


class Vocabulary:
    """A table of spellings -> meanings, with the matcher compiled once for it."""

    def __init__(self, entries: Mapping[str, Meaning]) -> None:
        self.entries: dict[str, Meaning] = {normalize(k): v for k, v in entries.items() if k}
        self.entries.pop("", None)
        self._words = sorted(
            (k for k in self.entries if not is_symbolic(k)), key=lambda k: (-len(k), k)
        )
        self._prefix_rx: re.Pattern[str] | None = None
        self._symbols = sorted(
            (k for k in self.entries if is_symbolic(k)), key=lambda k: (-len(k), k)
        )
        # Cells repeat ("Yes", "No", "✓"): each text is read once per vocabulary.
        self._read: dict[str, Verdict | None] = {}

    def _prefix(self) -> re.Pattern[str] | None:
        """The matcher of every word spelling at the start of a text, compiled on first use: it
        is the largest pattern of the front end, and `matrixc check` imports this module only
        for its lists of words."""
        if self._prefix_rx is None and self._words:
            alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in self._words)
            # Spellings are matched at the start of normalised text; each alternative is a
            # literal, so the scan is linear in the text.
            self._prefix_rx = re.compile(rf"(?:{alternatives}){_WORD_FOLLOW}")
        return self._prefix_rx

    def extended(self, overrides: Mapping[str, Meaning]) -> Vocabulary:
        """This vocabulary with some spellings added or redefined."""
        if not overrides:
            return self
        return Vocabulary({**self.entries, **{normalize(k): v for k, v in overrides.items()}})

    def lookup(self, spelling: str) -> Meaning | None:
        """The meaning of a whole spelling, or of symbols glued together (`+-`, `=-`)."""
        key = normalize(spelling)
        hit = self.entries.get(key)
        if hit is not None:
            return hit
        if key[:4] == "all " and key[-9:] == " versions" and key.count(" ") <= 4:
            return self.entries.get("all versions")  # "All PostgreSQL 15 versions" (Amazon RDS)
        if key and len(key) <= 6 and is_symbolic(key):
            parts = self._split_symbols(key)
            if parts:
                return combine(self.entries[p] for p in parts)
        return None

    def _split_symbols(self, key: str) -> list[str] | None:
        """`=-` -> ['=', '-'] when the whole key is made of known symbols (longest first)."""
        out: list[str] = []
        pos = 0
        while pos < len(key):
            for sym in self._symbols:
                if key.startswith(sym, pos):
                    out.append(sym)
                    pos += len(sym)
                    break
            else:
                return None
        return out if len(out) > 1 else None

    def read(self, text: str) -> Verdict | None:
        """The verdict a cell's text opens with, and the rest; None when it opens with none."""
        try:
            return self._read[text]
        except KeyError:
            pass
        verdict = self._read_uncached(text)
        if len(self._read) < 65536:
            self._read[text] = verdict
        return verdict

    def cache_clear(self) -> None:
        """Forget what was read (the benchmark's first-compile figures clear every memo)."""
        self._read.clear()

    def _read_uncached(self, text: str) -> Verdict | None:  # noqa: PLR0911 - one per way out
        stripped = text.strip()
        if not stripped:
            return None
        whole = self.lookup(stripped)
        if whole is not None:
            return _NEW_VERDICT((whole[0], whole[1], stripped, ""))
        first, _, after = stripped.partition(" ")
        if first and not first[0].isalnum() and first[0] not in _QUOTES:
            # A leading symbol followed by text: "✔ Available on: …", "✓ (with Azure Arc)" (a
            # quoted word is a word: '"Stable" and "incubator" repositories discontinued').
            symbol = self.entries.get(normalize(first))
            if symbol is not None and not _ONLY_WHOLE.match(normalize(first)):
                return Verdict(symbol[0], symbol[1], first, after.strip())
        prefix = self._prefix()
        if prefix is None:
            return None
        lowered = stripped if stripped.isascii() else _VARIATION.sub("", stripped)
        m = prefix.match(lowered.lower())
        if m is None:
            return None
        word = _one_space(m.group(0).lower())
        if word in _ABBREVIATING and lowered[m.end() : m.end() + 1] in _ABBREVIATION_MARKS:
            return None  # Korean "예: spine1:eth3", "예) Linux": "for example", no yes
        hit = self.entries[word]
        return _NEW_VERDICT((hit[0], hit[1], lowered[: m.end()], lowered[m.end() :].strip()))


# ASCII punctuation symbols mean something only as the whole cell ("- see below" is a list),
# and so does "×", which opens a product ("× 2").
_ONLY_WHOLE = re.compile(r"^[-+=~–—×]+$")


@lru_cache(maxsize=64)
def _cached(items: tuple[tuple[str, Meaning], ...]) -> Vocabulary:
    return Vocabulary(dict(items))


DEFAULT = Vocabulary(DEFAULTS)


def vocabulary(
    overrides: Mapping[str, Meaning] | None = None, without: tuple[str, ...] = ()
) -> Vocabulary:
    """The default vocabulary with `overrides` on top and the spellings `without` left out
    (cached: documents share legends)."""
    if not overrides and not without:
        return DEFAULT
    # Spellings are compared normalised ("Yes" is "yes"): an override replaces the default it
    # spells, whatever its case, instead of sitting beside it and losing to it.
    merged = {normalize(k): v for k, v in DEFAULTS.items()}
    merged.update((normalize(k), v) for k, v in (overrides or {}).items())
    for spelling in without:
        merged.pop(normalize(spelling), None)
    return _cached(tuple(sorted(merged.items())))


# --- verdicts drawn as pictures or written as components --------------------------------------

# The marks a picture's file name says it draws ("icon-green-check.svg", "red-cross.png").
_DRAWN_MARKS = {"check": "✓", "checkmark": "✓", "tick": "✓", "cross": "✗", "x": "✗"}
# What a verdict drawn as a picture shows: its status's mark ("yes-icon.svg" is a check mark).
_STATUS_MARKS: Mapping[str, str] = {
    "supported": "✓",
    "not_supported": "✗",
    "not_applicable": "N/A",
}
# Words of a file name that say how a picture is drawn, not what it says: "yes-icon.svg",
# "icon-green-check.svg", "checkmark-circle-24px.png", "no@2x.png".
_DRAWING = frozenset(
    (
        "icon",
        "icons",
        "ico",
        "symbol",
        "sign",
        "mark",
        "emoji",
        "glyph",
        "circle",
        "square",
        "filled",
        "solid",
        "outline",
        "small",
        "large",
        "green",
        "red",
        "yellow",
        "orange",
        "grey",
        "gray",
        "black",
        "white",
        "blue",
        "dark",
        "light",
        "svg",
        "png",
        "gif",
    )
)
# The words of a file or component name: "YesIcon", "yes_icon", "no@2x" ("2x" a size).
_NAME_WORDS = re.compile(r"x\d+|[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+[a-z]*")
_SIZE = re.compile(r"^\d+(?:x\d*|px)?$|^x\d+$")


@lru_cache(maxsize=1024)
def drawn_verdict(source: str) -> str | None:
    """The verdict a picture's file name says it draws, as a reader sees it: the mark of its
    status ("yes-icon.svg", Microsoft Learn's, is "✓"; "icon-green-check.svg" too), or the
    verdict's words ("partial.png" is "Partial"). None for any other picture: a name that says
    anything besides the verdict ("no-image.png", "health-check.svg") is not one."""
    path = source.strip().strip("<>").split("?", 1)[0].split("#", 1)[0]
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    words = [
        w.lower()
        for w in _NAME_WORDS.findall(stem)
        if w.lower() not in _DRAWING and not _SIZE.match(w.lower())
    ]
    if len(words) == 1 and words[0] in _DRAWN_MARKS:
        return _DRAWN_MARKS[words[0]]
    spelling = " ".join(words)
    meaning = DEFAULT.entries.get(spelling) if len(spelling) > 1 else None
    if meaning is None or meaning[0] is None:
        return None  # single letters ("n.png") and words of no status ("planned.svg")
    if meaning[1] is None and meaning[0] in _STATUS_MARKS:
        return _STATUS_MARKS[meaning[0]]
    return spelling.capitalize()


@lru_cache(maxsize=1024)
def verdict_name(name: str) -> str | None:
    """A component's name as the verdict it spells, in words: MDX's `<Yes/>` and `<No/>`
    (React Native Reanimated's and Radon IDE's compatibility tables), `<NotSupported/>`; None
    for any other name (`<Spacer/>`)."""
    words = _NAME_WORDS.findall(name)
    if "".join(words) != name:
        return None
    meaning = DEFAULT.entries.get(" ".join(words).lower())
    return " ".join(words) if meaning is not None and meaning[0] is not None else None


def parse_meaning(value: str) -> Meaning | None:
    """A `[tool.matrixc] verdicts` value: a status, a stage, or 'status+stage' ('supported+ga')."""
    status: str | None = None
    stage: str | None = None
    for part in value.replace(",", "+").split("+"):
        word = part.strip().lower().replace(" ", "_").replace("-", "_")
        if word in STATUSES and status is None:
            status = word
        elif word in STAGES and stage is None:
            stage = word
        else:
            return None
    if status is None and stage is None:
        return None
    return status, stage  # type: ignore[return-value]


# --- legends ------------------------------------------------------------------------------------

# What a legend entry's explanation says, in words any vendor uses.
_NEGATIVE = re.compile(
    r"\b(?:not\s+(?:\w+\s+)?supported|unsupported|no\s+longer\s+supported|incompatible|"
    r"can't|cannot|can\s+not|isn't|aren't|doesn't|does\s+not|do\s+not|not\s+available|"
    r"unavailable|won't|will\s+not|broken|fails?|untested|planned)\b|^not\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"^(?:not|never|no)\b", re.IGNORECASE)
# Negations that say nothing against support (`_plain_negation`): of a restriction ("No
# restrictions"), of what is known ("Not evaluated", "No data", "Not yet determined") or needed.
_UNRESTRICTED = re.compile(
    r"no\s+(?:restrictions?|limits?|limitations?|known\s+(?:issues|limitations|problems))\b",
    re.IGNORECASE,
)
_NOT_AGAINST = re.compile(
    _UNRESTRICTED.pattern + "|"
    r"(?:not|no)\s+(?:yet\s+)?(?:known|evaluated|assessed|determined|decided|confirmed|reported|"
    r"data|information|info|required|needed|necessary)(?:\s+(?:yet|available))?(?=\s*(?:$|[.,;:(]))",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"\b(?:supported|supports|compatible|works?(?![- ]in[- ]progress)|will\s+work|available|"
    r"fully|exactly\s+the\s+same|"
    r"read\s+and\s+write|accepting\s+patches|tested|verified|certified)\b",
    re.IGNORECASE,
)
# Words that hedge a yes, conditions among them (the vocabulary's "Conditional"): "Must compile
# first" (intellij-ocaml's 🆗), "Requires a license"; "must not" is no condition but a refusal,
# and "Needs testing", "Requires investigation" say nothing is known yet, no condition.
_HEDGE = re.compile(
    r"\b(?:but|however|only|partial(?:ly)?|limited|some|may|might|except|issues?|known\s+bugs?|"
    r"problems?|best[- ]effort|manual|(?:work[- ]in[- ])?progress|incomplete|wip|"
    r"(?:requires?|needs?|must)(?=\s+\w)(?!\s+(?:not|no|more|further|testing|tests?|"
    r"investigation|investigating|verification|review|confirmation|info|information|work|"
    r"have)\b))\b",
    re.IGNORECASE,
)
_STAGE_WORDS: tuple[tuple[re.Pattern[str], Stage], ...] = (
    (re.compile(r"\b(?:end\s+of\s+life|no\s+longer\s+supported)\b", re.I), "retired"),
    (re.compile(r"\bdeprecated\b", re.I), "deprecated"),
    (re.compile(r"\b(?:preview|beta|alpha|upcoming|experimental|pre-?release)\b", re.I), "preview"),
    (re.compile(r"\b(?:generally\s+available|stable|long\s+term)\b", re.I), "ga"),
)


# What is not known yet, said anywhere in an explanation: "The feature has not been verified
# yet" (KubeVirt's legend of its Arm64 feature gates), "was never tested", "we have not tested
# it". No verdict: a reader learns nothing about support from it (its "verified" is no yes).
_UNKNOWN = re.compile(
    r"\b(?:has|have|had|was|were)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:yet\s+)?"
    r"(?:verified|validated|tested|confirmed|evaluated|assessed|certified)\b"
    r"|\bnot\s+(?:yet\s+)?(?:verified|validated)\b",
    re.IGNORECASE,
)


def _plain_negation(text: str) -> Meaning | None:
    """A "no" to a restriction is a yes ("No restrictions", "No known issues"); to knowledge or
    need, no verdict ("Not evaluated", "No data", "Not required")."""
    return ("supported", None) if _UNRESTRICTED.match(text) else None


def classify(explanation: str, base: Vocabulary = DEFAULT) -> Meaning | None:
    """What a legend's explanation of a symbol means, or None when its words say neither.

    An explanation that opens with a verdict word ("Deprecated; please upgrade", "Compatible")
    means that word, hedged to `partial` when the rest restricts it ("supported on files but
    can't be changed"); otherwise negative and positive words decide, both together or a hedge
    alone meaning `partial`.
    """
    text = explanation.strip()
    against = _NOT_AGAINST.match(text)
    if against is not None:
        rest = text[against.end() :]
        denied = _NEGATIVE.search(rest) is not None
        if not (denied or _POSITIVE.search(rest)):
            return _plain_negation(text)
        if _UNRESTRICTED.match(text):  # "No restrictions on Windows; not supported on Linux"
            return ("partial" if denied else "supported"), None
        text = rest.lstrip(" ,;:.")  # "Not necessary, but supported": the rest says (once)
    unknown = _UNKNOWN.search(text)
    if unknown is not None:
        rest = f"{text[: unknown.start()]} {text[unknown.end() :]}"
        if not (_NEGATIVE.search(rest) or _POSITIVE.search(rest)):
            return None
    hedged = _HEDGE.search(text) is not None
    opening = base.read(text)
    if opening is not None and not is_symbolic(normalize(opening.spelling)):
        said = opening.status
        if said == "supported" and opening.rest and hedged:
            said = "partial"
        # "Supported at the preview level": the stage the rest names
        rest_stage = next((st for rx, st in _STAGE_WORDS if rx.search(opening.rest)), None)
        return said, opening.stage or rest_stage
    stage: Stage | None = next((st for rx, st in _STAGE_WORDS if rx.search(text)), None)
    status = _status_words(text, stage, hedged)
    if status is None and stage is None:
        return None
    if status is None and stage in ("ga", "deprecated"):
        status = "supported"
    return status, stage


def _status_words(text: str, stage: Stage | None, hedged: bool) -> Status | None:
    """The status an explanation's negative and positive words say (see `classify`)."""
    negative = _NEGATIVE.search(text) is not None
    # positive words outside the negative phrases: "not yet supported" says no "supported"
    positive = _POSITIVE.search(_NEGATIVE.sub(" ", text) if negative else text) is not None
    if stage == "retired" or (_NEGATED.match(text) and len(text.split()) <= 4):
        return "not_supported"  # "Not tested", "Never supported"
    if negative:
        return "partial" if positive else "not_supported"
    if positive:
        return "partial" if hedged else "supported"
    return "partial" if hedged else None
